import { computed, signal } from '@preact/signals';
import type { ErrorInfo } from '../view-models';

const NETWORK_KINDS: ReadonlySet<ErrorInfo['kind']> = new Set(['network', 'timeout']);

/** The browser says it is online. */
export const browserOnline = signal(typeof navigator === 'undefined' ? true : navigator.onLine);
/** The last request failed because Kustomer could not be reached. */
export const networkTrouble = signal(false);
/** Whether to show the offline banner. */
export const offline = computed(() => !browserOnline.value || networkTrouble.value);

/** Records how a request to the background ended, for the offline banner. */
export function noteRequestOutcome(error: ErrorInfo | null): void {
  if (error === null) networkTrouble.value = false;
  else if (NETWORK_KINDS.has(error.kind)) networkTrouble.value = true;
}

/** Follows the browser's online / offline events. */
export function watchOnline(target: Window = window): () => void {
  const update = () => {
    browserOnline.value = target.navigator.onLine;
    if (target.navigator.onLine) networkTrouble.value = false;
  };
  target.addEventListener('online', update);
  target.addEventListener('offline', update);
  update();
  return () => {
    target.removeEventListener('online', update);
    target.removeEventListener('offline', update);
  };
}
