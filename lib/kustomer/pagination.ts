import type { ListResponse } from './types';

export interface PaginateOptions {
  /** Stop after this many pages, whatever is left (a caller-set cap keeps loops bounded). */
  maxPages: number;
  signal?: AbortSignal;
}

export interface PageSource<R> {
  /** Loads page `page` (1-based) by number. */
  fetchPage: (page: number) => Promise<ListResponse<R>>;
  /** Loads a `links.next` href (relative to the API origin). */
  fetchLink: (href: string) => Promise<ListResponse<R>>;
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/**
 * Yields pages: page 1, then each `links.next` until it is null, at most `maxPages`. When a response
 * has no `links` at all, falls back to page numbers until `meta.totalPages` or an empty page.
 */
export async function* paginate<R>(
  source: PageSource<R>,
  { maxPages, signal }: PaginateOptions,
): AsyncGenerator<ListResponse<R>> {
  const seen = new Set<string>();
  let pageNumber = 1;
  let response: ListResponse<R> | undefined;
  for (let count = 0; count < maxPages; count++) {
    checkAborted(signal);
    if (response === undefined) {
      response = await source.fetchPage(pageNumber);
    } else {
      const next = response.links?.next;
      if (typeof next === 'string' && next !== '') {
        if (seen.has(next)) return;
        seen.add(next);
        response = await source.fetchLink(next);
      } else if (next === undefined && response.links?.self === undefined && hasMoreByNumber(response, pageNumber)) {
        pageNumber += 1;
        response = await source.fetchPage(pageNumber);
      } else {
        return;
      }
    }
    yield response;
    if (response.data.length === 0) return;
  }
}

function hasMoreByNumber<R>(response: ListResponse<R>, pageNumber: number): boolean {
  const total = response.meta?.totalPages;
  return total === undefined ? response.data.length > 0 : pageNumber < total;
}

/** Flattens pages into their items. */
export async function* itemsOf<R>(pages: AsyncIterable<ListResponse<R>>): AsyncGenerator<R> {
  for await (const page of pages) yield* page.data;
}

/**
 * Cursor paging for the audit log: after each page, asks for records `before` the last one's id, until a
 * page comes back shorter than `count` (Kustomer documents before/after cursors, not page links, here).
 */
export async function* paginateByCursor<R extends { id: string }>(
  fetchPage: (before: string | undefined) => Promise<ListResponse<R>>,
  count: number,
  { maxPages, signal }: PaginateOptions,
): AsyncGenerator<ListResponse<R>> {
  let before: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    checkAborted(signal);
    const response = await fetchPage(before);
    yield response;
    const last = response.data.at(-1);
    if (last === undefined || response.data.length < count || last.id === before) return;
    before = last.id;
  }
}
