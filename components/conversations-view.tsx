import { useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import { request } from '../lib/messaging/client';
import { activeConnectionId } from '../lib/ui/current-customer';
import { BulkUpdate } from './bulk-update';
import { ConversationList } from './conversation-summary-item';
import { useLoad } from './hooks/use-load';
import { useReloadWhenSent } from './hooks/use-reload-when-sent';
import { useRouter } from './router-context';
import { EmptyState, ErrorNotice, Skeleton } from './status-views';
import { tNodes } from './t-nodes';
import { UserText } from './user-text';
import { ViewHeading } from './view-heading';

/** A customer's conversations, open ones first by default. */
export function ConversationsView({ customerId, customerName }: { customerId: string; customerName: string }) {
  const router = useRouter();
  const [filter, setFilter] = useState<'open' | 'all'>('open');
  const [selecting, setSelecting] = useState(false);
  const list = useLoad(
    () => request('listConversations', { connectionId: activeConnectionId(), customerId, filter }),
    [customerId, filter],
  );
  useReloadWhenSent(
    (item) =>
      (item.request.kind === 'createConversation' && item.request.customerId === customerId) ||
      item.request.kind === 'updateConversation' ||
      (item.request.kind === 'bulkUpdateConversations' && item.request.customerId === customerId),
    list.reload,
  );
  const newConversation = () => router.navigate({ name: 'newConversation', customerId, customerName });

  let body: preact.ComponentChildren;
  if (list.status === 'loading' && !list.data) body = <Skeleton label={t('panel.conversations.loading')} lines={4} />;
  else if (list.status === 'error') body = <ErrorNotice error={list.error} onRetry={list.reload} />;
  else if (!list.data || list.data.length === 0) {
    body = (
      <EmptyState title={t(filter === 'open' ? 'panel.conversations.noneOpen' : 'panel.conversations.none')}>
        <div class="row center">
          <button type="button" class="primary" onClick={newConversation}>
            {t('panel.conversations.new')}
          </button>
          {filter === 'open' && (
            <button type="button" onClick={() => setFilter('all')}>
              {t('panel.conversations.showAll')}
            </button>
          )}
        </div>
      </EmptyState>
    );
  } else if (selecting) {
    body = <BulkUpdate customerId={customerId} conversations={list.data} onDone={() => setSelecting(false)} />;
  } else {
    body = (
      <ConversationList
        conversations={list.data}
        customerId={customerId}
        label={t('panel.conversations.listLabel')}
        busy={list.status === 'loading'}
      />
    );
  }

  return (
    <>
      <ViewHeading>
        {tNodes('panel.conversations.heading', { name: <UserText text={customerName} identity /> })}
      </ViewHeading>
      <div class="row spread">
        <fieldset class="segmented">
          <legend class="visually-hidden">{t('panel.conversations.show')}</legend>
          <label class="inline">
            <input
              type="radio"
              name="conversation-filter"
              checked={filter === 'open'}
              onChange={() => setFilter('open')}
            />
            {t('panel.conversations.filterOpen')}
          </label>
          <label class="inline">
            <input
              type="radio"
              name="conversation-filter"
              checked={filter === 'all'}
              onChange={() => setFilter('all')}
            />
            {t('panel.conversations.filterAll')}
          </label>
        </fieldset>
        <div class="row">
          {!selecting && (list.data?.length ?? 0) > 1 && (
            <button type="button" onClick={() => setSelecting(true)}>
              {t('panel.conversations.selectSeveral')}
            </button>
          )}
          <button type="button" onClick={newConversation}>
            {t('panel.conversations.new')}
          </button>
        </div>
      </div>
      {body}
    </>
  );
}
