import { useEffect, useState } from 'preact/hooks';
import { formatNumber } from '../lib/i18n/intl';
import { t } from '../lib/i18n/t';
import type { ConnectionId, CustomerActivity, CustomerCard } from '../lib/messaging/model';
import { activeConnectionId, cardConnection, currentCustomer } from '../lib/ui/current-customer';
import { type CustomerCardLoad, loadCustomerCard, type PartState } from '../lib/ui/customer-card';
import { rememberCustomer, rememberScreen } from '../lib/ui/panel-memory';
import { safeHttpUrl } from '../lib/url';
import { AttributeList } from './attribute-list';
import { ConversationList } from './conversation-summary-item';
import { CopyValue } from './copy-value';
import { useReloadWhenSent } from './hooks/use-reload-when-sent';
import { useRouter } from './router-context';
import { Avatar, EmptyState, ErrorNotice, Skeleton, TimeText } from './status-views';
import { UserText } from './user-text';
import { ViewHeading } from './view-heading';

/**
 * A customer by email (from the page) or id (from search); an unknown email offers "Create customer".
 * The customer paints as soon as its one lookup answers; the company and conversations fill in after.
 */
export function CustomerView({
  email,
  phone,
  customerId,
  connectionId,
  refresh,
  card: started,
}: {
  email?: string;
  /** A phone number (page, right-click, search): looked up by E.164 in the agent's default country. */
  phone?: string;
  customerId?: string;
  /** The organisation of `customerId`, or the one whose card is preferred for an address or a number. */
  connectionId?: ConnectionId;
  refresh?: boolean;
  /** A load that started before this screen (the intent's); otherwise the screen starts its own. */
  card?: CustomerCardLoad;
}) {
  const router = useRouter();
  const [load] = useState(
    () =>
      started ??
      loadCustomerCard(
        customerId
          ? { customerId, connectionId: connectionId ?? activeConnectionId() }
          : phone
            ? { phone, ...(refresh ? { refresh } : {}), ...(connectionId ? { connectionId } : {}) }
            : { email: email ?? '', ...(refresh ? { refresh } : {}), ...(connectionId ? { connectionId } : {}) },
      ),
  );
  const card = load.card.value;
  const loadedId = card.data?.customer.id;
  useReloadWhenSent(
    (item) =>
      loadedId !== undefined &&
      'customerId' in item.request &&
      item.request.customerId === loadedId &&
      item.request.kind !== 'updateCustomerAttributes',
    load.reloadActivity,
  );
  if (card.status === 'loading' && !card.data) {
    return (
      <>
        <ViewHeading>{t('panel.customer.heading')}</ViewHeading>
        <Skeleton label={t('panel.customer.loading')} lines={5} />
      </>
    );
  }
  if (card.status === 'error') {
    return (
      <>
        <ViewHeading>{t('panel.customer.heading')}</ViewHeading>
        <ErrorNotice error={card.error} onRetry={load.reload} />
      </>
    );
  }
  if (!card.data && phone) {
    return (
      <>
        <ViewHeading>
          <UserText text={phone} identity />
        </ViewHeading>
        <EmptyState title={t('panel.customer.noNumber')}>
          <button
            type="button"
            class="primary"
            onClick={() => router.navigate({ name: 'createCustomer', email: '', phone })}
          >
            {t('panel.customer.create')}
          </button>
          <button type="button" onClick={() => router.navigate({ name: 'logCall', phone })}>
            {t('panel.customer.logCall')}
          </button>
        </EmptyState>
      </>
    );
  }
  if (!card.data) {
    return (
      <>
        <ViewHeading>
          <UserText text={email ?? ''} identity />
        </ViewHeading>
        <EmptyState title={t('panel.customer.noAddress')}>
          <button
            type="button"
            class="primary"
            onClick={() => router.navigate({ name: 'createCustomer', email: email ?? '' })}
          >
            {t('panel.customer.create')}
          </button>
        </EmptyState>
      </>
    );
  }
  return <CustomerDetails card={card.data} activity={load.activity.value} onRetryActivity={load.reloadActivity} />;
}

/** A placeholder the size of one line of text, while what goes there is on its way. */
function LinePlaceholder({ width }: { width: string }) {
  return <span class="skeleton-line skeleton-inline" style={{ width }} aria-hidden="true" />;
}

function CustomerDetails({
  card,
  activity,
  onRetryActivity,
}: {
  card: CustomerCard;
  activity: PartState<CustomerActivity> | undefined;
  onRetryActivity: () => void;
}) {
  const router = useRouter();
  const { customer } = card;
  const filled = activity?.data;
  const company = filled?.company ?? null;
  // The company's slot is kept while its name is on its way, so nothing below it moves when it arrives.
  const companyPending = customer.companyId !== undefined && filled === undefined && activity?.status !== 'error';
  const kustomerUrl = safeHttpUrl(card.kustomerUrl);
  const name = customer.name || customer.email || t('panel.customer.unnamed');
  useEffect(() => {
    const seen = { id: customer.id, name, ...(customer.email ? { email: customer.email } : {}) };
    currentCustomer.value = seen;
    // The screens opened from this card read and write in its organisation.
    cardConnection.value = card.connectionId;
    // Recent customers, and the screen to reopen (a customer opened from a page is known by id only now).
    rememberCustomer(seen);
    // The memory is the organisation's own (`conn.<id>.panelMemory`): the id alone says whom to reopen.
    rememberScreen({ name: 'customer', customerId: customer.id });
  }, [customer.id, name, customer.email, card.connectionId]);
  return (
    <article class="customer">
      <div class="customer-head">
        <Avatar name={name} />
        <div>
          <ViewHeading>
            <UserText text={name} identity />
          </ViewHeading>
          {company && (
            <p class="hint">
              <UserText text={company.name} />
            </p>
          )}
          {companyPending && (
            <p class="hint">
              <LinePlaceholder width="8em" />
            </p>
          )}
        </div>
      </div>
      <div class="row">
        <button
          type="button"
          class="primary"
          onClick={() => router.navigate({ name: 'conversations', customerId: customer.id, customerName: name })}
        >
          {/* The count's place is held while it is on its way, so the buttons beside it do not move. */}
          {t('panel.customer.conversations', { count: filled ? formatNumber(filled.openConversationCount) : '…' })}
        </button>
        <button
          type="button"
          onClick={() => router.navigate({ name: 'newConversation', customerId: customer.id, customerName: name })}
        >
          {t('panel.customer.newConversation')}
        </button>
        {kustomerUrl && (
          <a class="button-link" href={kustomerUrl} target="_blank" rel="noopener noreferrer">
            {t('common.openInKustomer')}
          </a>
        )}
      </div>
      <dl class="facts">
        {customer.emails.length > 0 && (
          <div>
            <dt>{t('panel.copy.what.email')}</dt>
            {customer.emails.map((address) => (
              <dd key={address}>
                <CopyValue value={address} what="email" kind="email" />
              </dd>
            ))}
          </div>
        )}
        {customer.phones.length > 0 && (
          <div>
            <dt>{t('panel.copy.what.phone')}</dt>
            {customer.phones.map((phone) => (
              <dd key={phone}>
                <CopyValue value={phone} what="phone" kind="phone" />
              </dd>
            ))}
          </div>
        )}
        {companyPending && (
          <div>
            <dt>{t('panel.customer.company')}</dt>
            <dd>
              <LinePlaceholder width="10em" />
            </dd>
          </div>
        )}
        {company && (
          <div>
            <dt>{t('panel.customer.company')}</dt>
            <dd>
              <button
                type="button"
                class="link"
                onClick={() => router.navigate({ name: 'company', companyId: company.id })}
              >
                <UserText text={company.name} />
              </button>
            </dd>
          </div>
        )}
        {customer.tags.length > 0 && (
          <div>
            <dt>{t('panel.customer.tags')}</dt>
            <dd class="chips">
              {customer.tags.map((tag) => (
                <span key={tag} class="badge">
                  <UserText text={tag} />
                </span>
              ))}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('panel.copy.what.id')}</dt>
          <dd>
            <CopyValue value={customer.id} what="id" />
          </dd>
        </div>
        {customer.externalId && (
          <div>
            <dt>{t('panel.copy.what.externalId')}</dt>
            <dd>
              <CopyValue value={customer.externalId} what="externalId" />
            </dd>
          </div>
        )}
        {customer.createdAt && (
          <div>
            <dt>{t('panel.customer.since')}</dt>
            <dd>
              <TimeText iso={customer.createdAt} />
            </dd>
          </div>
        )}
        {customer.lastActivityAt && (
          <div>
            <dt>{t('panel.customer.lastActivity')}</dt>
            <dd>
              <TimeText iso={customer.lastActivityAt} />
            </dd>
          </div>
        )}
      </dl>
      <section aria-labelledby="attributes-title" class="section">
        <h3 id="attributes-title">{t('panel.customer.attributes')}</h3>
        <AttributeList owner={{ customerId: customer.id }} attributes={customer.custom} />
      </section>
      <p>
        <button
          type="button"
          onClick={() =>
            router.navigate({
              name: 'kobjects',
              customerId: customer.id,
              ...(customer.companyId ? { companyId: customer.companyId } : {}),
              customerName: name,
            })
          }
        >
          {t('panel.customer.customObjects')}
        </button>{' '}
        <button
          type="button"
          onClick={() => router.navigate({ name: 'history', customerId: customer.id, customerName: name })}
        >
          {t('panel.customer.history')}
        </button>
      </p>
      {/* Last on the card: it fills in after the rest painted, so nothing already on screen moves. */}
      <section
        aria-labelledby="recent-title"
        class="section"
        aria-busy={activity === undefined || activity.status === 'loading'}
      >
        <h3 id="recent-title">{t('panel.customer.recent')}</h3>
        <RecentConversations
          customerId={customer.id}
          customerName={name}
          activity={activity}
          onRetry={onRetryActivity}
        />
      </section>
    </article>
  );
}

/** The conversations part of the card: a placeholder of the list's size, the list, or an error with Retry. */
function RecentConversations({
  customerId,
  customerName,
  activity,
  onRetry,
}: {
  customerId: string;
  customerName: string;
  activity: PartState<CustomerActivity> | undefined;
  onRetry: () => void;
}) {
  const router = useRouter();
  const conversations = activity?.data?.recentConversations;
  if (activity?.status === 'error' && !conversations) {
    return (
      <ErrorNotice
        error={{
          ...activity.error,
          message: t('panel.customer.conversationsFailed', { reason: activity.error.message }),
        }}
        onRetry={onRetry}
      />
    );
  }
  if (!conversations) return <Skeleton label={t('panel.conversations.loading')} lines={3} />;
  if (conversations.length === 0) {
    return (
      <EmptyState title={t('panel.conversations.none')}>
        <button type="button" onClick={() => router.navigate({ name: 'newConversation', customerId, customerName })}>
          {t('panel.customer.startConversation')}
        </button>
      </EmptyState>
    );
  }
  return <ConversationList conversations={conversations.slice(0, 3)} customerId={customerId} />;
}
