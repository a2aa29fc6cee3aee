import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import { errorInfoOf } from '../lib/messaging/errors';
import type {
  ConversationStatus,
  ConversationSummary,
  ErrorInfo,
  SubStatusOption,
  UserOption,
  WriteRequest,
} from '../lib/messaging/model';
import { absoluteTime } from '../lib/ui/format';
import { loadSubStatuses, loadUsers } from '../lib/ui/reference-data';
import { SNOOZE_PRESETS, type SnoozePreset, snoozePresetLabel, snoozeUntil } from '../lib/ui/snooze';
import { useEnqueue } from './hooks/use-enqueue';
import { PrioritySelect } from './priority-select';
import { StatusSelect } from './status-select';
import { ErrorNotice } from './status-views';
import { identityText } from './user-text';

type Changes = Extract<WriteRequest, { kind: 'updateConversation' }>['changes'];

/**
 * Only what the agent changed, so an update never overwrites someone else's edit of another field. A sub-status is
 * only ever set, never cleared: the spec's `subStatus` is an id and Kustomer documents no way to clear one.
 */
export function conversationChanges(
  before: ConversationSummary,
  after: {
    status: ConversationStatus;
    subStatusId: string;
    priority: number;
    assigneeId: string;
    snoozeUntil?: string;
  },
): Changes {
  const changes: Changes = {};
  if (after.status !== before.status) changes.status = after.status;
  if (changes.status === 'snoozed' && after.snoozeUntil) changes.snoozeUntil = after.snoozeUntil;
  if (after.subStatusId && after.subStatusId !== before.subStatusId) changes.subStatusId = after.subStatusId;
  if (after.priority !== before.priority) changes.priority = after.priority;
  if (after.assigneeId !== (before.assigneeIds[0] ?? ''))
    changes.assigneeIds = after.assigneeId ? [after.assigneeId] : [];
  return changes;
}

/** Status, sub-status, priority and assignee of a conversation; Apply queues one update with the changes. */
export function ConversationUpdateForm({ conversation }: { conversation: ConversationSummary }) {
  const [status, setStatus] = useState(conversation.status);
  const [subStatusId, setSubStatusId] = useState(conversation.subStatusId ?? '');
  const [priority, setPriority] = useState(conversation.priority);
  const [assigneeId, setAssigneeId] = useState(conversation.assigneeIds[0] ?? '');
  const [snoozePreset, setSnoozePreset] = useState<SnoozePreset>('tomorrow');
  const [snoozeCustom, setSnoozeCustom] = useState('');
  const [users, setUsers] = useState<UserOption[] | null>(null);
  const [subStatuses, setSubStatuses] = useState<SubStatusOption[] | null>(null);
  const [listError, setListError] = useState<ErrorInfo | null>(null);
  const enqueue = useEnqueue();
  const id = (name: string) => `conversation-${name}-${conversation.id}`;

  const loadLists = () => {
    setListError(null);
    loadUsers()
      .then(setUsers)
      .catch((error: unknown) => setListError(errorInfoOf(error)));
    loadSubStatuses()
      .then(setSubStatuses)
      .catch((error: unknown) => setListError(errorInfoOf(error)));
  };
  useEffect(loadLists, []);

  const snoozing = status === 'snoozed' && conversation.status !== 'snoozed';
  const until = snoozing ? snoozeUntil(snoozePreset, new Date(), snoozeCustom) : null;
  const changes = conversationChanges(conversation, {
    status,
    subStatusId,
    priority,
    assigneeId,
    snoozeUntil: until?.toISOString(),
  });
  // A snooze needs its end: Kustomer's `snooze.time`.
  const changed = Object.keys(changes).length > 0 && (!snoozing || until !== null);
  const subStatusChoices = (subStatuses ?? []).filter((option) => option.parentStatus === status);
  // Assignees Kustomer reports that are not in the users list still show by name.
  const knownIds = new Set((users ?? []).map((user) => user.id));
  const extraAssignees = conversation.assigneeIds
    .map((userId, index) => ({ id: userId, name: conversation.assigneeNames[index] ?? userId }))
    .filter((user) => !knownIds.has(user.id));

  return (
    <form
      class="update-form"
      aria-label={t('panel.updateForm.formLabel')}
      onSubmit={async (event) => {
        event.preventDefault();
        if (!changed) return;
        await enqueue.submit(
          { kind: 'updateConversation', conversationId: conversation.id, changes },
          [],
          t('panel.updateForm.queued'),
        );
      }}
    >
      <div class="grid-2">
        <div>
          <label for={id('status')}>{t('panel.conversationFields.status')}</label>
          <StatusSelect
            id={id('status')}
            value={status}
            onChange={(next) => {
              setStatus(next);
              setSubStatusId('');
            }}
          />
        </div>
        <div>
          <label for={id('substatus')}>{t('panel.conversationFields.subStatus')}</label>
          <select
            id={id('substatus')}
            value={subStatusId}
            disabled={subStatuses === null}
            onChange={(event) => setSubStatusId(event.currentTarget.value)}
          >
            {/* "None" cannot be sent (no documented way to clear a sub-status): offered only when there is none. */}
            {(!conversation.subStatusId || status !== conversation.status) && (
              <option value="">{t('panel.updateForm.noSubStatus')}</option>
            )}
            {subStatusChoices.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
            {subStatusId && !subStatusChoices.some((option) => option.id === subStatusId) && (
              <option value={subStatusId}>{conversation.subStatusLabel ?? subStatusId}</option>
            )}
          </select>
        </div>
        <div>
          <label for={id('priority')}>{t('panel.conversationFields.priority')}</label>
          <PrioritySelect id={id('priority')} value={priority} onChange={setPriority} />
        </div>
        <div>
          <label for={id('assignee')}>{t('panel.conversationFields.assignee')}</label>
          <select
            id={id('assignee')}
            value={assigneeId}
            disabled={users === null}
            onChange={(event) => setAssigneeId(event.currentTarget.value)}
          >
            <option value="">{t('panel.conversationFields.unassigned')}</option>
            {[...extraAssignees, ...(users ?? []).filter((user) => !user.machine)].map((user) => (
              <option key={user.id} value={user.id}>
                {identityText(user.name)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {snoozing && (
        <fieldset class="snooze">
          <legend>{t('panel.snooze.until')}</legend>
          <select
            id={id('snooze')}
            aria-label={t('panel.snooze.until')}
            value={snoozePreset}
            onChange={(event) => setSnoozePreset(event.currentTarget.value as SnoozePreset)}
          >
            {SNOOZE_PRESETS.map((preset) => (
              <option key={preset} value={preset}>
                {snoozePresetLabel(preset)}
              </option>
            ))}
          </select>
          {snoozePreset === 'custom' && (
            <input
              type="datetime-local"
              aria-label={t('panel.snooze.customLabel')}
              value={snoozeCustom}
              onInput={(event) => setSnoozeCustom(event.currentTarget.value)}
            />
          )}
          <p class="hint" aria-live="polite">
            {until
              ? t('panel.snooze.opensAgain', { time: absoluteTime(until.getTime()) })
              : t('panel.snooze.pickFuture')}
          </p>
        </fieldset>
      )}
      {listError && <ErrorNotice error={listError} onRetry={loadLists} />}
      {enqueue.error && <ErrorNotice error={enqueue.error} />}
      <button type="submit" disabled={!changed || enqueue.busy}>
        {t('panel.updateForm.apply')}
      </button>
    </form>
  );
}
