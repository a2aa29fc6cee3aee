import { t } from '../lib/i18n/t';
import { announce } from '../lib/ui/announcer';
import { UserText } from './user-text';

/** A plain address a `mailto:` link may carry: no query, fragment, scheme or path characters to smuggle in. */
const PLAIN_ADDRESS = /^[^\s@?#&:/\\%]+@[^\s@?#&:/\\%]+$/;

/** `mailto:` or `tel:` for a value from Kustomer, or undefined when it is not plainly an address or a number. */
export function contactHref(kind: 'email' | 'phone', value: string): string | undefined {
  if (kind === 'email') return PLAIN_ADDRESS.test(value) ? `mailto:${value}` : undefined;
  const digits = value.replace(/[\s().-]/g, '');
  return /^\+?\d{3,20}$/.test(digits) ? `tel:${digits}` : undefined;
}

/** What a copied value is: its name heads a sentence ("Email copied.") or sits inside one ("select the email"). */
export type CopyWhat = 'email' | 'phone' | 'id' | 'externalId';

/** Copies a value; says so in the live region (or that the browser refused). */
async function copy(value: string, what: CopyWhat): Promise<void> {
  try {
    await navigator.clipboard.writeText(value);
    announce(t('panel.copy.copied', { what: t(`panel.copy.what.${what}`) }));
  } catch {
    announce(t('panel.copy.refused', { what: t(`panel.copy.inSentence.${what}`) }));
  }
}

/**
 * One email, phone or id from Kustomer with a Copy button; an email or phone is also a `mailto:`/`tel:` link.
 * The text is never markup: it is a text node, and the link only for a plain address or number.
 */
export function CopyValue({ value, what, kind }: { value: string; what: CopyWhat; kind?: 'email' | 'phone' }) {
  return (
    <span class="copy-value">
      {kind && contactHref(kind, value) ? (
        <a href={contactHref(kind, value)}>
          <UserText text={value} identity />
        </a>
      ) : (
        <UserText text={value} identity />
      )}
      <button
        type="button"
        class="copy-button"
        aria-label={t('panel.copy.label', { what: t(`panel.copy.inSentence.${what}`), value })}
        onClick={() => copy(value, what)}
      >
        {t('panel.copy.button')}
      </button>
    </span>
  );
}
