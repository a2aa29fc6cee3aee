import { t } from '../lib/i18n/t';
import { priorityLabel } from '../lib/labels';
import type { ConversationSummary } from '../lib/messaging/model';
import { STATUS_LABELS } from '../lib/ui/format';
import { knownSubjects } from '../lib/ui/panel-memory';
import { PREVIEW_CAP } from '../lib/ui/user-text';
import { useRouter } from './router-context';
import { TimeText } from './status-views';
import { tNodes } from './t-nodes';
import { UserText } from './user-text';

/** One conversation in a list: subject, status, priority, assignee, channel, preview, time. */
export function ConversationSummaryItem({
  conversation,
  onOpen,
}: {
  conversation: ConversationSummary;
  onOpen: () => void;
}) {
  return (
    <button type="button" class="result conversation-item" onClick={onOpen}>
      <span class="result-name">
        <UserText text={conversation.subject || t('common.noSubject')} />
      </span>
      <span class="chips">
        <span class={`badge badge-${conversation.status}`}>{STATUS_LABELS[conversation.status]}</span>
        {conversation.subStatusLabel && (
          <span class="badge">
            <UserText text={conversation.subStatusLabel} />
          </span>
        )}
        <span class={`badge priority-${conversation.priority}`}>{priorityLabel(conversation.priority)}</span>
        {conversation.channels.map((channel) => (
          <span key={channel} class="badge">
            <UserText text={channel} />
          </span>
        ))}
      </span>
      {conversation.preview && <UserText class="preview" text={conversation.preview} cap={PREVIEW_CAP} />}
      <span class="result-meta">
        {conversation.assigneeNames.length > 0
          ? tNodes('panel.conversations.assignedTo', {
              // Agents' names are Kustomer data: isolated, so a bidi control in one cannot reorder the line.
              names: <UserText text={conversation.assigneeNames.join(t('panel.outbox.listSeparator'))} identity />,
            })
          : t('panel.conversationFields.unassigned')}
        {' · '}
        <TimeText iso={conversation.lastActivityAt ?? conversation.createdAt} focusable={false} />
      </span>
    </button>
  );
}

/** A list of a customer's conversations, each opening the conversation view. */
export function ConversationList({
  conversations,
  customerId,
  label,
  busy,
}: {
  conversations: readonly ConversationSummary[];
  customerId: string;
  label?: string;
  busy?: boolean;
}) {
  // The outbox names a write's conversation by the subject the agent saw here.
  for (const conversation of conversations) knownSubjects.set(conversation.id, conversation.subject);
  const router = useRouter();
  return (
    <ul class="result-list" aria-label={label} aria-busy={busy}>
      {conversations.map((conversation) => (
        <li key={conversation.id}>
          <ConversationSummaryItem
            conversation={conversation}
            onOpen={() => router.navigate({ name: 'conversation', conversationId: conversation.id, customerId })}
          />
        </li>
      ))}
    </ul>
  );
}
