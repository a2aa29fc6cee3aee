import { OVERLAY_CSS } from './highlight-styles';
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
/** Addresses this close to the viewport (px) are measured on every redraw, so that scrolling finds them ready. */
const NEAR_MARGIN = 200;
/** Holders per run (see `runs`). */
const RUN_LENGTH = 32;
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
 * takes). What the page stacks above the host (z-index 0) covers the boxes, so occlusion needs no hit test
 * (`elementFromPoint` on the 60,000-row bench table brought the whole page's rendering up to date, for up to
 * 400 ms a call). The page gets nothing else: no CSS highlight, no style sheet, no attribute. The host's size,
 * attributes and styles never change; mutations inside it reach no observer of the document; the boxes ignore
 * the pointer, so `elementFromPoint` and caret lookups go through them.
 *
 * Cost follows the screen: only holders near the viewport are measured (found through runs of holders, see
 * `runs`), all in one batch of reads per animation frame, then written once; a box whose place and tint did not change is left
 * alone (boxes are in document coordinates, so scrolling the page moves them natively and writes nothing).
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
  /**
   * Holders in runs of consecutive ones, each run in document order (which is the vertical order of most
   * pages).
   * A redraw reads the first and last holder's box of every run, and measures the holders of a run only when
   * the viewport (with a margin) reaches between them: 2 reads per 32 holders, not one per holder. An
   * IntersectionObserver over every holder did the same job, but Chromium recomputes every target on every
   * scrolled frame: over the 5,455 holders of the 60,000-row bench table it took the page from 44–53 to 6–25 fps.
   */
  const runs: Element[][] = [];
  const runOf = new Map<Element, Element[]>();
  /** Ancestors that clip a holder (overflow other than `visible`), so boxes never leak out of scroll panes. */
  const clipsOf = new WeakMap<Element, Element[]>();
  let frame = 0;
  /** The boxes on screen, by geometry and tint (`boxKey`): a box drawn again with the same key is kept. */
  let shown = new Map<string, HTMLElement>();
  /** Set by `restyle`: the next redraw replaces every box. */
  let fresh = false;
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

  /** Holders of every run the viewport reaches (runs whose ends are both above it, or both below, are not). */
  function* nearHolders(): Generator<Element> {
    const bottom = view.innerHeight + NEAR_MARGIN;
    const side = (holder: Element) => {
      const { top, bottom: end } = holder.getBoundingClientRect();
      return end < -NEAR_MARGIN ? -1 : top > bottom ? 1 : 0;
    };
    for (const run of runs) {
      const first = side(run[0] as Element);
      if (first === 0 || first !== side(run[run.length - 1] as Element)) yield* run;
    }
  }

  /** Every box the occurrences near the viewport need, read in one batch (no write in between). */
  function measure(): BoxGeometry[] {
    // Boxes are placed relative to the host's own origin, which moves if the page transforms <html>.
    const origin = host.getBoundingClientRect();
    const boxes: BoxGeometry[] = [];
    marked.clear();
    for (const holder of nearHolders()) {
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
        const known = isKnown(occurrence.email);
        for (const rect of range.getClientRects()) {
          if (boxes.length >= MAX_BOXES) break;
          const x = Math.max(left, rect.left);
          const y = Math.max(top, rect.top);
          const width = Math.min(right, rect.right) - x;
          const height = Math.min(bottom, rect.bottom) - y;
          if (width <= 0 || height <= 0) continue;
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
          let run = runs[runs.length - 1];
          const last = run?.[run.length - 1];
          // A run stays in document order: a holder added before its last one (content inserted higher up
          // the page) starts a new run.
          if (!run || !last || run.length >= RUN_LENGTH || last.compareDocumentPosition(holder) & 2) {
            run = [];
            runs.push(run);
          }
          run.push(holder);
          runOf.set(holder, run);
        }
        occurrences.add(occurrence);
      } else {
        holders.delete(occurrence);
        occurrences?.delete(occurrence);
        const run = runOf.get(holder);
        if (occurrences?.size === 0 && run) {
          held.delete(holder);
          runOf.delete(holder);
          run.splice(run.indexOf(holder), 1);
          if (run.length === 0) runs.splice(runs.indexOf(run), 1);
        }
      }
      redraw();
    },
    redraw,
    restyle() {
      fresh = true;
      redraw();
    },
  };
}
