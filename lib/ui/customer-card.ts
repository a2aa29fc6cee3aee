import { batch, type ReadonlySignal, signal } from '@preact/signals';
import { request } from '../messaging/client';
import { errorInfoOf, MessageError } from '../messaging/errors';
import type { ConnectionId, CustomerActivity, CustomerCard, ErrorInfo, EverywhereAnswer } from '../messaging/model';
import { markBoot } from './boot-marks';
import { bootLookup } from './boot-requests';
import { noteRequestOutcome } from './network';

/** One part of the card as it loads; `data` stays on screen while the part loads again or fails. */
export type PartState<T> =
  | { status: 'loading'; data?: T }
  | { status: 'error'; error: ErrorInfo; data?: T }
  | { status: 'ready'; data: T };

/** Which customer a card is for: an address (page, right-click) or an id (search results). */
export type CardSubject =
  | { email: string; refresh?: boolean; connectionId?: ConnectionId }
  | { phone: string; refresh?: boolean; connectionId?: ConnectionId }
  | { customerId: string; connectionId: ConnectionId };

/** What a card asks the background; the panel's `request` in the app, a fake in tests. */
export interface CardRequests {
  card(subject: CardSubject): Promise<CustomerCard | null>;
  activity(card: CustomerCard): Promise<CustomerActivity>;
}

/**
 * The card of an answer from every organisation: `prefer`'s when it knows the customer, else the first
 * organisation's (in the agent's order) that does; null when all said unknown. When none knows and one
 * failed, its error is thrown (an unknown customer must not be claimed while an organisation could not say).
 */
export function cardOfAnswer(answer: EverywhereAnswer, prefer?: ConnectionId): CustomerCard | null {
  const known = answer.answers.filter((entry) => entry.status === 'known');
  const chosen = known.find((entry) => entry.connectionId === prefer) ?? known[0];
  if (chosen) return chosen.card;
  const failed = answer.answers.find((entry) => entry.status === 'error');
  if (failed) throw new MessageError(failed.error);
  return null;
}

/**
 * A customer card that loads in two parts: the customer (one Kustomer call, painted as soon as it answers)
 * and then what fills it in (company, conversations). It is created where the panel learns whom to show
 * (an intent, a search result) and travels with the route, so the lookup is already on its way while the
 * customer screen renders.
 */
export interface CustomerCardLoad {
  /** The customer, or null when no customer has the address. */
  readonly card: ReadonlySignal<PartState<CustomerCard | null>>;
  /** Company and conversations; undefined until there is a customer to ask about. */
  readonly activity: ReadonlySignal<PartState<CustomerActivity> | undefined>;
  /** Asks for both parts again, keeping what is on screen meanwhile. */
  reload(): void;
  /** Asks for the company and conversations again (after a failure, or a write that changed them). */
  reloadActivity(): void;
}

/** The background's answers: `lookupEmail` joins a lookup already on its way (the right-click's). */
export const backgroundCardRequests: CardRequests = {
  card: async (subject) =>
    'customerId' in subject
      ? request('getCustomer', { connectionId: subject.connectionId, customerId: subject.customerId })
      : cardOfAnswer(
          await ('phone' in subject
            ? request('lookupPhone', { phone: subject.phone, ...(subject.refresh ? { refresh: true } : {}) })
            : (!subject.refresh && bootLookup(subject.email)) ||
              request('lookupEmail', { email: subject.email, ...(subject.refresh ? { refresh: true } : {}) })),
          subject.connectionId,
        ),
  activity: ({ connectionId, customer }) =>
    request('getCustomerActivity', {
      connectionId,
      customerId: customer.id,
      ...(customer.companyId === undefined ? {} : { companyId: customer.companyId }),
    }),
};

/** Starts loading a customer card now. */
export function loadCustomerCard(
  subject: CardSubject,
  requests: CardRequests = backgroundCardRequests,
): CustomerCardLoad {
  const card = signal<PartState<CustomerCard | null>>({ status: 'loading' });
  const activity = signal<PartState<CustomerActivity> | undefined>(undefined);
  // Answers of a superseded request (a Retry while the first was on its way) are dropped.
  let cardGeneration = 0;
  let activityGeneration = 0;

  function failed(error: unknown): ErrorInfo {
    const info = errorInfoOf(error);
    noteRequestOutcome(info);
    return info;
  }

  function loadActivity(customer: CustomerCard): void {
    const mine = ++activityGeneration;
    activity.value = { status: 'loading', ...(activity.value?.data ? { data: activity.value.data } : {}) };
    requests.activity(customer).then(
      (data) => {
        noteRequestOutcome(null);
        if (mine === activityGeneration) activity.value = { status: 'ready', data };
      },
      (error: unknown) => {
        const info = failed(error);
        if (mine === activityGeneration) {
          activity.value = {
            status: 'error',
            error: info,
            ...(activity.value?.data ? { data: activity.value.data } : {}),
          };
        }
      },
    );
  }

  function loadCard(asked: CardSubject): void {
    const mine = ++cardGeneration;
    const shown = card.value.data;
    card.value = { status: 'loading', ...(shown === undefined ? {} : { data: shown }) };
    markBoot('card-asked');
    requests.card(asked).then(
      (data) => {
        markBoot('card-answered');
        noteRequestOutcome(null);
        if (mine !== cardGeneration) return;
        batch(() => {
          card.value = { status: 'ready', data };
          if (data) loadActivity(data);
          else activity.value = undefined;
        });
      },
      (error: unknown) => {
        const info = failed(error);
        if (mine === cardGeneration) {
          card.value = { status: 'error', error: info, ...(shown === undefined ? {} : { data: shown }) };
        }
      },
    );
  }

  loadCard(subject);
  return {
    card,
    activity,
    // A Retry asks the background afresh; it does not bypass its cache unless the route asked for a refresh.
    reload: () => loadCard(subject),
    reloadActivity() {
      const shown = card.value.data;
      if (shown) loadActivity(shown);
    },
  };
}
