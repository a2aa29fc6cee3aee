import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { plural, t } from '../lib/i18n/t';
import { onPushEvent, request } from '../lib/messaging/client';
import { errorInfoOf } from '../lib/messaging/errors';
import type {
  ConnectionId,
  ErrorInfo,
  PageCustomers,
  PageEmail,
  PageEmailOrg,
  SearchHit,
  SearchMatchField,
  SearchResults,
} from '../lib/messaging/model';
import { type ActiveTab, activeTab, requestSitePermission } from '../lib/ui/active-tab';
import { appDrafts, draftsOf, waitingDraftCount } from '../lib/ui/app-drafts';
import { connectionOf, connections } from '../lib/ui/connection-store';
import { draftKeys } from '../lib/ui/drafts';
import { errorSentence } from '../lib/ui/error-words';
import { loadPanelMemory, recentCustomers } from '../lib/ui/panel-memory';
import { siteOriginOf } from '../lib/url';
import { CustomerResult } from './customer-result';
import { useDraft } from './hooks/use-draft';
import { useFocusOnMount } from './hooks/use-focus-on-mount';
import { useLoad } from './hooks/use-load';
import { InsecureSiteConfirm, isPlainHttp } from './insecure-site';
import { OptionsLink } from './options-link';
import { PageEmailList } from './page-email-list';
import { rich } from './rich-text';
import { useRouter } from './router-context';
import { EmptyState, ErrorNotice, Skeleton } from './status-views';
import { ViewHeading } from './view-heading';

const notGranted = (): ErrorInfo => ({ kind: 'refused', message: t('panel.lookup.notGranted') });

/** Search box and the addresses found on the current page. */
/** The first organisation (in the agent's order) that knows a page's address: its card opens. */
function firstKnowing(orgs: PageEmailOrg[] | undefined): ConnectionId | undefined {
  return orgs?.find((org) => org.status === 'known')?.connectionId;
}

export function LookupView() {
  const router = useRouter();
  // A quick note waits in the screen's organisation, or in the shared drafts until its organisation is known.
  const quickNoteDraft = appDrafts().get(draftKeys.quickNote()) || draftsOf('shared').get(draftKeys.quickNote());
  return (
    <>
      <ViewHeading focus={false}>{t('panel.lookup.heading')}</ViewHeading>
      <SearchSection />
      <PageSection />
      <RecentSection />
      <OrganisationsLink />
      <p class="hint">
        {rich('panel.lookup.optionsHint', { link: <OptionsLink>{t('panel.lookup.openOptions')}</OptionsLink> })}
      </p>
      {quickNoteDraft !== '' && (
        <p>
          <button
            type="button"
            class="link"
            onClick={() => router.navigate({ name: 'quickNote', intent: { kind: 'quickNote', text: '' } })}
          >
            {t('panel.lookup.resumeQuickNote')}
          </button>
        </p>
      )}
    </>
  );
}

/** Who is connected, as the way to the Organisations screen (add, rename, reconnect, sign out of one). */
function OrganisationsLink() {
  const router = useRouter();
  const labels = (connections.value ?? []).map((org) => org.label).join(', ');
  return (
    <p>
      <button type="button" class="link" onClick={() => router.navigate({ name: 'organisations' })}>
        {t('panel.lookup.organisations', { orgs: labels })}
      </button>
    </p>
  );
}

/** What the list shows: addresses, and phone candidates that are valid numbers (`phone` set). */
function onPage(entries: PageEmail[]): PageEmail[] {
  return entries.filter((entry) => !entry.email.startsWith('tel:') || entry.phone !== undefined);
}

/** The field a search matched on, in the agent's words; an attribute or custom object names itself (`match.label`). */
const matchedOn = (field: SearchMatchField): string =>
  field === 'email' || field === 'phone' || field === 'company' || field === 'externalId'
    ? t(`panel.lookup.field.${field}`)
    : '';

/** Why a result is there, naming the field (issue 17, bug 5): "Matched on email: countess@…". */
export function matchText(hit: SearchHit): string | undefined {
  const match = hit.match;
  if (!match) return undefined;
  if (match.field === 'name') return t('panel.lookup.matchedName');
  if (match.field === 'kobject')
    return t('panel.lookup.matchedKObject', {
      field: match.label ?? '',
      value: match.value,
      title: hit.kobject?.title ?? '',
    });
  return t('panel.lookup.matched', { field: match.label ?? matchedOn(match.field), value: match.value });
}

function SearchSection() {
  const router = useRouter();
  // The search asks every organisation: its text is no organisation's.
  const [query, setQuery] = useDraft(draftKeys.search(), '', 'shared');
  const searchBox = useFocusOnMount<HTMLInputElement>();
  const [results, setResults] = useState<
    | { status: 'idle' }
    | { status: 'loading' }
    | { status: 'error'; error: ErrorInfo }
    | ({ status: 'ready'; query: string } & SearchResults)
  >({ status: 'idle' });

  const search = async () => {
    const text = query.trim();
    if (text === '') return;
    setResults({ status: 'loading' });
    try {
      setResults({ status: 'ready', query: text, ...(await request('searchCustomers', { query: text })) });
    } catch (error) {
      setResults({ status: 'error', error: errorInfoOf(error) });
    }
  };
  const looksLikeEmail = (text: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
  const looksLikePhone = (text: string) => /^[\d\s+().\-/]+$/.test(text) && text.replace(/\D/g, '').length >= 7;

  return (
    <section aria-labelledby="search-title">
      <h3 id="search-title" class="visually-hidden">
        {t('panel.lookup.search')}
      </h3>
      <form
        aria-label={t('panel.lookup.searchLabel')}
        class="search-form"
        onSubmit={(event) => {
          event.preventDefault();
          void search();
        }}
      >
        <label for="customer-search" class="visually-hidden">
          {t('panel.lookup.searchLabel')}
        </label>
        <input
          id="customer-search"
          ref={searchBox}
          type="search"
          placeholder={t('panel.lookup.searchPlaceholder')}
          value={query}
          autoComplete="off"
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
        <button type="submit" class="primary">
          {t('panel.lookup.search')}
        </button>
      </form>
      {results.status === 'loading' && <Skeleton label={t('panel.lookup.searching')} lines={2} />}
      {results.status === 'error' && <ErrorNotice error={results.error} onRetry={search} />}
      {results.status === 'ready' &&
        results.unanswered.map(({ connectionId, error }) => (
          // Found elsewhere, not asked here: "no such customer there" would be a guess.
          <p key={connectionId} class="notice" role="status">
            {t('panel.lookup.notSearched', {
              org: connectionOf(connectionId)?.label ?? connectionId,
              reason: errorSentence(error),
            })}{' '}
            <button type="button" onClick={search}>
              {t('common.retry')}
            </button>
          </p>
        ))}
      {results.status === 'ready' &&
        (results.hits.length === 0 ? (
          <EmptyState title={t('panel.lookup.noMatch', { query: results.query })}>
            {looksLikePhone(results.query) && (
              <>
                <button
                  type="button"
                  onClick={() => router.navigate({ name: 'createCustomer', email: '', phone: results.query })}
                >
                  {t('panel.lookup.createWithPhone', { phone: results.query })}
                </button>
                <button type="button" onClick={() => router.navigate({ name: 'logCall', phone: results.query })}>
                  {t('panel.lookup.logCall')}
                </button>
              </>
            )}
            {looksLikeEmail(results.query) && (
              <button
                type="button"
                onClick={() => router.navigate({ name: 'createCustomer', email: results.query.toLowerCase() })}
              >
                {t('panel.lookup.createWithEmail', { email: results.query })}
              </button>
            )}
          </EmptyState>
        ) : (
          <ul class="result-list" aria-label={t('panel.lookup.results')}>
            {results.hits.map((customer) => (
              <CustomerResult
                key={`${customer.id}-${customer.kobject?.id}`}
                customer={customer}
                meta={[customer.email, customer.companyName].filter(Boolean).join(' · ')}
                why={matchText(customer)}
                {...(customer.kobject
                  ? {
                      // A KObject found by its external id opens with its customer's custom objects, it marked.
                      route: {
                        name: 'kobjects',
                        customerId: customer.id,
                        customerName: customer.name,
                        ...(customer.companyId ? { companyId: customer.companyId } : {}),
                        kobjectId: customer.kobject.id,
                      },
                    }
                  : {})}
              />
            ))}
          </ul>
        ))}
    </section>
  );
}

/** How often a changing page's list is read again at most. */
const RELOAD_INTERVAL_MS = 1_000;

function PageSection() {
  const router = useRouter();
  const [tab, setTab] = useState<ActiveTab | null | undefined>(undefined);
  const [action, setAction] = useState<{ busy: boolean; error: ErrorInfo | null }>({ busy: false, error: null });
  /** Sites where detection always runs; null until known (then the "always" offer stays hidden). */
  const [enabledSites, setEnabledSites] = useState<string[] | null>(null);
  const page = useLoad<PageCustomers | null>(
    async () => (tab ? request('getPageCustomers', { tabId: tab.id }) : null),
    [tab?.id, tab?.url],
  );

  useEffect(() => {
    const refreshTab = () =>
      activeTab()
        .then(setTab)
        .catch(() => setTab(null));
    refreshTab();
    // A page that keeps changing (one flooding addresses, issue 21) must not keep the panel re-rendering:
    // its list is read again at most once a second.
    let reloadTimer: ReturnType<typeof setTimeout> | undefined;
    let reloadedAt = 0;
    const stopPush = onPushEvent('pageChanged', (event) => {
      // Another tab's change matters only if the agent switched to it; re-read the active tab either way.
      activeTab()
        .then((current) => {
          if (!current || current.id !== event.tabId || reloadTimer) return;
          reloadTimer = setTimeout(
            () => {
              reloadTimer = undefined;
              reloadedAt = Date.now();
              setTab(current);
              page.reload();
            },
            Math.max(0, reloadedAt + RELOAD_INTERVAL_MS - Date.now()),
          );
        })
        .catch(() => undefined);
    });
    const onActivated = () => refreshTab();
    browser.tabs.onActivated.addListener(onActivated);
    request('getSettings')
      .then((settings) => setEnabledSites(settings.enabledSites))
      .catch(() => undefined);
    const stopSettings = onPushEvent('settingsChanged', (event) => setEnabledSites(event.settings.enabledSites));
    return () => {
      clearTimeout(reloadTimer);
      stopPush();
      stopSettings();
      browser.tabs.onActivated.removeListener(onActivated);
    };
  }, []);

  const origin = siteOriginOf(page.data?.url ?? tab?.url);

  /** A plain-http site waiting for the agent's second confirmation. */
  const [confirming, setConfirming] = useState<string | null>(null);
  const turnOn = (siteOrigin: string) => {
    if (isPlainHttp(siteOrigin)) setConfirming(siteOrigin);
    else enable(siteOrigin);
  };
  const enable = (siteOrigin: string) => {
    setConfirming(null);
    // permissions.request needs the click's user gesture: call it before any await.
    const granted = requestSitePermission(siteOrigin);
    setAction({ busy: true, error: null });
    granted
      .then(async (ok) => {
        if (!ok) throw notGranted();
        setEnabledSites((await request('enableSite', { origin: siteOrigin })).enabledSites);
        setAction({ busy: false, error: null });
        page.reload();
      })
      // Chrome's own error (a bad pattern, a policy) is not the agent's to read: they get the outcome.
      .catch((error: unknown) =>
        setAction({
          busy: false,
          error: error instanceof Error && !('info' in error) ? notGranted() : errorInfoOf(error),
        }),
      );
  };
  const scanOnce = async (tabId: number) => {
    setAction({ busy: true, error: null });
    try {
      await request('runDetectionOnTab', { tabId });
      setAction({ busy: false, error: null });
      page.reload();
    } catch (error) {
      setAction({ busy: false, error: errorInfoOf(error) });
    }
  };

  let body: preact.ComponentChildren;
  if (tab === undefined || (page.status === 'loading' && !page.data))
    body = <Skeleton label={t('panel.lookup.readingPage')} />;
  else if (tab === null) body = <EmptyState title={t('panel.lookup.noPage')} />;
  else if (page.status === 'error') body = <ErrorNotice error={page.error} onRetry={page.reload} />;
  else if (!page.data?.detectionActive) {
    body = (
      <EmptyState title={t(origin ? 'panel.lookup.detectionOff' : 'panel.lookup.pageHidden')}>
        <div class="row center">
          {origin && (
            <button type="button" class="primary" disabled={action.busy} onClick={() => turnOn(origin)}>
              {t('panel.lookup.turnOn')}
            </button>
          )}
          <button type="button" disabled={action.busy} onClick={() => scanOnce(tab.id)}>
            {t('panel.lookup.scanOnce')}
          </button>
        </div>
        {!origin && (
          // Without the page's address there is no site to turn on: say what does work (issue 17, bug 2).
          <p class="hint">{rich('panel.lookup.refusedHint', { options: <OptionsLink /> })}</p>
        )}
      </EmptyState>
    );
  } else if (onPage(page.data.emails).length === 0) {
    body = (
      <EmptyState title={t('panel.lookup.noAddresses')}>
        <p class="hint">{t('panel.lookup.noAddressesHint')}</p>
      </EmptyState>
    );
  } else {
    body = (
      <>
        {page.data.paused && (
          <p class="notice" role="status">
            {t('panel.lookup.paused')}
          </p>
        )}
        <PageEmailList
          emails={onPage(page.data.emails)}
          onOpen={(entry) =>
            entry.customer
              ? router.navigate({
                  name: 'customer',
                  customerId: entry.customer.id,
                  ...(firstKnowing(entry.orgs) ? { connectionId: firstKnowing(entry.orgs) } : {}),
                })
              : entry.phone
                ? router.navigate({ name: 'customer', phone: entry.phone })
                : router.navigate({ name: 'customer', email: entry.email })
          }
        />
      </>
    );
  }

  return (
    <section aria-labelledby="on-page-title" class="section">
      <h3 id="on-page-title">{t('panel.lookup.onPage')}</h3>
      {body}
      {page.data?.detectionActive && origin && enabledSites && !enabledSites.includes(origin) && (
        // Detection ran once here (activeTab); offer to keep it on for the site.
        <p>
          <button type="button" class="link" disabled={action.busy} onClick={() => turnOn(origin)}>
            {t('panel.lookup.alwaysDetect', { host: new URL(origin).host })}
          </button>
        </p>
      )}
      {confirming && (
        <InsecureSiteConfirm
          origin={confirming}
          onConfirm={() => enable(confirming)}
          onCancel={() => setConfirming(null)}
        />
      )}
      {action.error && <ErrorNotice error={action.error} />}
    </section>
  );
}

/**
 * The last customers opened here in every organisation, newest first, each opening in its own, and how many
 * drafts wait unsent (issue 17).
 */
function RecentSection() {
  const orgs = connections.value;
  useEffect(() => void loadPanelMemory(), [orgs]);
  const recent = recentCustomers.value;
  const drafts = waitingDraftCount();
  if (!recent) return null;
  return (
    <section aria-labelledby="recent-customers-title" class="section">
      <h3 id="recent-customers-title">{t('panel.lookup.recent')}</h3>
      {drafts > 0 && (
        <p class="hint">
          {rich('panel.lookup.draftsWait', { drafts: <strong>{plural('panel.lookup.unsentDrafts', drafts)}</strong> })}
        </p>
      )}
      {recent.length === 0 ? (
        <p class="hint">{t('panel.lookup.recentEmpty')}</p>
      ) : (
        <ul class="result-list" aria-label={t('panel.lookup.recent')}>
          {recent.map((customer) => (
            <CustomerResult
              key={`${customer.connectionId} ${customer.id}`}
              customer={customer}
              {...(customer.email ? { meta: customer.email } : {})}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
