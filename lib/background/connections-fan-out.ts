import { t } from '../i18n/t';
import type { CustomerCard, ErrorInfo, EverywhereAnswer, OrgAnswer, PageEmail, PageEmailOrg } from '../messaging/model';
import { ServiceError } from '../service-error';
import type { ConnectionId, OrgConnection } from './connections-types';
import { describeError } from './describe-error';
import type { LookupService } from './lookup';
import type { PageScope } from './page-budget';

/** One organisation to ask: its connection and its own lookups (own client, limiter, cache, page budget). */
export interface OrgLookupTarget {
  connection: Pick<OrgConnection, 'id'>;
  lookup: Pick<LookupService, 'lookup' | 'lookupPhone' | 'lookupMany'>;
}

export type { EverywhereAnswer, OrgAnswer };

/**
 * One page key (address or `tel:` key) as every organisation sees it: the merged status, the first knowing
 * organisation's customer (or the first error), and each organisation's answer.
 */
export type PageKeyEverywhere = PageEmail & { orgs: PageEmailOrg[] };

// Refusals that come from the agent's input or the global settings (never-look-up lists, a number that is not
// one) are the same for every organisation: they are thrown, not counted as an organisation's failure.
const INPUT_REFUSALS = new Set<ErrorInfo['kind']>(['refused', 'invalid_message']);

/** Told of each organisation's answer as soon as it has it (the panel shows a fast org without the slow one). */
export type OnOrgAnswer = (answer: OrgAnswer) => void;

function toAnswer(connectionId: ConnectionId, outcome: PromiseSettledResult<CustomerCard | null>): OrgAnswer {
  if (outcome.status === 'rejected') return { connectionId, status: 'error', error: describeError(outcome.reason) };
  return outcome.value ? { connectionId, status: 'known', card: outcome.value } : { connectionId, status: 'unknown' };
}

/**
 * Asks every organisation at once. One that fails never hides another's answer; one that is slow (its rate
 * limit spent, its host far away) holds back only the merged answer, never the others' `onAnswer`.
 */
export async function askEverywhere(
  orgs: readonly OrgLookupTarget[],
  ask: (lookup: OrgLookupTarget['lookup']) => Promise<CustomerCard | null>,
  onAnswer?: OnOrgAnswer,
): Promise<EverywhereAnswer> {
  if (orgs.length === 0) {
    throw new ServiceError({ kind: 'not_connected', message: t('error.service.notConnected') });
  }
  const settled = await Promise.allSettled(
    orgs.map(async (org) => {
      const asked = ask(org.lookup);
      if (onAnswer) {
        const [outcome] = await Promise.allSettled([asked]);
        if (outcome) onAnswer(toAnswer(org.connection.id, outcome));
      }
      return asked;
    }),
  );
  const answers = settled.map((outcome, index) => toAnswer((orgs[index] as OrgLookupTarget).connection.id, outcome));
  const refusal = settled.find(
    (outcome): outcome is PromiseRejectedResult =>
      outcome.status === 'rejected' && INPUT_REFUSALS.has(describeError(outcome.reason).kind),
  );
  if (refusal) throw refusal.reason;
  const status = answers.some((answer) => answer.status === 'known')
    ? 'known'
    : answers.every((answer) => answer.status === 'unknown')
      ? 'unknown'
      : 'error';
  return { status, answers };
}

/** An address looked up in every connected organisation. */
export function lookupEmailEverywhere(
  orgs: readonly OrgLookupTarget[],
  email: string,
  options?: { refresh?: boolean; onAnswer?: OnOrgAnswer },
): Promise<EverywhereAnswer> {
  return askEverywhere(orgs, (lookup) => lookup.lookup(email, { refresh: options?.refresh }), options?.onAnswer);
}

/** A phone number (any written form) looked up in every connected organisation. */
export function lookupPhoneEverywhere(
  orgs: readonly OrgLookupTarget[],
  written: string,
  options?: { refresh?: boolean; onAnswer?: OnOrgAnswer },
): Promise<EverywhereAnswer> {
  return askEverywhere(orgs, (lookup) => lookup.lookupPhone(written, { refresh: options?.refresh }), options?.onAnswer);
}

const PAGE_ORDER: PageEmail['status'][] = ['known', 'pending', 'error', 'unknown', 'ignored'];

/**
 * A page's keys looked up in every organisation in parallel, each within its own page budget and rate limit,
 * merged per key in the page's order.
 */
export async function lookupPageEverywhere(
  orgs: readonly OrgLookupTarget[],
  keys: readonly string[],
  scope?: PageScope,
): Promise<PageKeyEverywhere[]> {
  const perOrg = await Promise.all(orgs.map((org) => org.lookup.lookupMany(keys, scope)));
  const merged = new Map<string, PageKeyEverywhere>();
  perOrg.forEach((answers, index) => {
    const connectionId = (orgs[index] as OrgLookupTarget).connection.id;
    for (const { email, phone, ...answer } of answers) {
      const entry = merged.get(email) ?? { email, ...(phone ? { phone } : {}), status: 'ignored', orgs: [] };
      entry.orgs.push({ ...answer, connectionId });
      merged.set(email, entry);
    }
  });
  for (const entry of merged.values()) {
    const statuses = new Set(entry.orgs.map((org) => org.status));
    entry.status = PAGE_ORDER.find((status) => statuses.has(status)) ?? 'ignored';
    const first = entry.orgs.find((org) => org.status === entry.status);
    if (first?.customer) entry.customer = first.customer;
    if (first?.error) entry.error = first.error;
  }
  return [...merged.values()];
}
