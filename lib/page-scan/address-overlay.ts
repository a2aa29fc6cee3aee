import { OVERLAY_CSS } from './highlight-styles';
import type { Occurrence } from './occurrence-index';
import { OWN_UI_ATTRIBUTE } from './own-ui';

/** Schedules a redraw of one document's overlay on its next animation frame (several calls, one redraw). */
export type RedrawOverlay = () => void;

/** Computed `overflow` (one value, or `x y`) of an element that clips what it holds. */
const CLIPPING_OVERFLOW = /auto|scroll|hidden|clip/;

interface Mark {
  range: Range;
  /** The element holding the address (a text node's parent), and the tree scope to hit-test it in. */
  holder: Element;
  scope: DocumentOrShadowRoot;
  /** Ancestors that clip the address (overflow other than `visible`), so marks never leak out of scroll panes. */
  clips: Element[];
}

/**
 * Draws the "known customer" look over one document without telling the page which addresses are known.
 * One host element whose size, attributes and styles never change carries a closed shadow root: the page's
 * scripts cannot reach into it, its MutationObservers do not see changes inside it, and the marks ignore the
 * pointer (`elementFromPoint` and caret lookups go through them). Every trigger redraws, whatever is known,
 * so the host's behaviour (re-inserted if the page removes it) never depends on the answer.
 */
export function createKnownOverlay(
  document: Document,
  signal: AbortSignal,
  knownOccurrences: () => Iterable<Occurrence>,
): RedrawOverlay {
  const view = document.defaultView as Window & typeof globalThis;
  // An XML document's createElement gives an element outside the HTML namespace, which cannot host a shadow root.
  const div = () => document.createElementNS('http://www.w3.org/1999/xhtml', 'div') as HTMLElement;
  const host = div();
  host.setAttribute(OWN_UI_ATTRIBUTE, '');
  host.setAttribute('aria-hidden', 'true');
  const root = host.attachShadow({ mode: 'closed' });
  const sheet = new view.CSSStyleSheet();
  sheet.replaceSync(OVERLAY_CSS);
  root.adoptedStyleSheets = [sheet];
  const marks = new WeakMap<Occurrence, Mark>();
  let frame = 0;

  function markOf(occurrence: Occurrence): Mark {
    let mark = marks.get(occurrence);
    if (mark) return mark;
    const range = document.createRange();
    let holder: Element;
    if (occurrence.kind === 'element') {
      holder = occurrence.node;
      range.selectNodeContents(holder);
    } else {
      const { node } = occurrence;
      // Text directly inside a shadow root has no parent element: its host stands in for it.
      holder = node.parentElement ?? ((node.parentNode as ShadowRoot).host as Element);
      // The text may have changed since it was scanned (its rescan is queued): stay inside it meanwhile.
      range.setStart(node, Math.min(occurrence.start, node.length));
      range.setEnd(node, Math.min(occurrence.end, node.length));
    }
    const clips: Element[] = [];
    let element: Element | null | undefined = holder;
    // <body> and <html> clip to the viewport, which every mark is clipped to anyway.
    while (element && element !== document.body && element !== document.documentElement) {
      if (CLIPPING_OVERFLOW.test(view.getComputedStyle(element).overflow)) clips.push(element);
      element = element.parentElement ?? (element.parentNode as ShadowRoot | null)?.host;
    }
    mark = { range, holder, scope: holder.getRootNode() as Document | ShadowRoot, clips };
    marks.set(occurrence, mark);
    return mark;
  }

  function draw(): void {
    frame = 0;
    if (!host.isConnected) document.documentElement?.append(host);
    // Marks are placed relative to the host's own origin, which moves if the page transforms <html>.
    const origin = host.getBoundingClientRect();
    const boxes: HTMLElement[] = [];
    for (const occurrence of knownOccurrences()) {
      const { range, holder, scope, clips } = markOf(occurrence);
      let [left, top, right, bottom] = [0, 0, view.innerWidth, view.innerHeight];
      for (const clip of clips) {
        const box = clip.getBoundingClientRect();
        left = Math.max(left, box.left);
        top = Math.max(top, box.top);
        right = Math.min(right, box.right);
        bottom = Math.min(bottom, box.bottom);
      }
      for (const rect of range.getClientRects()) {
        const x = Math.max(left, rect.left);
        const y = Math.max(top, rect.top);
        const width = Math.min(right, rect.right) - x;
        const height = Math.min(bottom, rect.bottom) - y;
        if (width <= 0 || height <= 0) continue;
        // The overlay is above everything: a sticky header, menu or dialog over the address hides its mark.
        const hit = scope.elementFromPoint(x + width / 2, y + height / 2);
        if (!hit || !(hit.contains(holder) || holder.contains(hit))) continue;
        const box = div();
        // CSSOM properties, not a style attribute: a page's CSP cannot block them.
        Object.assign(box.style, {
          left: `${x - origin.left}px`,
          top: `${y - origin.top}px`,
          width: `${width}px`,
          height: `${height}px`,
        });
        boxes.push(box);
      }
    }
    // Fresh elements every frame: an element that appears is never a layout shift the page could observe.
    root.replaceChildren(...boxes);
  }

  const redraw: RedrawOverlay = () => {
    if (!frame && !signal.aborted) frame = view.requestAnimationFrame(draw);
  };
  const listen = { capture: true, passive: true, signal };
  // Capture phase: scrolling an inner pane does not bubble, and moves its addresses as much as the page's.
  document.addEventListener('scroll', redraw, listen);
  // Images and frames that finish loading move what follows them.
  document.addEventListener('load', redraw, listen);
  view.addEventListener('resize', redraw, listen);
  signal.addEventListener('abort', () => {
    view.cancelAnimationFrame(frame);
    host.remove();
  });
  redraw();
  return redraw;
}
