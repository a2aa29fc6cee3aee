import './conversation.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import { priorityLabel, summariseWrite } from '../lib/labels';
import { request } from '../lib/messaging/client';
import type { OutboxItem, TimelineEntry } from '../lib/messaging/model';
import { appDrafts } from '../lib/ui/app-drafts';
import { connectionOf } from '../lib/ui/connection-store';
import { activeConnectionId } from '../lib/ui/current-customer';
import { draftKeys } from '../lib/ui/drafts';
import { STATUS_LABELS } from '../lib/ui/format';
import { outboxItems } from '../lib/ui/outbox-store';
import { loadPanelPrefs, panelPrefs, setPanelPref } from '../lib/ui/panel-prefs';
import { ENTRY_CAP, ENTRY_LINES } from '../lib/ui/user-text';
import { ConversationUpdateForm } from './conversation-update-form';
import { useEnqueue } from './hooks/use-enqueue';
import { useLoad } from './hooks/use-load';
import { useReloadWhenSent } from './hooks/use-reload-when-sent';
import { LongText } from './long-text';
import { MessageForm } from './message-form';
import { NoteEntry } from './note-entry';
import { NoteForm } from './note-form';
import { EmptyState, ErrorNotice, Skeleton, TimeText } from './status-views';
import { UserText } from './user-text';
import { ViewHeading } from './view-heading';

/** How long a deleted note can be brought back before the delete is sent. */
export const UNDO_DELETE_MS = 5_000;

function conversationIdOf(item: OutboxItem): string | undefined {
  const write = item.request;
  return 'conversationId' in write ? write.conversationId : undefined;
}

/**
 * A note delete waits `UNDO_DELETE_MS` with Undo before it goes to the outbox; leaving the screen sends it at once
 * (the agent asked for it and moved on). Only one waits at a time: a second delete sends the first.
 */
function useUndoableDelete(conversationId: string) {
  const [waiting, setWaiting] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pendingId = useRef<string | null>(null);
  const enqueue = useEnqueue();
  const send = (noteId: string) => {
    clearTimeout(timer.current);
    pendingId.current = null;
    void enqueue.submit({ kind: 'deleteNote', noteId, conversationId }, [], t('panel.conversation.noteDeleted'));
  };
  useEffect(
    () => () => {
      if (pendingId.current) send(pendingId.current);
    },
    [],
  );
  return {
    waiting,
    error: enqueue.error,
    remove(noteId: string) {
      if (pendingId.current) send(pendingId.current);
      pendingId.current = noteId;
      setWaiting(noteId);
      timer.current = setTimeout(() => {
        send(noteId);
        setWaiting(null);
      }, UNDO_DELETE_MS);
    },
    undo() {
      clearTimeout(timer.current);
      pendingId.current = null;
      setWaiting(null);
    },
  };
}

/**
 * One conversation: a sticky bar with its subject, status and actions; the composer; the timeline of messages and
 * notes, newest or oldest first as the agent chose (remembered). Newest first puts the composer above the timeline,
 * oldest first below it, and "Add a note" in the bar reaches it from anywhere.
 */
export function ConversationView({ conversationId, customerId }: { conversationId: string; customerId: string }) {
  const detail = useLoad(
    () => request('getConversation', { connectionId: activeConnectionId(), conversationId }),
    [conversationId],
  );
  const deletion = useUndoableDelete(conversationId);
  useEffect(() => {
    void loadPanelPrefs();
  }, []);
  const pending = outboxItems.value.filter(
    (item) => conversationIdOf(item) === conversationId && item.state !== 'sent',
  );
  // A write to this conversation went through: show Kustomer's version of the timeline.
  useReloadWhenSent((item) => conversationIdOf(item) === conversationId, detail.reload);

  if (detail.status === 'loading' && !detail.data) {
    return (
      <>
        <ViewHeading>{t('panel.conversation.heading')}</ViewHeading>
        <Skeleton label={t('panel.conversation.loading')} lines={6} />
      </>
    );
  }
  if (detail.status === 'error' && !detail.data) {
    return (
      <>
        <ViewHeading>{t('panel.conversation.heading')}</ViewHeading>
        <ErrorNotice error={detail.error} onRetry={detail.reload} />
      </>
    );
  }
  if (!detail.data) return null;
  const { conversation, timeline, kustomerUrl } = detail.data;
  const newestFirst = panelPrefs.value.timelineOrder === 'newest';
  // Notes being deleted (waiting for Undo, or queued) are not shown.
  const deleted = new Set(pending.flatMap((item) => (item.request.kind === 'deleteNote' ? [item.request.noteId] : [])));
  if (deletion.waiting) deleted.add(deletion.waiting);
  const entries = timeline.filter((entry) => !deleted.has(entry.id));
  if (newestFirst) entries.reverse();
  const current = connectionOf(activeConnectionId());
  const myId = current?.state === 'connected' ? current.userId : undefined;
  const messageDraft = appDrafts().get(draftKeys.message(conversationId));
  const noteFieldId = `note-${conversationId}`;

  const composer = (
    <>
      <section aria-labelledby="add-note-title" class="section">
        <h3 id="add-note-title">{t('panel.conversation.addNote')}</h3>
        <NoteForm customerId={customerId} conversationId={conversationId} />
      </section>
      <details class="section" open={messageDraft !== ''}>
        <summary>{t('panel.conversation.logMessage')}</summary>
        <MessageForm customerId={customerId} conversationId={conversationId} />
      </details>
    </>
  );
  const pendingEntries = pending
    .filter((item) => item.request.kind !== 'deleteNote')
    .map((item) => (
      <li key={item.id} class={`timeline-entry pending state-${item.state}`}>
        <p class="entry-head">
          {summariseWrite(item.request)} ·{' '}
          {t(
            item.state === 'failed'
              ? 'panel.conversation.pendingFailed'
              : item.state === 'sending'
                ? 'panel.conversation.pendingSending'
                : 'panel.conversation.pendingQueued',
          )}
        </p>
      </li>
    ));

  return (
    <>
      <div class="conversation-bar">
        <ViewHeading>
          <UserText text={conversation.subject || t('common.noSubject')} />
        </ViewHeading>
        <p class="hint">
          <span class={`badge badge-${conversation.status}`}>{STATUS_LABELS[conversation.status]}</span>
          {conversation.subStatusLabel && (
            <>
              {' '}
              <UserText text={conversation.subStatusLabel} />
            </>
          )}{' '}
          · {priorityLabel(conversation.priority)}
          {conversation.channels.length > 0 && (
            <>
              {' · '}
              <UserText text={conversation.channels.join(', ')} />
            </>
          )}
        </p>
        <div class="row bar-actions">
          <button
            type="button"
            onClick={() => {
              const field = document.getElementById(noteFieldId);
              field?.scrollIntoView({ block: 'center' });
              field?.focus();
            }}
          >
            {t('panel.conversation.addNote')}
          </button>
          <a class="button-link" href={kustomerUrl} target="_blank" rel="noopener noreferrer">
            {t('common.openInKustomer')}
          </a>
          <label class="order-choice">
            <span class="visually-hidden">{t('panel.conversation.order')}</span>
            <select
              value={panelPrefs.value.timelineOrder}
              onChange={(event) =>
                void setPanelPref('timelineOrder', event.currentTarget.value === 'oldest' ? 'oldest' : 'newest')
              }
            >
              <option value="newest">{t('panel.conversation.newestFirst')}</option>
              <option value="oldest">{t('panel.conversation.oldestFirst')}</option>
            </select>
          </label>
        </div>
      </div>
      {detail.status === 'error' && <ErrorNotice error={detail.error} onRetry={detail.reload} />}
      <details class="section" open>
        <summary>{t('panel.conversation.fields')}</summary>
        <ConversationUpdateForm
          key={`${conversation.status}${conversation.priority}${conversation.assigneeIds.join()}${conversation.subStatusId}`}
          conversation={conversation}
        />
      </details>
      {newestFirst && composer}
      {deletion.waiting && (
        <div class="notice" role="status">
          <p>{t('panel.conversation.noteDeleted')}</p>
          <button type="button" onClick={deletion.undo}>
            {t('panel.conversation.undo')}
          </button>
        </div>
      )}
      {deletion.error && <ErrorNotice error={deletion.error} />}
      <section aria-labelledby="timeline-title" class="section">
        <h3 id="timeline-title">
          {t('panel.conversation.timeline')}{' '}
          <span class="hint">
            {t(newestFirst ? 'panel.conversation.timelineNewest' : 'panel.conversation.timelineOldest')}
          </span>
        </h3>
        {entries.length === 0 && pendingEntries.length === 0 ? (
          <EmptyState title={t('panel.conversation.empty')} />
        ) : (
          <ol class="timeline">
            {newestFirst && pendingEntries}
            {entries.map((entry) =>
              entry.kind === 'note' ? (
                <NoteEntry
                  key={`note-${entry.id}`}
                  entry={entry}
                  conversationId={conversationId}
                  mine={myId !== undefined && entry.authorId === myId}
                  onDelete={deletion.remove}
                />
              ) : (
                <MessageEntry key={`message-${entry.id}`} entry={entry} />
              ),
            )}
            {!newestFirst && pendingEntries}
          </ol>
        )}
      </section>
      {!newestFirst && composer}
    </>
  );
}

function MessageEntry({ entry }: { entry: Extract<TimelineEntry, { kind: 'message' }> }) {
  return (
    <li class={`timeline-entry message direction-${entry.direction}`}>
      <p class="entry-head">
        <strong>{t(entry.direction === 'in' ? 'panel.conversation.inbound' : 'panel.conversation.outbound')}</strong>{' '}
        <UserText text={entry.channel} /> · <TimeText iso={entry.createdAt} />
      </p>
      {entry.subject && (
        <p class="entry-subject">
          <UserText text={entry.subject} />
        </p>
      )}
      <LongText text={entry.preview} cap={ENTRY_CAP} lines={ENTRY_LINES} />
    </li>
  );
}
