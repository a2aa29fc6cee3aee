import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox';
import { ADA, ALAN, KATHERINE, MARGARET, UNKNOWN_EMAIL } from '../../sandbox/fixtures';
import { api, many, one } from './api';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

describe('lists', () => {
  it('wrap records in JSON:API resources with meta and relative links', async () => {
    const response = await api(sandbox, 'GET', '/v1/customers?page=2&pageSize=50');
    expect(response.status).toBe(200);
    expect(response.json.meta).toEqual({ page: 2, pageSize: 50, total: sandbox.store.customers.size, totalPages: 5 });
    expect(response.json.links).toMatchObject({
      self: '/v1/customers?page=2&pageSize=50',
      first: '/v1/customers?page=1&pageSize=50',
      prev: '/v1/customers?page=1&pageSize=50',
      next: '/v1/customers?page=3&pageSize=50',
    });
    const [first] = many(response);
    expect(first).toMatchObject({ type: 'customer', links: { self: `/v1/customers/${first?.id}` } });
    expect(first?.id).toMatch(/^[0-9a-f]{24}$/);
    expect(first?.relationships.company).toBeDefined();
  });

  it('have no prev link on the first page and no next link on the last', async () => {
    const first = await api(sandbox, 'GET', '/v1/customers');
    expect(first.json.meta?.pageSize).toBe(25);
    expect(first.json.links?.prev).toBeNull();
    const lastPage = first.json.meta?.totalPages ?? 0;
    const last = await api(sandbox, 'GET', `/v1/customers?page=${lastPage}`);
    expect(last.json.links?.next).toBeNull();
    expect(many(last).length).toBeGreaterThan(0);
  });

  it('keep filters in their links', async () => {
    const response = await api(sandbox, 'GET', '/v1/conversations?status=open&pageSize=10');
    expect(response.json.links?.next).toBe('/v1/conversations?page=2&pageSize=10&status=open');
    expect(many(response).every((item) => item.attributes.status === 'open')).toBe(true);
  });

  it.each([
    ['/v1/customers?pageSize=1000', 100],
    ['/v1/users?pageSize=1000', 500],
  ])('cap the page size of %s at %i', async (path, cap) => {
    expect((await api(sandbox, 'GET', path)).json.meta?.pageSize).toBe(cap);
  });
});

describe('customer lookups', () => {
  it.each([ADA.email, 'ADA.Lovelace@Example.COM', ADA.secondEmail])('find Ada by %s', async (email) => {
    const response = await api(sandbox, 'GET', `/v1/customers/email=${encodeURIComponent(email)}`);
    expect(response.status).toBe(200);
    expect(one(response)).toMatchObject({ id: ADA.id, attributes: { name: ADA.name } });
    expect(one(response).relationships.company?.data).toEqual({ type: 'company', id: ADA.companyId });
  });

  it('matches an address stored in mixed case', async () => {
    const response = await api(sandbox, 'GET', `/v1/customers/email=${encodeURIComponent(KATHERINE.email)}`);
    expect(one(response).id).toBe(KATHERINE.id);
  });

  it('answers 404 for the address nobody has', async () => {
    const response = await api(sandbox, 'GET', `/v1/customers/email=${encodeURIComponent(UNKNOWN_EMAIL)}`);
    expect(response.status).toBe(404);
    expect(response.json.errors?.[0]).toMatchObject({ status: '404', code: 'not_found' });
  });

  it('finds a customer by externalId', async () => {
    const byPath = await api(sandbox, 'GET', `/v1/customers/externalId=${ADA.externalId}`);
    expect(one(byPath).id).toBe(ADA.id);
    const byQuery = await api(sandbox, 'GET', `/v1/customers?externalId=${ADA.externalId}`);
    expect(many(byQuery).map((item) => item.id)).toEqual([ADA.id]);
  });

  it("lists a customer's conversations newest first", async () => {
    const response = await api(sandbox, 'GET', `/v1/customers/${ADA.id}/conversations`);
    const created = many(response).map((item) => item.attributes.createdAt as string);
    expect(created).toEqual([...created].sort().reverse());
    expect(many(response).map((item) => item.id)).toEqual([
      ADA.openConversationId,
      ADA.secondOpenConversationId,
      ADA.doneConversationId,
    ]);
  });

  it('pages through a customer with many conversations', async () => {
    const pages = await Promise.all(
      [1, 2, 3].map((page) => api(sandbox, 'GET', `/v1/customers/${MARGARET.id}/conversations?page=${page}`)),
    );
    expect(pages.map((page) => many(page).length)).toEqual([25, 25, 10]);
    expect(pages[2]?.json.links?.next).toBeNull();
    expect(pages[0]?.json.meta?.total).toBe(MARGARET.conversationCount);
  });

  it('gives a known customer without conversations an empty list', async () => {
    const response = await api(sandbox, 'GET', `/v1/customers/${ALAN.id}/conversations`);
    expect(response.status).toBe(200);
    expect(many(response)).toEqual([]);
    expect(response.json.links?.next).toBeNull();
  });
});

describe('customer search', () => {
  const search = (body: unknown, query = '') => api(sandbox, 'POST', `/v1/customers/search${query}`, { body });

  it('matches an email exactly, ignoring case', async () => {
    const response = await search({
      queryContext: 'customer',
      and: [{ customer_email: { equals: 'GRACE.HOPPER@example.org' } }],
    });
    expect(response.status).toBe(200);
    expect(many(response).map((item) => item.attributes.name)).toEqual(['Grace Hopper']);
  });

  it('combines and / or conditions on name and phone', async () => {
    const response = await search({
      queryContext: 'customer',
      and: [{ customer_name: { contains: 'lovelace' } }],
      or: [{ customer_phone: { contains: '7946' } }, { customer_email: { equals: 'none@none.example' } }],
    });
    expect(many(response).map((item) => item.id)).toEqual([ADA.id]);
  });

  it('pages with pageSize up to 500 and can answer ids only', async () => {
    const response = await search(
      { queryContext: 'customer', and: [{ customer_email: { contains: '@' } }] },
      '?pageSize=1000&idsOnly=true',
    );
    expect(response.json.meta).toMatchObject({ pageSize: 500, total: sandbox.store.customers.size });
    expect(many(response)[0]).toEqual({ type: 'customer', id: expect.stringMatching(/^[0-9a-f]{24}$/) });
  });
});

describe('who am I', () => {
  it('describes the current token as documented: its own attributes, its org and user as relationships', async () => {
    const response = await api(sandbox, 'GET', '/v1/auth/tokens/current', { key: sandbox.keys.readOnly });
    expect(response.status).toBe(200);
    expect(one(response).attributes).toMatchObject({
      expiresAt: null,
      name: 'sidebar-read-only',
      lastTokenChars: sandbox.keys.readOnly.slice(-4),
    });
    // The organisation's name is not part of the real answer: only its id, as a relationship.
    expect(one(response).attributes).not.toHaveProperty('orgName');
    expect(one(response).attributes.roles).toContain('org.permission.customer.read');
    expect(one(response).relationships.user?.data?.type).toBe('user');
    expect(one(response).relationships.org?.data?.type).toBe('org');
  });

  it('answers the current user for any valid key', async () => {
    const response = await api(sandbox, 'GET', '/v1/users/current', { key: sandbox.keys.noNotes });
    expect(one(response)).toMatchObject({ type: 'user', attributes: { userType: 'machine' } });
  });
});
