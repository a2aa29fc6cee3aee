import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** A ref whose element takes focus when the screen opens (the field the agent wants first). */
export function useFocusOnMount<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    // Effects run after paint, which under load can be after the agent has already moved on: never pull the
    // caret out of a field they are typing in (it sent an address into the quick note's body).
    const active = document.activeElement;
    if (active && active !== element && active.matches('input, textarea, select, [contenteditable]')) return;
    element.focus();
    if (element instanceof HTMLTextAreaElement || element instanceof HTMLInputElement) {
      const end = element.value.length;
      // type=search and email inputs do not support selection ranges.
      try {
        element.setSelectionRange(end, end);
      } catch {
        // Nothing to do: focus is what matters.
      }
    }
  }, []);
  return ref;
}
