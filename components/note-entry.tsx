import { useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import type { NoteView } from '../lib/messaging/model';
import { ENTRY_CAP, ENTRY_LINES } from '../lib/ui/user-text';
import { checkLength, LengthCounter, saveOnShortcut } from './composer';
import { useEnqueue } from './hooks/use-enqueue';
import { LongText } from './long-text';
import { ErrorNotice, TimeText } from './status-views';
import { tNodes } from './t-nodes';
import { UserText } from './user-text';

/**
 * A note in the timeline. A note the agent wrote (`mine`) can be edited in place (`updateNote` through the outbox)
 * or deleted: `onDelete` hides it and offers Undo before anything is sent (conversation-view.tsx).
 */
export function NoteEntry({
  entry,
  conversationId,
  mine,
  onDelete,
}: {
  entry: NoteView;
  conversationId: string;
  mine: boolean;
  onDelete: (noteId: string) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(entry.body);
  const [shown, setShown] = useState(entry.body);
  const enqueue = useEnqueue();
  const length = checkLength(text);
  const fieldId = `edit-note-${entry.id}`;

  const save = async () => {
    if (!text.trim() || length.over || text === shown) return;
    const item = await enqueue.submit(
      { kind: 'updateNote', noteId: entry.id, conversationId, body: text },
      [],
      t('panel.noteEntry.queued'),
    );
    if (item) {
      setShown(text);
      setEditing(false);
    }
  };

  return (
    <li class="timeline-entry note">
      <p class="entry-head">
        {entry.authorName ? (
          tNodes('panel.noteEntry.byAuthor', {
            note: <strong>{t('panel.noteEntry.title')}</strong>,
            author: <UserText text={entry.authorName} identity />,
          })
        ) : (
          <strong>{t('panel.noteEntry.title')}</strong>
        )}{' '}
        · <TimeText iso={entry.createdAt} />
      </p>
      {editing ? (
        <form
          class="stack"
          aria-label={t('panel.noteEntry.edit')}
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <label for={fieldId} class="visually-hidden">
            {t('panel.noteEntry.textLabel')}
          </label>
          <textarea
            id={fieldId}
            rows={4}
            value={text}
            aria-describedby={`${fieldId}-length`}
            onInput={(event) => setText(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.stopPropagation();
                setEditing(false);
                setText(shown);
              } else saveOnShortcut(save)(event);
            }}
          />
          <LengthCounter id={`${fieldId}-length`} check={length} />
          {enqueue.error && <ErrorNotice error={enqueue.error} />}
          <div class="row">
            <button type="submit" class="primary" disabled={enqueue.busy || !text.trim() || length.over}>
              {t('panel.noteEntry.save')}
            </button>
            <button
              type="button"
              onClick={() => {
                setEditing(false);
                setText(shown);
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <LongText text={shown} cap={ENTRY_CAP} lines={ENTRY_LINES} />
          {mine && (
            <div class="row entry-actions">
              <button type="button" class="link" onClick={() => setEditing(true)}>
                {t('panel.noteEntry.edit')}
              </button>
              <button type="button" class="link danger" onClick={() => onDelete(entry.id)}>
                {t('panel.noteEntry.delete')}
              </button>
            </div>
          )}
        </>
      )}
    </li>
  );
}
