import { isOnDomainList } from '../email/domain-list';
import { t } from '../i18n/t';
import type { ConnectionId, CustomerCard, PageEmail, Settings } from '../messaging/model';
import { toE164 } from '../phone/validate';
import { ServiceError } from '../service-error';
import { mapBounded } from './bounded';
import { describeError } from './describe-error';
import type { Report } from './diagnostics';
import type { KustomerPort } from './kustomer-port';
import type { LookupCache } from './lookup-cache';
import { toCustomerCard } from './mappers';
import { createPageBudget, type PageScope } from './page-budget';
import { customerByPhone, defaultCountry, isNeverLookUpPhone, isPhoneKey, PHONE_KEY_PREFIX } from './phones';

export interface LookupDeps {
  /** The organisation asked: its cards carry its id. */
  connectionId: ConnectionId;
  client: () => Promise<KustomerPort>;
  appUrl: () => Promise<string>;
  settings: () => Promise<Settings>;
  cache: LookupCache;
  /** How long a found customer stays cached (default 5 min). */
  ttlMs?: number;
  /** How long "no such customer" stays cached (default 60 s): new customers appear quickly. */
  negativeTtlMs?: number;
  /** Lookups of one page running at once (default 4); the client's limiter still applies under it. */
  concurrency?: number;
  /** The diagnostics log: a page's failed lookups and lost cache writes. */
  report?: Report;
}

export interface LookupService {
  /**
   * The card for an address (one Kustomer call, for a customer and a stranger alike), or null when Kustomer
   * has no such customer. Refused for never-look-up domains.
   */
  lookup(email: string, options?: { refresh?: boolean }): Promise<CustomerCard | null>;
  /**
   * The card for a phone number written in any form (national numbers read in the agent's country), or
   * null when no customer has it. Refused for a number that is not valid or is on the never-look-up list.
   */
  lookupPhone(written: string, options?: { refresh?: boolean }): Promise<CustomerCard | null>;
  /**
   * Looks up a page's addresses and phone keys (`tel:…`) with bounded concurrency; never throws (errors
   * become `status: 'error'`). A phone key that is not a valid number, or is never looked up, is `ignored`;
   * a known one carries its E.164 number in `phone`. With a `scope` (the tab and site that reported them)
   * uncached addresses spend that page's budget, and those beyond it stay `pending` (issue 21, finding 2).
   */
  lookupMany(keys: readonly string[], scope?: PageScope): Promise<PageEmail[]>;
  /** The cached answer without calling Kustomer (undefined when not cached). */
  peek(email: string): Promise<CustomerCard | null | undefined>;
  clear(): Promise<void>;
}

/** Keys of a page looked up between two task boundaries of the worker (`lookupMany`). */
const KEYS_PER_TASK = 250;

/** True when the address's domain (or a parent domain) is on the never-look-up list, in any spelling. */
export function isNeverLookUp(email: string, settings: Pick<Settings, 'neverLookUpDomains'>): boolean {
  // Compared in one canonical form (IDNA ASCII after NFKC and folding): a page picks the spelling.
  // Most agents list none: skip the canonical form's cost on every address of a page.
  return settings.neverLookUpDomains.length > 0 && isOnDomainList(email, settings.neverLookUpDomains);
}

/** Email → customer card, with a cache, in-flight de-duplication and the never-look-up list. */
export function createLookupService(deps: LookupDeps): LookupService {
  const ttlMs = deps.ttlMs ?? 5 * 60_000;
  const negativeTtlMs = deps.negativeTtlMs ?? 60_000;
  const inFlight = new Map<string, Promise<CustomerCard | null>>();
  let orgLimit: number | undefined;
  const budget = createPageBudget(() => orgLimit);

  // The cache answers from memory at once; its copy in session storage is written after the card went
  // out, so the waiting panel never waits for a storage write (a lost write only costs a later lookup).
  function remember(email: string, card: CustomerCard | null, ttl: number): void {
    deps.cache.set(email, card, ttl).catch((error: unknown) => deps.report?.('lookup', 'cache write', error));
  }

  // One call whatever the answer: a page must not learn from the time a lookup takes whether an address is
  // a customer's (issue 21), and the panel paints the card from this answer alone. The company and the
  // conversations are the panel's to ask for once the card is on screen (`getCustomerActivity`).
  async function fetchCard(email: string, page: boolean): Promise<CustomerCard | null> {
    const kustomer = await deps.client();
    // Test builds: where an agent's lookup waits (hardening-lookup-flood.e2e.ts reads the marks).
    if (typeof __KS_FLAVOUR__ !== 'undefined' && __KS_FLAVOUR__ === 'test' && !page)
      performance.mark('ks:agent:client');
    const [customer, appUrl] = await Promise.all([kustomer.getCustomerByEmail(email, { page }), deps.appUrl()]);
    orgLimit = kustomer.limits?.().limit;
    const card = customer ? toCustomerCard({ connectionId: deps.connectionId, customer, appUrl }) : null;
    remember(email, card, card ? ttlMs : negativeTtlMs);
    return card;
  }

  async function fetchPhoneCard(
    e164: string,
    country: ReturnType<typeof defaultCountry>,
    page: boolean,
  ): Promise<CustomerCard | null> {
    const kustomer = await deps.client();
    const [customer, appUrl] = await Promise.all([customerByPhone(kustomer, e164, country, page), deps.appUrl()]);
    const card = customer ? toCustomerCard({ connectionId: deps.connectionId, customer, appUrl }) : null;
    remember(PHONE_KEY_PREFIX + e164, card, card ? ttlMs : negativeTtlMs);
    return card;
  }

  /** The E.164 form of a written number in the agent's country; refused when invalid or never looked up. */
  /** `settings` when the caller has read them already (a page's 2,000 numbers need one read, not 2,000). */
  async function phoneFor(written: string, read?: Settings) {
    const settings = read ?? (await deps.settings());
    const country = defaultCountry(settings);
    const e164 = toE164(written, country);
    if (!e164) {
      const shown = written.slice(0, 40);
      throw new ServiceError({
        kind: 'invalid_message',
        message: country
          ? t('error.service.notAPhoneIn', { written: shown, country })
          : t('error.service.notAPhoneNoCountry', { written: shown }),
      });
    }
    if (isNeverLookUpPhone(e164, settings, country)) {
      throw new ServiceError({ kind: 'refused', message: t('error.service.neverPhone', { phone: e164 }) });
    }
    return { e164, country };
  }

  async function lookupPhone(written: string, options: { refresh?: boolean } = {}): Promise<CustomerCard | null> {
    const { e164, country } = await phoneFor(written);
    return findPhone(e164, country, options) as Promise<CustomerCard | null>;
  }

  /** A number's card; undefined when a page's budget is spent (a number may cost two calls, so two tokens). */
  function findPhone(
    e164: string,
    country: ReturnType<typeof defaultCountry>,
    options: { refresh?: boolean; scope?: PageScope },
  ): Promise<CustomerCard | null | undefined> {
    return find(PHONE_KEY_PREFIX + e164, (page) => fetchPhoneCard(e164, country, page), { ...options, cost: 2 });
  }

  /** A phone key (`tel:…`) a page reported, within that page's budget like its addresses (issue 21, finding 2). */
  async function lookupPageKey(key: string, scope: PageScope | undefined, settings: Settings): Promise<PageEmail> {
    let found: Awaited<ReturnType<typeof phoneFor>>;
    try {
      found = await phoneFor(key.slice(PHONE_KEY_PREFIX.length), settings);
    } catch {
      return { email: key, status: 'ignored' };
    }
    const { e164 } = found;
    try {
      const card = await findPhone(e164, found.country, { scope });
      if (card === undefined) return { email: key, phone: e164, status: 'pending' };
      return card
        ? { email: key, phone: e164, status: 'known', customer: card.customer }
        : { email: key, phone: e164, status: 'unknown' };
    } catch (error) {
      deps.report?.('lookup', 'page lookup', error);
      return { email: key, phone: e164, status: 'error', error: describeError(error) };
    }
  }

  async function lookup(rawEmail: string, options: { refresh?: boolean } = {}): Promise<CustomerCard | null> {
    const email = rawEmail.trim().toLowerCase();
    if (typeof __KS_FLAVOUR__ !== 'undefined' && __KS_FLAVOUR__ === 'test') performance.mark('ks:agent:start');
    const settings = await deps.settings();
    if (typeof __KS_FLAVOUR__ !== 'undefined' && __KS_FLAVOUR__ === 'test') performance.mark('ks:agent:settings');
    if (isNeverLookUp(email, settings)) {
      throw new ServiceError({ kind: 'refused', message: t('error.service.neverDomain', { email }) });
    }
    return (await find(email, (page) => fetchCard(email, page), options)) as CustomerCard | null;
  }

  /**
   * One lookup per key (an address, or `tel:` and an E.164 number) at a time, from the cache when it can;
   * undefined when a page's budget is spent.
   */
  async function find(
    email: string,
    fetch: (page: boolean) => Promise<CustomerCard | null>,
    options: { refresh?: boolean; scope?: PageScope; cost?: number },
  ): Promise<CustomerCard | null | undefined> {
    // A lookup already on its way (the right-click's, while the panel opened) is joined before the cache
    // is read: reading it from session storage would only delay the answer that is coming anyway.
    const pending = inFlight.get(email);
    if (pending) return pending;
    if (!options.refresh) {
      const cached = await deps.cache.get(email);
      if (cached !== undefined) return cached;
    }
    const joined = inFlight.get(email);
    if (joined) return joined;
    // A page's lookup beyond its budget waits (undefined); the next look at the page tries again.
    if (options.scope && !budget.take(options.scope, options.cost)) return undefined;
    const started = fetch(options.scope !== undefined).finally(() => inFlight.delete(email));
    inFlight.set(email, started);
    return started;
  }

  return {
    lookup,
    lookupPhone,
    async lookupMany(keys, scope) {
      const settings = await deps.settings();
      const unique = [...new Set(keys.map((key) => (isPhoneKey(key) ? key : key.trim().toLowerCase())))];
      // Every `KEYS_PER_TASK` keys all lookups wait for one timer, so the worker takes the messages waiting
      // meanwhile (the agent's lookups): 2,000 keys answered from memory or refused by the page's budget are
      // otherwise one long run of microtasks (issue 21, finding 2).
      let done = 0;
      let pause: Promise<unknown> | undefined;
      return mapBounded(unique, deps.concurrency ?? 4, async (email): Promise<PageEmail> => {
        if (++done % KEYS_PER_TASK === 0) pause = new Promise((resolve) => setTimeout(resolve));
        await pause;
        if (isPhoneKey(email)) return lookupPageKey(email, scope, settings);
        if (isNeverLookUp(email, settings)) return { email, status: 'ignored' };
        try {
          const card = await find(email, (page) => fetchCard(email, page), { scope });
          if (card === undefined) return { email, status: 'pending' };
          return card ? { email, status: 'known', customer: card.customer } : { email, status: 'unknown' };
        } catch (error) {
          deps.report?.('lookup', 'page lookup', error);
          return { email, status: 'error', error: describeError(error) };
        }
      });
    },
    peek: (email) => deps.cache.get(email.trim().toLowerCase()),
    async clear() {
      await deps.cache.clear();
    },
  };
}
