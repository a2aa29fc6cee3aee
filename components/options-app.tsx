import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import { onPushEvent, request } from '../lib/messaging/client';
import { errorInfoOf } from '../lib/messaging/errors';
import type { ErrorInfo, Settings } from '../lib/messaging/model';
import { connection, connections, syncConnection } from '../lib/ui/connection-store';
import { ConnectForm } from './connect-form';
import { ConnectionsSection } from './connections-section';
import { DiagnosticsSection } from './diagnostics-section';
import { useLoad } from './hooks/use-load';
import { OAuthSetupSection } from './oauth-setup-section';
import { SiteList } from './site-list';
import { ErrorNotice, Skeleton } from './status-views';

/** "acme.com\n ACME.org, x" → ["acme.com", "acme.org", "x"] */
export function parseDomains(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((domain) => domain.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** Root of the options page: connection, sites, never-look-up domains, pause, cache, sign out. */
export function OptionsApp() {
  const settings = useLoad(() => request('getSettings'), []);
  const [current, setCurrent] = useState<Settings | null>(null);
  useEffect(() => {
    if (settings.status === 'ready') setCurrent(settings.data);
  }, [settings.status]);
  useEffect(() => {
    const stops = [syncConnection(), onPushEvent('settingsChanged', (event) => setCurrent(event.settings))];
    return () => {
      for (const stop of stops) stop();
    };
  }, []);
  const status = connection.value;

  return (
    <>
      <header class="app-header">
        <img src="/icon/32.png" alt="" width={20} height={20} />
        <h1>{t('options.title')}</h1>
      </header>
      <main class="app-main options">
        <section aria-labelledby="connection-title" class="section">
          <h2 id="connection-title">{t('options.connection.title')}</h2>
          {status === null ? (
            <Skeleton label={t('options.connection.reading')} lines={2} />
          ) : status.state === 'connected' || (connections.value?.length ?? 0) > 1 ? (
            <ConnectionsSection connections={connections.value ?? []} oauthClientId={current?.oauthClientId} />
          ) : (
            <>
              <p>{t('options.connection.none')}</p>
              <ConnectForm status={status} oauthClientId={current?.oauthClientId} />
            </>
          )}
        </section>
        {settings.status === 'error' && !current && <ErrorNotice error={settings.error} onRetry={settings.reload} />}
        {current && <SettingsSections settings={current} onChange={setCurrent} />}
        <OAuthSetupSection />
        <DiagnosticsSection connection={status} settings={current} />
      </main>
    </>
  );
}

function SettingsSections({ settings, onChange }: { settings: Settings; onChange: (settings: Settings) => void }) {
  const [domains, setDomains] = useState(settings.neverLookUpDomains.join('\n'));
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [message, setMessage] = useState('');

  const update = async (
    patch: Partial<
      Pick<
        Settings,
        | 'neverLookUpDomains'
        | 'paused'
        | 'phoneDetection'
        | 'phoneOffSites'
        | 'phoneCountry'
        | 'neverLookUpPhones'
        | 'searchAttribute'
      >
    >,
    done: string,
  ) => {
    setError(null);
    setMessage('');
    try {
      onChange(await request('updateSettings', { patch }));
      setMessage(done);
    } catch (caught) {
      setError(errorInfoOf(caught));
    }
  };
  const clearCache = async () => {
    setError(null);
    try {
      await request('clearCache');
      setMessage(t('options.data.cleared'));
    } catch (caught) {
      setError(errorInfoOf(caught));
    }
  };

  return (
    <>
      <section aria-labelledby="sites-title" class="section">
        <h2 id="sites-title">{t('options.sites.title')}</h2>
        <SiteList
          settings={settings}
          onChange={onChange}
          orgs={{
            orgs: connections.value ?? [],
            defaults: settings.siteDefaultOrgs ?? {},
            onChange: (origin, connectionId) =>
              void request('updateSettings', { patch: { siteDefaultOrg: { origin, connectionId } } }).then(
                onChange,
                (caught: unknown) => setError(errorInfoOf(caught)),
              ),
          }}
        />
        <label class="inline switch">
          <input
            type="checkbox"
            role="switch"
            aria-checked={settings.paused}
            checked={settings.paused}
            onChange={(event) =>
              update(
                { paused: event.currentTarget.checked },
                event.currentTarget.checked ? t('options.sites.paused') : t('options.sites.resumed'),
              )
            }
          />
          {t('options.sites.pause')}
        </label>
      </section>
      <section aria-labelledby="never-title" class="section">
        <h2 id="never-title">{t('options.never.title')}</h2>
        <form
          class="stack"
          onSubmit={(event) => {
            event.preventDefault();
            void update({ neverLookUpDomains: parseDomains(domains) }, t('options.never.saved'));
          }}
        >
          <label for="never-domains">{t('options.never.domains')}</label>
          <textarea
            id="never-domains"
            rows={4}
            value={domains}
            placeholder={t('options.never.domainsExample')}
            aria-describedby="never-domains-hint"
            onInput={(event) => setDomains(event.currentTarget.value)}
          />
          <p id="never-domains-hint" class="hint">
            {t('options.never.domainsHint')}
          </p>
          <button type="submit">{t('options.never.save')}</button>
        </form>
      </section>
      <PhoneSection settings={settings} update={update} />
      <SearchSection settings={settings} update={update} />
      <section aria-labelledby="data-title" class="section">
        <h2 id="data-title">{t('options.data.title')}</h2>
        <button type="button" onClick={clearCache}>
          {t('options.data.clear')}
        </button>
      </section>
      <div aria-live="polite" role="status">
        {message && <p class="ok">{message}</p>}
      </div>
      {error && <ErrorNotice error={error} />}
    </>
  );
}

/** The region of the browser's first locale that names one (`en-GB` → `GB`), the default country's start. */
function localeCountry(): string {
  for (const language of navigator.languages ?? [navigator.language]) {
    const region = language.split(/[-_]/)[1]?.toUpperCase();
    if (region && /^[A-Z]{2}$/.test(region)) return region;
  }
  return '';
}

const lines = (text: string) =>
  text
    .split(/\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** Phone numbers (issue 15): the global switch, sites without it, the default country, numbers never looked up. */
function PhoneSection({
  settings,
  update,
}: {
  settings: Settings;
  update: (
    patch: Partial<Pick<Settings, 'phoneDetection' | 'phoneOffSites' | 'phoneCountry' | 'neverLookUpPhones'>>,
    done: string,
  ) => Promise<void>;
}) {
  const [country, setCountry] = useState(settings.phoneCountry ?? localeCountry());
  const [offSites, setOffSites] = useState((settings.phoneOffSites ?? []).join('\n'));
  const [numbers, setNumbers] = useState((settings.neverLookUpPhones ?? []).join('\n'));
  const on = settings.phoneDetection !== false;
  return (
    <section aria-labelledby="phones-title" class="section">
      <h2 id="phones-title">{t('options.phones.title')}</h2>
      <label class="inline switch">
        <input
          type="checkbox"
          role="switch"
          aria-checked={on}
          checked={on}
          onChange={(event) =>
            update(
              { phoneDetection: event.currentTarget.checked },
              event.currentTarget.checked ? t('options.phones.on') : t('options.phones.off'),
            )
          }
        />
        {t('options.phones.detect')}
      </label>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void update(
            {
              ...(country.trim() ? { phoneCountry: country.trim().toUpperCase() } : {}),
              phoneOffSites: lines(offSites),
              neverLookUpPhones: lines(numbers),
            },
            t('options.phones.saved'),
          );
        }}
      >
        <label for="phone-country">{t('options.phones.country')}</label>
        <input
          id="phone-country"
          value={country}
          maxLength={2}
          pattern="[A-Za-z]{2}"
          aria-describedby="phone-country-hint"
          onInput={(event) => setCountry(event.currentTarget.value)}
        />
        <p id="phone-country-hint" class="hint">
          {t('options.phones.countryHint', { country: localeCountry() || t('options.phones.noCountry') })}
        </p>
        <label for="phone-off-sites">{t('options.phones.offSites')}</label>
        <textarea
          id="phone-off-sites"
          rows={3}
          value={offSites}
          placeholder={t('options.phones.offSitesExample')}
          onInput={(event) => setOffSites(event.currentTarget.value)}
        />
        <label for="never-phones">{t('options.phones.never')}</label>
        <textarea
          id="never-phones"
          rows={3}
          value={numbers}
          placeholder={t('options.phones.neverExample')}
          onInput={(event) => setNumbers(event.currentTarget.value)}
        />
        <button type="submit">{t('options.phones.save')}</button>
      </form>
    </section>
  );
}

/** "Search also by": one customer custom attribute (an order number) the side panel's search matches exactly. */
function SearchSection({
  settings,
  update,
}: {
  settings: Settings;
  update: (patch: Pick<Settings, 'searchAttribute'>, done: string) => Promise<void>;
}) {
  const [attribute, setAttribute] = useState(settings.searchAttribute ?? '');
  return (
    <section aria-labelledby="search-by-title" class="section">
      <h2 id="search-by-title">{t('options.search.title')}</h2>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          const name = attribute.trim();
          void update(
            { searchAttribute: name },
            name ? t('options.search.savedOn', { name }) : t('options.search.savedOff'),
          );
        }}
      >
        <label for="search-attribute">{t('options.search.label')}</label>
        <input
          id="search-attribute"
          value={attribute}
          placeholder={t('options.search.placeholder')}
          aria-describedby="search-attribute-hint"
          onInput={(event) => setAttribute(event.currentTarget.value)}
        />
        <p id="search-attribute-hint" class="hint">
          {t('options.search.hint')}
        </p>
        <button type="submit">{t('options.search.save')}</button>
      </form>
    </section>
  );
}
