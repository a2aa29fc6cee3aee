import {
  ADA,
  AGENT,
  ALAN,
  GRACE,
  KATHERINE,
  MACHINE_USER,
  MARGARET,
  ORDER_KLASS,
  SUBSCRIPTION_KLASS,
} from './fixtures';
import type { Random } from './random';
import {
  CHANNELS,
  COMPANY_NAMES,
  FIRST_NAMES,
  INBOUND_TEXTS,
  INDUSTRIES,
  LAST_NAMES,
  LOYALTY_TIERS,
  NOTE_TEXTS,
  ORDER_STATUSES,
  OUTBOUND_TEXTS,
  PERSONAL_DOMAINS,
  PLANS,
  SUBJECTS,
  TAGS,
} from './seed-data';
import type {
  Company,
  Conversation,
  ConversationStatus,
  Customer,
  Direction,
  Email,
  KObject,
  Message,
  Note,
  SandboxStore,
  SubStatus,
  User,
} from './types';

/** Seeded records are dated before this instant, so that the same seed gives byte-identical data on any day. */
export const SEED_NOW = Date.parse('2026-11-01T12:00:00.000Z');
const DAY = 86_400_000;
export const GENERATED_CUSTOMER_COUNT = 215;
export const GENERATED_COMPANY_COUNT = 28;

export function emptyStore(): SandboxStore {
  return {
    customers: new Map(),
    companies: new Map(),
    conversations: new Map(),
    messages: new Map(),
    notes: new Map(),
    users: new Map(),
    klasses: new Map(),
    kobjects: new Map(),
    subStatuses: new Map(),
    bulkJobs: new Map(),
    auditLogs: [],
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** Fills a store with deterministic, realistic data for `random`'s seed. */
export function seedStore(store: SandboxStore, random: Random): void {
  const past = (maxDays: number, minDays = 0) => SEED_NOW - random.int(minDays * 24, maxDays * 24) * 3_600_000;

  // Users: the agent, nine colleagues, and the machine user behind API keys.
  const addUser = (id: string, name: string, email: string, userType: User['userType'], createdAt: number) => {
    store.users.set(id, {
      id,
      name,
      displayName: name,
      email,
      userType,
      avatarUrl: null,
      deleted: false,
      createdAt: iso(createdAt),
      updatedAt: iso(createdAt),
    });
  };
  addUser(AGENT.id, AGENT.name, AGENT.email, 'user', SEED_NOW - 700 * DAY);
  addUser(MACHINE_USER.id, MACHINE_USER.name, MACHINE_USER.email, 'machine', SEED_NOW - 400 * DAY);
  for (let index = 0; index < 9; index++) {
    const first = FIRST_NAMES[(index * 7) % FIRST_NAMES.length] ?? 'Alex';
    const last = LAST_NAMES[(index * 11) % LAST_NAMES.length] ?? 'Doe';
    const createdAt = past(900, 30);
    addUser(
      random.objectId(createdAt),
      `${first} ${last}`,
      `${slug(first)}.${slug(last)}@sandbox-support.example`,
      'user',
      createdAt,
    );
  }
  const agentIds = [...store.users.values()].filter((user) => user.userType === 'user').map((user) => user.id);
  const by = { createdBy: MACHINE_USER.id, modifiedBy: MACHINE_USER.id };

  // Sub-statuses for conversations and for KObjects.
  const subStatusSpecs: [string, ConversationStatus, SubStatus['resourceType']][] = [
    ['Awaiting agent', 'open', 'conversation'],
    ['In progress', 'open', 'conversation'],
    ['Waiting on customer', 'snoozed', 'conversation'],
    ['Waiting on third party', 'snoozed', 'conversation'],
    ['Resolved', 'done', 'conversation'],
    ["Won't fix", 'done', 'conversation'],
    ['Pending fulfilment', 'open', 'kobject'],
    ['Shipped', 'done', 'kobject'],
  ];
  for (const [label, parentStatus, resourceType] of subStatusSpecs) {
    const createdAt = past(800, 600);
    const id = random.objectId(createdAt);
    store.subStatuses.set(id, {
      id,
      label,
      description: `${label} (${parentStatus})`,
      parentStatus,
      resourceType,
      createdAt: iso(createdAt),
      updatedAt: iso(createdAt),
      ...by,
    });
  }
  const subStatusesFor = (status: ConversationStatus) =>
    [...store.subStatuses.values()].filter((s) => s.resourceType === 'conversation' && s.parentStatus === status);

  // Companies.
  const addCompany = (id: string, name: string, createdAt: number) => {
    const domain = `${slug(name)}.example`;
    store.companies.set(id, {
      id,
      name,
      externalId: `acct-${id.slice(-6)}`,
      domains: [domain],
      emails: [{ email: `support@${domain}`, type: 'work' }],
      phones: [{ phone: `+1 555 01${random.int(10, 99)} ${random.int(1000, 9999)}`, type: 'work' }],
      tags: random.sample(TAGS, random.int(0, 2)),
      custom: {
        industryStr: random.pick(INDUSTRIES),
        employeesNum: random.int(5, 5000),
        websiteUrl: `https://${domain}`,
      },
      deleted: false,
      createdAt: iso(createdAt),
      updatedAt: iso(createdAt),
      ...by,
    } satisfies Company);
  };
  addCompany(ADA.companyId, ADA.companyName, SEED_NOW - 500 * DAY);
  addCompany(GRACE.companyId, GRACE.companyName, SEED_NOW - 480 * DAY);
  for (let index = 0; index < GENERATED_COMPANY_COUNT; index++) {
    const createdAt = past(700, 100);
    addCompany(random.objectId(createdAt), COMPANY_NAMES[index % COMPANY_NAMES.length] ?? 'Company', createdAt);
  }
  const companyIds = [...store.companies.keys()];

  // Customers.
  const addCustomer = (spec: {
    id: string;
    name: string;
    emails: Email[];
    company: string | null;
    createdAt: number;
    externalId?: string;
  }) => {
    const createdAt = spec.createdAt;
    const updatedAt = Math.min(SEED_NOW, createdAt + random.int(0, 200) * DAY);
    const customer: Customer = {
      id: spec.id,
      name: spec.name,
      displayName: spec.name,
      emails: spec.emails,
      phones: random.chance(0.8)
        ? [{ phone: `+1 ${random.int(201, 989)} 555 ${String(random.int(0, 9999)).padStart(4, '0')}`, type: 'mobile' }]
        : [],
      company: spec.company,
      externalId: spec.externalId ?? (random.chance(0.6) ? `crm-${random.int(10000, 99999)}` : null),
      tags: random.sample(TAGS, random.int(0, 3)),
      avatarUrl: null,
      custom: {
        loyaltyTierStr: random.pick(LOYALTY_TIERS),
        bioTxt: 'Prefers email. Ordered through the web shop and the mobile app.',
        lifetimeValueNum: random.int(0, 500_000) / 100,
        firstOrderAt: iso(createdAt + random.int(0, 30) * DAY),
        vipBool: random.chance(0.15),
        profileUrl: `https://shop.example/customers/${spec.id}`,
      },
      lastActivityAt: iso(updatedAt),
      createdAt: iso(createdAt),
      updatedAt: iso(updatedAt),
      ...by,
    };
    store.customers.set(customer.id, customer);
    return customer;
  };
  addCustomer({
    id: ADA.id,
    name: ADA.name,
    emails: [
      { email: ADA.email, type: 'home' },
      { email: ADA.secondEmail, type: 'work' },
    ],
    company: ADA.companyId,
    createdAt: SEED_NOW - 400 * DAY,
    externalId: ADA.externalId,
  }).phones = [{ phone: ADA.phone, type: 'mobile' }];
  const ada = store.customers.get(ADA.id);
  if (ada) {
    ada.tags = ['vip', 'beta-tester'];
    ada.custom.vipBool = true;
    ada.custom.loyaltyTierStr = 'platinum';
  }
  addCustomer({
    id: GRACE.id,
    name: GRACE.name,
    emails: [{ email: GRACE.email, type: 'work' }],
    company: GRACE.companyId,
    createdAt: SEED_NOW - 300 * DAY,
  });
  addCustomer({
    id: ALAN.id,
    name: ALAN.name,
    emails: [{ email: ALAN.email, type: 'home' }],
    company: null,
    createdAt: SEED_NOW - 200 * DAY,
  });
  addCustomer({
    id: KATHERINE.id,
    name: KATHERINE.name,
    emails: [{ email: KATHERINE.storedEmail, type: 'work' }],
    company: null,
    createdAt: SEED_NOW - 150 * DAY,
  });
  addCustomer({
    id: MARGARET.id,
    name: MARGARET.name,
    emails: [{ email: MARGARET.email, type: 'work' }],
    company: null,
    createdAt: SEED_NOW - 600 * DAY,
  });
  for (let index = 0; index < GENERATED_CUSTOMER_COUNT; index++) {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const company = random.chance(0.5) ? random.pick(companyIds) : null;
    const createdAt = past(720, 5);
    const id = random.objectId(createdAt);
    const handle = `${slug(first)}.${slug(last)}${index}`;
    const emails: Email[] = [{ email: `${handle}@${random.pick(PERSONAL_DOMAINS)}`, type: 'home' }];
    const companyDomain = company ? store.companies.get(company)?.domains[0] : undefined;
    if (companyDomain) emails.push({ email: `${slug(first)}${index}@${companyDomain}`, type: 'work' });
    if (random.chance(0.2))
      emails.push({ email: `${slug(last)}${index}@${random.pick(PERSONAL_DOMAINS)}`, type: 'other' });
    addCustomer({ id, name: `${first} ${last}`, emails, company, createdAt });
  }

  // Conversations with their messages and notes.
  const addConversation = (spec: {
    id?: string;
    customer: Customer;
    status: ConversationStatus;
    priority?: Conversation['priority'];
    assignedUsers?: string[];
    createdAt: number;
    messageCount?: number;
    subject?: string;
  }) => {
    const createdAt = spec.createdAt;
    const id = spec.id ?? random.objectId(createdAt);
    const subStatus = random.chance(0.8) ? random.pick(subStatusesFor(spec.status)) : undefined;
    const { channel, app } = random.pick(CHANNELS);
    const conversation: Conversation = {
      id,
      customer: spec.customer.id,
      name: spec.subject ?? random.pick(SUBJECTS),
      externalId: null,
      status: spec.status,
      subStatus: subStatus?.id ?? null,
      priority: spec.priority ?? (random.int(1, 5) as Conversation['priority']),
      direction: 'in',
      assignedUsers: spec.assignedUsers ?? (random.chance(0.7) ? [random.pick(agentIds)] : []),
      assignedTeams: [],
      tags: random.sample(TAGS, random.int(0, 2)),
      channels: [],
      messageCount: 0,
      noteCount: 0,
      preview: '',
      lastMessageIn: null,
      lastMessageOut: null,
      lastActivityAt: iso(createdAt),
      snoozedUntil: spec.status === 'snoozed' ? iso(SEED_NOW + random.int(1, 14) * DAY) : null,
      closedAt: null,
      createdAt: iso(createdAt),
      updatedAt: iso(createdAt),
      ...by,
    };
    store.conversations.set(id, conversation);
    let at = createdAt;
    const count = spec.messageCount ?? random.int(1, 5);
    for (let index = 0; index < count; index++) {
      const direction: Direction = index % 2 === 0 ? 'in' : 'out';
      const onChannel = random.chance(0.8) ? { channel, app } : random.pick(CHANNELS);
      at = Math.min(SEED_NOW - 60_000, at + random.int(5, 60 * 24) * 60_000);
      const message: Message = {
        id: random.objectId(at),
        conversation: id,
        customer: spec.customer.id,
        channel: onChannel.channel,
        app: onChannel.app,
        direction,
        preview: direction === 'in' ? random.pick(INBOUND_TEXTS) : random.pick(OUTBOUND_TEXTS),
        subject: onChannel.channel === 'email' ? conversation.name : null,
        externalId: null,
        sentAt: iso(at),
        createdAt: iso(at),
        updatedAt: iso(at),
        createdBy: direction === 'out' ? (conversation.assignedUsers[0] ?? AGENT.id) : MACHINE_USER.id,
        modifiedBy: MACHINE_USER.id,
      };
      store.messages.set(message.id, message);
      recordMessageOnConversation(conversation, message);
    }
    for (let index = random.int(0, 2); index > 0; index--) {
      at = Math.min(SEED_NOW - 30_000, at + random.int(1, 120) * 60_000);
      const mentioned = random.chance(0.4) ? [random.pick(agentIds)] : [];
      const author = random.pick(agentIds);
      const note: Note = {
        id: random.objectId(at),
        conversation: id,
        customer: spec.customer.id,
        body: random.pick(NOTE_TEXTS),
        userMentions: mentioned.map((userId) => ({ userId })),
        attachments: [],
        externalId: null,
        createdAt: iso(at),
        updatedAt: iso(at),
        createdBy: author,
        modifiedBy: author,
      };
      store.notes.set(note.id, note);
      conversation.noteCount += 1;
    }
    if (spec.status === 'done') conversation.closedAt = iso(Math.min(SEED_NOW, at + 3_600_000));
    conversation.updatedAt = iso(Math.min(SEED_NOW, at + 3_600_000));
    return conversation;
  };

  const adaCustomer = store.customers.get(ADA.id);
  const graceCustomer = store.customers.get(GRACE.id);
  const margaretCustomer = store.customers.get(MARGARET.id);
  if (!adaCustomer || !graceCustomer || !margaretCustomer) throw new Error('fixed customers missing');
  addConversation({
    id: ADA.openConversationId,
    customer: adaCustomer,
    status: 'open',
    priority: 4,
    assignedUsers: [AGENT.id],
    createdAt: SEED_NOW - 2 * DAY,
    messageCount: 3,
    subject: 'Refund for damaged item',
  });
  addConversation({
    id: ADA.secondOpenConversationId,
    customer: adaCustomer,
    status: 'open',
    priority: 2,
    assignedUsers: [],
    createdAt: SEED_NOW - 6 * DAY,
    messageCount: 2,
    subject: 'Change of delivery address',
  });
  addConversation({
    id: ADA.doneConversationId,
    customer: adaCustomer,
    status: 'done',
    priority: 3,
    createdAt: SEED_NOW - 40 * DAY,
    messageCount: 4,
    subject: 'Invoice missing VAT number',
  });
  addConversation({
    id: GRACE.snoozedConversationId,
    customer: graceCustomer,
    status: 'snoozed',
    priority: 5,
    createdAt: SEED_NOW - 3 * DAY,
    messageCount: 2,
  });
  addConversation({
    id: GRACE.doneConversationId,
    customer: graceCustomer,
    status: 'done',
    priority: 1,
    createdAt: SEED_NOW - 90 * DAY,
    messageCount: 3,
  });
  for (let index = 0; index < MARGARET.conversationCount; index++) {
    addConversation({
      customer: margaretCustomer,
      status: index < 5 ? 'open' : 'done',
      createdAt: SEED_NOW - (index + 1) * DAY - index * 3_600_000,
      messageCount: 1,
    });
  }
  const statuses: ConversationStatus[] = ['open', 'open', 'snoozed', 'done', 'done'];
  for (const customer of [...store.customers.values()].slice(5)) {
    for (let count = random.int(0, 4); count > 0; count--) {
      addConversation({
        customer,
        status: random.pick(statuses),
        createdAt: Math.max(Date.parse(customer.createdAt), past(365, 1)),
      });
    }
  }

  // Klasses and KObjects: orders belong to customers, subscriptions to companies.
  store.klasses.set(ORDER_KLASS.id, {
    id: ORDER_KLASS.id,
    name: ORDER_KLASS.name,
    displayName: 'Order',
    description: 'Orders from the web shop',
    icon: 'cart',
    color: '#2f6fed',
    linkedTo: 'customer',
    createdAt: iso(SEED_NOW - 800 * DAY),
    updatedAt: iso(SEED_NOW - 800 * DAY),
    ...by,
  });
  store.klasses.set(SUBSCRIPTION_KLASS.id, {
    id: SUBSCRIPTION_KLASS.id,
    name: SUBSCRIPTION_KLASS.name,
    displayName: 'Subscription',
    description: 'Company subscriptions from billing',
    icon: 'repeat',
    color: '#18a058',
    linkedTo: 'company',
    createdAt: iso(SEED_NOW - 800 * DAY),
    updatedAt: iso(SEED_NOW - 800 * DAY),
    ...by,
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
  for (const [index, orderId] of ADA.orderIds.entries())
    addOrder(adaCustomer, orderId, SEED_NOW - (10 + index * 30) * DAY);
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

/** Keeps a conversation's summary fields (counts, preview, last message times, channels) in step with a new message. */
export function recordMessageOnConversation(conversation: Conversation, message: Message): void {
  if (conversation.messageCount === 0) conversation.direction = message.direction;
  conversation.messageCount += 1;
  conversation.preview = message.preview.slice(0, 200);
  if (!conversation.channels.includes(message.channel)) conversation.channels.push(message.channel);
  if (message.direction === 'in') conversation.lastMessageIn = { sentAt: message.sentAt };
  else conversation.lastMessageOut = { sentAt: message.sentAt };
  conversation.lastActivityAt = message.sentAt;
  conversation.updatedAt = message.createdAt;
}
