import { useEffect, useState } from 'preact/hooks';
import { request } from '../lib/messaging/client';
import { currentCustomer } from '../lib/ui/current-customer';
import { takeEarlyLookup } from '../lib/ui/early-lookup';
import { safeHttpUrl } from '../lib/ui/format';
import type { CustomerCard } from '../lib/view-models';
import { AttributeList } from './attribute-list';
import { ConversationSummaryItem } from './conversation-summary-item';
import { useLoad } from './hooks/use-load';
import { useReloadWhenSent } from './hooks/use-reload-when-sent';
import { useRouter } from './router-context';
import { Avatar, EmptyState, ErrorNotice, Skeleton, TimeText } from './status-views';
import { ViewHeading } from './view-heading';

/** A customer by email (from the page) or id (from search); an unknown email offers "Create customer". */
export function CustomerView({
  email,
  customerId,
  refresh,
}: {
  email?: string;
  customerId?: string;
  refresh?: boolean;
}) {
  const router = useRouter();
  // The lookup the panel sent when the intent arrived: its answer is on its way, or already here.
  const [early] = useState(() => (customerId || refresh ? undefined : takeEarlyLookup(email)));
  const loaded = useLoad<CustomerCard | null>(
    () =>
      customerId
        ? request('getCustomer', { customerId })
        : (early?.claim() ?? request('lookupEmail', { email: email ?? '', ...(refresh ? { refresh } : {}) })),
    [email, customerId],
  );
  const earlyCard = early?.card.value;
  // Paint an early answer at once rather than a frame later, when the load's effect has run.
  const card =
    loaded.status === 'loading' && !loaded.data && earlyCard !== undefined
      ? { ...loaded, status: 'ready' as const, data: earlyCard }
      : loaded;
  const loadedId = card.data?.customer.id;
  useReloadWhenSent(
    (item) =>
      loadedId !== undefined &&
      'customerId' in item.request &&
      item.request.customerId === loadedId &&
      item.request.kind !== 'updateCustomerAttributes',
    card.reload,
  );
  if (card.status === 'loading' && !card.data) {
    return (
      <>
        <ViewHeading>Customer</ViewHeading>
        <Skeleton label="Loading customer…" lines={5} />
      </>
    );
  }
  if (card.status === 'error') {
    return (
      <>
        <ViewHeading>Customer</ViewHeading>
        <ErrorNotice error={card.error} onRetry={card.reload} />
      </>
    );
  }
  if (!card.data) {
    return (
      <>
        <ViewHeading>{email}</ViewHeading>
        <EmptyState title="No customer in Kustomer has this address.">
          <button
            type="button"
            class="primary"
            onClick={() => router.navigate({ name: 'createCustomer', email: email ?? '' })}
          >
            Create customer
          </button>
        </EmptyState>
      </>
    );
  }
  return <CustomerDetails card={card.data} />;
}

function CustomerDetails({ card }: { card: CustomerCard }) {
  const router = useRouter();
  const { customer, company } = card;
  const kustomerUrl = safeHttpUrl(card.kustomerUrl);
  const name = customer.name || customer.email || 'Unnamed customer';
  useEffect(() => {
    currentCustomer.value = { id: customer.id, name, ...(customer.email ? { email: customer.email } : {}) };
  }, [customer.id, name, customer.email]);
  return (
    <article class="customer">
      <div class="customer-head">
        <Avatar name={name} />
        <div>
          <ViewHeading>{name}</ViewHeading>
          {company && <p class="hint">{company.name}</p>}
        </div>
      </div>
      <div class="row">
        <button
          type="button"
          class="primary"
          onClick={() => router.navigate({ name: 'conversations', customerId: customer.id, customerName: name })}
        >
          Conversations ({card.openConversationCount} open)
        </button>
        <button
          type="button"
          onClick={() => router.navigate({ name: 'newConversation', customerId: customer.id, customerName: name })}
        >
          New conversation
        </button>
        {kustomerUrl && (
          <a class="button-link" href={kustomerUrl} target="_blank" rel="noopener noreferrer">
            Open in Kustomer
          </a>
        )}
      </div>
      <dl class="facts">
        {customer.emails.length > 0 && (
          <div>
            <dt>Email</dt>
            {customer.emails.map((address) => (
              <dd key={address}>{address}</dd>
            ))}
          </div>
        )}
        {customer.phones.length > 0 && (
          <div>
            <dt>Phone</dt>
            {customer.phones.map((phone) => (
              <dd key={phone}>{phone}</dd>
            ))}
          </div>
        )}
        {company && (
          <div>
            <dt>Company</dt>
            <dd>
              <button
                type="button"
                class="link"
                onClick={() => router.navigate({ name: 'company', companyId: company.id })}
              >
                {company.name}
              </button>
            </dd>
          </div>
        )}
        {customer.tags.length > 0 && (
          <div>
            <dt>Tags</dt>
            <dd class="chips">
              {customer.tags.map((tag) => (
                <span key={tag} class="badge">
                  {tag}
                </span>
              ))}
            </dd>
          </div>
        )}
        {customer.createdAt && (
          <div>
            <dt>Customer since</dt>
            <dd>
              <TimeText iso={customer.createdAt} />
            </dd>
          </div>
        )}
        {customer.lastActivityAt && (
          <div>
            <dt>Last activity</dt>
            <dd>
              <TimeText iso={customer.lastActivityAt} />
            </dd>
          </div>
        )}
      </dl>
      <section aria-labelledby="recent-title" class="section">
        <h3 id="recent-title">Recent conversations</h3>
        {card.recentConversations.length === 0 ? (
          <EmptyState title="No conversations yet.">
            <button
              type="button"
              onClick={() => router.navigate({ name: 'newConversation', customerId: customer.id, customerName: name })}
            >
              Start a conversation
            </button>
          </EmptyState>
        ) : (
          <ul class="result-list">
            {card.recentConversations.slice(0, 3).map((conversation) => (
              <li key={conversation.id}>
                <ConversationSummaryItem
                  conversation={conversation}
                  onOpen={() =>
                    router.navigate({ name: 'conversation', conversationId: conversation.id, customerId: customer.id })
                  }
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="attributes-title" class="section">
        <h3 id="attributes-title">Attributes</h3>
        <AttributeList customerId={customer.id} attributes={customer.custom} />
      </section>
      <p>
        <button
          type="button"
          onClick={() =>
            router.navigate({
              name: 'kobjects',
              customerId: customer.id,
              ...(company ? { companyId: company.id } : {}),
              customerName: name,
            })
          }
        >
          Custom objects
        </button>
      </p>
    </article>
  );
}
