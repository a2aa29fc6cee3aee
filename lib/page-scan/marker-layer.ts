import { MARKER_CSS } from './highlight-styles';
import type { Occurrence } from './occurrence-index';
import { OWN_UI_ATTRIBUTE } from './own-ui';

/** More markers than this would clutter the page; the side panel lists every address anyway. */
const MAX_MARKERS = 300;

export interface MarkerLayer {
  add(occurrence: Occurrence, look: 'known' | 'unknown' | null): void;
  remove(occurrence: Occurrence): void;
  restyle(lookOf: (email: string) => 'known' | 'unknown' | null): void;
  /** Moves every marker next to its address (after the page's layout changed). */
  layout(): void;
}

/**
 * The fallback where CSS highlights are missing: one overlay host (marked as the extension's own UI) with a
 * closed shadow root holding a small labelled button after each address. The page's DOM is touched once.
 */
export function createMarkerLayer(
  document: Document,
  options: { signal: AbortSignal; onActivate: (email: string) => void },
): MarkerLayer {
  const host = document.createElement('div');
  host.setAttribute(OWN_UI_ATTRIBUTE, 'markers');
  host.style.cssText = 'position:absolute;top:0;left:0;width:0;height:0;z-index:2147483647;pointer-events:none;';
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = MARKER_CSS;
  shadow.append(style);
  document.documentElement.append(host);
  const buttons = new Map<Occurrence, HTMLButtonElement>();
  let layoutPending = false;

  function layoutNow(): void {
    layoutPending = false;
    const view = document.defaultView;
    const scrollX = view?.scrollX ?? 0;
    const scrollY = view?.scrollY ?? 0;
    for (const [occurrence, button] of buttons) {
      const rect = boundsOf(occurrence);
      button.hidden = button.dataset.look === 'none' || !rect || (rect.width === 0 && rect.height === 0);
      if (!rect) continue;
      button.style.left = `${Math.round(rect.right + scrollX + 1)}px`;
      button.style.top = `${Math.round(rect.top + scrollY - 4)}px`;
    }
  }

  const view = document.defaultView;
  view?.addEventListener('resize', () => scheduleLayout(), { passive: true, signal: options.signal });
  options.signal.addEventListener('abort', () => host.remove(), { once: true });

  function scheduleLayout(): void {
    if (layoutPending || options.signal.aborted) return;
    layoutPending = true;
    if (view && typeof view.requestAnimationFrame === 'function') view.requestAnimationFrame(layoutNow);
    else setTimeout(layoutNow, 0);
  }

  return {
    add(occurrence, look) {
      if (buttons.size >= MAX_MARKERS) return;
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'K';
      button.setAttribute('aria-label', `Show ${occurrence.email} in Kustomer`);
      button.title = `Show ${occurrence.email} in Kustomer`;
      setLook(button, look);
      button.addEventListener('click', (event) => {
        event.stopPropagation();
        options.onActivate(occurrence.email);
      });
      shadow.append(button);
      buttons.set(occurrence, button);
    },
    remove(occurrence) {
      buttons.get(occurrence)?.remove();
      buttons.delete(occurrence);
    },
    restyle(lookOf) {
      for (const [occurrence, button] of buttons) {
        setLook(button, lookOf(occurrence.email));
      }
      scheduleLayout();
    },
    layout: scheduleLayout,
  };
}

function setLook(button: HTMLButtonElement, look: 'known' | 'unknown' | null): void {
  button.dataset.look = look ?? 'none';
  button.hidden = look === null;
}

function boundsOf(occurrence: Occurrence): DOMRect | null {
  if (!occurrence.node.isConnected) return null;
  if (occurrence.kind === 'element') return occurrence.node.getBoundingClientRect();
  const range = occurrence.node.ownerDocument.createRange();
  range.setStart(occurrence.node, Math.min(occurrence.start, occurrence.node.length));
  range.setEnd(occurrence.node, Math.min(occurrence.end, occurrence.node.length));
  return range.getBoundingClientRect();
}
