import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox';
import { ADA, AGENT, GRACE, ORDER_KLASS, SUBSCRIPTION_KLASS } from '../../sandbox/fixtures';
import { api, firstError, many, one } from './api';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

describe('companies', () => {
  it.each([
    [{}, 400, 'required'],
    [{ name: '' }, 400, 'required'],
    [{ name: 'AB' }, 400, 'min_length'],
    [{ name: 'x'.repeat(256) }, 400, 'max_length'],
    [{ name: 'Babbage & Co', domains: [{ domain: 'babbage.example' }] }, 201, undefined],
  ])('answers a create with %j with %i', async (body, status, code) => {
    const response = await api(sandbox, 'POST', '/v1/companies', { body });
    expect(response.status).toBe(status);
    if (code) expect(firstError(response)).toMatchObject({ code, source: { pointer: '/data/attributes/name' } });
  });

  it('refuses renaming to a name shorter than 3 characters', async () => {
    const response = await api(sandbox, 'PUT', `/v1/companies/${GRACE.companyId}`, { body: { name: '' } });
    expect(firstError(response)).toMatchObject({ code: 'min_length', source: { pointer: '/data/attributes/name' } });
  });

  it('has no DELETE; PUT deleted: true hides it from the list', async () => {
    expect((await api(sandbox, 'DELETE', `/v1/companies/${GRACE.companyId}`)).status).toBe(405);
    const put = await api(sandbox, 'PUT', `/v1/companies/${GRACE.companyId}`, { body: { deleted: true } });
    expect(one(put).attributes.deleted).toBe(true);
    const list = await api(sandbox, 'GET', '/v1/companies?pageSize=100');
    expect(many(list).map((item) => item.id)).not.toContain(GRACE.companyId);
    expect(list.json.meta?.total).toBe(29);
  });
});

describe('klasses and KObjects', () => {
  it("lists a customer's orders and a company's subscription", async () => {
    const orders = await api(sandbox, 'GET', `/v1/customers/${ADA.id}/klasses/order`);
    expect(
      many(orders)
        .map((item) => item.id)
        .sort(),
    ).toEqual([...ADA.orderIds].sort());
    expect(many(orders)[0]).toMatchObject({
      type: 'kobject.order',
      links: { self: expect.stringMatching(/^\/v1\/klasses\/order\//) },
    });
    const subscriptions = await api(sandbox, 'GET', `/v1/companies/${ADA.companyId}/klasses/subscription`);
    expect(many(subscriptions)).toHaveLength(1);
  });

  it('tells a klass id from a klass name in /v1/klasses/{x}', async () => {
    expect(one(await api(sandbox, 'GET', `/v1/klasses/${ORDER_KLASS.id}`))).toMatchObject({
      type: 'klass',
      attributes: { name: 'order' },
    });
    const kobjects = await api(sandbox, 'GET', '/v1/klasses/subscription');
    expect(many(kobjects).every((item) => item.type === 'kobject.subscription')).toBe(true);
  });

  it('creates, reads, updates and deletes a KObject; title is required', async () => {
    expect((await api(sandbox, 'POST', '/v1/klasses/order', { body: { customer: ADA.id } })).status).toBe(400);
    const created = one(
      await api(sandbox, 'POST', '/v1/klasses/order', {
        body: { title: 'Order #1', customer: ADA.id, data: { totalNum: 9.5 } },
      }),
    );
    const path = `/v1/klasses/order/${created.id}`;
    expect(one(await api(sandbox, 'GET', path)).attributes.title).toBe('Order #1');
    expect(one(await api(sandbox, 'PUT', path, { body: { title: 'Order #1 (paid)' } })).attributes.title).toBe(
      'Order #1 (paid)',
    );
    expect((await api(sandbox, 'DELETE', path)).status).toBe(204);
    expect((await api(sandbox, 'GET', path)).status).toBe(404);
  });

  it('refuses to delete a klass while KObjects of it exist', async () => {
    const refused = await api(sandbox, 'DELETE', `/v1/klasses/${SUBSCRIPTION_KLASS.id}`);
    expect(refused.status).toBe(409);
    expect(firstError(refused)).toMatchObject({ code: 'klass_in_use' });
    const empty = one(
      await api(sandbox, 'POST', '/v1/klasses', { body: { name: 'warranty', displayName: 'Warranty' } }),
    );
    expect((await api(sandbox, 'DELETE', `/v1/klasses/${empty.id}`)).status).toBe(204);
  });

  it('requires a klass name', async () => {
    const response = await api(sandbox, 'POST', '/v1/klasses', { body: { displayName: 'Nameless' } });
    expect(firstError(response).source?.pointer).toBe('/data/attributes/name');
  });
});

describe('sub-statuses', () => {
  it('need ?resource= to be listed', async () => {
    const response = await api(sandbox, 'GET', '/v1/sub-statuses');
    expect(response.status).toBe(400);
    expect(firstError(response)).toMatchObject({ code: 'bad_request', meta: { parameter: 'resource' } });
    const list = await api(sandbox, 'GET', '/v1/sub-statuses?resource=conversation');
    expect(many(list)).toHaveLength(6);
  });

  it('answer several comma-separated ids as a list and one id as a record', async () => {
    const [first, second] = [...sandbox.store.subStatuses.keys()];
    expect(many(await api(sandbox, 'GET', `/v1/sub-statuses/${first},${second}`))).toHaveLength(2);
    expect(one(await api(sandbox, 'GET', `/v1/sub-statuses/${first}`)).id).toBe(first);
  });

  it('require a description and keep resourceType immutable', async () => {
    expect(firstError(await api(sandbox, 'POST', '/v1/sub-statuses', { body: { label: 'x' } })).source?.pointer).toBe(
      '/data/attributes/description',
    );
    const created = one(
      await api(sandbox, 'POST', '/v1/sub-statuses', { body: { description: 'Escalated', parentStatus: 'open' } }),
    );
    const change = await api(sandbox, 'PUT', `/v1/sub-statuses/${created.id}`, { body: { resourceType: 'kobject' } });
    expect(firstError(change)).toMatchObject({ code: 'immutable' });
  });
});

describe('users', () => {
  it.each([
    [{ email: 'new@sandbox.example' }, 'name'],
    [{ name: 'New Agent' }, 'email'],
  ])('refuse a create with %j (missing %s)', async (body, missing) => {
    const response = await api(sandbox, 'POST', '/v1/users', { body });
    expect(firstError(response).source?.pointer).toBe(`/data/attributes/${missing}`);
  });

  it('are deactivated with PUT deleted: true, never DELETE', async () => {
    expect((await api(sandbox, 'DELETE', `/v1/users/${AGENT.id}`)).status).toBe(405);
    expect(
      one(await api(sandbox, 'PUT', `/v1/users/${AGENT.id}`, { body: { deleted: true } })).attributes.deleted,
    ).toBe(true);
  });

  it('are fetched several at once by comma-separated ids', async () => {
    const ids = [...sandbox.store.users.keys()].slice(0, 3);
    expect(many(await api(sandbox, 'GET', `/v1/users/${ids.join(',')}`)).map((user) => user.id)).toEqual(ids);
  });
});
