import { type ComponentChildren, Fragment } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import { request } from '../lib/messaging/client';
import { errorInfoOf } from '../lib/messaging/errors';
import type { ConnectionId, CustomerCard, OrgAnswer } from '../lib/messaging/model';
import { connections } from '../lib/ui/connection-store';
import { backgroundCardRequests, type CustomerCardLoad, loadCustomerCard } from '../lib/ui/customer-card';
import { openTab, orgTabsOf } from '../lib/ui/org-tabs';
import { OrgTabs } from './org-tabs';
import { useRouter } from './router-context';
import { EmptyState } from './status-views';
import { UserText } from './user-text';
import { ViewHeading } from './view-heading';

/** What the card looks up: an address or a phone number, and the organisation whose tab opens first. */
export interface OrgCardSubject {
  email?: string | undefined;
  phone?: string | undefined;
  connectionId?: ConnectionId | undefined;
  refresh?: boolean | undefined;
}

/** The panel's customer screen, shown in the selected tab with the card that organisation answered. */
export type CustomerScreen = (card: CustomerCard, load: CustomerCardLoad) => ComponentChildren;

/**
 * A customer looked up in every connected organisation, one tab per organisation that knows them. Each
 * organisation is asked on its own, so a slow one (its rate limit spent) never holds back another's tab.
 */
export function OrgCard({
  email,
  phone,
  connectionId,
  refresh,
  view,
}: OrgCardSubject & {
  /**
   * The panel renders its own customer screen (its first paint has it). Importing that screen here, or rendering
   * it from a component passed in, made the bundler move two of the first paint's modules into chunks of their
   * own: +313 B gzip on the first paint, measured 2026-12-02.
   */
  view: CustomerScreen;
}) {
  const router = useRouter();
  const orgs = connections.value ?? [];
  const [answers, setAnswers] = useState<OrgAnswer[]>([]);
  const [chosen, setChosen] = useState<ConnectionId | undefined>(connectionId);
  const loads = useMemo(() => new Map<string, CustomerCardLoad>(), []);

  const ask = (id: ConnectionId, again: boolean) => {
    setAnswers((list) => list.filter((answer) => answer.connectionId !== id));
    const asked = phone
      ? request('lookupPhone', { phone, connectionId: id, ...(again ? { refresh: true } : {}) })
      : request('lookupEmail', { email: email ?? '', connectionId: id, ...(again ? { refresh: true } : {}) });
    asked.then(
      (answer) => {
        const mine = answer.answers.find((entry) => entry.connectionId === id) ?? {
          connectionId: id,
          status: 'unknown' as const,
        };
        setAnswers((list) => [...list.filter((entry) => entry.connectionId !== id), mine]);
      },
      (caught: unknown) =>
        setAnswers((list) => [
          ...list.filter((entry) => entry.connectionId !== id),
          { connectionId: id, status: 'error', error: errorInfoOf(caught) },
        ]),
    );
  };
  const ids = orgs.map((org) => org.id).join();
  useEffect(() => {
    for (const org of orgs) ask(org.id, refresh === true);
  }, [email, phone, ids]);

  const tabs = orgTabsOf(orgs, answers);
  const selected = openTab(tabs, chosen);
  const shown = tabs.find((tab) => tab.org.id === selected)?.status === 'known';
  // The first card shown stays open when an organisation earlier in the order answers later: the agent may be
  // reading it, and the other tab is one click away.
  useEffect(() => {
    if (shown) setChosen((current) => current ?? selected);
  }, [selected, shown]);
  const loadOf = (card: CustomerCard): CustomerCardLoad => {
    const key = `${card.connectionId} ${card.customer.id}`;
    let load = loads.get(key);
    if (!load) {
      // The card is here already: the screen paints it at once and asks only for its company and conversations.
      load = loadCustomerCard(
        { customerId: card.customer.id, connectionId: card.connectionId },
        { card: async () => card, activity: backgroundCardRequests.activity },
      );
      loads.set(key, load);
    }
    return load;
  };

  if (tabs.length === 0) {
    return (
      <>
        <ViewHeading>
          <UserText text={phone ?? email ?? ''} identity />
        </ViewHeading>
        <EmptyState title={phone ? t('orgs.card.unknownPhone') : t('orgs.card.unknownEmail')}>
          {orgs.map((org) => (
            <button
              key={org.id}
              type="button"
              onClick={() =>
                router.navigate({
                  name: 'createCustomer',
                  email: email ?? '',
                  connectionId: org.id,
                  ...(phone ? { phone } : {}),
                })
              }
            >
              {t('orgs.card.createIn', { org: org.label })}
            </button>
          ))}
        </EmptyState>
      </>
    );
  }
  return (
    <OrgTabs
      tabs={tabs}
      selected={selected ?? orgs[0]?.id ?? 'org-none'}
      onSelect={setChosen}
      onRetry={(id) => ask(id, true)}
    >
      {(card) => (
        // A screen per organisation and customer: a tab switch never shows one organisation's state in another's.
        <Fragment key={`${card.connectionId} ${card.customer.id}`}>{view(card, loadOf(card))}</Fragment>
      )}
    </OrgTabs>
  );
}
