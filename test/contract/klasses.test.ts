import { describe, expect, it } from 'vitest';
import { relatedId } from '../../lib/kustomer/relationships';
import { ADA, ORDER_KLASS, SUBSCRIPTION_KLASS } from '../sandbox/fixtures';
import { rejection, useSandbox } from './support';

const MISSING_ID = '5f1a0ada00000000000ffff6';
const kustomer = useSandbox();
let klassCount = 0;
/** A fresh klass (name unique per test) to create KObjects in without touching the seeded ones. */
async function freshKlass() {
  klassCount += 1;
  return kustomer.client().createKlass({ name: `contract-${klassCount}`, displayName: 'Contract test' });
}

describe('list_klasses', () => {
  it('lists the klasses', async () => {
    const page = await kustomer.client().listKlasses();
    expect(page.data.map((klass) => klass.attributes.name)).toEqual(
      expect.arrayContaining([ORDER_KLASS.name, SUBSCRIPTION_KLASS.name]),
    );
  });

  it('is refused with 401 for an expired key', async () => {
    await rejection(kustomer.client(kustomer.sandbox.keys.expired).listKlasses(), 'unauthorized', 401);
  });
});

describe('get_klass', () => {
  it('returns one klass by id', async () => {
    const klass = await kustomer.client().getKlass(ORDER_KLASS.id);
    expect(klass).toMatchObject({ type: 'klass', id: ORDER_KLASS.id, attributes: { name: ORDER_KLASS.name } });
  });

  it('fails with not_found for an id that is neither a klass nor a klass name', async () => {
    await rejection(kustomer.client().getKlass(MISSING_ID), 'not_found', 404);
  });
});

describe('create_klass', () => {
  it('creates a klass', async () => {
    const klass = await freshKlass();
    expect(kustomer.sandbox.store.klasses.get(klass.id)?.name).toBe(klass.attributes.name);
  });

  it('fails with validation for a name that is not a slug', async () => {
    const error = await rejection(kustomer.client().createKlass({ name: 'Not A Slug' }), 'validation', 400);
    expect(error.field).toBe('name');
  });

  it('fails with conflict for a name that exists', async () => {
    await rejection(kustomer.client().createKlass({ name: ORDER_KLASS.name }), 'conflict', 409);
  });
});

describe('update_klass', () => {
  it('updates the display name', async () => {
    const klass = await freshKlass();
    await kustomer.client().updateKlass(klass.id, { displayName: 'Renamed' });
    expect(kustomer.sandbox.store.klasses.get(klass.id)?.displayName).toBe('Renamed');
  });

  it('is refused with 403 for a read-only key', async () => {
    await rejection(
      kustomer.client(kustomer.sandbox.keys.readOnly).updateKlass(ORDER_KLASS.id, { displayName: 'x' }),
      'forbidden',
      403,
    );
  });
});

describe('delete_klass', () => {
  it('deletes an empty klass', async () => {
    const klass = await freshKlass();
    await kustomer.client().deleteKlass(klass.id);
    expect(kustomer.sandbox.store.klasses.has(klass.id)).toBe(false);
  });

  it('fails with conflict while KObjects of it exist', async () => {
    await rejection(kustomer.client().deleteKlass(ORDER_KLASS.id), 'conflict', 409);
    expect(kustomer.sandbox.store.klasses.has(ORDER_KLASS.id)).toBe(true);
  });
});

describe('list_kobjects', () => {
  it('lists the KObjects of a klass by its name', async () => {
    const page = await kustomer.client().listKObjects(ORDER_KLASS.name, { pageSize: 100 });
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.data.every((kobject) => kobject.type === `kobject.${ORDER_KLASS.name}`)).toBe(true);
  });

  it('fails with not_found for an unknown klass name', async () => {
    await rejection(kustomer.client().listKObjects('no-such-klass'), 'not_found', 404);
  });
});

describe('get_kobject', () => {
  it('returns one KObject with its data', async () => {
    const order = await kustomer.client().getKObject(ORDER_KLASS.name, ADA.orderIds[0]);
    expect(order.attributes.title).toMatch(/^Order #/);
    expect(order.attributes.data).toHaveProperty('totalNum');
    expect(relatedId(order, 'customer')).toBe(ADA.id);
  });

  it('fails with not_found for an unknown id', async () => {
    await rejection(kustomer.client().getKObject(ORDER_KLASS.name, MISSING_ID), 'not_found', 404);
  });
});

describe('create_kobject', () => {
  it('creates a KObject linked to a customer', async () => {
    const klass = await freshKlass();
    const created = await kustomer.client().createKObject(klass.attributes.name ?? '', {
      title: 'Return #7',
      customer: ADA.id,
      data: { reasonStr: 'too big' },
    });
    expect(kustomer.sandbox.store.kobjects.get(created.id)).toMatchObject({
      title: 'Return #7',
      customer: ADA.id,
      klass: klass.id,
      data: { reasonStr: 'too big' },
    });
  });

  it('fails with validation pointing at title when it is missing', async () => {
    const error = await rejection(
      kustomer.client().createKObject(ORDER_KLASS.name, { customer: ADA.id } as unknown as { title: string }),
      'validation',
      400,
    );
    expect(error.field).toBe('title');
  });
});

describe('update_kobject', () => {
  it('updates a KObject', async () => {
    const klass = await freshKlass();
    const name = klass.attributes.name ?? '';
    const created = await kustomer.client().createKObject(name, { title: 'Draft' });
    const updated = await kustomer.client().updateKObject(name, created.id, { title: 'Final', tags: ['x'] });
    expect(updated.attributes.title).toBe('Final');
    expect(kustomer.sandbox.store.kobjects.get(created.id)?.tags).toEqual(['x']);
  });

  it('is refused with 403 for a read-only key', async () => {
    await rejection(
      kustomer.client(kustomer.sandbox.keys.readOnly).updateKObject(ORDER_KLASS.name, ADA.orderIds[0], { title: 'x' }),
      'forbidden',
      403,
    );
  });
});

describe('delete_kobject', () => {
  it('deletes a KObject', async () => {
    const klass = await freshKlass();
    const name = klass.attributes.name ?? '';
    const created = await kustomer.client().createKObject(name, { title: 'Temp' });
    await kustomer.client().deleteKObject(name, created.id);
    expect(kustomer.sandbox.store.kobjects.has(created.id)).toBe(false);
  });

  it('fails with not_found for an unknown id', async () => {
    await rejection(kustomer.client().deleteKObject(ORDER_KLASS.name, MISSING_ID), 'not_found', 404);
  });
});

describe('find_customer_kobjects', () => {
  it("returns a customer's KObjects of one klass", async () => {
    const page = await kustomer.client().findCustomerKObjects(ADA.id, ORDER_KLASS.name);
    expect(page.data.map((kobject) => kobject.id).sort()).toEqual([...ADA.orderIds].sort());
  });

  it('fails with not_found for an unknown customer', async () => {
    await rejection(kustomer.client().findCustomerKObjects(MISSING_ID, ORDER_KLASS.name), 'not_found', 404);
  });
});

describe('find_company_kobjects', () => {
  it("returns a company's KObjects of one klass", async () => {
    const page = await kustomer.client().findCompanyKObjects(ADA.companyId, SUBSCRIPTION_KLASS.name);
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.data.every((kobject) => relatedId(kobject, 'company') === ADA.companyId)).toBe(true);
  });

  it('fails with not_found for an unknown klass name', async () => {
    await rejection(kustomer.client().findCompanyKObjects(ADA.companyId, 'no-such-klass'), 'not_found', 404);
  });
});

// "Get KObject by external ID" in the spec, not one of actions.json's 64 (issue 17, search by order number).
describe('getKObjectByExternalId', () => {
  it('finds a KObject of a klass by its external id, with the customer it belongs to', async () => {
    const [externalId] = ADA.orderExternalIds;
    const from = kustomer.sandbox.requests.length;
    const order = await kustomer.client().getKObjectByExternalId(ORDER_KLASS.name, externalId);
    expect(order?.id).toBe(ADA.orderIds[0]);
    expect(order?.attributes.externalId).toBe(externalId);
    expect(order && relatedId(order, 'customer')).toBe(ADA.id);
    expect(kustomer.sandbox.requests.slice(from).map((request) => request.path)).toEqual([
      `/v1/klasses/${ORDER_KLASS.name}/externalId=${externalId}`,
    ]);
  });

  it('answers null (404) in a klass that has no KObject with that external id', async () => {
    await expect(
      kustomer.client().getKObjectByExternalId(SUBSCRIPTION_KLASS.name, ADA.orderExternalIds[0]),
    ).resolves.toBeNull();
  });

  it('is refused with 401 for a key Kustomer does not know', async () => {
    await rejection(
      kustomer.client('not-a-key').getKObjectByExternalId(ORDER_KLASS.name, ADA.orderExternalIds[0]),
      'unauthorized',
      401,
    );
  });
});
