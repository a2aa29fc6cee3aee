import { priorityLabel, summariseWrite } from '../lib/labels';
import { request } from '../lib/messaging/client';
import { appDrafts } from '../lib/ui/app-drafts';
import { draftKeys } from '../lib/ui/drafts';
import { STATUS_LABELS } from '../lib/ui/format';
import { outboxItems } from '../lib/ui/outbox-store';
import type { OutboxItem, TimelineEntry } from '../lib/view-models';
import { ConversationUpdateForm } from './conversation-update-form';
import { useLoad } from './hooks/use-load';
import { useReloadWhenSent } from './hooks/use-reload-when-sent';
import { MessageForm } from './message-form';
import { NoteForm } from './note-form';
import { EmptyState, ErrorNotice, Skeleton, TimeText } from './status-views';
import { LongText, UserText } from './user-text';
import { ViewHeading } from './view-heading';

function conversationIdOf(item: OutboxItem): string | undefined {
  const write = item.request;
  return 'conversationId' in write ? write.conversationId : undefined;
}

/** One conversation: its details, controls, the timeline of messages and notes, and the composers. */
export function ConversationView({ conversationId, customerId }: { conversationId: string; customerId: string }) {
  const detail = useLoad(() => request('getConversation', { conversationId }), [conversationId]);
  const pending = outboxItems.value.filter(
    (item) => conversationIdOf(item) === conversationId && item.state !== 'sent',
  );
  // A write to this conversation went through: show Kustomer's version of the timeline.
  useReloadWhenSent((item) => conversationIdOf(item) === conversationId, detail.reload);

  if (detail.status === 'loading' && !detail.data) {
    return (
      <>
        <ViewHeading>Conversation</ViewHeading>
        <Skeleton label="Loading conversation…" lines={6} />
      </>
    );
  }
  if (detail.status === 'error' && !detail.data) {
    return (
      <>
        <ViewHeading>Conversation</ViewHeading>
        <ErrorNotice error={detail.error} onRetry={detail.reload} />
      </>
    );
  }
  if (!detail.data) return null;
  const { conversation, timeline } = detail.data;
  const messageDraft = appDrafts().get(draftKeys.message(conversationId));
  return (
    <>
      <ViewHeading>
        <UserText text={conversation.subject || 'No subject'} />
      </ViewHeading>
      <p class="hint">
        {STATUS_LABELS[conversation.status]}
        {conversation.subStatusLabel ? ` · ${conversation.subStatusLabel}` : ''} ·{' '}
        {priorityLabel(conversation.priority)}
        {conversation.channels.length ? ` · ${conversation.channels.join(', ')}` : ''}
      </p>
      {detail.status === 'error' && <ErrorNotice error={detail.error} onRetry={detail.reload} />}
      <ConversationUpdateForm
        key={`${conversation.status}${conversation.priority}${conversation.assigneeIds.join()}${conversation.subStatusId}`}
        conversation={conversation}
      />
      <section aria-labelledby="timeline-title" class="section">
        <h3 id="timeline-title">Timeline</h3>
        {timeline.length === 0 && pending.length === 0 ? (
          <EmptyState title="No messages or notes yet. Add a note below." />
        ) : (
          <ol class="timeline">
            {timeline.map((entry) => (
              <TimelineItem key={`${entry.kind}-${entry.id}`} entry={entry} />
            ))}
            {pending.map((item) => (
              <li key={item.id} class={`timeline-entry pending state-${item.state}`}>
                <p class="entry-head">
                  {summariseWrite(item.request)} ·{' '}
                  {item.state === 'failed' ? 'not sent (see Outbox)' : item.state === 'sending' ? 'sending…' : 'queued'}
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="add-note-title" class="section">
        <h3 id="add-note-title">Add a note</h3>
        <NoteForm customerId={customerId} conversationId={conversationId} />
      </section>
      <details class="section" open={messageDraft !== ''}>
        <summary>Log a message</summary>
        <MessageForm customerId={customerId} conversationId={conversationId} />
      </details>
    </>
  );
}

function TimelineItem({ entry }: { entry: TimelineEntry }) {
  if (entry.kind === 'note') {
    return (
      <li class="timeline-entry note">
        <p class="entry-head">
          <strong>Note</strong>
          {entry.authorName ? (
            <>
              {' by '}
              <UserText text={entry.authorName} identity />
            </>
          ) : (
            ''
          )}{' '}
          · <TimeText iso={entry.createdAt} />
        </p>
        <LongText text={entry.body} />
      </li>
    );
  }
  return (
    <li class={`timeline-entry message direction-${entry.direction}`}>
      <p class="entry-head">
        <strong>{entry.direction === 'in' ? 'Inbound' : 'Outbound'}</strong> {entry.channel} ·{' '}
        <TimeText iso={entry.createdAt} />
      </p>
      {entry.subject && (
        <p class="entry-subject">
          <UserText text={entry.subject} />
        </p>
      )}
      <LongText text={entry.preview} />
    </li>
  );
}
