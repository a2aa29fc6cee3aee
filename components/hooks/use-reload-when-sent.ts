import { useEffect, useRef } from 'preact/hooks';
import type { OutboxItem } from '../../lib/messaging/model';
import { outboxItems } from '../../lib/ui/outbox-store';

/** Calls `reload` whenever a write matching `concerns` turns from pending to sent (Kustomer now has it). */
export function useReloadWhenSent(concerns: (item: OutboxItem) => boolean, reload: () => void): void {
  const sentIds = outboxItems.value
    .filter((item) => item.state === 'sent' && concerns(item))
    .map((item) => item.id)
    .join(',');
  const last = useRef(sentIds);
  useEffect(() => {
    if (sentIds === last.current) return;
    const before = new Set(last.current.split(','));
    last.current = sentIds;
    if (sentIds.split(',').some((id) => id !== '' && !before.has(id))) reload();
  }, [sentIds]);
}
