import * as auditLogs from './actions/audit-logs';
import * as auth from './actions/auth';
import * as bulk from './actions/bulk';
import * as companies from './actions/companies';
import * as conversations from './actions/conversations';
import * as customers from './actions/customers';
import * as klasses from './actions/klasses';
import * as messages from './actions/messages';
import * as notes from './actions/notes';
import * as subStatuses from './actions/sub-statuses';
import * as users from './actions/users';
import { kustomerBaseUrl, resolveApiLink } from './base-url';
import { bindActions, createKustomerCore, type KustomerClientOptions } from './core';
import type { RateLimitSnapshot } from './limiter';
import { type PaginateOptions, paginate } from './pagination';
import type { CallOptions } from './transport';
import type { CustomerSearchQuery, ListResponse, SearchParams } from './types';

export type { BulkUpdateInput } from './actions/bulk';
export type { CompanyListParams } from './actions/companies';
export type { SubStatusListParams } from './actions/sub-statuses';
export type { UserListParams } from './actions/users';
export type { KustomerClientOptions, ListParams } from './core';

/**
 * Creates the Kustomer client: one method per action of actions.json (camelCase of its id). Each method is
 * an action of lib/kustomer/actions with this client's core applied; a bundle that needs only a few actions
 * (the background) binds those instead and leaves the rest out.
 */
export function createKustomerClient(options: KustomerClientOptions) {
  const core = createKustomerCore(options);
  const getLink = async <R>(href: string, opts?: CallOptions) =>
    core.call<ListResponse<R>>('GET', resolveApiLink(core.baseUrl, href), undefined, opts);
  return {
    baseUrl: core.baseUrl,
    /** What is known of the rate-limit budget (for a countdown in the UI). */
    get rateLimit(): RateLimitSnapshot {
      return core.limiter.snapshot();
    },
    /** Loads a `links.next` (or any list link) returned by Kustomer; refuses links to another host. */
    getLink,
    /** Walks a list: page 1 from `firstPage`, then `links.next`, at most `maxPages` pages. */
    iterate<R>(firstPage: (page: number) => Promise<ListResponse<R>>, paging: PaginateOptions) {
      return paginate(
        { fetchPage: firstPage, fetchLink: (href) => getLink<R>(href, { signal: paging.signal }) },
        paging,
      );
    },
    ...bindActions(core, customers),
    // Bound by hand: binding would fix its type parameter (idsOnly changes the items' shape).
    searchCustomers: <P extends SearchParams>(query: CustomerSearchQuery, params?: P, opts?: CallOptions) =>
      customers.searchCustomers<P>(core, query, params, opts),
    ...bindActions(core, conversations),
    ...bindActions(core, messages),
    ...bindActions(core, users),
    ...bindActions(core, notes),
    ...bindActions(core, klasses),
    ...bindActions(core, companies),
    ...bindActions(core, subStatuses),
    ...bindActions(core, bulk),
    ...bindActions(core, auditLogs),
    ...bindActions(core, auth),
  };
}

export type KustomerClient = ReturnType<typeof createKustomerClient>;

export { kustomerBaseUrl };
