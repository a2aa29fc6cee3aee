import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import { request } from '../lib/messaging/client';
import { errorInfoOf } from '../lib/messaging/errors';
import { appDrafts } from '../lib/ui/app-drafts';
import { currentCustomer } from '../lib/ui/current-customer';
import { draftKeys } from '../lib/ui/drafts';
import { safeHttpUrl } from '../lib/ui/format';
import { QUICK_NOTE_SOURCE_KEY, quickNoteBody } from '../lib/ui/quick-note';
import type { QuickNoteIntent } from '../lib/ui/router';
import type { ConversationSummary, ErrorInfo } from '../lib/view-models';
import { useDraft } from './hooks/use-draft';
import { useEnqueue } from './hooks/use-enqueue';
import { useFocusOnMount } from './hooks/use-focus-on-mount';
import { ComposerSubmit, checkLength, LengthCounter, saveOnShortcut, saveOnSubmit } from './note-form';
import { useRouter } from './router-context';
import { EmptyState, ErrorNotice, Skeleton } from './status-views';
import { tNodes } from './t-nodes';
import { identityText } from './user-text';
import { ViewHeading } from './view-heading';

const NEW_CONVERSATION = 'new';

interface Target {
  customerId: string;
  customerName: string;
  openConversations: ConversationSummary[];
}

/** Most recent activity first. */
function byRecentActivity(a: ConversationSummary, b: ConversationSummary): number {
  return Date.parse(b.lastActivityAt ?? b.createdAt ?? '') - Date.parse(a.lastActivityAt ?? a.createdAt ?? '') || 0;
}

/**
 * A compact note form opened from the context menu or the keyboard command, on the quick-note draft
 * (the intent's text was merged into it by {@link mergeQuickNoteIntent} before navigating here).
 */
export function QuickNoteView({ intent }: { intent: QuickNoteIntent }) {
  const router = useRouter();
  const drafts = appDrafts();
  const [text, setText] = useDraft(draftKeys.quickNote());
  const noteField = useFocusOnMount<HTMLTextAreaElement>();
  const sourceUrl = drafts.get(QUICK_NOTE_SOURCE_KEY) || undefined;
  const [includeSource, setIncludeSource] = useState(true);
  const [email, setEmail] = useState(intent.email ?? currentCustomer.value?.email ?? '');
  const [target, setTarget] = useState<
    { status: 'idle' | 'loading' } | { status: 'error'; error: ErrorInfo } | { status: 'ready'; target: Target | null }
  >({ status: 'idle' });
  const [conversationId, setConversationId] = useState(NEW_CONVERSATION);
  const enqueue = useEnqueue();

  const findTarget = async (address: string) => {
    if (address.trim() === '') return;
    setTarget({ status: 'loading' });
    try {
      const card = await request('lookupEmail', { email: address.trim() });
      if (!card) {
        setTarget({ status: 'ready', target: null });
        return;
      }
      const open = await request('listConversations', { customerId: card.customer.id, filter: 'open' });
      const sorted = open.filter((conversation) => conversation.status === 'open').sort(byRecentActivity);
      setConversationId(sorted[0]?.id ?? NEW_CONVERSATION);
      setTarget({
        status: 'ready',
        target: {
          customerId: card.customer.id,
          customerName: card.customer.name || address,
          openConversations: sorted,
        },
      });
    } catch (error) {
      setTarget({ status: 'error', error: errorInfoOf(error) });
    }
  };
  useEffect(() => {
    if (email) void findTarget(email);
  }, []);

  const ready = target.status === 'ready' ? target.target : null;
  // The source line is part of the note Kustomer receives, so it counts toward the limit.
  const body = quickNoteBody(text, sourceUrl, includeSource);
  const length = checkLength(body);
  const save = async () => {
    if (!ready || text.trim() === '' || enqueue.busy || length.over) return;
    const item = await enqueue.submit(
      {
        kind: 'createNote',
        customerId: ready.customerId,
        ...(conversationId !== NEW_CONVERSATION ? { conversationId } : {}),
        body,
      },
      [draftKeys.quickNote(), QUICK_NOTE_SOURCE_KEY],
      t('panel.quickNote.queued', { name: identityText(ready.customerName) }),
    );
    if (item) router.replace({ name: 'customer', customerId: ready.customerId });
  };

  return (
    <>
      <ViewHeading focus={false}>{t('panel.quickNote.heading')}</ViewHeading>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void findTarget(email);
        }}
      >
        <label for="quick-note-email">{t('panel.quickNote.email')}</label>
        <div class="row nowrap">
          <input
            id="quick-note-email"
            type="email"
            value={email}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
          <button type="submit">{t('panel.quickNote.find')}</button>
        </div>
      </form>
      {target.status === 'loading' && <Skeleton label={t('panel.quickNote.finding')} lines={1} />}
      {target.status === 'error' && <ErrorNotice error={target.error} onRetry={() => findTarget(email)} />}
      {target.status === 'ready' && !target.target && (
        <EmptyState title={t('panel.quickNote.noCustomer')}>
          <button
            type="button"
            onClick={() => router.navigate({ name: 'createCustomer', email: email.trim().toLowerCase() })}
          >
            {t('panel.quickNote.createCustomer')}
          </button>
        </EmptyState>
      )}
      <form class="stack" onSubmit={saveOnSubmit(save)}>
        {ready && (
          <>
            <label for="quick-note-target">{t('panel.quickNote.addTo')}</label>
            <select
              id="quick-note-target"
              value={conversationId}
              onChange={(event) => setConversationId(event.currentTarget.value)}
            >
              {ready.openConversations.map((conversation) => (
                <option key={conversation.id} value={conversation.id}>
                  {identityText(conversation.subject || t('common.noSubject'))}
                </option>
              ))}
              <option value={NEW_CONVERSATION}>{t('panel.quickNote.newConversation')}</option>
            </select>
          </>
        )}
        <label for="quick-note-text">{t('panel.quickNote.note')}</label>
        <textarea
          id="quick-note-text"
          ref={noteField}
          rows={6}
          value={text}
          aria-describedby="quick-note-hint quick-note-length"
          aria-invalid={length.over || undefined}
          onInput={(event) => setText(event.currentTarget.value)}
          onKeyDown={saveOnShortcut(save)}
        />
        {safeHttpUrl(sourceUrl) && (
          <label class="inline">
            <input
              type="checkbox"
              checked={includeSource}
              onChange={(event) => setIncludeSource(event.currentTarget.checked)}
            />
            {tNodes('panel.quickNote.includeSource', {
              link: (
                <a
                  href={safeHttpUrl(sourceUrl) ?? undefined}
                  target="_blank"
                  rel="noopener noreferrer"
                  class="source-link"
                >
                  {intent.sourceTitle || sourceUrl}
                </a>
              ),
            })}
          </label>
        )}
        <div class="composer-meta">
          <p id="quick-note-hint" class="hint">
            {t('panel.quickNote.hint')}
          </p>
          <LengthCounter id="quick-note-length" check={length} />
        </div>
        {enqueue.error && <ErrorNotice error={enqueue.error} />}
        <ComposerSubmit
          label={t('panel.quickNote.save')}
          blocked={!ready || enqueue.busy || text.trim() === ''}
          check={length}
          counterId="quick-note-length"
        />
      </form>
    </>
  );
}
