import { isKustomerError } from '../kustomer/errors';
import type { CustomerResource, CustomerSearchQuery, KlassResource, KObjectResource } from '../kustomer/types';
import { attributeLabel } from '../labels';
import type { ConnectionId, SearchHit } from '../messaging/model';
import { ServiceError } from '../service-error';
import { mapBounded } from './bounded';
import type { KustomerPort } from './kustomer-port';
import { relatedId, toCompanySummary, toCustomerSummary } from './mappers';

/**
 * The search box (issue 17): customers by name, email, phone, external id and one custom attribute the org
 * chose (an order number), and KObjects by their external id in the known klasses. Each result says why it
 * matched and names its company (bug 5).
 *
 * Company names: a search answer carries each customer's company id, never its name, and the spec has no
 * read of several companies by id (no `ids` on GET /v1/companies, no company id among typed search's
 * fields). So names are read once per distinct company, at most {@link COMPANIES_PER_SEARCH} per search,
 * and kept while the worker lives (Chrome stops it after 30 s idle): four results of one company cost one read,
 * and a repeated search none.
 */
export interface CustomerSearchDeps {
  /** The organisation searched: each result carries its id. */
  connectionId: ConnectionId;
  client: () => Promise<KustomerPort>;
  /** The custom attribute (`orderNumberStr`) the options chose for exact search; undefined: none. */
  searchAttribute: () => Promise<string | undefined>;
}

/** A result before it is tagged with its organisation. */
type Hit = Omit<SearchHit, 'connectionId'>;

export interface CustomerSearch {
  search(text: string): Promise<SearchHit[]>;
  /** Forgets cached company names and klasses (another organisation was connected). */
  clear(): void;
}

const SEARCH_PAGE_SIZE = 25;
/** Distinct companies whose names one search reads; results beyond show no company rather than cost more. */
export const COMPANIES_PER_SEARCH = 10;
/** Klasses asked for a KObject by external id; each is one GET, so an org with many klasses is capped. */
export const KLASSES_SEARCHED = 10;
const MAX_CACHED_COMPANIES = 500;
/** A custom attribute name as Kustomer spells it: letters and digits, typed by its suffix (`orderNumberStr`). */
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

/** Text that may be an id from another system: one word with a digit (`crm-ada-1815`, `order-100233`). */
export function looksLikeExternalId(text: string): boolean {
  return /^[^\s@]{3,128}$/.test(text) && /\d/.test(text);
}

/** Customer search body for what the agent typed: name or email contains it (phone when it has digits). */
export function searchQueryFor(text: string, searchAttribute?: string): CustomerSearchQuery {
  const query = text.trim();
  const or: CustomerSearchQuery['or'] = [
    { customer_name: { contains: query } },
    { customer_email: { contains: query } },
  ];
  if (/\d{3,}/.test(query)) or.push({ customer_phone: { contains: query } });
  if (searchAttribute && ATTRIBUTE_NAME.test(searchAttribute)) {
    or.push({ [`customer_custom_${searchAttribute}`]: { equals: query } });
  }
  return { queryContext: 'customer', or };
}

const digits = (value: string) => value.replace(/\D/g, '');

/** Why `customer` is a result for `text`, in the order an agent reads a card. */
function matchOf(
  resource: CustomerResource,
  hit: Hit,
  text: string,
  searchAttribute: string | undefined,
): Hit['match'] {
  const query = text.toLowerCase();
  if (hit.name.toLowerCase().includes(query)) return { field: 'name', value: hit.name };
  const email = hit.emails.find((value) => value.toLowerCase().includes(query));
  if (email) return { field: 'email', value: email };
  const phoneDigits = digits(text);
  const phone = phoneDigits.length >= 3 && hit.phones.find((value) => digits(value).includes(phoneDigits));
  if (phone) return { field: 'phone', value: phone };
  const externalId = resource.attributes.externalId;
  if (externalId?.toLowerCase() === query) return { field: 'externalId', value: externalId };
  const custom = searchAttribute ? (resource.attributes.custom as Record<string, unknown> | undefined) : undefined;
  const attribute = searchAttribute && custom?.[searchAttribute];
  if (searchAttribute && attribute !== undefined && String(attribute).toLowerCase() === query) {
    return { field: 'attribute', value: String(attribute), label: attributeLabel(searchAttribute) };
  }
  if (hit.companyName?.toLowerCase().includes(query)) return { field: 'company', value: hit.companyName };
  return undefined;
}

export function createCustomerSearch(deps: CustomerSearchDeps): CustomerSearch {
  let companies = new Map<string, string | null>();
  let klasses: Promise<KlassResource[]> | undefined;

  function knownKlasses(client: KustomerPort): Promise<KlassResource[]> {
    const value = klasses ?? client.listKlasses({ page: 1, pageSize: 100 }).then((page) => page.data);
    klasses = value;
    value.catch(() => {
      klasses = undefined;
    });
    return value;
  }

  /** Names of the companies of `hits`, read once per company. */
  async function nameCompanies(client: KustomerPort, hits: Hit[]): Promise<void> {
    const wanted = [...new Set(hits.map((hit) => hit.companyId).filter((id): id is string => id !== undefined))];
    const missing = wanted.filter((id) => !companies.has(id));
    await mapBounded(missing.slice(0, COMPANIES_PER_SEARCH), 3, async (id) => {
      const name = await client
        .getCompany(id)
        .then((company) => toCompanySummary(company).name)
        // A company the key may not read, or one deleted since, leaves the result without a company.
        .catch((error: unknown) => {
          if (isKustomerError(error, 'not_found', 'forbidden')) return null;
          throw error;
        });
      if (companies.size >= MAX_CACHED_COMPANIES) companies = new Map();
      companies.set(id, name);
    });
    for (const hit of hits) {
      const name = hit.companyId && companies.get(hit.companyId);
      if (name) hit.companyName = name;
    }
  }

  /** KObjects whose external id is `text`, in the known klasses, with the customers they belong to. */
  async function kobjectHits(client: KustomerPort, text: string): Promise<Hit[]> {
    const known = (await knownKlasses(client)).slice(0, KLASSES_SEARCHED);
    const found = await mapBounded(known, 4, async (klass) => {
      const klassName = klass.attributes.name ?? klass.id;
      const kobject = await client.getKObjectByExternalId(klassName, text).catch((error: unknown) => {
        if (isKustomerError(error, 'not_found', 'forbidden')) return null;
        throw error;
      });
      return kobject ? { klass, klassName, kobject } : null;
    });
    const owned = found.filter(
      (entry): entry is { klass: KlassResource; klassName: string; kobject: KObjectResource } =>
        entry !== null && relatedId(entry.kobject, 'customer') !== undefined,
    );
    return Promise.all(
      owned.map(async ({ klass, klassName, kobject }) => {
        const customer = await client.getCustomer(relatedId(kobject, 'customer') as string);
        const title = kobject.attributes.title || kobject.id;
        return {
          ...toCustomerSummary(customer),
          match: {
            field: 'kobject',
            value: kobject.attributes.externalId ?? text,
            label: klass.attributes.displayName || attributeLabel(klassName),
          },
          kobject: { id: kobject.id, klassName, title },
        } satisfies Hit;
      }),
    );
  }

  return {
    async search(text) {
      const query = text.trim();
      const [client, searchAttribute] = await Promise.all([deps.client(), deps.searchAttribute()]);
      const idLike = looksLikeExternalId(query);
      const [typed, byExternalId, byKObject] = await Promise.all([
        client
          .searchCustomers(searchQueryFor(query, searchAttribute), { page: 1, pageSize: SEARCH_PAGE_SIZE })
          .catch((error: unknown) => {
            // Search needs its own role, not customer read; a 403 may not say which, so the agent is told here.
            if (isKustomerError(error, 'forbidden')) {
              throw new ServiceError({
                kind: 'forbidden',
                message:
                  'Your key lacks the search role org.permission.search.create (or legacy org.user.search.read). Ask a Kustomer admin to add it.',
              });
            }
            throw error;
          }),
        idLike ? client.getCustomerByExternalId(query) : Promise.resolve(null),
        idLike ? kobjectHits(client, query) : Promise.resolve([]),
      ]);
      const hits: Hit[] = [];
      const seen = new Set<string>();
      const add = (hit: Hit) => {
        if (seen.has(hit.id)) return;
        seen.add(hit.id);
        hits.push(hit);
      };
      if (byExternalId) {
        const hit: Hit = toCustomerSummary(byExternalId);
        hit.match = { field: 'externalId', value: byExternalId.attributes.externalId ?? query };
        add(hit);
      }
      for (const hit of byKObject) add(hit);
      const resources = new Map(typed.data.map((resource) => [resource.id, resource]));
      for (const resource of typed.data) add(toCustomerSummary(resource));
      await nameCompanies(client, hits);
      for (const hit of hits) {
        const resource = resources.get(hit.id);
        if (!hit.match && resource) {
          const match = matchOf(resource, hit, query, searchAttribute);
          if (match) hit.match = match;
        }
      }
      return hits.map((hit) => ({ ...hit, connectionId: deps.connectionId }));
    },
    clear() {
      companies = new Map();
      klasses = undefined;
    },
  };
}
