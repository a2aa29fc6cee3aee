import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import { request } from '../lib/messaging/client';
import { errorInfoOf } from '../lib/messaging/errors';
import type { ConnectionId, ConversationSummary, ErrorInfo } from '../lib/messaging/model';
import { appDrafts } from '../lib/ui/app-drafts';
import { activeConnectionId, currentCustomer } from '../lib/ui/current-customer';
import { cardOfAnswer } from '../lib/ui/customer-card';
import { draftKeys } from '../lib/ui/drafts';
import { QUICK_NOTE_SOURCE_KEY, quickNoteBody } from '../lib/ui/quick-note';
import type { QuickNoteIntent } from '../lib/ui/router';
import { safeHttpUrl } from '../lib/url';
import { ComposerSubmit, checkLength, LengthCounter, saveOnShortcut, saveOnSubmit } from './composer';
import { useDraft } from './hooks/use-draft';
import { useEnqueue } from './hooks/use-enqueue';
import { useFocusOnMount } from './hooks/use-focus-on-mount';
import { useRouter } from './router-context';
import { EmptyState, ErrorNotice, Skeleton } from './status-views';
import { tNodes } from './t-nodes';
import { identityText } from './user-text';
import { ViewHeading } from './view-heading';

const NEW_CONVERSATION = 'new';

interface Target {
  /** The organisation the customer was found in: the note goes there. */
  connectionId: ConnectionId;
  customerId: string;
  customerName: string;
  /** Open and snoozed conversations, most recent first: the ones a note may still be added to. */
  openConversations: ConversationSummary[];
}

/** Where the prefilled customer came from, as the form says it (issue 17, bug 7). */
const GUESS_KEYS = {
  selection: 'panel.quickNote.guessSelection',
  nearby: 'panel.quickNote.guessNearby',
  lastViewed: 'panel.quickNote.guessLastViewed',
} as const;
type Guess = keyof typeof GUESS_KEYS;

/** The customer on screen when the page names another: the agent picks, the form never switches silently. */
interface Conflict {
  page: Target;
  onScreen: { id: string; name: string; email?: string };
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
  const onScreen = currentCustomer.peek();
  const [guess, setGuess] = useState<Guess | null>(
    intent.email ? (intent.emailFrom ?? 'selection') : onScreen?.email ? 'lastViewed' : null,
  );
  const [email, setEmail] = useState(intent.email ?? onScreen?.email ?? '');
  const [target, setTarget] = useState<
    | { status: 'idle' | 'loading' }
    | { status: 'error'; error: ErrorInfo }
    | { status: 'ready'; target: Target | null }
    | { status: 'ask'; conflict: Conflict }
  >({ status: 'idle' });
  const [conversationId, setConversationId] = useState(NEW_CONVERSATION);
  const enqueue = useEnqueue();

  const targetOf = async (connectionId: ConnectionId, customerId: string, customerName: string): Promise<Target> => {
    const all = await request('listConversations', { connectionId, customerId, filter: 'all' });
    const open = all.filter((conversation) => conversation.status !== 'done').sort(byRecentActivity);
    return { connectionId, customerId, customerName, openConversations: open };
  };
  const choose = (chosen: Target) => {
    setConversationId(chosen.openConversations[0]?.id ?? NEW_CONVERSATION);
    setTarget({ status: 'ready', target: chosen });
  };
  // Only the latest search may set the target: the prefilled address's lookup can answer after the one the
  // agent typed, and must not move the note back to that customer.
  const latestSearch = useRef(0);
  const findTarget = async (address: string, fromPage = false) => {
    if (address.trim() === '') return;
    const search = ++latestSearch.current;
    setTarget({ status: 'loading' });
    try {
      // The site's default organisation (the intent's) is preferred when it knows the customer.
      const card = cardOfAnswer(await request('lookupEmail', { email: address.trim() }), intent.connectionId);
      if (search !== latestSearch.current) return;
      if (!card) {
        setTarget({ status: 'ready', target: null });
        return;
      }
      const found = await targetOf(card.connectionId, card.customer.id, card.customer.name || address);
      if (search !== latestSearch.current) return;
      // The page names someone other than the customer on screen: ask (issue 21, finding 5).
      if (fromPage && onScreen && onScreen.id !== found.customerId) {
        setTarget({ status: 'ask', conflict: { page: found, onScreen } });
        return;
      }
      choose(found);
    } catch (error) {
      if (search === latestSearch.current) setTarget({ status: 'error', error: errorInfoOf(error) });
    }
  };
  const keepOnScreen = async (customer: Conflict['onScreen']) => {
    latestSearch.current++;
    setTarget({ status: 'loading' });
    try {
      if (customer.email) setEmail(customer.email);
      setGuess('lastViewed');
      choose(await targetOf(activeConnectionId(), customer.id, customer.name));
    } catch (error) {
      setTarget({ status: 'error', error: errorInfoOf(error) });
    }
  };
  useEffect(() => {
    if (email) void findTarget(email, Boolean(intent.email));
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
      ready.connectionId,
    );
    if (item) router.replace({ name: 'customer', customerId: ready.customerId, connectionId: ready.connectionId });
  };

  return (
    <>
      <ViewHeading focus={false}>{t('panel.quickNote.heading')}</ViewHeading>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          setGuess(null);
          void findTarget(email);
        }}
      >
        <label for="quick-note-email">
          {t('panel.quickNote.email')}
          {guess && <span class="hint"> {t('panel.quickNote.guessHint', { guess: t(GUESS_KEYS[guess]) })}</span>}
        </label>
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
      {target.status === 'ask' && (
        <fieldset class="notice stack">
          <legend>
            {t('panel.quickNote.askLegend', {
              page: identityText(target.conflict.page.customerName),
              email,
              onScreen: identityText(target.conflict.onScreen.name),
            })}
          </legend>
          <div class="row">
            <button type="button" onClick={() => choose(target.conflict.page)}>
              {t('panel.quickNote.choosePage', { name: identityText(target.conflict.page.customerName) })}
            </button>
            <button type="button" onClick={() => void keepOnScreen(target.conflict.onScreen)}>
              {t('panel.quickNote.chooseOnScreen', { name: identityText(target.conflict.onScreen.name) })}
            </button>
          </div>
        </fieldset>
      )}
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
                  {conversation.status === 'snoozed'
                    ? t('panel.quickNote.snoozedConversation', {
                        subject: identityText(conversation.subject || t('common.noSubject')),
                      })
                    : identityText(conversation.subject || t('common.noSubject'))}
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
            <span class="source-text">
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
            </span>
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
