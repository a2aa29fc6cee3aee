import { isKustomerError } from '../kustomer/errors';
import type { KObjectResource } from '../kustomer/types';
import type {
  CompanyDetail,
  ConnectionId,
  ConversationDetail,
  ConversationSummary,
  CustomerActivity,
  CustomerCard,
  HistoryEntry,
  KlassForm,
  KObjectGroup,
} from '../messaging/model';
import { mapBounded } from './bounded';
import type { Directory } from './directory';
import { toHistory, toKlassForm } from './history';
import type { KustomerPort } from './kustomer-port';
import {
  conversationUrl,
  customAttributes,
  toCompanySummary,
  toConversationSummary,
  toCustomerActivity,
  toCustomerCard,
  toCustomerSummary,
  toKObjectGroup,
  toTimeline,
} from './mappers';

/** Reads of Kustomer records for the side panel, mapped to view models. */
export interface ReadDeps {
  /** The organisation read: its cards carry its id. */
  connectionId: ConnectionId;
  client: () => Promise<KustomerPort>;
  appUrl: () => Promise<string>;
  directory: Pick<Directory, 'names'>;
}

/** Conversations read for a card: it shows the newest and counts the open ones among them. */
export const CONVERSATIONS_PER_CARD = 100;
/** Customers listed with a company. */
const SEARCH_PAGE_SIZE = 25;
const TIMELINE_PAGE_SIZE = 100;
const KOBJECTS_PER_KLASS = 25;
const MAX_KLASSES = 30;

/** The card of a customer by id: one Kustomer call, like a lookup by email. */
export async function customerCard(deps: ReadDeps, customerId: string): Promise<CustomerCard> {
  const client = await deps.client();
  const [customer, appUrl] = await Promise.all([client.getCustomer(customerId), deps.appUrl()]);
  return toCustomerCard({ connectionId: deps.connectionId, customer, appUrl });
}

/** What fills a card in after it painted: the company (when the customer has one) and the conversations. */
export async function customerActivity(
  deps: ReadDeps,
  customerId: string,
  companyId: string | undefined,
): Promise<CustomerActivity> {
  const client = await deps.client();
  const [company, conversations, names] = await Promise.all([
    companyId ? client.getCompany(companyId).catch(nullWhenMissing) : Promise.resolve(null),
    client.listCustomerConversations(customerId, { page: 1, pageSize: CONVERSATIONS_PER_CARD }),
    deps.directory.names(),
  ]);
  return toCustomerActivity({ company, conversations: conversations.data, lookups: names });
}

/** A company with its attributes and its first customers. */
export async function companyDetail(deps: ReadDeps, companyId: string): Promise<CompanyDetail> {
  const client = await deps.client();
  const [company, customers] = await Promise.all([
    client.getCompany(companyId),
    client.searchCustomers(
      { queryContext: 'customer', and: [{ customer_company: { equals: companyId } }] },
      { page: 1, pageSize: SEARCH_PAGE_SIZE },
    ),
  ]);
  const summary = toCompanySummary(company);
  const companyNames = new Map([[summary.id, summary.name]]);
  return {
    ...summary,
    tags: company.attributes.tags ?? [],
    custom: customAttributes(company.attributes.custom),
    customers: customers.data.map((customer) => toCustomerSummary(customer, { companyNames })),
  };
}

/** A customer's conversations, newest first; `open` keeps only open ones. */
export async function customerConversations(
  deps: ReadDeps,
  customerId: string,
  filter: 'open' | 'all',
): Promise<ConversationSummary[]> {
  const client = await deps.client();
  const [page, names] = await Promise.all([
    client.listCustomerConversations(customerId, { page: 1, pageSize: CONVERSATIONS_PER_CARD }),
    deps.directory.names(),
  ]);
  const all = page.data.map((conversation) => toConversationSummary(conversation, names));
  return filter === 'open' ? all.filter((conversation) => conversation.status === 'open') : all;
}

/** One conversation with its messages and notes. */
export async function conversationDetail(deps: ReadDeps, conversationId: string): Promise<ConversationDetail> {
  const client = await deps.client();
  const [conversation, messages, notes, names] = await Promise.all([
    client.getConversation(conversationId),
    client.listConversationMessages(conversationId, { page: 1, pageSize: TIMELINE_PAGE_SIZE }),
    client.listConversationNotes(conversationId, { page: 1, pageSize: TIMELINE_PAGE_SIZE }),
    deps.directory.names(),
  ]);
  const summary = toConversationSummary(conversation, names);
  return {
    conversation: summary,
    timeline: toTimeline(messages.data, notes.data, names),
    kustomerUrl: conversationUrl(await deps.appUrl(), summary.customerId, conversationId),
  };
}

/** KObjects of every klass linked to the customer (and its company), grouped by klass. */
export async function kobjectGroups(deps: ReadDeps, customerId: string, companyId?: string): Promise<KObjectGroup[]> {
  const client = await deps.client();
  const klasses = (await client.listKlasses({ page: 1, pageSize: 100 })).data.slice(0, MAX_KLASSES);
  const lookups = klasses.flatMap((klass) => {
    const name = klass.attributes.name ?? klass.id;
    // A klass does not say whether its KObjects belong to customers or companies (the spec's klass has no such
    // attribute; a KObject names its `customer` or `company`), so both owners are asked.
    const jobs: { klass: typeof klass; owner: 'customer' | 'company'; load: () => Promise<KObjectResource[]> }[] = [
      {
        klass,
        owner: 'customer',
        load: async () => (await client.findCustomerKObjects(customerId, name, { pageSize: KOBJECTS_PER_KLASS })).data,
      },
    ];
    if (companyId) {
      jobs.push({
        klass,
        owner: 'company',
        load: async () => (await client.findCompanyKObjects(companyId, name, { pageSize: KOBJECTS_PER_KLASS })).data,
      });
    }
    return jobs;
  });
  const groups = await mapBounded(lookups, 4, async (job) =>
    toKObjectGroup(job.klass, job.owner, await job.load().catch((error: unknown) => nullWhenMissing(error) ?? [])),
  );
  return groups.filter((group): group is KObjectGroup => group !== null);
}

/** Changes made to the customer, from Kustomer's audit log (newest first). */
export const HISTORY_EVENTS = 50;
export async function customerHistory(deps: ReadDeps, customerId: string): Promise<HistoryEntry[]> {
  const client = await deps.client();
  const [page, names] = await Promise.all([
    client.queryAuditLogEvents({ objectType: 'customer', objectId: customerId, count: HISTORY_EVENTS }),
    deps.directory.names(),
  ]);
  return toHistory(page.data, names.userNames);
}

/** Every klass with the fields of its form, for "New custom object". */
export async function klassForms(deps: ReadDeps): Promise<KlassForm[]> {
  const client = await deps.client();
  return (await client.listKlasses({ page: 1, pageSize: 100 })).data.slice(0, MAX_KLASSES).map(toKlassForm);
}

function nullWhenMissing(error: unknown): null {
  if (isKustomerError(error, 'not_found', 'forbidden')) return null;
  throw error;
}
