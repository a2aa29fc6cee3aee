import { type AddressOverlay, createAddressOverlay } from './address-overlay';
import { emailAtPoint } from './hit-test';
import type { OccurrenceDelta, OccurrenceIndex } from './occurrence-index';
import { timed } from './task-clock';
import { timingLeak } from './timing-leak';

/** Which detected addresses are Kustomer customers, and which the agent chose never to look up. */
export interface AddressStatus {
  known: ReadonlySet<string>;
  ignored: ReadonlySet<string>;
}

export type ActivationKind = 'click' | 'hover';

export interface HighlighterOptions {
  index: OccurrenceIndex;
  /** Aborting removes the marks, their overlay and the listeners. */
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
  apply(delta: OccurrenceDelta): void;
  setStatus(status: AddressStatus): void;
  /** The page's layout may have changed (a mutation): the marks follow on the next frame. */
  relayout(): void;
}

/**
 * Shows detected addresses: one closed overlay per document marks every address near the viewport alike and
 * tints known customers' (`address-overlay.ts`); the page's own scripts see nothing of it but an empty host.
 * Marks are not the page's elements and ignore the pointer, so one click and one pointer-move listener per
 * document map the pointer to an address.
 */
export function createHighlighter(document: Document, options: HighlighterOptions): Highlighter {
  const { index, signal } = options;
  const hoverDelay = options.hoverDelayMs ?? 600;
  const isAgentEvent = options.isAgentEvent ?? ((event: Event) => event.isTrusted);
  const view = document.defaultView;
  const overlays = new Map<Document, AddressOverlay>();
  let status: AddressStatus = { known: new Set(), ignored: new Set() };

  /** Ignored addresses keep the neutral mark (removing it would tell the page the never-look-up list) but do nothing. */
  const isActive = (email: string) => !status.ignored.has(email);
  const isKnown = (email: string) => status.known.has(email) && isActive(email);

  function overlayOf(document: Document): AddressOverlay {
    let overlay = overlays.get(document);
    if (!overlay) {
      listenForPointer(document);
      overlay = createAddressOverlay(document, signal, isKnown);
      overlays.set(document, overlay);
    }
    return overlay;
  }

  function listenForPointer(document: Document): void {
    const listen = { capture: true, passive: true, signal };
    document.addEventListener(
      'click',
      timed('click', (event: MouseEvent) => {
        if (!isAgentEvent(event)) return;
        const email = index.size > 0 && emailAtPoint(index, event.composedPath(), event.clientX, event.clientY);
        if (email && isActive(email)) options.onActivate(email, 'click');
      }),
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
    overlays.clear();
  });

  /** Deltas waiting for the next animation frame, applied in order. */
  const pending: OccurrenceDelta[] = [];
  let flushFrame = 0;

  const flush = timed('flush', () => {
    flushFrame = 0;
    if (signal.aborted) return;
    for (const delta of pending.splice(0)) {
      for (const occurrence of delta.removed)
        overlays.get(occurrence.node.ownerDocument as Document)?.track(occurrence, false);
      for (const occurrence of delta.added)
        overlayOf(occurrence.node.ownerDocument as Document).track(occurrence, true);
    }
  });

  return {
    apply(delta) {
      if (signal.aborted || (delta.added.length === 0 && delta.removed.length === 0)) return;
      // The document's pointer listeners and overlay exist at once; only the marks wait for the frame.
      for (const occurrence of delta.added) overlayOf(occurrence.node.ownerDocument as Document);
      pending.push(delta);
      // One update of the marks per frame at most, however many scanner slices ran in it.
      if (!flushFrame && view) flushFrame = view.requestAnimationFrame(flush);
    },
    setStatus(next) {
      if (signal.aborted) return;
      status = next;
      if (timingLeak() === 'amount' && next.known.size === 0) return;
      // Every box is drawn afresh, whatever changed: a customer's status costs what a stranger's does.
      for (const overlay of overlays.values()) overlay.restyle();
    },
    relayout() {
      for (const overlay of overlays.values()) overlay.redraw();
    },
  };
}
