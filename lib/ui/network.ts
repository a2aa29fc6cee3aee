import { computed, signal } from '@preact/signals';
import type { ErrorInfo, OutboxItem } from '../messaging/model';

/**
 * Why the panel cannot work with Kustomer right now, most basic first (issue 17, bug 6): the browser has no
 * network, Kustomer does not answer, Kustomer asks us to slow down, or Kustomer no longer accepts the sign-in.
 */
export type Reachability = 'ok' | 'offline' | 'unreachable' | 'rateLimited' | 'signedOut';

const TROUBLE: Partial<Record<ErrorInfo['kind'], Exclude<Reachability, 'ok' | 'offline'>>> = {
  network: 'unreachable',
  timeout: 'unreachable',
  server: 'unreachable',
  rate_limited: 'rateLimited',
  unauthorized: 'signedOut',
  not_connected: 'signedOut',
};

/** The browser says it is online. */
export const browserOnline = signal(typeof navigator === 'undefined' ? true : navigator.onLine);
/** What the latest request or outbox attempt said about Kustomer (`ok` after a success). */
export const kustomerTrouble = signal<Reachability>('ok');
/** The banner to show: no network wins over what Kustomer said. */
export const reachability = computed<Reachability>(() => (browserOnline.value ? kustomerTrouble.value : 'offline'));

/** Records how a request to the background ended: a success clears the trouble, a failure may name it. */
export function noteRequestOutcome(error: ErrorInfo | null): void {
  if (error === null) kustomerTrouble.value = 'ok';
  else {
    const trouble = TROUBLE[error.kind];
    if (trouble) kustomerTrouble.value = trouble;
  }
}

let troubleFromOutbox = false;

/**
 * Follows the outbox as it changes: a write waiting after a failed attempt tells as soon as it happens why
 * Kustomer could not take it, even when no read has failed yet.
 */
export function noteOutbox(items: readonly OutboxItem[]): void {
  const waiting = items.find((item) => item.state === 'queued' && item.lastError && TROUBLE[item.lastError.kind]);
  if (waiting?.lastError) {
    noteRequestOutcome(waiting.lastError);
    troubleFromOutbox = true;
  } else if (troubleFromOutbox) {
    troubleFromOutbox = false;
    kustomerTrouble.value = 'ok';
  }
}

/** Follows the browser's online / offline events. */
export function watchOnline(target: Window = window): () => void {
  const update = () => {
    browserOnline.value = target.navigator.onLine;
  };
  target.addEventListener('online', update);
  target.addEventListener('offline', update);
  update();
  return () => {
    target.removeEventListener('online', update);
    target.removeEventListener('offline', update);
  };
}
