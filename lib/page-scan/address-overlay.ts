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

/** Computed `position` of a box that moves against the document as it scrolls. */
const FLOATING_POSITION = /fixed|sticky/;

/** Up to RUN_LENGTH consecutive holders, and where the first and last one were when last read. */
interface Run {
  holders: Element[];
  /** Top and bottom of the first holder, then of the last, in the host's coordinates. */
  ends: [number, number, number, number];
  /** The ends must be read again. */
  stale: boolean;
  /** The holders must be measured again if they are near the viewport. */
  measured: boolean;
}

/** A holder's boxes: for each, `x,y,width,height,known` in the host's coordinates, and its element. */
interface Drawn {
  keys: string[];
  boxes: HTMLElement[];
  /** Occurrences with at least one box (test builds only). */
  marked: Occurrence[];
}

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
   * A redraw knows where the first and last holder of every run are, and measures the holders of a run only
   * when the viewport (with a margin) reaches between them: 2 reads per 32 holders, not one per holder. An
   * IntersectionObserver over every holder did the same job, but Chromium recomputes every target on every
   * scrolled frame: over the 5,455 holders of the 60,000-row bench table it took the page from 44–53 to 6–25 fps.
   * The ends are read again only when something may have moved them (`stale`): reading them on every scrolled
   * frame cost 340 reads a frame there, each one a trip through Blink's style and layout update, and the page
   * fell to 5–15 fps (issue 14). Scrolling the document moves neither the holders nor the boxes in document
   * coordinates, so it reads nothing unless a run comes near.
   */
  const runs: Run[] = [];
  const runOf = new Map<Element, Run>();
  /** Everything may have moved (load, resize, mutations): every run's ends are read again. */
  let allStale = true;
  /** Ancestors that clip a holder (overflow other than `visible`), so boxes never leak out of scroll panes. */
  const clipsOf = new WeakMap<Element, Element[]>();
  /** Holders inside a fixed or sticky box, and their runs: they move against the document as it scrolls. */
  const floating = new WeakSet<Element>();
  const floatingRuns = new Set<Run>();
  let frame = 0;
  /** Runs the last redraw found near the viewport. */
  const near = new Set<Run>();
  /** The document's height when the runs were last located (`scrollHeight`). */
  let documentHeight = 0;
  /** The boxes on screen, per holder, with the geometry and tint of each (`boxKey`). */
  let shown = new Map<Element, Drawn>();
  /** Set by `restyle`: the next redraw replaces every box. */
  let fresh = false;
  /** Some run was invalidated since the last redraw (its holders must be measured if near). */
  let toMeasure = true;
  if (TEST_BUILD) {
    const scope = globalThis as MarkedWindow;
    scope.__ksMarked ??= new Map();
    const registry = scope.__ksMarked;
    registry.set(document, () =>
      [...shown.values()]
        .flatMap((drawn) => drawn.marked)
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
      const style = view.getComputedStyle(element);
      if (CLIPPING_OVERFLOW.test(style.overflow)) found.push(element);
      if (FLOATING_POSITION.test(style.position)) floating.add(holder);
      element = element.parentElement ?? (element.parentNode as ShadowRoot | null)?.host;
    }
    clipsOf.set(holder, found);
    const run = runOf.get(holder);
    if (run && floating.has(holder)) floatingRuns.add(run);
    return found;
  }

  /** Reads where a run's two ends are, in the host's coordinates (document coordinates, unless <html> moved). */
  function locate(run: Run, originTop: number): void {
    const first = (run.holders[0] as Element).getBoundingClientRect();
    const last = (run.holders[run.holders.length - 1] as Element).getBoundingClientRect();
    run.ends = [first.top - originTop, first.bottom - originTop, last.top - originTop, last.bottom - originTop];
    run.stale = false;
  }

  /** Whether the viewport (with a margin), at `originTop`, reaches a run: its ends are not both above, or both below. */
  function isNear(run: Run, originTop: number): boolean {
    const top = -originTop - NEAR_MARGIN;
    const bottom = -originTop + view.innerHeight + NEAR_MARGIN;
    const side = (start: number, end: number) => (end < top ? -1 : start > bottom ? 1 : 0);
    const [firstTop, firstBottom, lastTop, lastBottom] = run.ends;
    const first = side(firstTop, firstBottom);
    return first === 0 || first !== side(lastTop, lastBottom);
  }

  /** Every run the viewport reaches, locating the runs that may have moved first. */
  function nearRuns(originTop: number): Run[] {
    const found: Run[] = [];
    for (const run of runs) {
      if (allStale || run.stale) locate(run, originTop);
      if (isNear(run, originTop)) found.push(run);
    }
    allStale = false;
    return found;
  }

  /** The boxes one holder's occurrences need, in the host's coordinates. */
  function measure(holder: Element, origin: DOMRect, drawn: Drawn, room: number): void {
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
        if (drawn.keys.length >= room) return;
        const x = Math.max(left, rect.left);
        const y = Math.max(top, rect.top);
        const width = Math.min(right, rect.right) - x;
        const height = Math.min(bottom, rect.bottom) - y;
        if (width <= 0 || height <= 0) continue;
        if (TEST_BUILD && !drawn.marked.includes(occurrence)) drawn.marked.push(occurrence);
        let key = [x - origin.left, y - origin.top, width, height, known].join();
        // Two addresses may share a box (a link's text and its mailto:): each keeps its own.
        while (drawn.keys.includes(key)) key += '+';
        drawn.keys.push(key);
      }
    }
  }

  /**
   * Reads every rectangle first, then writes once: the page is laid out at most once per frame, by the browser.
   * Only holders of runs that may have moved, or that just came near, are measured; the others keep their boxes.
   */
  const draw = timed('draw', () => {
    frame = 0;
    if (!host.isConnected) document.documentElement?.append(host);
    // Boxes are placed relative to the host's own origin, which moves if the page transforms <html>.
    const origin = host.getBoundingClientRect();
    if (!allStale && !unmoved(origin.top)) {
      allStale = true;
      for (const run of runs) invalidate(run);
    }
    const nearNow = nearRuns(origin.top);
    // A scroll that brings no run near or away, with nothing to measure, changes no box: stop here, before
    // walking any holder (on the 60,000-row bench table this was most of every scrolled frame's script).
    if (!fresh && !toMeasure && nearNow.length === near.size && nearNow.every((run) => near.has(run))) return;
    near.clear();
    toMeasure = false;
    const next = new Map<Element, Drawn>();
    let count = 0;
    for (const [holder, run] of holdersOf(nearNow)) {
      if (count >= MAX_BOXES) break;
      let drawn = shown.get(holder);
      if (fresh || run.measured || !drawn) {
        const previous = drawn;
        drawn = { keys: [], boxes: [], marked: [] };
        measure(holder, origin, drawn, MAX_BOXES - count);
        drawn.boxes = drawn.keys.map((key) => {
          const kept = fresh ? -1 : (previous?.keys.indexOf(key) ?? -1);
          return kept >= 0 ? (previous?.boxes[kept] as HTMLElement) : boxOf(key);
        });
      }
      count += drawn.keys.length;
      next.set(holder, drawn);
    }
    for (const run of runs) run.measured = false;
    const kept = new Set<HTMLElement>();
    for (const drawn of next.values()) for (const box of drawn.boxes) kept.add(box);
    if (fresh) layer.replaceChildren(...kept);
    else {
      for (const drawn of shown.values()) for (const box of drawn.boxes) if (!kept.has(box)) box.remove();
      const added = [...kept].filter((box) => !box.isConnected);
      if (added.length > 0) layer.append(...added);
    }
    shown = next;
    fresh = false;
  });

  /**
   * A fresh element for every new place: an element that appears is never a layout shift the page could
   * observe, where one that moved would be.
   */
  function boxOf(key: string): HTMLElement {
    const [x, y, width, height, known] = key.split(',');
    const box = div();
    // Through the CSSOM, which a page's CSP does not govern (it blocks style attributes in markup).
    box.style.cssText = `left:${x}px;top:${y}px;width:${width}px;height:${height}px`;
    if (known?.startsWith('true')) box.className = 'k';
    return box;
  }

  /** Runs whose holders may have moved: measured again on the next frame. */
  function invalidate(run: Run): void {
    run.stale = true;
    run.measured = true;
    toMeasure = true;
  }

  /** Each holder of the runs given, with its run; records the runs as near. */
  function* holdersOf(nearNow: Run[]): Generator<[Element, Run]> {
    for (const run of nearNow) {
      near.add(run);
      for (const holder of run.holders) yield [holder, run];
    }
  }

  function redraw(): void {
    if (!frame && !signal.aborted) frame = view.requestAnimationFrame(draw);
  }

  /** Layout may have changed anywhere: every run is located and every near holder measured again. */
  function relayout(): void {
    allStale = true;
    for (const run of runs) invalidate(run);
    redraw();
  }

  function scrolled(event: Event): void {
    const pane = event.target;
    if (pane instanceof view.Element) {
      // An inner pane moved the holders inside it, and only those.
      for (const run of runs) {
        const first = run.holders[0] as Element;
        const last = run.holders[run.holders.length - 1] as Element;
        if (
          pane.contains(first) ||
          pane.contains(last) ||
          (first.compareDocumentPosition(pane) & 4 && pane.compareDocumentPosition(last) & 4)
        )
          invalidate(run);
      }
      redraw();
      return;
    }
    // The document: what is fixed or sticky moved against it; the rest moved with the boxes.
    for (const run of floatingRuns) invalidate(run);
    redraw();
  }

  /**
   * Whether the runs' ends read earlier still hold: the document is as tall as it was and the first holder of
   * every run near the viewport is where it was. A change of style the scanner does not observe (a class, a
   * style attribute, a web font) moves holders without a mutation it reports.
   */
  function unmoved(originTop: number): boolean {
    const height = document.documentElement?.scrollHeight ?? 0;
    const sameHeight = height === documentHeight;
    documentHeight = height;
    if (!sameHeight) return false;
    for (const run of near) {
      if (run.stale || !run.holders[0]) continue;
      if (Math.abs(run.holders[0].getBoundingClientRect().top - originTop - run.ends[0]) > 0.5) return false;
    }
    return true;
  }

  const listen = { capture: true, passive: true, signal };
  // Capture phase: scrolling an inner pane does not bubble, and moves its addresses as much as the page's.
  document.addEventListener('scroll', scrolled, listen);
  // Images and frames that finish loading move what follows them.
  document.addEventListener('load', relayout, listen);
  view.addEventListener('resize', relayout, listen);
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
          const last = run?.holders[run.holders.length - 1];
          // A run stays in document order: a holder added before its last one (content inserted higher up
          // the page) starts a new run.
          if (!run || !last || run.holders.length >= RUN_LENGTH || last.compareDocumentPosition(holder) & 2) {
            run = { holders: [], ends: [0, 0, 0, 0], stale: true, measured: true };
            runs.push(run);
          }
          run.holders.push(holder);
          runOf.set(holder, run);
          if (floating.has(holder)) floatingRuns.add(run);
        }
        occurrences.add(occurrence);
      } else {
        holders.delete(occurrence);
        occurrences?.delete(occurrence);
        const run = runOf.get(holder);
        if (occurrences?.size === 0 && run) {
          held.delete(holder);
          runOf.delete(holder);
          run.holders.splice(run.holders.indexOf(holder), 1);
          if (run.holders.length === 0) {
            runs.splice(runs.indexOf(run), 1);
            floatingRuns.delete(run);
          }
        }
      }
      const run = runOf.get(holder);
      if (run) invalidate(run);
      // A holder that left its run (or a run that went) has boxes to remove even if no run is measured.
      toMeasure = true;
      redraw();
    },
    redraw: relayout,
    restyle() {
      fresh = true;
      redraw();
    },
  };
}
