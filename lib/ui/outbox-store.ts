import { computed, signal } from '@preact/signals';
import { onPushEvent, request } from '../messaging/client';
import type { OutboxItem } from '../messaging/model';
import { noteOutbox } from './network';

/** The outbox as last reported by the background. */
export const outboxItems = signal<OutboxItem[]>([]);
// A failed attempt in the background says at once whether Kustomer is down, slowing us down or signed out.
outboxItems.subscribe(noteOutbox);
/** Writes not yet sent (queued, sending or failed), for the header badge. */
export const unsentCount = computed(() => outboxItems.value.filter((item) => item.state !== 'sent').length);
export const failedCount = computed(() => outboxItems.value.filter((item) => item.state === 'failed').length);

/** Loads the outbox and keeps it current from `outboxChanged` pushes. Returns a stop function. */
export function syncOutbox(): () => void {
  const stop = onPushEvent('outboxChanged', (event) => {
    outboxItems.value = event.items;
  });
  request('getOutbox')
    .then((items) => {
      outboxItems.value = items;
    })
    .catch(() => undefined);
  return stop;
}

/** Records one item the background just accepted, before its push arrives. */
export function rememberOutboxItem(item: OutboxItem): void {
  outboxItems.value = [...outboxItems.value.filter((existing) => existing.id !== item.id), item];
}
