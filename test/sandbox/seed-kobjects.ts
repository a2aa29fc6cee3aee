import { ADA, ORDER_KLASS, RETURN_KLASS, SUBSCRIPTION_KLASS } from './fixtures';
import { DAY, iso, SEED_NOW, type SeedContext } from './seed-context';
import { ORDER_STATUSES, PLANS } from './seed-data';
import type { Customer, Klass, KObject } from './types';

/** Klasses and KObjects: orders belong to customers, subscriptions to companies. */
export function seedKObjects(context: SeedContext): void {
  const { store, random, past, by } = context;
  const adaCustomer = store.customers.get(ADA.id);
  if (!adaCustomer) throw new Error('fixed customer missing');
  const addKlass = (
    fixture: { id: string; name: string },
    details: Pick<Klass, 'displayName' | 'description' | 'icon' | 'color' | 'jsonSchema'>,
  ) => {
    const createdAt = iso(SEED_NOW - 800 * DAY);
    store.klasses.set(fixture.id, {
      id: fixture.id,
      name: fixture.name,
      ...details,
      createdAt,
      updatedAt: createdAt,
      ...by,
    });
  };
  addKlass(ORDER_KLASS, {
    displayName: 'Order',
    description: 'Orders from the web shop',
    icon: 'cart',
    color: '#2f6fed',
  });
  addKlass(SUBSCRIPTION_KLASS, {
    displayName: 'Subscription',
    description: 'Company subscriptions from billing',
    icon: 'repeat',
    color: '#18a058',
  });
  addKlass(RETURN_KLASS, {
    displayName: 'Return',
    description: 'Items customers send back',
    icon: 'undo',
    color: '#b3261e',
    jsonSchema: {
      type: 'object',
      properties: {
        orderNumberStr: { type: 'string', title: 'Order number' },
        reasonStr: { type: 'string', title: 'Reason' },
        itemsNum: { type: 'integer', title: 'Items' },
        refundBool: { type: 'boolean', title: 'Refund' },
        receivedAt: { type: 'string', format: 'date-time', title: 'Received' },
      },
      required: ['reasonStr'],
    },
  });
  const addOrder = (customer: Customer, id: string | null, createdAt: number) => {
    const number = random.int(100000, 999999);
    const total = random.int(999, 49999) / 100;
    const order: KObject = {
      id: id ?? random.objectId(createdAt),
      klass: ORDER_KLASS.id,
      title: `Order #${number}`,
      description: `${random.int(1, 5)} items`,
      externalId: `order-${number}`,
      customer: customer.id,
      company: null,
      data: {
        orderNumberStr: String(number),
        totalNum: total,
        statusStr: random.pick(ORDER_STATUSES),
        placedAt: iso(createdAt),
      },
      custom: {},
      tags: [],
      icon: 'cart',
      createdAt: iso(createdAt),
      updatedAt: iso(createdAt),
      ...by,
    };
    store.kobjects.set(order.id, order);
  };
  for (const [index, orderId] of ADA.orderIds.entries()) {
    addOrder(adaCustomer, orderId, SEED_NOW - (10 + index * 30) * DAY);
    const order = store.kobjects.get(orderId);
    if (order) order.externalId = ADA.orderExternalIds[index] ?? order.externalId;
  }
  for (const customer of [...store.customers.values()].slice(5)) {
    if (random.chance(0.5)) {
      for (let count = random.int(1, 3); count > 0; count--) addOrder(customer, null, past(365, 1));
    }
  }
  for (const company of store.companies.values()) {
    const createdAt = Math.max(Date.parse(company.createdAt), past(500, 10));
    const id = random.objectId(createdAt);
    store.kobjects.set(id, {
      id,
      klass: SUBSCRIPTION_KLASS.id,
      title: `${random.pick(PLANS)} plan`,
      description: null,
      externalId: `sub-${id.slice(-8)}`,
      customer: null,
      company: company.id,
      data: {
        seatsNum: random.int(1, 250),
        renewsAt: iso(SEED_NOW + random.int(5, 365) * DAY),
        activeBool: random.chance(0.9),
      },
      custom: {},
      tags: [],
      icon: 'repeat',
      createdAt: iso(createdAt),
      updatedAt: iso(createdAt),
      ...by,
    });
  }
}
