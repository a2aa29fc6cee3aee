import { simpleError } from './errors';

export interface ResourceIdentifier {
  type: string;
  id: string;
}

export interface Relationship {
  data: ResourceIdentifier | ResourceIdentifier[] | null;
  links?: { self: string };
}

export interface Resource {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  relationships: Record<string, Relationship>;
  /** `related` on messages: the conversation. */
  links: { self: string; related?: string };
}

export interface ListMeta {
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
}

export interface ListLinks {
  self: string;
  first: string;
  prev: string | null;
  next: string | null;
  last: string;
}

export interface ListBody {
  data: Resource[];
  meta: ListMeta;
  links: ListLinks;
}

/** A to-one relationship with the link Kustomer gives it. */
export function relation(type: string, id: string | null, collectionPath: string): Relationship {
  if (!id) return { data: null };
  return { data: { type, id }, links: { self: `${collectionPath}/${id}` } };
}

export function relationMany(type: string, ids: string[]): Relationship {
  return { data: ids.map((id) => ({ type, id })) };
}

export interface PageRequest {
  page: number;
  pageSize: number;
}

/** Reads `page` (from 1) and `pageSize` (default 25, capped at `maxPageSize`). A malformed value is a 400. */
export function readPage(query: URLSearchParams, maxPageSize = 100): PageRequest {
  const number = (name: string, fallback: number) => {
    const raw = query.get(name);
    if (raw === null || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) {
      throw simpleError(400, 'bad_request', `${name} must be a positive integer`, { parameter: name });
    }
    return value;
  };
  return { page: number('page', 1), pageSize: Math.min(number('pageSize', 25), maxPageSize) };
}

/** Relative link to `path` with page/pageSize first and the other query parameters kept. */
export function pageLink(path: string, query: URLSearchParams, page: number, pageSize: number): string {
  const params = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  for (const [key, value] of query) if (key !== 'page' && key !== 'pageSize') params.append(key, value);
  return `${path}?${params.toString()}`;
}

/** One page of `items` in Kustomer's list envelope. */
export function paginate<T>(
  items: readonly T[],
  toResource: (item: T) => Resource,
  path: string,
  query: URLSearchParams,
  maxPageSize = 100,
): ListBody {
  const { page, pageSize } = readPage(query, maxPageSize);
  const total = items.length;
  const totalPages = Math.max(1, Math.ceil(total / pageSize));
  const data = items.slice((page - 1) * pageSize, page * pageSize).map(toResource);
  return {
    data,
    meta: { page, pageSize, total, totalPages },
    links: {
      self: pageLink(path, query, page, pageSize),
      first: pageLink(path, query, 1, pageSize),
      prev: page > 1 ? pageLink(path, query, Math.min(page - 1, totalPages), pageSize) : null,
      next: page < totalPages ? pageLink(path, query, page + 1, pageSize) : null,
      last: pageLink(path, query, totalPages, pageSize),
    },
  };
}
