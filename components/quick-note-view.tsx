import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from '../lib/messaging/client';
import { errorInfoOf } from '../lib/messaging/errors';
import type { ConversationSummary, ErrorInfo } from '../lib/messaging/model';
import { appDrafts } from '../lib/ui/app-drafts';
import { currentCustomer } from '../lib/ui/current-customer';
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
import { identityText } from './user-text';
import { ViewHeading } from './view-heading';

const NEW_CONVERSATION = 'new';

interface Target {
  customerId: string;
  customerName: string;
  /** Open and snoozed conversations, most recent first: the ones a note may still be added to. */
  openConversations: ConversationSummary[];
}

/** Where the prefilled customer came from, as the form says it (issue 17, bug 7). */
const GUESS_LABELS = {
  selection: 'from the selection',
  nearby: 'nearest address on the page',
  lastViewed: 'last customer viewed',
} as const;
type Guess = keyof typeof GUESS_LABELS;

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

  const targetOf = async (customerId: string, customerName: string): Promise<Target> => {
    const all = await request('listConversations', { customerId, filter: 'all' });
    const open = all.filter((conversation) => conversation.status !== 'done').sort(byRecentActivity);
    return { customerId, customerName, openConversations: open };
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
      const card = await request('lookupEmail', { email: address.trim() });
      if (search !== latestSearch.current) return;
      if (!card) {
        setTarget({ status: 'ready', target: null });
        return;
      }
      const found = await targetOf(card.customer.id, card.customer.name || address);
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
      choose(await targetOf(customer.id, customer.name));
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
      `Note for ${identityText(ready.customerName)} queued.`,
    );
    if (item) router.replace({ name: 'customer', customerId: ready.customerId });
  };

  return (
    <>
      <ViewHeading focus={false}>Quick note</ViewHeading>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          setGuess(null);
          void findTarget(email);
        }}
      >
        <label for="quick-note-email">
          Customer email{guess && <span class="hint"> ({GUESS_LABELS[guess]})</span>}
        </label>
        <div class="row nowrap">
          <input
            id="quick-note-email"
            type="email"
            value={email}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
          <button type="submit">Find</button>
        </div>
      </form>
      {target.status === 'loading' && <Skeleton label="Finding the customer…" lines={1} />}
      {target.status === 'ask' && (
        <fieldset class="notice stack">
          <legend>
            The page names {identityText(target.conflict.page.customerName)} ({email}), but the panel showed{' '}
            {identityText(target.conflict.onScreen.name)}. Which customer is this note for?
          </legend>
          <div class="row">
            <button type="button" onClick={() => choose(target.conflict.page)}>
              {identityText(target.conflict.page.customerName)} (on the page)
            </button>
            <button type="button" onClick={() => void keepOnScreen(target.conflict.onScreen)}>
              {identityText(target.conflict.onScreen.name)} (on screen)
            </button>
          </div>
        </fieldset>
      )}
      {target.status === 'error' && <ErrorNotice error={target.error} onRetry={() => findTarget(email)} />}
      {target.status === 'ready' && !target.target && (
        <EmptyState title="No customer has this address.">
          <button
            type="button"
            onClick={() => router.navigate({ name: 'createCustomer', email: email.trim().toLowerCase() })}
          >
            Create customer
          </button>
        </EmptyState>
      )}
      <form class="stack" onSubmit={saveOnSubmit(save)}>
        {ready && (
          <>
            <label for="quick-note-target">Add to</label>
            <select
              id="quick-note-target"
              value={conversationId}
              onChange={(event) => setConversationId(event.currentTarget.value)}
            >
              {ready.openConversations.map((conversation) => (
                <option key={conversation.id} value={conversation.id}>
                  {identityText(conversation.subject || 'No subject')}
                  {conversation.status === 'snoozed' ? ' (snoozed)' : ''}
                </option>
              ))}
              <option value={NEW_CONVERSATION}>New conversation</option>
            </select>
          </>
        )}
        <label for="quick-note-text">Note</label>
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
            Include the source:{' '}
            <a href={safeHttpUrl(sourceUrl) ?? undefined} target="_blank" rel="noopener noreferrer" class="source-link">
              {intent.sourceTitle || sourceUrl}
            </a>
          </label>
        )}
        <div class="composer-meta">
          <p id="quick-note-hint" class="hint">
            Ctrl+Enter (⌘+Enter on a Mac) to save.
          </p>
          <LengthCounter id="quick-note-length" check={length} />
        </div>
        {enqueue.error && <ErrorNotice error={enqueue.error} />}
        <ComposerSubmit
          label="Save note"
          blocked={!ready || enqueue.busy || text.trim() === ''}
          check={length}
          counterId="quick-note-length"
        />
      </form>
    </>
  );
}
