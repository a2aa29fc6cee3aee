import { emailsFromMailto } from '../email';
import type { OccurrenceIndex } from './occurrence-index';

/** Text smaller than this (px) is not something the agent reads: `font-size: 0` or a scaled-down glyph run. */
const MIN_TEXT_PX = 8;

/**
 * The address the agent clicked (the event's `composedPath()` and client coordinates), or null. Only what the
 * agent can see counts (issue 21, finding 3): the point must be on the glyphs of a highlighted address that
 * are rendered, legible and not transparent, in a text node of the very element the click landed on (so
 * hit testing has already ruled out clipped text and layers above it); or the click is on a visible link of
 * normal size whose `mailto:` or text is that address. Addresses in other attributes (an ancestor's
 * `data-email`, an invisible full-page element) are still detected, but a click never chooses them.
 */
export function emailAtPoint(
  index: OccurrenceIndex,
  path: readonly EventTarget[],
  x: number,
  y: number,
): string | null {
  const innermost = path[0] as Element | undefined;
  if (!innermost || !legible(innermost)) return null;
  // Every child is one map look-up; a click is rare enough to afford it on a long list.
  for (const child of innermost.childNodes) {
    for (const occurrence of index.at(child)) {
      if (occurrence.kind !== 'text') continue;
      const range = (child.ownerDocument as Document).createRange();
      range.setStart(child, occurrence.start);
      range.setEnd(child, Math.min(occurrence.end, (child as Text).length));
      for (const rect of range.getClientRects()) {
        // A glyph run squeezed below reading size (a transform) is not an address the agent saw.
        if (rect.height >= MIN_TEXT_PX && x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom)
          return occurrence.email;
      }
    }
  }
  const link = innermost.closest('a[href]');
  const box = link?.getBoundingClientRect();
  // A page-sized link is a trap laid over the page, not a link the agent aimed at.
  if (!link || !box || box.width > 800 || box.height > 120 || !legible(link)) return null;
  const highlighted = index.all().filter((item) => link.contains(item.node));
  const mailto = emailsFromMailto(link.getAttribute('href') ?? '');
  return (
    (highlighted.find((item) => item.kind === 'text') ?? highlighted.find((item) => mailto.includes(item.email)))
      ?.email ?? null
  );
}

/** An element, rendered, not transparent (itself or an ancestor), with text of a size the agent reads. */
function legible(element: Element): boolean {
  if (element.nodeType !== 1 || element.checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true }) === false)
    return false;
  const style = (element.ownerDocument.defaultView ?? window).getComputedStyle(element);
  // Computed colours with no alpha come back as `rgba(…, 0)`.
  return parseFloat(style.fontSize) >= MIN_TEXT_PX && !/a\([^)]*, 0\)/.test(style.color + style.webkitTextFillColor);
}
