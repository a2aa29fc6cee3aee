import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import { draftKeys } from '../lib/ui/drafts';
import { outboxItems } from '../lib/ui/outbox-store';
import { useDraft } from './hooks/use-draft';
import { useEnqueue } from './hooks/use-enqueue';
import { useRouter } from './router-context';
import { ErrorNotice } from './status-views';
import { ViewHeading } from './view-heading';

/**
 * "Log a call" (issue 15): a message on channel `voice` in a new conversation, number prefilled. Without a
 * customer (an unknown number) the customer is created with the number in the same outbox item.
 */
export function LogCallView({
  phone,
  customerId,
  customerName,
}: {
  /** E.164. */
  phone: string;
  customerId?: string;
  customerName?: string;
}) {
  const router = useRouter();
  const draftKey = draftKeys.logCall(phone);
  const [notes, setNotes] = useDraft(draftKey, '');
  const [name, setName] = useState(customerName ?? '');
  const [direction, setDirection] = useState<'in' | 'out'>('in');
  const [queuedId, setQueuedId] = useState<string | null>(null);
  const enqueue = useEnqueue();
  const queued = queuedId ? outboxItems.value.find((item) => item.id === queuedId) : undefined;

  useEffect(() => {
    if (queued?.state === 'sent' && queued.resultId)
      router.replace({ name: 'customer', customerId: queued.resultId, refresh: true });
  }, [queued?.state]);

  return (
    <>
      <ViewHeading>{t('panel.logCall.heading')}</ViewHeading>
      <form
        class="stack"
        onSubmit={async (event) => {
          event.preventDefault();
          if (notes.trim() === '') return;
          const item = await enqueue.submit(
            {
              kind: 'logCall',
              phone,
              direction,
              notes: notes.trim(),
              ...(customerId ? { customerId } : {}),
              ...(!customerId && name.trim() ? { name: name.trim() } : {}),
            },
            [draftKey],
            t('panel.logCall.queued'),
          );
          if (item) setQueuedId(item.id);
        }}
      >
        <label for="log-call-phone">{t('panel.logCall.number')}</label>
        <input id="log-call-phone" type="tel" value={phone} readOnly />
        {customerId ? (
          <p class="hint">
            {customerName ? t('panel.logCall.forCustomer', { name: customerName }) : t('panel.logCall.forThisCustomer')}
          </p>
        ) : (
          <>
            <label for="log-call-name">{t('panel.logCall.newCustomerName')}</label>
            <input id="log-call-name" value={name} onInput={(event) => setName(event.currentTarget.value)} />
          </>
        )}
        <fieldset>
          <legend>{t('panel.logCall.direction')}</legend>
          <label>
            <input
              type="radio"
              name="log-call-direction"
              checked={direction === 'in'}
              onChange={() => setDirection('in')}
            />
            {t('panel.logCall.incoming')}
          </label>
          <label>
            <input
              type="radio"
              name="log-call-direction"
              checked={direction === 'out'}
              onChange={() => setDirection('out')}
            />
            {t('panel.logCall.outgoing')}
          </label>
        </fieldset>
        <label for="log-call-notes">{t('panel.logCall.notes')}</label>
        <textarea id="log-call-notes" required value={notes} onInput={(event) => setNotes(event.currentTarget.value)} />
        {enqueue.error && <ErrorNotice error={enqueue.error} />}
        {queued && queued.state !== 'sent' && (
          <p role="status" class={queued.state === 'failed' ? 'danger' : 'hint'}>
            {queued.state !== 'failed'
              ? t('panel.logCall.logging')
              : queued.lastError
                ? t('panel.logCall.failed', { reason: queued.lastError.message })
                : t('panel.logCall.failedSeeOutbox')}
          </p>
        )}
        <button type="submit" class="primary" disabled={enqueue.busy || queued !== undefined}>
          {t('panel.logCall.submit')}
        </button>
      </form>
    </>
  );
}
