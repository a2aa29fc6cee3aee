import { OVERLAY_CSS } from './highlight-styles';
import type { Occurrence } from './occurrence-index';
import { OWN_UI_ATTRIBUTE } from './own-ui';

/** Boxes over one document's addresses, drawn where the page's scripts cannot tell them apart. */
export interface AddressOverlay {
  /** Starts (`true`) or stops following one occurrence. */
  track(occurrence: Occurrence, on: boolean): void;
  /** Redraws on the next animation frame (several calls, one redraw). */
  redraw(): void;
}

/** Computed `overflow` (one value, or `x y`) of an element that clips what it holds. */
const CLIPPING_OVERFLOW = /auto|scroll|hidden|clip/;
/** Addresses this close to the viewport are measured on every redraw, so that scrolling finds them ready. */
const NEAR_MARGIN = '200px';

/**
 * Draws one box over every address box in view, known customer or not: only its class differs (`k`, tinted),
 * inside a closed shadow root the page's scripts cannot reach. The same boxes for every address keep all the
 * page can measure equal (IntersectionObserver v2 occlusion, which sees any box painted over an element
 * whatever its `pointer-events`, and the time a redraw takes). The host's size, attributes and styles never
 * change; mutations inside it reach no observer of the document; the boxes ignore the pointer, so
 * `elementFromPoint` and caret lookups go through them. Only holders near the viewport (IntersectionObserver)
 * are measured, because `Range.getClientRects` costs tens of microseconds per address.
 */
export function createAddressOverlay(
  document: Document,
  signal: AbortSignal,
  isKnown: (email: string) => boolean,
): AddressOverlay {
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
  /** The element holding each address (a text node's parent), and the addresses each holder holds. */
  const holders = new Map<Occurrence, Element>();
  const held = new Map<Element, Set<Occurrence>>();
  const near = new Set<Element>();
  /** Ancestors that clip a holder (overflow other than `visible`), so boxes never leak out of scroll panes. */
  const clipsOf = new WeakMap<Element, Element[]>();
  const nearby = new view.IntersectionObserver(
    (entries) => {
      // A report queued before `unobserve` may still arrive: only followed holders count.
      for (const { target, isIntersecting } of entries) {
        if (isIntersecting && held.has(target)) near.add(target);
        else near.delete(target);
      }
      redraw();
    },
    { rootMargin: NEAR_MARGIN },
  );
  let frame = 0;

  function clips(holder: Element): Element[] {
    let found = clipsOf.get(holder);
    if (found) return found;
    found = [];
    // <body> and <html> clip to the viewport, which every box is clipped to anyway.
    for (let element: Element | null | undefined = holder; element && element !== document.body; ) {
      if (element === document.documentElement) break;
      if (CLIPPING_OVERFLOW.test(view.getComputedStyle(element).overflow)) found.push(element);
      element = element.parentElement ?? (element.parentNode as ShadowRoot | null)?.host;
    }
    clipsOf.set(holder, found);
    return found;
  }

  function draw(): void {
    frame = 0;
    if (!host.isConnected) document.documentElement?.append(host);
    // Boxes are placed relative to the host's own origin, which moves if the page transforms <html>.
    const origin = host.getBoundingClientRect();
    const boxes: HTMLElement[] = [];
    for (const holder of near) {
      let [left, top, right, bottom] = [0, 0, view.innerWidth, view.innerHeight];
      for (const clip of clips(holder)) {
        const box = clip.getBoundingClientRect();
        left = Math.max(left, box.left);
        top = Math.max(top, box.top);
        right = Math.min(right, box.right);
        bottom = Math.min(bottom, box.bottom);
      }
      const scope = holder.getRootNode() as Document | ShadowRoot;
      for (const occurrence of held.get(holder) ?? []) {
        const range = document.createRange();
        if (occurrence.kind === 'element') range.selectNodeContents(holder);
        else {
          // The text may have changed since it was scanned (its rescan is queued): stay inside it meanwhile.
          range.setStart(occurrence.node, Math.min(occurrence.start, occurrence.node.length));
          range.setEnd(occurrence.node, Math.min(occurrence.end, occurrence.node.length));
        }
        for (const rect of range.getClientRects()) {
          const x = Math.max(left, rect.left);
          const y = Math.max(top, rect.top);
          const width = Math.min(right, rect.right) - x;
          const height = Math.min(bottom, rect.bottom) - y;
          if (width <= 0 || height <= 0) continue;
          // The overlay is above everything: a sticky header, menu or dialog over the address hides its box.
          const hit = scope.elementFromPoint(x + width / 2, y + height / 2);
          if (!hit || !(hit.contains(holder) || holder.contains(hit))) continue;
          const box = div();
          // Through the CSSOM, which a page's CSP does not govern (it blocks style attributes in markup).
          box.style.cssText = `left:${x - origin.left}px;top:${y - origin.top}px;width:${width}px;height:${height}px`;
          if (isKnown(occurrence.email)) box.className = 'k';
          boxes.push(box);
        }
      }
    }
    // Fresh elements every frame: an element that appears is never a layout shift the page could observe.
    root.replaceChildren(...boxes);
  }

  function redraw(): void {
    if (!frame && !signal.aborted) frame = view.requestAnimationFrame(draw);
  }

  const listen = { capture: true, passive: true, signal };
  // Capture phase: scrolling an inner pane does not bubble, and moves its addresses as much as the page's.
  document.addEventListener('scroll', redraw, listen);
  // Images and frames that finish loading move what follows them.
  document.addEventListener('load', redraw, listen);
  view.addEventListener('resize', redraw, listen);
  signal.addEventListener('abort', () => {
    view.cancelAnimationFrame(frame);
    nearby.disconnect();
    host.remove();
  });

  return {
    track(occurrence, on) {
      // Text directly inside a shadow root has no parent element: its host stands in for it.
      const holder: Element =
        holders.get(occurrence) ??
        (occurrence.kind === 'element'
          ? occurrence.node
          : (occurrence.node.parentElement ?? (occurrence.node.parentNode as ShadowRoot).host));
      let occurrences = held.get(holder);
      if (on) {
        holders.set(occurrence, holder);
        if (!occurrences) {
          occurrences = new Set();
          held.set(holder, occurrences);
          nearby.observe(holder);
        }
        occurrences.add(occurrence);
      } else {
        holders.delete(occurrence);
        occurrences?.delete(occurrence);
        if (occurrences?.size === 0) {
          held.delete(holder);
          near.delete(holder);
          nearby.unobserve(holder);
        }
      }
      redraw();
    },
    redraw,
  };
}
