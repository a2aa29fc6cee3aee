import { OVERLAY_CSS } from './highlight-styles';
import { idleSchedulerFor } from './idle-scheduler';
import type { Occurrence } from './occurrence-index';
import { OWN_UI_ATTRIBUTE } from './own-ui';
import { TEST_BUILD, timed } from './task-clock';

/** Marks over one document's addresses, drawn where the page's scripts cannot tell them apart. */
export interface AddressOverlay {
  /** Starts (`true`) or stops following one occurrence. */
  track(occurrence: Occurrence, on: boolean): void;
  /** Redraws on the next animation frame (several calls, one redraw); boxes that did not move stay as they are. */
  redraw(): void;
  /**
   * Statuses changed: the next redraw replaces every box, whether or not its tint changed, so that applying
   * a customer's status costs the page's thread exactly what a stranger's does.
   */
  restyle(): void;
}

/** Computed `overflow` (one value, or `x y`) of an element that clips what it holds. */
const CLIPPING_OVERFLOW = /auto|scroll|hidden|clip/;
/** Addresses this close to the viewport are measured on every redraw, so that scrolling finds them ready. */
const NEAR_MARGIN = '200px';
/** Hit tests one idle callback may spend, in ms; the rest wait for the next one. */
const HIT_TEST_BUDGET_MS = 4;
/** Boxes one redraw draws at most (a page of addresses in 1px columns has thousands of line boxes in view). */
const MAX_BOXES = 500;

/** One box: left and top from the host's origin, width, height (px), and whether it is a known customer's. */
type BoxGeometry = [x: number, y: number, width: number, height: number, known: boolean];

/** Test builds only: per document, the text of every occurrence the last redraw marked (e2e tests read it). */
type MarkedWindow = { __ksMarked?: Map<Document, () => string[]> };

/**
 * Marks every address box near the viewport, known customer or not: a dotted underline, and for known
 * customers a tinted box with a solid one (class `k`), inside a closed shadow root the page's scripts cannot
 * reach. The same boxes for every address keep all the page can measure equal (IntersectionObserver v2
 * occlusion, which sees any box painted over an element whatever its `pointer-events`, and the time a redraw
 * takes). The page gets nothing else: no CSS highlight, no style sheet, no attribute. The host's size,
 * attributes and styles never change; mutations inside it reach no observer of the document; the boxes ignore
 * the pointer, so `elementFromPoint` and caret lookups go through them.
 *
 * Cost follows the screen: only holders near the viewport (IntersectionObserver) are measured, all in one
 * batch of reads per animation frame, then written once; a box whose place and tint did not change is left
 * alone (boxes are in document coordinates, so scrolling the page moves them natively and writes nothing).
 */
export function createAddressOverlay(
  document: Document,
  signal: AbortSignal,
  isKnown: (email: string) => boolean,
): AddressOverlay {
  const view = document.defaultView as Window & typeof globalThis;
  const idle = idleSchedulerFor(view);
  // An XML document's createElement gives an element outside the HTML namespace, which cannot host a shadow root.
  const div = () => document.createElementNS('http://www.w3.org/1999/xhtml', 'div') as HTMLElement;
  const host = div();
  host.setAttribute(OWN_UI_ATTRIBUTE, '');
  host.setAttribute('aria-hidden', 'true');
  const root = host.attachShadow({ mode: 'closed' });
  const sheet = new view.CSSStyleSheet();
  sheet.replaceSync(OVERLAY_CSS);
  root.adoptedStyleSheets = [sheet];
  // The boxes' layer is contained too: their extent is then ink overflow for the host, whose scrollWidth and
  // scrollHeight (readable by the page) stay 0 wherever the boxes are.
  const layer = div();
  layer.className = 'l';
  root.append(layer);
  // Inserted now, in the scanner's idle slice: the host is fixed and fully contained (OVERLAY_CSS), so neither
  // inserting it nor anything drawn inside it lays out the page again.
  document.documentElement?.append(host);
  /** The element holding each address (a text node's parent), and the addresses each holder holds. */
  const holders = new Map<Occurrence, Element>();
  const held = new Map<Element, Set<Occurrence>>();
  const near = new Set<Element>();
  /** Ancestors that clip a holder (overflow other than `visible`), so boxes never leak out of scroll panes. */
  const clipsOf = new WeakMap<Element, Element[]>();
  const nearby = new view.IntersectionObserver(
    timed('near', (entries: IntersectionObserverEntry[]) => {
      // A report queued before `unobserve` may still arrive: only followed holders count.
      for (const { target, isIntersecting } of entries) {
        if (isIntersecting && held.has(target)) near.add(target);
        else near.delete(target);
      }
      redraw();
    }),
    { rootMargin: NEAR_MARGIN },
  );
  let frame = 0;
  /** The boxes on screen, by geometry and tint (`boxKey`): a box drawn again with the same key is kept. */
  let shown = new Map<string, HTMLElement>();
  /** Set by `restyle`: the next redraw replaces every box. */
  let fresh = false;
  /** The last hit-test answer for each occurrence, reused when a redraw runs out of its hit-test budget. */
  const lastSeen = new WeakMap<Occurrence, boolean>();
  /** Occurrences the last redraw marked (test builds only). */
  const marked = new Set<Occurrence>();
  if (TEST_BUILD) {
    const scope = globalThis as MarkedWindow;
    scope.__ksMarked ??= new Map();
    const registry = scope.__ksMarked;
    registry.set(document, () =>
      [...marked]
        .map((item) =>
          item.kind === 'text' ? item.node.data.slice(item.start, item.end) : (item.node.textContent ?? ''),
        )
        .sort(),
    );
    signal.addEventListener('abort', () => registry.delete(document));
  }

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

  /**
   * Occlusion (a sticky header, menu or dialog over an address hides its box) is tested apart from drawing, in
   * idle time once the page has rendered: `elementFromPoint` costs about 1.5 ms on a 20,000-row table, and 30 ms
   * right after a DOM change, because it brings the whole page's rendering up to date. One hit test per address
   * (its first box's centre), within a budget per idle callback; a changed answer redraws. Until tested, a box
   * is drawn.
   */
  let occlusionPass: (() => void) | null = null;
  function testOcclusion(): void {
    occlusionPass?.();
    occlusionPass = idle(
      timed('occlusion', () => {
        occlusionPass = null;
        const deadline = performance.now() + HIT_TEST_BUDGET_MS;
        let changed = false;
        for (const [occurrence, [holder, x, y]] of pendingHits) {
          if (performance.now() > deadline) break;
          pendingHits.delete(occurrence);
          if (!holder.isConnected) continue;
          const hit = (holder.getRootNode() as Document | ShadowRoot).elementFromPoint(x, y);
          const seen = hit !== null && (hit.contains(holder) || holder.contains(hit));
          if (seen !== (lastSeen.get(occurrence) ?? true)) changed = true;
          lastSeen.set(occurrence, seen);
        }
        if (changed) redraw();
        else if (pendingHits.size > 0) testOcclusion();
      }),
    );
  }
  /** Points still to hit-test: each occurrence's first box centre in viewport coordinates, from the last redraw. */
  const pendingHits = new Map<Occurrence, [Element, number, number]>();

  /** Every box the occurrences near the viewport need, read in one batch (no write in between). */
  function measure(): BoxGeometry[] {
    // Boxes are placed relative to the host's own origin, which moves if the page transforms <html>.
    const origin = host.getBoundingClientRect();
    const boxes: BoxGeometry[] = [];
    pendingHits.clear();
    marked.clear();
    for (const holder of near) {
      if (boxes.length >= MAX_BOXES) break;
      // Not clipped to the viewport: boxes are in document coordinates and scroll with it, natively.
      let [left, top, right, bottom] = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, Infinity, Infinity];
      for (const clip of clips(holder)) {
        const box = clip.getBoundingClientRect();
        left = Math.max(left, box.left);
        top = Math.max(top, box.top);
        right = Math.min(right, box.right);
        bottom = Math.min(bottom, box.bottom);
      }
      for (const occurrence of held.get(holder) ?? []) {
        const range = document.createRange();
        if (occurrence.kind === 'element') range.selectNodeContents(holder);
        else {
          // The text may have changed since it was scanned (its rescan is queued): stay inside it meanwhile.
          range.setStart(occurrence.node, Math.min(occurrence.start, occurrence.node.length));
          range.setEnd(occurrence.node, Math.min(occurrence.end, occurrence.node.length));
        }
        let first = true;
        const visible = lastSeen.get(occurrence) ?? true;
        const known = isKnown(occurrence.email);
        for (const rect of range.getClientRects()) {
          if (boxes.length >= MAX_BOXES) break;
          const x = Math.max(left, rect.left);
          const y = Math.max(top, rect.top);
          const width = Math.min(right, rect.right) - x;
          const height = Math.min(bottom, rect.bottom) - y;
          if (width <= 0 || height <= 0) continue;
          if (first) {
            first = false;
            const [cx, cy] = [x + width / 2, y + height / 2];
            // Only points in the viewport can be hit-tested; the others wait until a scroll brings them in.
            if (cx >= 0 && cy >= 0 && cx < view.innerWidth && cy < view.innerHeight)
              pendingHits.set(occurrence, [holder, cx, cy]);
          }
          if (!visible) break;
          if (TEST_BUILD) marked.add(occurrence);
          boxes.push([x - origin.left, y - origin.top, width, height, known]);
        }
      }
    }
    return boxes;
  }

  /** Reads every rectangle first, then writes once: the page is laid out at most once per frame, by the browser. */
  const draw = timed('draw', () => {
    frame = 0;
    if (!host.isConnected) document.documentElement?.append(host);
    const boxes = measure();
    if (pendingHits.size > 0) testOcclusion();
    const next = new Map<string, HTMLElement>();
    const added: HTMLElement[] = [];
    for (const geometry of boxes) {
      let key = geometry.join();
      // Two addresses may share a box (a link's text and its mailto:): each keeps its own.
      while (next.has(key)) key += '+';
      let box = fresh ? undefined : shown.get(key);
      if (!box) {
        // A fresh element for every new place: an element that appears is never a layout shift the page could
        // observe, where one that moved would be.
        box = div();
        const [x, y, width, height, known] = geometry;
        // Through the CSSOM, which a page's CSP does not govern (it blocks style attributes in markup).
        box.style.cssText = `left:${x}px;top:${y}px;width:${width}px;height:${height}px`;
        if (known) box.className = 'k';
        added.push(box);
      }
      next.set(key, box);
    }
    if (fresh) layer.replaceChildren(...added);
    else {
      for (const [key, box] of shown) if (next.get(key) !== box) box.remove();
      if (added.length > 0) layer.append(...added);
    }
    shown = next;
    fresh = false;
  });

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
    occlusionPass?.();
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
      const wasNear = near.has(holder);
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
      // Only an occurrence near the viewport changes what is drawn (a new holder is drawn once reported near).
      if (wasNear) redraw();
    },
    redraw,
    restyle() {
      fresh = true;
      redraw();
    },
  };
}
