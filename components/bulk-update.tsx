import { useEffect, useState } from 'preact/hooks';
import { formatNumber } from '../lib/i18n/intl';
import { plural, t } from '../lib/i18n/t';
import { priorityLabel } from '../lib/labels';
import type { BulkConversationChanges, ConversationSummary, UserOption } from '../lib/messaging/model';
import { bulkProgressText } from '../lib/ui/bulk-progress';
import { STATUS_LABELS } from '../lib/ui/format';
import { outboxItems } from '../lib/ui/outbox-store';
import { loadUsers } from '../lib/ui/reference-data';
import { useEnqueue } from './hooks/use-enqueue';
import { ErrorNotice, TimeText } from './status-views';
import { identityText, UserText } from './user-text';

/**
 * Several of a customer's conversations selected, and one change (status, priority, assignee) applied to all of them
 * as one Kustomer bulk job. The job is a write in the outbox, which follows it to its end; its progress shows here.
 * Snoozing is left to one conversation at a time: a snooze needs its own end time.
 */
export function BulkUpdate({
  customerId,
  conversations,
  onDone,
}: {
  customerId: string;
  conversations: readonly ConversationSummary[];
  onDone: () => void;
}) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState('');
  const [priority, setPriority] = useState('');
  const [assignee, setAssignee] = useState('-');
  const [users, setUsers] = useState<UserOption[]>([]);
  const [jobItemId, setJobItemId] = useState<string | null>(null);
  const enqueue = useEnqueue();
  useEffect(() => {
    loadUsers()
      .then(setUsers)
      .catch(() => setUsers([]));
  }, []);

  const changes: BulkConversationChanges = {};
  if (status === 'open' || status === 'done') changes.status = status;
  if (priority) changes.priority = Number(priority);
  if (assignee !== '-') changes.assigneeIds = assignee ? [assignee] : [];
  const ready = selected.size > 0 && Object.keys(changes).length > 0;
  const job = jobItemId ? outboxItems.value.find((item) => item.id === jobItemId) : undefined;
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };

  return (
    <form
      class="stack bulk-update"
      aria-label={t('panel.bulk.formLabel')}
      onSubmit={async (event) => {
        event.preventDefault();
        if (!ready) return;
        const item = await enqueue.submit(
          { kind: 'bulkUpdateConversations', customerId, conversationIds: [...selected], changes },
          [],
          plural('panel.bulk.queued', selected.size),
        );
        if (item) setJobItemId(item.id);
      }}
    >
      <fieldset>
        <legend>{t('panel.bulk.selected', { count: formatNumber(selected.size) })}</legend>
        <ul class="result-list">
          {conversations.map((conversation) => (
            <li key={conversation.id}>
              <label class="inline select-item">
                <input
                  type="checkbox"
                  checked={selected.has(conversation.id)}
                  onChange={(event) => toggle(conversation.id, event.currentTarget.checked)}
                />
                <UserText text={conversation.subject || t('common.noSubject')} />{' '}
                <span class="hint">
                  {STATUS_LABELS[conversation.status]} · {priorityLabel(conversation.priority)} ·{' '}
                  <TimeText iso={conversation.lastActivityAt ?? conversation.createdAt} focusable={false} />
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div class="grid-2">
        <div>
          <label for="bulk-status">{t('panel.conversationFields.status')}</label>
          <select id="bulk-status" value={status} onChange={(event) => setStatus(event.currentTarget.value)}>
            <option value="">{t('panel.conversationFields.noChange')}</option>
            <option value="open">{STATUS_LABELS.open}</option>
            <option value="done">{STATUS_LABELS.done}</option>
          </select>
        </div>
        <div>
          <label for="bulk-priority">{t('panel.conversationFields.priority')}</label>
          <select id="bulk-priority" value={priority} onChange={(event) => setPriority(event.currentTarget.value)}>
            <option value="">{t('panel.conversationFields.noChange')}</option>
            {[5, 4, 3, 2, 1].map((value) => (
              <option key={value} value={String(value)}>
                {priorityLabel(value)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="bulk-assignee">{t('panel.conversationFields.assignee')}</label>
          <select id="bulk-assignee" value={assignee} onChange={(event) => setAssignee(event.currentTarget.value)}>
            <option value="-">{t('panel.conversationFields.noChange')}</option>
            <option value="">{t('panel.conversationFields.unassigned')}</option>
            {users
              .filter((user) => !user.machine)
              .map((user) => (
                <option key={user.id} value={user.id}>
                  {identityText(user.name)}
                </option>
              ))}
          </select>
        </div>
      </div>
      {enqueue.error && <ErrorNotice error={enqueue.error} />}
      {job && (
        <p class="notice" role="status">
          {bulkProgressText(job.state, job.progress)}
        </p>
      )}
      <div class="row">
        <button type="submit" class="primary" disabled={!ready || enqueue.busy}>
          {plural('panel.bulk.apply', selected.size)}
        </button>
        <button type="button" onClick={onDone}>
          {t('panel.bulk.doneSelecting')}
        </button>
      </div>
    </form>
  );
}
