import { describe, expect, it } from 'vitest';
import { ADA } from '../sandbox/fixtures';
import { rejection, useSandbox } from './support';

const kustomer = useSandbox();

describe('query_audit_log_events', () => {
  it('records an update made through the client, filtered by object', async () => {
    const client = kustomer.client();
    await client.updateCustomerAttributes(ADA.id, { tags: ['audited'] });
    const page = await client.queryAuditLogEvents({ count: 10, objectType: 'customer', objectId: ADA.id });
    expect(page.data[0]?.attributes).toMatchObject({ eventVerb: 'update', objectType: 'customer', objectId: ADA.id });
  });

  it('walks older events with before cursors, page by page, up to the cap', async () => {
    const client = kustomer.client();
    for (let i = 0; i < 5; i++) await client.createCustomer({ name: `Audited ${i}` });
    const from = kustomer.sandbox.requests.length;
    const ids: string[] = [];
    for await (const page of client.iterateAuditLogEvents({ count: 2, objectType: 'customer' }, { maxPages: 3 })) {
      ids.push(...page.data.map((event) => event.id));
    }
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    const cursors = kustomer.sandbox.requests.slice(from).map((request) => request.query.before);
    expect(cursors).toEqual([undefined, ids[1], ids[3]]);
  });

  it('fails with validation naming the parameter for a count over 1000', async () => {
    const error = await rejection(kustomer.client().queryAuditLogEvents({ count: 5000 }), 'validation', 400);
    expect(error.field).toBe('count');
  });
});
