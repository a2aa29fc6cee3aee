import { useEffect, useRef } from 'preact/hooks';
import { t } from '../lib/i18n/t';

/** Loopback hosts: never on the network, so plain http there is as safe as https (Secure Contexts). */
const LOOPBACK = /^http:\/\/(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;

/**
 * Whether detection on this origin would run on a page anyone on the network can change: plain http,
 * except loopback (the browser itself treats `http://localhost` as a secure context).
 */
export function isPlainHttp(origin: string): boolean {
  return origin.startsWith('http:') && !LOOPBACK.test(origin);
}

/** The mark a plain-http site carries wherever sites are listed. */
export function InsecureSiteBadge() {
  return (
    <span class="badge badge-failed insecure-site" title={t('site.notEncryptedHint')}>
      {t('site.notEncrypted')}
    </span>
  );
}

/**
 * The second confirmation before detection is turned on for a plain-http site (issue 21, finding 9).
 * `onConfirm` runs inside the click, so it may ask Chrome for the site (a user gesture).
 */
export function InsecureSiteConfirm({
  origin,
  onConfirm,
  onCancel,
}: {
  origin: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  // Focus goes to the safe choice, so a keyboard or screen-reader user lands in the question, not past it.
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      class="notice notice-error"
      role="alertdialog"
      aria-labelledby="insecure-site-title"
      aria-describedby="insecure-site-why"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <p class="notice-title" id="insecure-site-title">
        {t('site.confirmTitle', { origin })}
      </p>
      <p id="insecure-site-why">{t('site.confirmWhy')}</p>
      <div class="row">
        <button type="button" onClick={onConfirm}>
          {t('site.confirmTurnOn', { origin })}
        </button>
        <button type="button" class="primary" ref={cancel} onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
