import { HIGHLIGHT_CSS, KNOWN_HIGHLIGHT, UNKNOWN_HIGHLIGHT } from './highlight-styles';
import { emailAtPoint } from './hit-test';
import { createMarkerLayer, type MarkerLayer } from './marker-layer';
import type { Occurrence, OccurrenceDelta, OccurrenceIndex } from './occurrence-index';
import { OWN_UI_ATTRIBUTE } from './own-ui';

/** Which detected addresses are Kustomer customers, and which the agent chose never to look up. */
export interface AddressStatus {
  known: ReadonlySet<string>;
  ignored: ReadonlySet<string>;
}

export type ActivationKind = 'click' | 'hover';

export interface HighlighterOptions {
  index: OccurrenceIndex;
  /** Aborting removes highlights, styles, markers and listeners. */
  signal: AbortSignal;
  /** The agent clicked an address, or rested the pointer on it. */
  onActivate: (email: string, how: ActivationKind) => void;
  /** `markers` forces the fallback even where the Highlight API exists. */
  mode?: 'auto' | 'markers';
  hoverDelayMs?: number;
}

export interface Highlighter {
  /** `highlights` (CSS Custom Highlight API) or `markers` (small buttons, where the API is missing). */
  readonly mode: 'highlights' | 'markers';
  apply(delta: OccurrenceDelta): void;
  setStatus(status: AddressStatus): void;
}

type Look = 'known' | 'unknown';

interface DocumentHighlights {
  known: Highlight;
  unknown: Highlight;
}

interface HighlightWindow {
  Highlight?: typeof Highlight;
  StaticRange?: typeof StaticRange;
  CSS?: { highlights?: HighlightRegistry };
  CSSStyleSheet: typeof CSSStyleSheet;
}

/**
 * Shows detected addresses without touching the page's DOM: two CSS custom highlights (known customer,
 * unknown address) per document. Highlights cannot receive events, so one click and one pointer-move
 * listener per document map the pointer to an address. Without the Highlight API it falls back to markers.
 */
export function createHighlighter(document: Document, options: HighlighterOptions): Highlighter {
  const { index, signal } = options;
  const hoverDelay = options.hoverDelayMs ?? 600;
  const highlightApi = options.mode !== 'markers' && supportsHighlights(document.defaultView);
  const mode = highlightApi ? 'highlights' : 'markers';
  const ranges = new Map<Occurrence, AbstractRange>();
  const documents = new Map<Document, DocumentHighlights | MarkerLayer>();
  const styledShadowRoots = new Map<ShadowRoot, CSSStyleSheet>();
  const ownStyles: HTMLStyleElement[] = [];
  let status: AddressStatus = { known: new Set(), ignored: new Set() };

  const lookOf = (email: string): Look | null =>
    status.ignored.has(email) ? null : status.known.has(email) ? 'known' : 'unknown';

  function prepare(document: Document): DocumentHighlights | MarkerLayer | null {
    const existing = documents.get(document);
    if (existing) return existing;
    const view = document.defaultView as (Window & HighlightWindow) | null;
    if (!view) return null;
    listenForPointer(document);
    if (mode === 'markers') {
      const layer = createMarkerLayer(document, { signal, onActivate: (email) => options.onActivate(email, 'click') });
      documents.set(document, layer);
      return layer;
    }
    const HighlightClass = view.Highlight as typeof Highlight;
    const registry = view.CSS?.highlights as HighlightRegistry;
    const highlights = { known: new HighlightClass(), unknown: new HighlightClass() };
    registry.set(KNOWN_HIGHLIGHT, highlights.known);
    registry.set(UNKNOWN_HIGHLIGHT, highlights.unknown);
    const style = document.createElement('style');
    style.setAttribute(OWN_UI_ATTRIBUTE, 'highlight-styles');
    style.textContent = HIGHLIGHT_CSS;
    (document.head ?? document.documentElement).append(style);
    ownStyles.push(style);
    documents.set(document, highlights);
    return highlights;
  }

  /** ::highlight() rules do not cross shadow boundaries: each open shadow root adopts the sheet. */
  function styleShadowRoot(node: Node): void {
    const root = node.getRootNode();
    if (root.nodeType !== 11 || styledShadowRoots.has(root as ShadowRoot)) return;
    const shadow = root as ShadowRoot;
    const view = shadow.ownerDocument.defaultView as (Window & HighlightWindow) | null;
    if (!view) return;
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(HIGHLIGHT_CSS);
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
    styledShadowRoots.set(shadow, sheet);
  }

  function rangeFor(occurrence: Occurrence): AbstractRange {
    const document = occurrence.node.ownerDocument as Document;
    if (occurrence.kind === 'element') {
      const range = document.createRange();
      range.selectNodeContents(occurrence.node);
      return range;
    }
    const view = document.defaultView as (Window & HighlightWindow) | null;
    const init = {
      startContainer: occurrence.node,
      startOffset: occurrence.start,
      endContainer: occurrence.node,
      endOffset: occurrence.end,
    };
    // StaticRange: the browser need not update it on every DOM change; changed text is rescanned anyway.
    if (view?.StaticRange) return new view.StaticRange(init);
    const range = document.createRange();
    range.setStart(occurrence.node, occurrence.start);
    range.setEnd(occurrence.node, occurrence.end);
    return range;
  }

  function show(occurrence: Occurrence): void {
    const target = prepare(occurrence.node.ownerDocument as Document);
    if (!target) return;
    const look = lookOf(occurrence.email);
    if ('known' in target) {
      const range = rangeFor(occurrence);
      ranges.set(occurrence, range);
      styleShadowRoot(occurrence.node);
      if (look) target[look].add(range);
    } else {
      target.add(occurrence, look);
    }
  }

  function hide(occurrence: Occurrence): void {
    const target = documents.get(occurrence.node.ownerDocument as Document);
    if (!target) return;
    if ('known' in target) {
      const range = ranges.get(occurrence);
      if (!range) return;
      ranges.delete(occurrence);
      target.known.delete(range);
      target.unknown.delete(range);
    } else {
      target.remove(occurrence);
    }
  }

  function listenForPointer(document: Document): void {
    document.addEventListener(
      'click',
      (event) => {
        if (index.size === 0) return;
        const email = emailAtPoint(index, event.composedPath(), event.clientX, event.clientY);
        if (email && lookOf(email)) options.onActivate(email, 'click');
      },
      { capture: true, passive: true, signal },
    );
    let hoverTimer: ReturnType<typeof setTimeout> | null = null;
    let lastHovered: string | null = null;
    document.addEventListener(
      'mousemove',
      (event) => {
        if (hoverTimer !== null) clearTimeout(hoverTimer);
        if (index.size === 0) return;
        // composedPath() is empty once dispatch ends, so keep it for the timer.
        const path = event.composedPath();
        const { clientX: x, clientY: y } = event;
        hoverTimer = setTimeout(() => {
          hoverTimer = null;
          if (signal.aborted) return;
          const email = emailAtPoint(index, path, x, y);
          if (email && email !== lastHovered && lookOf(email)) options.onActivate(email, 'hover');
          lastHovered = email;
        }, hoverDelay);
      },
      { capture: true, passive: true, signal },
    );
    signal.addEventListener('abort', () => hoverTimer !== null && clearTimeout(hoverTimer), { once: true });
  }

  signal.addEventListener(
    'abort',
    () => {
      for (const [document, target] of documents) {
        if ('known' in target) {
          const registry = (document.defaultView as (Window & HighlightWindow) | null)?.CSS?.highlights;
          if (registry?.get(KNOWN_HIGHLIGHT) === target.known) registry.delete(KNOWN_HIGHLIGHT);
          if (registry?.get(UNKNOWN_HIGHLIGHT) === target.unknown) registry.delete(UNKNOWN_HIGHLIGHT);
        }
      }
      for (const style of ownStyles) style.remove();
      for (const [shadow, sheet] of styledShadowRoots) {
        shadow.adoptedStyleSheets = shadow.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
      }
      documents.clear();
      ranges.clear();
      styledShadowRoots.clear();
    },
    { once: true },
  );

  return {
    mode,
    apply(delta) {
      if (signal.aborted) return;
      for (const occurrence of delta.removed) hide(occurrence);
      for (const occurrence of delta.added) show(occurrence);
      for (const target of documents.values()) if (!('known' in target)) target.layout();
    },
    setStatus(next) {
      if (signal.aborted) return;
      status = next;
      for (const [occurrence, range] of ranges) {
        const target = documents.get(occurrence.node.ownerDocument as Document);
        if (!target || !('known' in target)) continue;
        const look = lookOf(occurrence.email);
        target.known.delete(range);
        target.unknown.delete(range);
        if (look) target[look].add(range);
      }
      for (const target of documents.values()) if (!('known' in target)) target.restyle(lookOf);
    },
  };
}

function supportsHighlights(view: Window | null): boolean {
  const candidate = view as (Window & HighlightWindow) | null;
  return typeof candidate?.Highlight === 'function' && candidate.CSS?.highlights !== undefined;
}
