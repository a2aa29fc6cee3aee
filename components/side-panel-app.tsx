import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { formatNumber } from '../lib/i18n/intl';
import { t } from '../lib/i18n/t';
import { onPushEvent, request } from '../lib/messaging/client';
import type { ConnectionId, PanelIntent } from '../lib/messaging/model';
import { announcement } from '../lib/ui/announcer';
import { adoptLeftoverDrafts, draftsLoaded, draftsOf, flushAllDrafts, sharedDraftsReady } from '../lib/ui/app-drafts';
import { bootIntents } from '../lib/ui/boot-requests';
import { connection, connectionLoadError, connections, syncConnection } from '../lib/ui/connection-store';
import { cardConnection } from '../lib/ui/current-customer';
import { type CustomerCardLoad, loadCustomerCard } from '../lib/ui/customer-card';
import { flushDraftsOnHide } from '../lib/ui/drafts';
import { type Reachability, reachability, watchOnline } from '../lib/ui/network';
import { failedCount, syncOutbox, unsentCount } from '../lib/ui/outbox-store';
import { loadPanelMemory, rememberScreen, screenOf } from '../lib/ui/panel-memory';
import { mergeQuickNoteIntent } from '../lib/ui/quick-note';
import { createRouter, type Route, type Router } from '../lib/ui/router';
import { CustomerView } from './customer-view';
import { lazyView } from './lazy-view';
import { LookupView } from './lookup-view';
import { OptionsLink } from './options-link';
import { loadOrgViews } from './org-views-on-demand';
import { rich } from './rich-text';
import { ReconnectContext, RouterContext } from './router-context';
import { Skeleton } from './status-views';

// Screens after the first ones load on demand (bundle budget: lookup and customer paint first).
// Only a panel that is not connected shows it: loaded then, to keep the first paint of a connected panel small.
const ConnectForm = lazyView(() => import('./connect-form').then((module) => module.ConnectForm));
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
const LogCallView = lazyView(() => import('./log-call-view').then((module) => module.LogCallView));
const OutboxView = lazyView(() => import('./outbox-view').then((module) => module.OutboxView));
const OrganisationsView = lazyView(() => import('./organisations-view').then((module) => module.OrganisationsView));
const QuickNoteView = lazyView(() => import('./quick-note-org').then((module) => module.QuickNoteForOrg));
/** Several organisations: the card with a tab per organisation (never loaded for a single one). */
const OrgCard = lazyView(() => loadOrgViews().then((views) => views.OrgCard));

/** The banner for each way Kustomer is out of reach (issue 17, bug 6). */
const troubleText = (trouble: Exclude<Reachability, 'ok'>) => t(`panel.app.trouble.${trouble}`);

/** Opens what a context menu, command or page click asked for; a customer's card may already be loading. */
export function followIntent(router: Router, intent: PanelIntent, card?: CustomerCardLoad): void {
  if (intent.kind === 'showCustomer') {
    router.reset({ name: 'lookup' });
    router.navigate({
      name: 'customer',
      email: intent.email,
      ...(card ? { card } : {}),
      ...(intent.connectionId ? { connectionId: intent.connectionId } : {}),
    });
  } else if (intent.kind === 'showPhone') {
    router.reset({ name: 'lookup' });
    router.navigate({
      name: 'customer',
      phone: intent.phone,
      ...(card ? { card } : {}),
      ...(intent.connectionId ? { connectionId: intent.connectionId } : {}),
    });
  } else {
    // Kept at once in the shared drafts; the quick-note screen gives it to the organisation it writes to.
    mergeQuickNoteIntent(draftsOf('shared'), intent);
    if (router.current.name === 'quickNote') router.replace({ name: 'quickNote', intent });
    else router.navigate({ name: 'quickNote', intent });
  }
}

function RouteView({ route }: { route: Route }) {
  switch (route.name) {
    case 'lookup':
      return <LookupView />;
    case 'customer':
      if (!route.customerId && (connections.value?.length ?? 0) > 1) {
        return (
          <OrgCard
            key={`${route.email}|${route.phone}`}
            email={route.email}
            phone={route.phone}
            connectionId={route.connectionId}
            refresh={route.refresh}
            view={(card, load) => (
              <CustomerView customerId={card.customer.id} connectionId={card.connectionId} card={load} />
            )}
          />
        );
      }
      return (
        <CustomerView
          key={`${route.email}|${route.phone}|${route.customerId}`}
          email={route.email}
          phone={route.phone}
          customerId={route.customerId}
          connectionId={route.connectionId}
          refresh={route.refresh}
          {...(route.card ? { card: route.card } : {})}
        />
      );
    case 'createCustomer':
      return (
        <CreateCustomerView
          key={`${route.email}|${route.phone}|${route.connectionId}`}
          email={route.email}
          phone={route.phone}
          connectionId={route.connectionId}
        />
      );
    case 'logCall':
      return (
        <LogCallView
          key={`${route.phone}|${route.customerId}`}
          phone={route.phone}
          customerId={route.customerId}
          customerName={route.customerName}
        />
      );
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
        <KObjectsView
          customerId={route.customerId}
          companyId={route.companyId}
          customerName={route.customerName}
          kobjectId={route.kobjectId}
        />
      );
    case 'company':
      return <CompanyView key={route.companyId} companyId={route.companyId} />;
    case 'outbox':
      return <OutboxView />;
    case 'organisations':
      return <OrganisationsView key={route.reconnect} reconnect={route.reconnect} />;
    case 'history':
      return <HistoryView key={route.customerId} customerId={route.customerId} customerName={route.customerName} />;
    case 'newKObject':
      return <NewKObjectView key={route.customerId} customerId={route.customerId} customerName={route.customerName} />;
  }
}

/** Root of the side panel: header with Back and Outbox, offline banner, the current screen. */
export function SidePanelApp({ router: given }: { router?: Router }) {
  const router = useMemo(() => given ?? createRouter(), [given]);
  const reconnect = useMemo(
    () => (connectionId: ConnectionId) => router.navigate({ name: 'organisations', reconnect: connectionId }),
    [router],
  );
  /** Whether the screen shown is remembered: only once the opening screen (intent or last one) is decided. */
  const [following, setFollowing] = useState(false);
  const route = router.current;
  useEffect(() => {
    if (!following) return;
    // Search forgets the last screen; a form or the outbox keeps the screen under it as the one to reopen.
    const screen = screenOf(route);
    if (screen || route.name === 'lookup') rememberScreen(screen);
  }, [following, route]);

  // A layout effect runs right after the first render, not a frame later: the requests below go out
  // while the shell paints, in parallel, and the card's lookup leaves as soon as the intent is known.
  useLayoutEffect(() => {
    const open = (intent: PanelIntent) => {
      // The card's lookup leaves now (it joins the one the click started) and travels with the route, so it
      // is on its way while the drafts are read and the customer screen renders.
      const card =
        intent.kind === 'showCustomer'
          ? loadCustomerCard({ email: intent.email })
          : intent.kind === 'showPhone'
            ? loadCustomerCard({ phone: intent.phone })
            : undefined;
      // Intents merge into drafts: wait for the saved drafts so nothing typed earlier is overwritten.
      void sharedDraftsReady().then(() => followIntent(router, intent, card));
    };
    const stops = [
      onPushEvent('panelIntent', (event) => {
        open(event.intent);
        // Shown once: taking it clears it, so a panel opened later does not show it again (issue 17, bug 1).
        request('takePanelIntent').catch(() => undefined);
      }),
    ];
    const memory = loadPanelMemory();
    // The intent was asked for by the entry script, before this module loaded (lib/ui/boot-requests.ts).
    // Intents pushed before the app listened were taken from storage by the boot script as they came.
    void bootIntents()
      .then(async (intents) => {
        for (const intent of intents) open(intent);
        if (intents.length > 0) return;
        // No intent: the panel opens where the agent left it (a customer, their conversations, a company), in
        // the organisation it was in.
        const last = await memory;
        if (!last || router.current.name !== 'lookup' || router.canGoBack) return;
        cardConnection.value = last.connectionId;
        const { screen } = last;
        router.navigate(screen.name === 'customer' ? { ...screen, connectionId: last.connectionId } : screen);
      })
      .finally(() => setFollowing(true));
    stops.push(syncConnection(), syncOutbox(), watchOnline(), flushDraftsOnHide({ flush: flushAllDrafts }));
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
  }, [router]);

  // Drafts typed with no organisation connected become the first one's once there is one (the search box and a
  // quick note not yet given to an organisation stay shared).
  const first = connections.value?.[0]?.id;
  useEffect(() => {
    if (first) void adoptLeftoverDrafts(first);
  }, [first]);

  const status = connection.value;
  const connected = status?.state === 'connected';
  let content: preact.ComponentChildren;
  // The Organisations screen holds no drafts: it does not wait for them, nor unmount (losing what it just said)
  // while signing out of one organisation makes the panel read another's.
  if (status === null || (!draftsLoaded() && route.name !== 'organisations')) {
    content = <Skeleton label={t('panel.app.starting')} />;
  } else if (!connected) {
    content = (
      <section class="connect-first" aria-labelledby="not-connected-title">
        <h2 id="not-connected-title">{t('panel.app.notConnected')}</h2>
        <p>{t('panel.app.connectHint')}</p>
        {connectionLoadError.value && <p class="hint">{connectionLoadError.value.message}</p>}
        <ConnectForm status={status} />
        <p class="hint">{rich('panel.app.settingsHint', { options: <OptionsLink /> })}</p>
      </section>
    );
  } else content = <RouteView route={route} />;

  return (
    <RouterContext.Provider value={router}>
      <header class="app-header">
        {connected && router.canGoBack ? (
          <button type="button" class="icon-button" onClick={() => router.back()} aria-label={t('panel.app.back')}>
            <svg class="mirror-in-rtl" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
              <path d="M10 3 5 8l5 5" fill="none" stroke="currentColor" stroke-width="2" />
            </svg>
          </button>
        ) : (
          <img src="/icon/32.png" alt="" width={20} height={20} />
        )}
        <h1>{t('extension.name')}</h1>
        {connected && (
          <nav class="header-nav" aria-label={t('panel.app.navLabel')}>
            {route.name !== 'lookup' && (
              <button type="button" class="icon-button" onClick={() => router.reset({ name: 'lookup' })}>
                {t('panel.app.search')}
              </button>
            )}
            <button
              type="button"
              class={`icon-button${failedCount.value > 0 ? ' has-failed' : ''}`}
              onClick={() => router.navigate({ name: 'outbox' })}
              aria-label={
                failedCount.value
                  ? t('panel.app.outboxLabelFailed', {
                      unsent: formatNumber(unsentCount.value),
                      failed: formatNumber(failedCount.value),
                    })
                  : t('panel.app.outboxLabel', { unsent: formatNumber(unsentCount.value) })
              }
            >
              {unsentCount.value > 0
                ? t('panel.app.outboxCount', { count: formatNumber(unsentCount.value) })
                : t('panel.app.outbox')}
            </button>
          </nav>
        )}
      </header>
      {reachability.value !== 'ok' && (
        <p class="banner banner-offline" role="status">
          {troubleText(reachability.value)}
        </p>
      )}
      <main class="app-main">
        <ReconnectContext.Provider value={reconnect}>{content}</ReconnectContext.Provider>
      </main>
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
