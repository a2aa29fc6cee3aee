import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../lib/i18n/t';
import { request } from '../lib/messaging/client';
import { errorInfoOf } from '../lib/messaging/errors';
import type { ErrorInfo, Settings } from '../lib/messaging/model';
import { hasSitePermission, requestSitePermission } from '../lib/ui/active-tab';
import { siteOriginOf } from '../lib/url';
import { InsecureSiteBadge, InsecureSiteConfirm, isPlainHttp } from './insecure-site';
import { SiteOrgSelect, type SiteOrgs } from './site-org-select';
import { ErrorNotice } from './status-views';

/**
 * The sites where detection runs: add (asks Chrome for the site), remove (gives the access back), and with several
 * organisations connected, the site's default organisation.
 */
export function SiteList({
  settings,
  onChange,
  orgs,
}: {
  settings: Settings;
  onChange: (settings: Settings) => void;
  orgs?: SiteOrgs;
}) {
  const [address, setAddress] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  /** A plain-http site waiting for the agent's second confirmation. */
  const [confirming, setConfirming] = useState<string | null>(null);
  /** Sites whose access Chrome no longer grants (revoked in chrome://extensions). */
  const [revoked, setRevoked] = useState<string[]>([]);
  const sites = settings.enabledSites.join(' ');
  useEffect(() => {
    let current = true;
    Promise.all(settings.enabledSites.map(async (origin) => ((await hasSitePermission(origin)) ? null : origin))).then(
      (missing) => {
        if (current) setRevoked(missing.filter((origin): origin is string => origin !== null));
      },
    );
    return () => {
      current = false;
    };
  }, [sites]);

  const grant = (origin: string) => {
    // Inside the click: permissions.request needs the user gesture.
    requestSitePermission(origin)
      .then((granted) => {
        if (granted) setRevoked((list) => list.filter((entry) => entry !== origin));
        else setError({ kind: 'refused', message: t('options.sites.refused', { origin }) });
      })
      .catch((caught: unknown) => setError(errorInfoOf(caught)));
  };

  const add = (event: Event) => {
    event.preventDefault();
    const typed = address.trim();
    const origin = siteOriginOf(/^[a-z]+:\/\//i.test(typed) ? typed : `https://${typed}`);
    if (!origin) {
      setError({ kind: 'validation', message: t('options.sites.invalid') });
      return;
    }
    setError(null);
    if (isPlainHttp(origin)) {
      setConfirming(origin);
      return;
    }
    enable(origin);
  };
  const enable = (origin: string) => {
    setConfirming(null);
    setBusy(true);
    // permissions.request needs this click's or submit's user gesture: call it before any await.
    requestSitePermission(origin)
      .then(async (granted) => {
        if (!granted) throw { kind: 'refused', message: t('options.sites.refused', { origin }) } satisfies ErrorInfo;
        onChange(await request('enableSite', { origin }));
        setAddress('');
      })
      .catch((caught: unknown) => setError(errorInfoOf(caught)))
      .finally(() => setBusy(false));
  };
  const remove = async (origin: string) => {
    setError(null);
    try {
      onChange(await request('disableSite', { origin }));
      await browser.permissions.remove({ origins: [`${origin}/*`] }).catch(() => false);
    } catch (caught) {
      setError(errorInfoOf(caught));
    }
  };

  return (
    <div class="stack">
      {settings.enabledSites.length === 0 ? (
        <p class="hint">{t('options.sites.none')}</p>
      ) : (
        <ul class="site-list" aria-label={t('options.sites.list')}>
          {settings.enabledSites.map((origin) => (
            <li key={origin} class="row spread">
              <span>
                {origin}
                {isPlainHttp(origin) && <InsecureSiteBadge />}
                {revoked.includes(origin) && <span class="badge badge-failed">{t('options.sites.noAccess')}</span>}
              </span>
              <span class="row">
                {orgs && <SiteOrgSelect origin={origin} orgs={orgs} />}
                {revoked.includes(origin) && (
                  <button
                    type="button"
                    onClick={() => grant(origin)}
                    aria-label={t('options.sites.grantFor', { origin })}
                  >
                    {t('options.sites.grant')}
                  </button>
                )}
                <button
                  type="button"
                  onClick={() => remove(origin)}
                  aria-label={t('options.sites.removeFor', { origin })}
                >
                  {t('options.sites.remove')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <form class="row nowrap" onSubmit={add}>
        <label for="site-address" class="visually-hidden">
          {t('options.sites.address')}
        </label>
        <input
          id="site-address"
          value={address}
          placeholder={t('options.sites.addressExample')}
          onInput={(event) => setAddress(event.currentTarget.value)}
        />
        <button type="submit" disabled={busy}>
          {t('options.sites.add')}
        </button>
      </form>
      {confirming && (
        <InsecureSiteConfirm
          origin={confirming}
          onConfirm={() => enable(confirming)}
          onCancel={() => setConfirming(null)}
        />
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
