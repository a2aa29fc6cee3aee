import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * The h2 of a screen. It takes focus when the screen opens so a screen reader announces where the
 * agent is, and keyboard users continue from the top of the new screen.
 */
export function ViewHeading({ children, focus = true }: { children: ComponentChildren; focus?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus && heading.current && !heading.current.closest('[data-no-autofocus]')) heading.current.focus();
  }, []);
  return (
    <h2 class="view-title" tabIndex={-1} ref={heading}>
      {children}
    </h2>
  );
}
