/** Share of the organisation's rate limit, per minute, that one page may spend on lookups it causes. */
export const PAGE_SHARE = 0.2;
/** Share one site may spend, all its tabs together. */
export const SITE_SHARE = 0.3;
/** The organisation's limit when Kustomer has not said yet (its documented default). */
const DEFAULT_LIMIT = 1000;
const MINUTE = 60_000;

/** Who caused a page-driven lookup: the tab and its site's origin. */
export interface PageScope {
  tab: number;
  site: string;
}

/**
 * Budgets for lookups a web page causes (issue 21, finding 2): token buckets per tab and per site, each
 * refilling at its share of the organisation's limit a minute. An address beyond them is not looked up
 * now: it waits quietly (`pending`) until a later look at the page finds the budget refilled.
 */
export function createPageBudget(limit: () => number | undefined, now: () => number = Date.now) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  /** The bucket of `key`, refilled up to now. */
  function bucket(key: string, share: number) {
    const capacity = Math.max(1, Math.floor((limit() ?? DEFAULT_LIMIT) * share));
    const at = now();
    const found = buckets.get(key) ?? { tokens: capacity, at };
    found.tokens = Math.min(capacity, found.tokens + ((at - found.at) * capacity) / MINUTE);
    found.at = at;
    buckets.set(key, found);
    return found;
  }
  return {
    /**
     * Spends `cost` calls (a phone number may need two) of the page's and the site's budgets; false (nothing
     * spent) when either has less left.
     */
    take(scope: PageScope, cost = 1): boolean {
      const tab = bucket(`t${scope.tab}`, PAGE_SHARE);
      const site = bucket(`s${scope.site}`, SITE_SHARE);
      if (tab.tokens < cost || site.tokens < cost) return false;
      tab.tokens -= cost;
      site.tokens -= cost;
      return true;
    },
  };
}

export type PageBudget = ReturnType<typeof createPageBudget>;
