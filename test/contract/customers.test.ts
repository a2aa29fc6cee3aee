import { describe, expect, it } from 'vitest';
import { ADA, GRACE, KATHERINE, MARGARET, UNKNOWN_EMAIL } from '../sandbox/fixtures';
import { rejection, requestsTo, useSandbox } from './support';

const MISSING_ID = '5f1a0ada00000000000ffff0';
const kustomer = useSandbox();

describe('list_customers', () => {
  it('lists customers a page at a time with meta and relative links', async () => {
    const page = await kustomer.client().listCustomers({ page: 1, pageSize: 2 });
    expect(page.data).toHaveLength(2);
    expect(page.data[0]?.type).toBe('customer');
    expect(page.meta).toMatchObject({ page: 1, pageSize: 2 });
    expect(page.links.next).toMatch(/^\/v1\/customers\?page=2&pageSize=2/);
  });

  it('is refused with 401 for a key Kustomer does not know', async () => {
    await rejection(kustomer.client('not-a-key').listCustomers(), 'unauthorized', 401);
  });
});

describe('get_customer', () => {
  it('returns one customer with typed custom attributes', async () => {
    const customer = await kustomer.client().getCustomer(ADA.id);
    expect(customer.id).toBe(ADA.id);
    expect(customer.attributes.name).toBe(ADA.name);
    expect(customer.attributes.custom?.vipBool).toBe(true);
    expect(customer.relationships?.company?.data).toEqual({ type: 'company', id: ADA.companyId });
  });

  it('fails with not_found for an unknown id', async () => {
    await rejection(kustomer.client().getCustomer(MISSING_ID), 'not_found', 404);
  });
});

describe('get_customer_by_email', () => {
  it('finds a customer by email, ignoring case', async () => {
    const customer = await kustomer.client().getCustomerByEmail(KATHERINE.email.toUpperCase());
    expect(customer?.id).toBe(KATHERINE.id);
  });

  it('answers null for an address no customer has, with the email encoded in the path', async () => {
    const from = kustomer.sandbox.requests.length;
    await expect(kustomer.client().getCustomerByEmail(UNKNOWN_EMAIL)).resolves.toBeNull();
    expect(kustomer.sandbox.requests.slice(from).map((request) => request.path)).toEqual([
      `/v1/customers/email=${encodeURIComponent(UNKNOWN_EMAIL)}`,
    ]);
  });

  it('is refused naming the pod for a key of another region', async () => {
    const error = await rejection(
      kustomer.client(kustomer.sandbox.keys.otherPod).getCustomerByEmail(ADA.email),
      'unauthorized',
      401,
    );
    expect(error).toMatchObject({ reason: 'wrong_region', pod: 'prod2' });
  });
});

describe('create_customer', () => {
  it('creates a customer and the sandbox stores what was sent', async () => {
    const created = await kustomer.client().createCustomer({
      name: 'Mary Somerville',
      emails: [{ email: 'mary@example.com', type: 'work' }],
      externalId: 'crm-mary-1780',
      tags: ['new'],
      custom: { loyaltyTierStr: 'gold', ordersNum: 3 },
    });
    expect(created.type).toBe('customer');
    const stored = kustomer.sandbox.store.customers.get(created.id);
    expect(stored).toMatchObject({ name: 'Mary Somerville', externalId: 'crm-mary-1780', tags: ['new'] });
    expect(stored?.custom).toEqual({ loyaltyTierStr: 'gold', ordersNum: 3 });
  });

  it('fails with validation pointing at the field for a malformed email list', async () => {
    const error = await rejection(
      kustomer.client().createCustomer({ emails: 'mary@example.com' as unknown as [] }),
      'validation',
      400,
    );
    expect(error.field).toBe('emails');
  });

  it('fails with conflict for an externalId another customer has', async () => {
    await rejection(kustomer.client().createCustomer({ externalId: ADA.externalId }), 'conflict', 409);
  });

  it('is refused with 403 for a read-only key, naming the role', async () => {
    const error = await rejection(
      kustomer.client(kustomer.sandbox.keys.readOnly).createCustomer({ name: 'X' }),
      'forbidden',
      403,
    );
    expect(error.roles?.[0]).toBe('org.permission.customer.create');
  });
});

describe('update_customer', () => {
  it('replaces the given attributes', async () => {
    const { id } = await kustomer.client().createCustomer({ name: 'Before' });
    const updated = await kustomer.client().updateCustomer(id, { name: 'After', tags: ['x'] });
    expect(updated.attributes.name).toBe('After');
    expect(kustomer.sandbox.store.customers.get(id)?.tags).toEqual(['x']);
  });

  it('fails with not_found for an unknown id', async () => {
    await rejection(kustomer.client().updateCustomer(MISSING_ID, { name: 'X' }), 'not_found', 404);
  });
});

describe('update_customer_attributes', () => {
  it('sends a PATCH and merges custom attributes', async () => {
    const { id } = await kustomer.client().createCustomer({ name: 'Patchy', custom: { aStr: 'a' } });
    const from = kustomer.sandbox.requests.length;
    await kustomer.client().updateCustomerAttributes(id, { custom: { bNum: 2 } });
    expect(requestsTo(kustomer.sandbox, 'PATCH', `/v1/customers/${id}`, from)).toHaveLength(1);
    expect(kustomer.sandbox.store.customers.get(id)?.custom).toEqual({ aStr: 'a', bNum: 2 });
  });

  it('is refused with 403 for a read-only key', async () => {
    await rejection(
      kustomer.client(kustomer.sandbox.keys.readOnly).updateCustomerAttributes(ADA.id, { name: 'X' }),
      'forbidden',
      403,
    );
  });
});

describe('delete_customer', () => {
  it('deletes the customer from the store', async () => {
    const { id } = await kustomer.client().createCustomer({ name: 'Short-lived' });
    await expect(kustomer.client().deleteCustomer(id)).resolves.toBeUndefined();
    expect(kustomer.sandbox.store.customers.has(id)).toBe(false);
  });

  it('fails with not_found the second time', async () => {
    const { id } = await kustomer.client().createCustomer({ name: 'Twice' });
    await kustomer.client().deleteCustomer(id);
    await rejection(kustomer.client().deleteCustomer(id), 'not_found', 404);
  });
});

describe('search_customers', () => {
  it('finds customers by email with the documented query shape', async () => {
    const result = await kustomer
      .client()
      .searchCustomers(
        { queryContext: 'customer', and: [{ customer_email: { equals: ADA.email } }] },
        { pageSize: 10 },
      );
    expect(result.data.map((customer) => customer.id)).toEqual([ADA.id]);
    expect(result.data[0]?.attributes.name).toBe(ADA.name);
  });

  it('returns bare identifiers with idsOnly', async () => {
    const result = await kustomer
      .client()
      .searchCustomers(
        { queryContext: 'customer', and: [{ customer_email: { equals: ADA.email } }] },
        { idsOnly: true },
      );
    expect(result.data).toEqual([{ type: 'customer', id: ADA.id }]);
  });

  it('finds a customer by a custom attribute the org searches by (an order number)', async () => {
    const result = await kustomer.client().searchCustomers({
      queryContext: 'customer',
      or: [
        { customer_name: { contains: ADA.lastOrderNumber } },
        { [`customer_custom_${ADA.lastOrderAttribute}`]: { equals: ADA.lastOrderNumber } },
      ],
    });
    expect(result.data.map((customer) => customer.id)).toEqual([ADA.id]);
  });

  it('finds a customer by customer_externalId, matched exactly', async () => {
    const result = await kustomer
      .client()
      .searchCustomers({ queryContext: 'customer', and: [{ customer_externalId: { equals: ADA.externalId } }] });
    expect(result.data.map((customer) => customer.id)).toEqual([ADA.id]);
  });

  it('fails with validation when queryContext is missing (the simple error shape)', async () => {
    const error = await rejection(
      kustomer.client().searchCustomers({ and: [] } as unknown as { queryContext: 'customer' }),
      'validation',
      400,
    );
    expect(error).toMatchObject({ code: 'bad_request', pointer: 'queryContext', field: 'queryContext' });
  });
});

describe('list_customer_conversations', () => {
  it("walks a customer's conversations over several pages by following links.next", async () => {
    const client = kustomer.client();
    const from = kustomer.sandbox.requests.length;
    const ids: string[] = [];
    for await (const page of client.iterate(
      (page) => client.listCustomerConversations(MARGARET.id, { page, pageSize: 25 }),
      {
        maxPages: 10,
      },
    )) {
      ids.push(...page.data.map((conversation) => conversation.id));
    }
    expect(ids).toHaveLength(MARGARET.conversationCount);
    expect(new Set(ids).size).toBe(MARGARET.conversationCount);
    const pages = requestsTo(kustomer.sandbox, 'GET', `/v1/customers/${MARGARET.id}/conversations`, from);
    expect(pages.map((request) => request.query.page)).toEqual(['1', '2', '3']);
  });

  it('stops at the caller cap', async () => {
    const client = kustomer.client();
    let pages = 0;
    for await (const _ of client.iterate(
      (page) => client.listCustomerConversations(MARGARET.id, { page, pageSize: 10 }),
      {
        maxPages: 2,
      },
    )) {
      pages += 1;
    }
    expect(pages).toBe(2);
  });

  it('fails with not_found for an unknown customer', async () => {
    await rejection(kustomer.client().listCustomerConversations(MISSING_ID), 'not_found', 404);
  });
});

// GetCustomerByPhone: in the spec, not one of actions.json's 64 (issue 15), so the block is named by method.
describe('getCustomerByPhone', () => {
  it('finds a customer by E.164 whose phone is stored with spaces, sending the digits in the path', async () => {
    const from = kustomer.sandbox.requests.length;
    const customer = await kustomer.client().getCustomerByPhone(ADA.phoneE164);
    expect(customer?.id).toBe(ADA.id);
    expect(kustomer.sandbox.requests.slice(from).map((request) => request.path)).toEqual([
      `/v1/customers/phone=${ADA.phoneE164.slice(1)}`,
    ]);
  });

  it('finds numbers stored in other international forms (dashes)', async () => {
    await expect(kustomer.client().getCustomerByPhone(MARGARET.phoneE164)).resolves.toMatchObject({
      id: MARGARET.id,
    });
  });

  it('answers null (404) for a number no customer has', async () => {
    await expect(kustomer.client().getCustomerByPhone('+442079460999')).resolves.toBeNull();
  });

  it('misses numbers stored in national form, which typed search on customer_phone finds', async () => {
    await expect(kustomer.client().getCustomerByPhone(GRACE.phoneE164)).resolves.toBeNull();
    const found = await kustomer
      .client()
      .searchCustomers({ queryContext: 'customer', and: [{ customer_phone: { contains: '2125550142' } }] });
    expect(found.data.map((customer) => customer.id)).toContain(GRACE.id);
  });

  it('is refused with 401 for a key Kustomer does not know', async () => {
    await rejection(kustomer.client('not-a-key').getCustomerByPhone(ADA.phoneE164), 'unauthorized', 401);
  });
});

// GetCustomerByExternalId: in the spec, not one of actions.json's 64 (issue 17, search by external id).
describe('getCustomerByExternalId', () => {
  it('finds a customer by the id another system gave it', async () => {
    const from = kustomer.sandbox.requests.length;
    const customer = await kustomer.client().getCustomerByExternalId(ADA.externalId);
    expect(customer?.id).toBe(ADA.id);
    expect(customer?.attributes.externalId).toBe(ADA.externalId);
    expect(kustomer.sandbox.requests.slice(from).map((request) => request.path)).toEqual([
      `/v1/customers/externalId=${ADA.externalId}`,
    ]);
  });

  it('answers null (404) for an external id no customer has', async () => {
    await expect(kustomer.client().getCustomerByExternalId('crm-nobody-0')).resolves.toBeNull();
  });

  it('is refused with 401 for a key Kustomer does not know', async () => {
    await rejection(kustomer.client('not-a-key').getCustomerByExternalId(ADA.externalId), 'unauthorized', 401);
  });
});
