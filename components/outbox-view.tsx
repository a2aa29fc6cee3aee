import { useEffect, useState } from 'preact/hooks';
import { formatNumber } from '../lib/i18n/intl';
import { plural, t } from '../lib/i18n/t';
import { summariseWrite } from '../lib/labels';
import { request } from '../lib/messaging/client';
import { errorInfoOf } from '../lib/messaging/errors';
import type { ErrorInfo } from '../lib/messaging/model';
import { bulkProgressText } from '../lib/ui/bulk-progress';
import { secondsLeft } from '../lib/ui/format';
import { outboxItems, rememberOutboxItem } from '../lib/ui/outbox-store';
import { EmptyState, ErrorNotice, TimeText } from './status-views';
import { tNodes } from './t-nodes';
import { KustomerSaid, UserText } from './user-text';
import { ViewHeading } from './view-heading';

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
      <ViewHeading>{t('panel.outbox.heading')}</ViewHeading>
      {error && <ErrorNotice error={error} />}
      {items.length === 0 ? (
        <EmptyState title={t('panel.outbox.empty')} />
      ) : (
        <ul class="result-list" aria-label={t('panel.outbox.listLabel')}>
          {items.map((item) => (
            <li key={item.id} class={`outbox-item state-${item.state}`}>
              <p class="result-name">
                {summariseWrite(item.request)}
                {item.about?.org && <span class="hint">{` · ${t('orgs.outbox.in', { org: item.about.org })}`}</span>}
              </p>
              {item.about && (
                <p class="result-meta">
                  {item.about.customer &&
                    tNodes('panel.outbox.forCustomer', {
                      customer: <UserText text={item.about.customer} identity />,
                    })}
                  {item.about.customer && item.about.conversation && ' · '}
                  {item.about.conversation &&
                    tNodes('panel.outbox.inConversation', {
                      conversation: <UserText text={item.about.conversation} />,
                    })}
                </p>
              )}
              {item.request.kind === 'bulkUpdateConversations' && (
                <p class="hint" role="status">
                  {bulkProgressText(item.state, item.progress)}
                </p>
              )}
              <p class="result-meta">
                <span class={`badge badge-${item.state}`}>{t(`panel.outbox.state.${item.state}`)}</span>{' '}
                <TimeText iso={item.createdAt} />
                {item.attempts > 1 ? ` · ${plural('panel.outbox.attempts', item.attempts)}` : ''}
                {item.state === 'queued' && item.nextAttemptAt ? <NextTry at={item.nextAttemptAt} /> : null}
              </p>
              {item.lastError && item.state !== 'sent' && (
                <>
                  <p class="danger">{item.lastError.message}</p>
                  <KustomerSaid detail={item.lastError.detail} />
                </>
              )}
              {(item.state === 'failed' || item.state === 'queued') && (
                <div class="row">
                  <button
                    type="button"
                    onClick={() => act('retryWrite', item.id)}
                    aria-label={t('panel.outbox.retryLabel', { write: summariseWrite(item.request) })}
                  >
                    {t('panel.outbox.retry')}
                  </button>
                  <button
                    type="button"
                    onClick={() => act('discardWrite', item.id)}
                    aria-label={t('panel.outbox.discardLabel', { write: summariseWrite(item.request) })}
                  >
                    {t('panel.outbox.discard')}
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

/** "next try in 42 s": a countdown, each second, until the attempt is due ("now" once it is). */
function NextTry({ at }: { at: number }) {
  const [left, setLeft] = useState(() => secondsLeft(at));
  useEffect(() => {
    const timer = setInterval(() => setLeft(secondsLeft(at)), 1000);
    return () => clearInterval(timer);
  }, [at]);
  const minutes = Math.floor(left / 60);
  const seconds = formatNumber(left % 60);
  const text =
    left === 0
      ? t('panel.outbox.nextTryNow')
      : minutes > 0
        ? t('panel.outbox.nextTryInMinutes', { minutes: formatNumber(minutes), seconds })
        : t('panel.outbox.nextTryInSeconds', { seconds });
  return <span class="next-try">{` · ${text}`}</span>;
}
