import { useLayoutEffect, useMemo } from 'preact/hooks';
import { onPushEvent, request } from '../lib/messaging/client';
import { announcement } from '../lib/ui/announcer';
import { appDrafts } from '../lib/ui/app-drafts';
import { connection, connectionLoadError, syncConnection } from '../lib/ui/connection-store';
import { type CustomerCardLoad, loadCustomerCard } from '../lib/ui/customer-card';
import { flushDraftsOnHide } from '../lib/ui/drafts';
import { offline, watchOnline } from '../lib/ui/network';
import { failedCount, syncOutbox, unsentCount } from '../lib/ui/outbox-store';
import { mergeQuickNoteIntent } from '../lib/ui/quick-note';
import { createRouter, type Route, type Router } from '../lib/ui/router';
import type { PanelIntent } from '../lib/view-models';
import { ConnectForm } from './connect-form';
import { CustomerView } from './customer-view';
import { lazyView } from './lazy-view';
import { LookupView } from './lookup-view';
import { RouterContext } from './router-context';
import { Skeleton } from './status-views';
import { KustomerSaid } from './user-text';

// Screens after the first ones load on demand (bundle budget: lookup and customer paint first).
const CompanyView = lazyView(() => import('./company-view').then((module) => module.CompanyView));
const ConversationView = lazyView(() => import('./conversation-view').then((module) => module.ConversationView));
const ConversationsView = lazyView(() => import('./conversations-view').then((module) => module.ConversationsView));
const CreateCustomerView = lazyView(() => import('./create-customer-view').then((module) => module.CreateCustomerView));
const HistoryView = lazyView(() => import('./history-view').then((module) => module.HistoryView));
const NewKObjectView = lazyView(() => import('./new-kobject-view').then((module) => module.NewKObjectView));
const KObjectsView = lazyView(() => import('./kobjects-view').then((module) => module.KObjectsView));
const NewConversationView = lazyView(() =>
  import('./new-conversation-view').then((module) => module.NewConversationView),
);
const OutboxView = lazyView(() => import('./outbox-view').then((module) => module.OutboxView));
const QuickNoteView = lazyView(() => import('./quick-note-view').then((module) => module.QuickNoteView));

/** Opens what a context menu, command or page click asked for; a customer's card may already be loading. */
export function followIntent(router: Router, intent: PanelIntent, card?: CustomerCardLoad): void {
  if (intent.kind === 'showCustomer') {
    router.reset({ name: 'lookup' });
    router.navigate({ name: 'customer', email: intent.email, ...(card ? { card } : {}) });
  } else {
    mergeQuickNoteIntent(appDrafts(), intent);
    if (router.current.name === 'quickNote') router.replace({ name: 'quickNote', intent });
    else router.navigate({ name: 'quickNote', intent });
  }
}

function RouteView({ route }: { route: Route }) {
  switch (route.name) {
    case 'lookup':
      return <LookupView />;
    case 'customer':
      return (
        <CustomerView
          key={`${route.email}|${route.customerId}`}
          email={route.email}
          customerId={route.customerId}
          refresh={route.refresh}
          {...(route.card ? { card: route.card } : {})}
        />
      );
    case 'createCustomer':
      return <CreateCustomerView key={route.email} email={route.email} />;
    case 'conversations':
      return (
        <ConversationsView key={route.customerId} customerId={route.customerId} customerName={route.customerName} />
      );
    case 'conversation':
      return (
        <ConversationView
          key={route.conversationId}
          conversationId={route.conversationId}
          customerId={route.customerId}
        />
      );
    case 'newConversation':
      return (
        <NewConversationView key={route.customerId} customerId={route.customerId} customerName={route.customerName} />
      );
    case 'quickNote':
      return <QuickNoteView key={`${route.intent.text}|${route.intent.email}`} intent={route.intent} />;
    case 'kobjects':
      return (
        <KObjectsView customerId={route.customerId} companyId={route.companyId} customerName={route.customerName} />
      );
    case 'company':
      return <CompanyView key={route.companyId} companyId={route.companyId} />;
    case 'outbox':
      return <OutboxView />;
    case 'history':
      return <HistoryView key={route.customerId} customerId={route.customerId} customerName={route.customerName} />;
    case 'newKObject':
      return <NewKObjectView key={route.customerId} customerId={route.customerId} customerName={route.customerName} />;
  }
}

/** Root of the side panel: header with Back and Outbox, offline banner, the current screen. */
export function SidePanelApp({ router: given }: { router?: Router }) {
  const router = useMemo(() => given ?? createRouter(), [given]);
  const drafts = appDrafts();

  // A layout effect runs right after the first render, not a frame later: the requests below go out
  // while the shell paints, in parallel, and the card's lookup leaves as soon as the intent is known.
  useLayoutEffect(() => {
    const open = (intent: PanelIntent) => {
      // The card's lookup leaves now (it joins the one the click started) and travels with the route, so it
      // is on its way while the drafts are read and the customer screen renders.
      const card = intent.kind === 'showCustomer' ? loadCustomerCard({ email: intent.email }) : undefined;
      // Intents merge into drafts: wait for the saved drafts so nothing typed earlier is overwritten.
      void drafts.ready.then(() => followIntent(router, intent, card));
    };
    // The intent is asked for first: the worker takes up requests in the order they arrive.
    const stops = [onPushEvent('panelIntent', (event) => open(event.intent))];
    request('takePanelIntent')
      .then((taken) => {
        if (taken) open(taken.intent);
      })
      .catch(() => undefined);
    stops.push(syncConnection(), syncOutbox(), watchOnline(), flushDraftsOnHide(drafts));
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      // A first Escape in a filled field only leaves the field, so a stray key press never leaves the screen.
      const target = event.target;
      if ((target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) && target.value !== '') {
        target.blur();
        return;
      }
      if (router.back()) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      for (const stop of stops) stop();
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [router, drafts]);

  const status = connection.value;
  const connected = status?.state === 'connected';
  const route = router.current;
  let content: preact.ComponentChildren;
  if (status === null || !drafts.loaded) content = <Skeleton label="Starting…" />;
  else if (!connected) {
    content = (
      <section class="connect-first" aria-labelledby="not-connected-title">
        <h2 id="not-connected-title">Not connected to Kustomer</h2>
        <p>Connect with an API key or sign in to see who your customers are.</p>
        {connectionLoadError.value && <p class="hint">{connectionLoadError.value.message}</p>}
        {status.state === 'error' && status.error && (
          <p class="danger" role="alert">
            {status.error.message}
          </p>
        )}
        {status.state === 'error' && <KustomerSaid detail={status.error?.detail} />}
        <ConnectForm status={status} />
      </section>
    );
  } else content = <RouteView route={route} />;

  return (
    <RouterContext.Provider value={router}>
      <header class="app-header">
        {connected && router.canGoBack ? (
          <button type="button" class="icon-button" onClick={() => router.back()} aria-label="Back">
            <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
              <path d="M10 3 5 8l5 5" fill="none" stroke="currentColor" stroke-width="2" />
            </svg>
          </button>
        ) : (
          <img src="/icon/32.png" alt="" width={20} height={20} />
        )}
        <h1>Kustomer Sidebar</h1>
        {connected && (
          <nav class="header-nav" aria-label="Panel">
            {route.name !== 'lookup' && (
              <button type="button" class="icon-button" onClick={() => router.reset({ name: 'lookup' })}>
                Search
              </button>
            )}
            <button
              type="button"
              class={`icon-button${failedCount.value > 0 ? ' has-failed' : ''}`}
              onClick={() => router.navigate({ name: 'outbox' })}
              aria-label={`Outbox, ${unsentCount.value} unsent${failedCount.value ? `, ${failedCount.value} failed` : ''}`}
            >
              Outbox{unsentCount.value > 0 ? ` (${unsentCount.value})` : ''}
            </button>
          </nav>
        )}
      </header>
      {offline.value && (
        <p class="banner banner-offline" role="status">
          You are offline. What you write is kept and sent when Kustomer can be reached.
        </p>
      )}
      <main class="app-main">{content}</main>
      <div class="toast-region" aria-live="polite" role="status">
        {announcement.value && (
          <p class="toast" key={announcement.value.id}>
            {announcement.value.text}
          </p>
        )}
      </div>
    </RouterContext.Provider>
  );
}
