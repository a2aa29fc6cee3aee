import { useEffect, useState } from 'preact/hooks';
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
      <ViewHeading>Log a call</ViewHeading>
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
            'Call queued.',
          );
          if (item) setQueuedId(item.id);
        }}
      >
        <label for="log-call-phone">Number</label>
        <input id="log-call-phone" type="tel" value={phone} readOnly />
        {customerId ? (
          <p class="hint">For {customerName ?? 'this customer'}.</p>
        ) : (
          <>
            <label for="log-call-name">Customer name (a new customer is created with this number)</label>
            <input id="log-call-name" value={name} onInput={(event) => setName(event.currentTarget.value)} />
          </>
        )}
        <fieldset>
          <legend>Direction</legend>
          <label>
            <input
              type="radio"
              name="log-call-direction"
              checked={direction === 'in'}
              onChange={() => setDirection('in')}
            />
            Incoming
          </label>
          <label>
            <input
              type="radio"
              name="log-call-direction"
              checked={direction === 'out'}
              onChange={() => setDirection('out')}
            />
            Outgoing
          </label>
        </fieldset>
        <label for="log-call-notes">Call notes</label>
        <textarea id="log-call-notes" required value={notes} onInput={(event) => setNotes(event.currentTarget.value)} />
        {enqueue.error && <ErrorNotice error={enqueue.error} />}
        {queued && queued.state !== 'sent' && (
          <p role="status" class={queued.state === 'failed' ? 'danger' : 'hint'}>
            {queued.state === 'failed'
              ? `Kustomer did not log the call: ${queued.lastError?.message ?? 'see the Outbox'}.`
              : 'Logging the call…'}
          </p>
        )}
        <button type="submit" class="primary" disabled={enqueue.busy || queued !== undefined}>
          Log call
        </button>
      </form>
    </>
  );
}
