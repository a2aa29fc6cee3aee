import { type AddressOverlay, createAddressOverlay } from './address-overlay';
import { EMAIL_HIGHLIGHT, HIGHLIGHT_CSS } from './highlight-styles';
import { emailAtPoint } from './hit-test';
import type { Occurrence, OccurrenceDelta, OccurrenceIndex } from './occurrence-index';

/** Which detected addresses are Kustomer customers, and which the agent chose never to look up. */
export interface AddressStatus {
  known: ReadonlySet<string>;
  ignored: ReadonlySet<string>;
}

export type ActivationKind = 'click' | 'hover';

export interface HighlighterOptions {
  index: OccurrenceIndex;
  /** Aborting removes highlights, style sheets and listeners. */
  signal: AbortSignal;
  /** The agent clicked an address, or rested the pointer on it. */
  onActivate: (email: string, how: ActivationKind) => void;
  hoverDelayMs?: number;
  /**
   * Which pointer events count. Only the agent's own (trusted) ones by default: a page could otherwise
   * dispatch synthetic clicks to steer the side panel. Tests of a DOM without trusted events override it.
   */
  isAgentEvent?: (event: Event) => boolean;
}

export interface Highlighter {
  /** `none` where the CSS Custom Highlight API is missing: clicks on sender chips and links still work. */
  readonly mode: 'highlights' | 'none';
  apply(delta: OccurrenceDelta): void;
  setStatus(status: AddressStatus): void;
  /** The page's layout may have changed (a mutation): known customers' marks follow on the next frame. */
  relayout(): void;
}

/** One document's neutral highlight, and the overlay that boxes its addresses and tints known customers'. */
interface DocumentMarks {
  highlight: Highlight;
  overlay: AddressOverlay;
}
type StyledRoot = Document | ShadowRoot;

interface HighlightWindow {
  Highlight?: typeof Highlight;
  StaticRange?: typeof StaticRange;
  CSS?: { highlights?: HighlightRegistry };
  CSSStyleSheet: typeof CSSStyleSheet;
}

const viewOf = (document: Document) => document.defaultView as (Window & HighlightWindow) | null;

/**
 * Shows detected addresses: one CSS custom highlight per document for every address (the page can read it,
 * and learns nothing it did not know), styled through adopted style sheets, and the known customers' look
 * drawn in a closed overlay that boxes every address alike (`address-overlay.ts`). Highlights cannot receive
 * events, so one click and one pointer-move listener per document map the pointer to an address.
 */
export function createHighlighter(document: Document, options: HighlighterOptions): Highlighter {
  const { index, signal } = options;
  const hoverDelay = options.hoverDelayMs ?? 600;
  const isAgentEvent = options.isAgentEvent ?? ((event: Event) => event.isTrusted);
  const view = viewOf(document);
  const mode = view?.Highlight && view.CSS?.highlights ? 'highlights' : 'none';
  const ranges = new Map<Occurrence, AbstractRange>();
  const documents = new Map<Document, DocumentMarks | null>();
  const styled = new Map<StyledRoot, CSSStyleSheet>();
  let status: AddressStatus = { known: new Set(), ignored: new Set() };

  /** Ignored addresses keep the neutral mark (removing it would tell the page the never-look-up list) but do nothing. */
  const isActive = (email: string) => !status.ignored.has(email);

  function marksOf(document: Document): DocumentMarks | null {
    if (documents.has(document)) return documents.get(document) ?? null;
    listenForPointer(document);
    const frameView = viewOf(document);
    let marks: DocumentMarks | null = null;
    if (mode === 'highlights' && frameView?.Highlight && frameView.CSS?.highlights) {
      const highlight = new frameView.Highlight();
      frameView.CSS.highlights.set(EMAIL_HIGHLIGHT, highlight);
      style(document);
      const isKnown = (email: string) => status.known.has(email) && isActive(email);
      const rangeOf = (occurrence: Occurrence) => ranges.get(occurrence);
      marks = { highlight, overlay: createAddressOverlay(document, signal, isKnown, { highlight, rangeOf }) };
    }
    documents.set(document, marks);
    return marks;
  }

  const redrawAll = () => {
    for (const marks of documents.values()) marks?.overlay.redraw();
  };

  /** ::highlight() rules do not cross shadow boundaries, so each root holding an address adopts the sheet. */
  function style(root: StyledRoot): void {
    const frameView = viewOf(root.nodeType === 9 ? (root as Document) : (root.ownerDocument as Document));
    if (styled.has(root) || !frameView) return;
    const sheet = new frameView.CSSStyleSheet();
    sheet.replaceSync(HIGHLIGHT_CSS);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    styled.set(root, sheet);
  }

  function rangeFor(occurrence: Occurrence): AbstractRange {
    const { node } = occurrence;
    const range = (node.ownerDocument as Document).createRange();
    if (occurrence.kind === 'element') {
      range.selectNodeContents(node);
      return range;
    }
    const init = { startContainer: node, startOffset: occurrence.start, endContainer: node, endOffset: occurrence.end };
    // StaticRange: the browser need not update it on every DOM change; changed text is rescanned anyway.
    const StaticRangeClass = viewOf(node.ownerDocument)?.StaticRange;
    if (StaticRangeClass) return new StaticRangeClass(init);
    range.setStart(node, occurrence.start);
    range.setEnd(node, occurrence.end);
    return range;
  }

  function listenForPointer(document: Document): void {
    const listen = { capture: true, passive: true, signal };
    document.addEventListener(
      'click',
      (event) => {
        if (!isAgentEvent(event)) return;
        const email = index.size > 0 && emailAtPoint(index, event.composedPath(), event.clientX, event.clientY);
        if (email && isActive(email)) options.onActivate(email, 'click');
      },
      listen,
    );
    let hoverTimer: ReturnType<typeof setTimeout> | undefined;
    let lastHovered: string | null = null;
    document.addEventListener(
      'mousemove',
      (event) => {
        clearTimeout(hoverTimer);
        if (index.size === 0 || !isAgentEvent(event)) return;
        // composedPath() is empty once dispatch ends, so keep it for the timer.
        const path = event.composedPath();
        const { clientX, clientY } = event;
        hoverTimer = setTimeout(() => {
          const email = emailAtPoint(index, path, clientX, clientY);
          if (email && email !== lastHovered && isActive(email) && !signal.aborted) options.onActivate(email, 'hover');
          lastHovered = email;
        }, hoverDelay);
      },
      listen,
    );
    signal.addEventListener('abort', () => clearTimeout(hoverTimer));
  }

  signal.addEventListener('abort', () => {
    if (flushFrame) view?.cancelAnimationFrame(flushFrame);
    pending.length = 0;
    for (const [document, marks] of documents) {
      const registry = viewOf(document)?.CSS?.highlights;
      if (marks && registry?.get(EMAIL_HIGHLIGHT) === marks.highlight) registry.delete(EMAIL_HIGHLIGHT);
    }
    for (const [root, sheet] of styled)
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((item) => item !== sheet);
    documents.clear();
    ranges.clear();
    styled.clear();
  });

  /** Deltas waiting for the next animation frame, applied in order. */
  const pending: OccurrenceDelta[] = [];
  let flushFrame = 0;

  function flush(): void {
    flushFrame = 0;
    if (signal.aborted) return;
    for (const delta of pending.splice(0)) {
      for (const occurrence of delta.removed) {
        const range = ranges.get(occurrence);
        const marks = documents.get(occurrence.node.ownerDocument as Document);
        if (range && marks) marks.overlay.track(occurrence, false);
        ranges.delete(occurrence);
      }
      for (const occurrence of delta.added) {
        const marks = marksOf(occurrence.node.ownerDocument as Document);
        if (!marks) continue;
        const range = rangeFor(occurrence);
        ranges.set(occurrence, range);
        const root = occurrence.node.getRootNode();
        if (root.nodeType === 11) style(root as ShadowRoot);
        marks.overlay.track(occurrence, true);
      }
    }
  }

  return {
    mode,
    apply(delta) {
      if (signal.aborted || (delta.added.length === 0 && delta.removed.length === 0)) return;
      // The document's pointer listeners and overlay exist at once; only the marks wait for the frame.
      for (const occurrence of delta.added) marksOf(occurrence.node.ownerDocument as Document);
      pending.push(delta);
      // One update of the highlight registry per frame at most, however many scanner slices ran in it.
      if (!flushFrame && view) flushFrame = view.requestAnimationFrame(flush);
    },
    setStatus(next) {
      if (signal.aborted) return;
      status = next;
      redrawAll();
    },
    relayout: redrawAll,
  };
}
