import { request } from '../lib/messaging/client';
import type { HistoryEntry } from '../lib/messaging/model';
import { readableText } from '../lib/ui/format';
import { useLoad } from './hooks/use-load';
import { EmptyState, ErrorNotice, Skeleton, TimeText } from './status-views';
import { identityText, UserText } from './user-text';
import { ViewHeading } from './view-heading';

const VERBS: Record<HistoryEntry['verb'], string> = { create: 'created', update: 'changed', delete: 'deleted' };

/** "Ada Agent changed the customer", "Kustomer created the customer": who did what, in the agent's words. */
export function historyHeadline(entry: HistoryEntry): string {
  const who = entry.who ? identityText(entry.who) : 'Kustomer';
  return `${who} ${VERBS[entry.verb]} the ${entry.objectType.replace(/_/g, ' ')}`;
}

/** One change: "Name: “Ada” → “Ada L.”", with "empty" for a value that was not there. */
function ChangeLine({ change }: { change: HistoryEntry['changes'][number] }) {
  const value = (text: string) => (text ? <UserText text={readableText(text)} /> : <em>empty</em>);
  return (
    <li>
      {change.field}: {value(change.before)} → {value(change.after)}
    </li>
  );
}

/** The customer's history from Kustomer's audit log: who changed what and when, newest first. */
export function HistoryView({ customerId, customerName }: { customerId: string; customerName: string }) {
  const history = useLoad(() => request('getCustomerHistory', { customerId }), [customerId]);
  let body: preact.ComponentChildren;
  if (history.status === 'loading' && !history.data) body = <Skeleton label="Loading history…" lines={5} />;
  else if (history.status === 'error') body = <ErrorNotice error={history.error} onRetry={history.reload} />;
  else if (!history.data || history.data.length === 0) body = <EmptyState title="No changes recorded yet." />;
  else
    body = (
      <ol class="timeline" aria-label="Changes">
        {history.data.map((entry) => (
          <li key={entry.id} class="timeline-entry">
            <p class="entry-head">
              <strong>{historyHeadline(entry)}</strong> · <TimeText iso={entry.at} />
            </p>
            {entry.changes.length > 0 && (
              <ul class="changes">
                {entry.changes.map((change) => (
                  <ChangeLine key={change.field} change={change} />
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    );
  return (
    <>
      <ViewHeading>
        History of <UserText text={customerName} identity />
      </ViewHeading>
      <p class="hint">From Kustomer's audit log: the newest 50 changes.</p>
      {body}
    </>
  );
}
