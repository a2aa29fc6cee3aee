import { plural, t } from '../lib/i18n/t';
import { request } from '../lib/messaging/client';
import type { HistoryEntry } from '../lib/messaging/model';
import { activeConnectionId } from '../lib/ui/current-customer';
import { readableText } from '../lib/ui/format';
import { useLoad } from './hooks/use-load';
import { EmptyState, ErrorNotice, Skeleton, TimeText } from './status-views';
import { tNodes } from './t-nodes';
import { identityText, UserText } from './user-text';
import { ViewHeading } from './view-heading';

/** The changes the audit log read returns (HISTORY_EVENTS in lib/background/reads.ts). */
const HISTORY_SHOWN = 50;

const VERBS = { create: 'created', update: 'changed', delete: 'deleted' } as const;

/** Kustomer's object types with a name in the catalogue; any other is shown as Kustomer names it. */
const OBJECTS = new Set(['customer', 'conversation', 'company', 'message', 'note', 'kobject'] as const);
type KnownObject = typeof OBJECTS extends Set<infer Name> ? Name : never;
const isKnownObject = (type: string): type is KnownObject => OBJECTS.has(type as KnownObject);

/** "Ada Agent changed the customer", "Kustomer created the customer": who did what, in the agent's words. */
export function historyHeadline(entry: HistoryEntry): string {
  const who =
    entry.who === undefined
      ? t('panel.history.kustomer')
      : typeof entry.who === 'string'
        ? identityText(entry.who)
        : t('panel.history.aUser');
  const object = isKnownObject(entry.objectType)
    ? t(`panel.history.object.${entry.objectType}`)
    : t('panel.history.object.unknown', { type: entry.objectType.replace(/_/g, ' ') });
  return t(`panel.history.${VERBS[entry.verb]}`, { who, object });
}

/** One change: "Name: “Ada” → “Ada L.”", with "empty" for a value that was not there. */
function ChangeLine({ change }: { change: HistoryEntry['changes'][number] }) {
  const value = (text: string) =>
    text ? <UserText text={readableText(text)} /> : <em>{t('panel.history.emptyValue')}</em>;
  return (
    <li>
      {tNodes('panel.history.change', {
        field: change.field,
        before: value(change.before),
        after: value(change.after),
      })}
    </li>
  );
}

/** The customer's history from Kustomer's audit log: who changed what and when, newest first. */
export function HistoryView({ customerId, customerName }: { customerId: string; customerName: string }) {
  const history = useLoad(
    () => request('getCustomerHistory', { connectionId: activeConnectionId(), customerId }),
    [customerId],
  );
  let body: preact.ComponentChildren;
  if (history.status === 'loading' && !history.data) body = <Skeleton label={t('panel.history.loading')} lines={5} />;
  else if (history.status === 'error') body = <ErrorNotice error={history.error} onRetry={history.reload} />;
  else if (!history.data || history.data.length === 0) body = <EmptyState title={t('panel.history.empty')} />;
  else
    body = (
      <ol class="timeline" aria-label={t('panel.history.listLabel')}>
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
      <ViewHeading>{tNodes('panel.history.heading', { name: <UserText text={customerName} identity /> })}</ViewHeading>
      <p class="hint">{plural('panel.history.source', HISTORY_SHOWN)}</p>
      {body}
    </>
  );
}
