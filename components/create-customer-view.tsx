import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import type { ConnectionId } from '../lib/messaging/model';
import { draftKeys } from '../lib/ui/drafts';
import { outboxItems } from '../lib/ui/outbox-store';
import { useDraft } from './hooks/use-draft';
import { useEnqueue } from './hooks/use-enqueue';
import { useRouter } from './router-context';
import { ErrorNotice } from './status-views';
import { ViewHeading } from './view-heading';

/** "ada.lovelace@example.com" → "Ada Lovelace": a starting point the agent can correct. */
export function nameFromEmail(email: string): string {
  const local = email.split('@')[0] ?? '';
  return local
    .replace(/\+.*$/, '')
    .split(/[._-]+/)
    .filter((part) => /\p{L}/u.test(part))
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ');
}

/**
 * Creates a customer for an address or a phone number Kustomer does not know, prefilled from it. A customer
 * from a number alone needs no email.
 */
export function CreateCustomerView({
  email,
  phone: givenPhone,
  connectionId,
}: {
  email: string;
  phone?: string;
  /** The organisation chosen on the "not in Kustomer" screen ("Create in <org>"); else the card's. */
  connectionId?: ConnectionId | undefined;
}) {
  const router = useRouter();
  const draftKey = draftKeys.createCustomer(email || givenPhone || '');
  const [name, setName] = useDraft(draftKey, nameFromEmail(email));
  const [address, setAddress] = useState(email);
  const [phone, setPhone] = useState(givenPhone ?? '');
  const byPhone = givenPhone !== undefined && email === '';
  const [queuedId, setQueuedId] = useState<string | null>(null);
  const enqueue = useEnqueue();
  const queued = queuedId ? outboxItems.value.find((item) => item.id === queuedId) : undefined;

  useEffect(() => {
    if (queued?.state !== 'sent') return;
    const org = connectionId ? { connectionId } : {};
    if (address.trim())
      router.replace({ name: 'customer', email: address.trim().toLowerCase(), refresh: true, ...org });
    else router.replace({ name: 'customer', phone: phone.trim(), refresh: true, ...org });
  }, [queued?.state]);

  return (
    <>
      <ViewHeading>{t('panel.createCustomer.heading')}</ViewHeading>
      <form
        class="stack"
        onSubmit={async (event) => {
          event.preventDefault();
          if (name.trim() === '' || (address.trim() === '' && phone.trim() === '')) return;
          const item = await enqueue.submit(
            {
              kind: 'createCustomer',
              name: name.trim(),
              ...(address.trim() ? { email: address.trim() } : {}),
              ...(phone.trim() ? { phone: phone.trim() } : {}),
            },
            [draftKey],
            t('panel.createCustomer.queued'),
            connectionId,
          );
          if (item) setQueuedId(item.id);
        }}
      >
        <label for="create-customer-name">{t('panel.createCustomer.name')}</label>
        <input
          id="create-customer-name"
          value={name}
          required
          onInput={(event) => setName(event.currentTarget.value)}
        />
        <label for="create-customer-email">
          {t(byPhone ? 'panel.createCustomer.emailOptional' : 'panel.createCustomer.email')}
        </label>
        <input
          id="create-customer-email"
          type="email"
          value={address}
          required={!byPhone}
          onInput={(event) => setAddress(event.currentTarget.value)}
        />
        <label for="create-customer-phone">
          {t(byPhone ? 'panel.createCustomer.phone' : 'panel.createCustomer.phoneOptional')}
        </label>
        <input
          id="create-customer-phone"
          type="tel"
          value={phone}
          required={byPhone}
          onInput={(event) => setPhone(event.currentTarget.value)}
        />
        {enqueue.error && <ErrorNotice error={enqueue.error} />}
        {queued && queued.state !== 'sent' && (
          <p role="status" class={queued.state === 'failed' ? 'danger' : 'hint'}>
            {queued.state !== 'failed'
              ? t('panel.createCustomer.creating')
              : queued.lastError
                ? t('panel.createCustomer.failed', { reason: queued.lastError.message })
                : t('panel.createCustomer.failedSeeOutbox')}
          </p>
        )}
        <button type="submit" class="primary" disabled={enqueue.busy || queued !== undefined}>
          {t('panel.createCustomer.submit')}
        </button>
      </form>
    </>
  );
}
