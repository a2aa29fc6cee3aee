import { useState } from 'preact/hooks';
import { summariseWrite } from '../lib/labels';
import { request } from '../lib/messaging/client';
import { errorInfoOf } from '../lib/messaging/errors';
import { bulkProgressText } from '../lib/ui/bulk-progress';
import { outboxItems, rememberOutboxItem } from '../lib/ui/outbox-store';
import type { ErrorInfo, OutboxItem } from '../lib/view-models';
import { EmptyState, ErrorNotice, TimeText } from './status-views';
import { KustomerSaid } from './user-text';
import { ViewHeading } from './view-heading';

const STATE_TEXT: Record<OutboxItem['state'], string> = {
  queued: 'Waiting to send',
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Failed',
};

/** Writes waiting, being sent or failed; failed ones can be retried or discarded. Updates live. */
export function OutboxView() {
  const [error, setError] = useState<ErrorInfo | null>(null);
  const items = [...outboxItems.value].sort((a, b) => b.createdAt - a.createdAt);
  const act = async (what: 'retryWrite' | 'discardWrite', id: string) => {
    setError(null);
    try {
      if (what === 'retryWrite') rememberOutboxItem(await request('retryWrite', { id }));
      else outboxItems.value = await request('discardWrite', { id });
    } catch (caught) {
      setError(errorInfoOf(caught));
    }
  };
  return (
    <>
      <ViewHeading>Outbox</ViewHeading>
      {error && <ErrorNotice error={error} />}
      {items.length === 0 ? (
        <EmptyState title="Nothing waiting. Notes, messages and changes you make appear here until Kustomer has them." />
      ) : (
        <ul class="result-list" aria-label="Writes">
          {items.map((item) => (
            <li key={item.id} class={`outbox-item state-${item.state}`}>
              <p class="result-name">{summariseWrite(item.request)}</p>
              {item.request.kind === 'bulkUpdateConversations' && (
                <p class="hint" role="status">
                  {bulkProgressText(item.state, item.progress)}
                </p>
              )}
              <p class="result-meta">
                <span class={`badge badge-${item.state}`}>{STATE_TEXT[item.state]}</span>{' '}
                <TimeText iso={item.createdAt} />
                {item.attempts > 1 ? ` · ${item.attempts} attempts` : ''}
                {item.state === 'queued' && item.nextAttemptAt ? (
                  <>
                    {' · next try '}
                    <TimeText iso={item.nextAttemptAt} />
                  </>
                ) : null}
              </p>
              {item.lastError && item.state !== 'sent' && (
                <>
                  <p class="danger">{item.lastError.message}</p>
                  <KustomerSaid detail={item.lastError.detail} />
                </>
              )}
              {(item.state === 'failed' || item.state === 'queued') && (
                <div class="row">
                  {item.state === 'failed' && (
                    <button
                      type="button"
                      onClick={() => act('retryWrite', item.id)}
                      aria-label={`Retry: ${summariseWrite(item.request)}`}
                    >
                      Retry
                    </button>
                  )}
                  <button
                    type="button"
                    onClick={() => act('discardWrite', item.id)}
                    aria-label={`Discard: ${summariseWrite(item.request)}`}
                  >
                    Discard
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
