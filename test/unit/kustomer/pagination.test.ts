import { describe, expect, it, vi } from 'vitest';
import { itemsOf, paginate, paginateByCursor } from '../../../lib/kustomer/pagination';
import type { ListResponse } from '../../../lib/kustomer/types';

function page(items: number[], next: string | null, self = '/v1/things'): ListResponse<{ id: string }> {
  return { data: items.map((n) => ({ id: String(n) })), meta: {}, links: { self, next } };
}

describe('paginate', () => {
  it('follows relative links.next until it is null', async () => {
    const fetchLink = vi.fn(async (href: string) =>
      href.endsWith('page=2') ? page([3, 4], '/v1/things?page=3') : page([5], null),
    );
    const ids: string[] = [];
    for await (const item of itemsOf(
      paginate({ fetchPage: async () => page([1, 2], '/v1/things?page=2'), fetchLink }, { maxPages: 10 }),
    )) {
      ids.push(item.id);
    }
    expect(ids).toEqual(['1', '2', '3', '4', '5']);
    expect(fetchLink.mock.calls.map(([href]) => href)).toEqual(['/v1/things?page=2', '/v1/things?page=3']);
  });

  it('stops at the caller cap', async () => {
    let n = 1;
    const source = {
      fetchPage: async () => page([1], '/v1/things?page=2'),
      fetchLink: async () => page([++n], `/v1/things?page=${n + 1}`),
    };
    const pages = [];
    for await (const p of paginate(source, { maxPages: 3 })) pages.push(p);
    expect(pages).toHaveLength(3);
  });

  it('stops when a next link repeats instead of looping forever', async () => {
    const source = {
      fetchPage: async () => page([1], '/v1/things?page=2'),
      fetchLink: async () => page([2], '/v1/things?page=2'),
    };
    const pages = [];
    for await (const p of paginate(source, { maxPages: 50 })) pages.push(p);
    expect(pages).toHaveLength(2);
  });

  it('falls back to page numbers when a response has no links', async () => {
    const fetchPage = vi.fn(
      async (n: number): Promise<ListResponse<{ id: string }>> => ({
        data: [{ id: String(n) }],
        meta: { totalPages: 3 },
        links: {},
      }),
    );
    const pages = [];
    for await (const p of paginate({ fetchPage, fetchLink: vi.fn() }, { maxPages: 10 })) pages.push(p);
    expect(fetchPage.mock.calls.map(([n]) => n)).toEqual([1, 2, 3]);
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    const pages = paginate(
      { fetchPage: async () => page([1], '/next'), fetchLink: async () => page([2], '/next2') },
      {
        maxPages: 10,
        signal: controller.signal,
      },
    );
    await pages.next();
    controller.abort(new Error('stop'));
    await expect(pages.next()).rejects.toThrow('stop');
  });
});

describe('paginateByCursor', () => {
  it('asks for records before the last id until a short page', async () => {
    const fetchPage = vi.fn(async (before: string | undefined) =>
      before === undefined ? page([9, 8], null) : before === '8' ? page([7, 6], null) : page([5], null),
    );
    const ids: string[] = [];
    for await (const item of itemsOf(paginateByCursor(fetchPage, 2, { maxPages: 10 }))) ids.push(item.id);
    expect(ids).toEqual(['9', '8', '7', '6', '5']);
    expect(fetchPage.mock.calls.map(([before]) => before)).toEqual([undefined, '8', '6']);
  });
});
