import { useEffect, useRef, useState } from 'preact/hooks';
import { plural, t } from '../lib/i18n/t';
import { MAX_NOTE_MENTIONS } from '../lib/messaging/limits';
import type { UserOption } from '../lib/messaging/model';
import { draftKeys } from '../lib/ui/drafts';
import { insertMention, type MentionQuery, matchUsers, mentionedIds, mentionQueryAt } from '../lib/ui/mentions';
import { loadUsers } from '../lib/ui/reference-data';
import { ComposerSubmit, checkLength, isSaveShortcut, LengthCounter, saveOnShortcut, saveOnSubmit } from './composer';
import { useDraft } from './hooks/use-draft';
import { useEnqueue } from './hooks/use-enqueue';
import { ComposerOrgOnDemand } from './org-views-on-demand';
import { ErrorNotice } from './status-views';
import { UserText } from './user-text';

/** Adds an internal note to a conversation; "@" opens a typeahead of users that become mentions. */
export function NoteForm({ customerId, conversationId }: { customerId: string; conversationId: string }) {
  const draftKey = draftKeys.note(conversationId);
  const [body, setBody] = useDraft(draftKey);
  const [users, setUsers] = useState<UserOption[]>([]);
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  const field = useRef<HTMLTextAreaElement>(null);
  const enqueue = useEnqueue();

  useEffect(() => {
    loadUsers()
      .then(setUsers)
      .catch(() => setUsers([]));
  }, []);

  const length = checkLength(body);
  // Kustomer takes at most MAX_NOTE_MENTIONS mentions on one note: past it the note cannot be added.
  const tooManyMentions = mentionedIds(body, users).length > MAX_NOTE_MENTIONS;
  const counterId = `note-length-${conversationId}`;
  const suggestions = mention ? matchUsers(users, mention.query) : [];
  const open = suggestions.length > 0;

  const updateMention = (text: string, caret: number) => {
    const next = mentionQueryAt(text, caret);
    setMention(next);
    setActive(0);
  };
  const pick = (user: UserOption) => {
    if (!mention) return;
    const next = insertMention(body, mention, user);
    // Set the text and caret on the element now: keys typed right after the pick must land after the name.
    const element = field.current;
    if (element) {
      element.value = next.text;
      element.focus();
      element.setSelectionRange(next.caret, next.caret);
    }
    setBody(next.text);
    setMention(null);
  };
  const save = async () => {
    // The element holds what was typed even if the last keystroke has not re-rendered yet.
    const text = field.current?.value ?? body;
    const userMentionIds = mentionedIds(text, users);
    if (text.trim() === '' || enqueue.busy || checkLength(text).over || userMentionIds.length > MAX_NOTE_MENTIONS)
      return;
    await enqueue.submit(
      {
        kind: 'createNote',
        customerId,
        conversationId,
        body: text,
        ...(userMentionIds.length ? { userMentionIds } : {}),
      },
      [draftKey],
      t('panel.noteForm.queued'),
    );
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((active + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        const user = suggestions[active];
        if (user && !isSaveShortcut(event)) {
          event.preventDefault();
          pick(user);
          return;
        }
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setMention(null);
        return;
      }
    }
    saveOnShortcut(save)(event);
  };

  return (
    <form class="stack composer" onSubmit={saveOnSubmit(save)}>
      <ComposerOrgOnDemand kind="note" />
      <label for={`note-${conversationId}`}>{t('panel.noteForm.label')}</label>
      <div class="typeahead">
        <textarea
          id={`note-${conversationId}`}
          ref={field}
          rows={3}
          value={body}
          placeholder={t('panel.noteForm.placeholder')}
          aria-autocomplete="list"
          aria-controls={`mentions-${conversationId}`}
          aria-activedescendant={open ? `mention-${conversationId}-${active}` : undefined}
          aria-describedby={`note-hint-${conversationId} ${counterId}`}
          aria-invalid={length.over || undefined}
          onInput={(event) => {
            const target = event.currentTarget;
            setBody(target.value);
            updateMention(target.value, target.selectionStart ?? target.value.length);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setMention(null), 150)}
        />
        <div
          id={`mentions-${conversationId}`}
          role="listbox"
          aria-label={t('panel.noteForm.mentionList')}
          class="typeahead-list"
          hidden={!open}
        >
          {suggestions.map((user, index) => (
            <div
              key={user.id}
              tabIndex={-1}
              id={`mention-${conversationId}-${index}`}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(user);
              }}
            >
              <UserText text={user.name} identity /> <UserText class="hint" text={user.email} identity />
            </div>
          ))}
        </div>
      </div>
      <div class="composer-meta">
        <p id={`note-hint-${conversationId}`} class="hint">
          {t('panel.noteForm.hint')}
        </p>
        <LengthCounter id={counterId} check={length} />
      </div>
      {tooManyMentions && (
        <p class="danger" role="alert">
          {plural('panel.noteForm.tooManyMentions', MAX_NOTE_MENTIONS)}
        </p>
      )}
      {enqueue.error && <ErrorNotice error={enqueue.error} />}
      <ComposerSubmit
        label={t('panel.noteForm.submit')}
        blocked={enqueue.busy || body.trim() === '' || tooManyMentions}
        check={length}
        counterId={counterId}
      />
    </form>
  );
}
