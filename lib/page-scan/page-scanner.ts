import { type EmailMatch, findEmails } from '../email';
import { phoneOccurrences } from '../phone/candidates';
import { ATTRIBUTE_SOURCE_SELECTOR, emailsFromAttributes, WATCHED_ATTRIBUTES } from './attribute-sources';
import { idleSchedulerFor, type ScheduleIdle } from './idle-scheduler';
import {
  createOccurrenceIndex,
  type EmailChange,
  type OccurrenceDelta,
  type OccurrenceIndex,
} from './occurrence-index';
import { isOwnUi } from './own-ui';
import { isInsideSkipped, isSkippedElement } from './skip-rules';
import { timed } from './task-clock';

export interface PageScanOptions {
  /** The top document; open shadow roots and same-origin frames inside it are scanned too. */
  document: Document;
  /** Aborting stops observers, timers and pending work and forgets every finding. */
  signal: AbortSignal;
  /** The page's set of addresses changed (debounced by `reportDelayMs`). */
  onEmailsChanged?: (change: EmailChange) => void;
  /** Occurrences changed in the slice that just ran (for highlights). */
  onOccurrencesChanged?: (delta: OccurrenceDelta) => void;
  /** The observed DOM changed, with or without addresses (layout may have moved the ones already found). */
  onMutations?: () => void;
  /** Phone numbers are found too (text and `tel:` links), keyed `tel:<digits>` beside addresses (issue 15). */
  phones?: boolean;
  /** Where findings go; a fresh index when omitted. */
  index?: OccurrenceIndex;
  /**
   * A slice stops before it has run this long, or before the browser's idle period ends when that is shorter;
   * half of it when the page gave no idle period (the idle timeout passed).
   */
  sliceBudgetMs?: number;
  reportDelayMs?: number;
  scheduleIdle?: ScheduleIdle;
  now?: () => number;
}

/** Work counters, for tests and the benchmark. */
export interface ScanStats {
  textNodesScanned: number;
  /**
   * Elements without element children whose text was read whole (`textContent`) and held nothing, so that
   * their text nodes were never visited (see `visit`).
   */
  leavesSkipped: number;
  elementsScanned: number;
  slices: number;
  longestSliceMs: number;
}

export interface PageScan {
  readonly index: OccurrenceIndex;
  readonly stats: ScanStats;
  /** Resolves once every queued root has been scanned. */
  whenIdle(): Promise<void>;
}

const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_NODE = 9;
const DOCUMENT_FRAGMENT_NODE = 11;
/**
 * The clock is read once this much work has been done since the last read: a node is one unit, and a text node
 * adds one unit per 64 characters (the phone scan reads every digit). 16 units are a few µs of work, so a
 * slice stops within microseconds of its deadline; 32 nodes and no weight let one slice of the 60,000-row
 * bench table run 36 ms against an 8 ms budget (issue 14).
 */
const UNITS_PER_CLOCK_CHECK = 16;
/** A slice that runs because the idle timeout passed (the page is never idle, e.g. scrolling) gets this share of the budget. */
const BUSY_SHARE = 0.5;
/** `IFRAME` and `FRAME` (lower case in XHTML). */
const FRAME_TAG = /^i?frame$/i;
/** Shortest text that can hold an address (`a@b.co`). */
const MIN_ADDRESS_LENGTH = 6;
/** Shortest text that can hold a phone number (7 digits). */
const MIN_PHONE_LENGTH = 7;
/** Shared by every text node without an address: one allocation less per node (the scan's garbage is scavenged inside its slices). */
const NO_MATCHES: readonly EmailMatch[] = [];

/** A text node's addresses and phone candidates, in text order (a candidate never overlaps an address). */
function withPhones(text: string, emails: readonly EmailMatch[]): readonly EmailMatch[] {
  const found = phoneOccurrences(text);
  if (found.length === 0) return emails;
  if (emails.length === 0) return found;
  return [...emails, ...found].sort((a, b) => a.start - b.start);
}

/** ASCII digits a phone candidate needs at least (`MIN_DIGITS` in lib/phone/candidates.ts). */
const MIN_PHONE_DIGITS = 7;

/** Whether `text` has at least `count` ASCII digits (the only digits a phone candidate reads). */
function hasDigits(text: string, count: number): boolean {
  let found = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57 && ++found >= count) return true;
  }
  return false;
}

/**
 * The walker's next node, stepping over the subtrees of skipped elements, and over the current node's own
 * subtree when `overCurrent` (a leaf whose text was read whole).
 */
function nextScannable(walker: TreeWalker, overCurrent: boolean): Node | null {
  let node = overCurrent ? nextAfterSubtree(walker) : walker.nextNode();
  while (node && node.nodeType === ELEMENT_NODE && isSkippedElement(node as Element)) node = nextAfterSubtree(walker);
  return node;
}

/** The node after the current node's subtree: its next sibling, or the next sibling of an ancestor. */
function nextAfterSubtree(walker: TreeWalker): Node | null {
  for (;;) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
    if (!walker.parentNode()) return null;
  }
}

/**
 * Scans a page for addresses in idle-time slices of at most `sliceBudgetMs`, then follows it with a
 * MutationObserver that rescans only added or changed nodes. Stops when `signal` aborts.
 */
export function startPageScan(options: PageScanOptions): PageScan {
  const { document: topDocument, signal } = options;
  const view = topDocument.defaultView;
  if (!view) throw new Error('No window');
  const budget = options.sliceBudgetMs ?? 8;
  const reportDelay = options.reportDelayMs ?? 250;
  const scheduleIdle = options.scheduleIdle ?? idleSchedulerFor(view, signal);
  const now = options.now ?? (() => view.performance.now());
  const phones = options.phones === true;

  const index = options.index ?? createOccurrenceIndex();
  const stats: ScanStats = {
    textNodesScanned: 0,
    leavesSkipped: 0,
    elementsScanned: 0,
    slices: 0,
    longestSliceMs: 0,
  };
  const queue: Node[] = [];
  const pending = new Set<Node>();
  const attributeTargets = new Set<Element>();
  const observedRoots = new WeakSet<Node>();
  const frameDocuments = new WeakMap<Element, Document | null>();
  let walker: TreeWalker | null = null;
  /** The node just visited was a leaf whose text held nothing: the walker steps over its text nodes. */
  let skipChildren = false;
  let cancelSlice: (() => void) | null = null;
  let reportTimer: ReturnType<typeof setTimeout> | null = null;
  let needsPrune = false;
  /** The first complete pass is always reported, even with no address, so the background knows it ran. */
  let firstPassDone = false;
  let reportEvenIfUnchanged = false;
  let idleWaiters: (() => void)[] = [];

  const observer = new view.MutationObserver(
    timed('mutations', (records: MutationRecord[]) => {
      for (const record of records) handleMutation(record);
      if (queue.length > 0 || attributeTargets.size > 0 || needsPrune) schedule();
      options.onMutations?.();
    }),
  );

  function observe(root: Document | ShadowRoot): void {
    if (observedRoots.has(root)) return;
    observedRoots.add(root);
    observer.observe(root, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: WATCHED_ATTRIBUTES,
    });
  }

  function enqueue(node: Node): void {
    if (pending.has(node)) return;
    pending.add(node);
    queue.push(node);
  }

  function handleMutation(record: MutationRecord): void {
    if (isOwnUi(record.target)) return;
    if (record.type === 'childList') {
      for (const added of record.addedNodes) if (!(added.nodeType === ELEMENT_NODE && isOwnUi(added))) enqueue(added);
      if (record.removedNodes.length > 0) needsPrune = true;
    } else if (record.type === 'characterData') {
      enqueue(record.target);
    } else if (record.attributeName === 'contenteditable') {
      // Text that became editable must be forgotten, text that stopped being editable found: rescan it all.
      const target = record.target as Element;
      index.prune((node) => node.isConnected && !target.contains(node));
      enqueue(target);
    } else {
      attributeTargets.add(record.target as Element);
    }
  }

  function schedule(): void {
    if (cancelSlice || signal.aborted) return;
    cancelSlice = scheduleIdle(timedSlice);
  }

  const timedSlice = timed('slice', (idleMs?: number) => runSlice(idleMs));
  /**
   * One slice: at most `budget` ms, and no longer than the browser's idle period when it gave one, so that a
   * slice between two frames of a scrolling page does not delay the next (at least 1 ms, to make progress).
   * Without an idle period (the timeout passed: the page is busy, for example scrolling) it takes half the
   * budget, so that a frame still fits beside it.
   */
  function runSlice(idleMs?: number): void {
    cancelSlice = null;
    if (signal.aborted) return;
    const started = now();
    const sliceMs = idleMs === undefined ? budget * BUSY_SHARE : Math.max(1, Math.min(budget, idleMs));
    if (needsPrune) {
      needsPrune = false;
      index.prune();
    }
    for (const element of attributeTargets) {
      if (element.isConnected && !isInsideSkipped(element))
        index.setElement(element, emailsFromAttributes(element, phones));
    }
    attributeTargets.clear();
    let sinceClock = 0;
    let lastRead = started;
    let outOfTime = false;
    while (!outOfTime) {
      if (walker) {
        const node = nextScannable(walker, skipChildren);
        skipChildren = false;
        if (node) sinceClock += visit(node);
        else walker = null;
      } else if (queue.length > 0) {
        // One queued root at a time, so that a burst of added text nodes is cut into slices too.
        sinceClock += startNextRoot();
      } else break;
      if (sinceClock >= UNITS_PER_CLOCK_CHECK) {
        sinceClock = 0;
        // Stop before the deadline: if the next batch takes as long as the last one, would it end past it?
        const read = now();
        outOfTime = read - started + (read - lastRead) > sliceMs;
        lastRead = read;
      }
    }
    const elapsed = now() - started;
    stats.slices++;
    stats.longestSliceMs = Math.max(stats.longestSliceMs, elapsed);
    const delta = index.takeDelta();
    if (delta.added.length > 0 || delta.removed.length > 0) options.onOccurrencesChanged?.(delta);
    if (walker || queue.length > 0) {
      if (index.hasEmailChange()) scheduleReport();
      schedule();
    } else {
      if (!firstPassDone) reportEvenIfUnchanged = true;
      firstPassDone = true;
      if (index.hasEmailChange() || reportEvenIfUnchanged) scheduleReport();
      resolveIdle();
    }
  }

  /**
   * Takes the next queued root: visits it, and prepares a walker for its subtree if it has one. Returns the
   * work done, in clock-check units.
   */
  function startNextRoot(): number {
    const root = queue.shift() as Node;
    pending.delete(root);
    if (!root.isConnected || hasPendingAncestor(root)) return 1;
    if (root.nodeType === TEXT_NODE) return isInsideSkipped(root) ? 1 : visit(root);
    let work = 1;
    if (root.nodeType === ELEMENT_NODE) {
      if (isInsideSkipped(root) || isOwnUi(root)) return 1;
      work = visit(root);
      if (skipChildren) {
        skipChildren = false;
        return work;
      }
    } else if (root.nodeType !== DOCUMENT_NODE && root.nodeType !== DOCUMENT_FRAGMENT_NODE) {
      return 1;
    }
    const ownerDocument = root.nodeType === DOCUMENT_NODE ? (root as Document) : root.ownerDocument;
    // No NodeFilter: a JavaScript filter is called back for every node and made walks about 4× slower in
    // Chromium (bench, 100,000 nodes). Skipped subtrees are stepped over by hand instead.
    if (ownerDocument) walker = ownerDocument.createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT);
    return work;
  }

  function hasPendingAncestor(node: Node): boolean {
    if (pending.size === 0) return false;
    for (let parent = node.parentNode; parent; parent = parent.parentNode) if (pending.has(parent)) return true;
    return false;
  }

  /** Reads one node; returns the work it took, in clock-check units (see UNITS_PER_CLOCK_CHECK). */
  function visit(node: Node): number {
    if (node.nodeType === TEXT_NODE) {
      stats.textNodesScanned++;
      const text = (node as Text).data;
      const matches = text.length >= MIN_ADDRESS_LENGTH && text.includes('@') ? findEmails(text) : NO_MATCHES;
      index.setText(node as Text, phones && text.length >= MIN_PHONE_LENGTH ? withPhones(text, matches) : matches);
      return 1 + (text.length >> 6);
    }
    stats.elementsScanned++;
    const element = node as Element;
    const shadow = element.shadowRoot;
    if (shadow) {
      observe(shadow);
      enqueue(shadow);
    }
    // One native selector match per element that has attributes, instead of reading four attributes from
    // JavaScript (and instead of one querySelectorAll per root, which could not be split into slices).
    if (element.hasAttributes() && element.matches(ATTRIBUTE_SOURCE_SELECTOR)) {
      index.setElement(element, emailsFromAttributes(element, phones));
    }
    if (FRAME_TAG.test(element.tagName)) adoptFrame(element as HTMLIFrameElement);
    return element.firstElementChild || !element.hasChildNodes() ? 1 : readLeaf(element);
  }

  /**
   * An element without element children: its text is read whole, and when that cannot hold an address or a
   * phone number its text nodes are stepped over. Every node the walker returns gets a wrapper in the content
   * script's isolated world, and Chromium keeps an isolated world's wrappers in a hash table that is rehashed
   * as it grows (2¹⁵ wrappers: 9–58 ms in one step, at load 7) and swept by every scavenge: a step no work
   * budget can bound. Most cells of a table, spans of a list and lines of a log hold neither, so their text
   * nodes cost no wrapper. The tests are supersets of what a text node's scan needs ('@' for an address, 7
   * digits for a phone), so a leaf is stepped over only when none of its text nodes could hold one.
   */
  function readLeaf(element: Element): number {
    const text = element.textContent ?? '';
    const mayHold =
      text.length >= MIN_ADDRESS_LENGTH &&
      (text.includes('@') || (phones && text.length >= MIN_PHONE_LENGTH && hasDigits(text, MIN_PHONE_DIGITS)));
    if (mayHold) return 1;
    stats.leavesSkipped++;
    skipChildren = true;
    return 1 + (text.length >> 6);
  }

  /** Same-origin frames are scanned as part of this page; cross-origin ones throw or give null and are left alone. */
  function adoptFrame(frame: HTMLIFrameElement): void {
    if (!frameDocuments.has(frame)) {
      frame.addEventListener(
        'load',
        () => {
          // Nodes of the document the frame navigated away from still count as connected: forget them here.
          const previous = frameDocuments.get(frame);
          if (previous) index.prune((node) => node.isConnected && node.ownerDocument !== previous);
          adoptFrame(frame);
          schedule();
        },
        { signal },
      );
    }
    let frameDocument: Document | null = null;
    try {
      frameDocument = frame.contentDocument;
    } catch {
      // Cross-origin: its own copy of the content script handles it.
    }
    frameDocuments.set(frame, frameDocument);
    if (!frameDocument?.documentElement) return;
    observe(frameDocument);
    enqueue(frameDocument);
  }

  function scheduleReport(): void {
    if (reportTimer !== null || !options.onEmailsChanged) return;
    reportTimer = setTimeout(() => {
      reportTimer = null;
      if (signal.aborted || !(reportEvenIfUnchanged || index.hasEmailChange())) return;
      reportEvenIfUnchanged = false;
      options.onEmailsChanged?.(index.takeEmailChange());
    }, reportDelay);
  }

  function resolveIdle(): void {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      cancelSlice?.();
      cancelSlice = null;
      if (reportTimer !== null) clearTimeout(reportTimer);
      queue.length = 0;
      pending.clear();
      walker = null;
      index.clear();
      resolveIdle();
    },
    { once: true },
  );

  if (!signal.aborted) {
    observe(topDocument);
    enqueue(topDocument);
    schedule();
  }

  return {
    index,
    stats,
    whenIdle: () =>
      signal.aborted || (!walker && queue.length === 0 && !cancelSlice)
        ? Promise.resolve()
        : new Promise((resolve) => idleWaiters.push(resolve)),
  };
}
