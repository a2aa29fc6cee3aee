import { ADA, AGENT, ALAN, GRACE, KATHERINE, MACHINE_USER, MARGARET } from './fixtures';
import { DAY, iso, SEED_NOW, type SeedContext, slug } from './seed-context';
import { COMPANY_NAMES, FIRST_NAMES, INDUSTRIES, LAST_NAMES, LOYALTY_TIERS, PERSONAL_DOMAINS, TAGS } from './seed-data';
import type { Company, ConversationStatus, Customer, Email, SubStatus, User } from './types';

const GENERATED_CUSTOMER_COUNT = 215;
const GENERATED_COMPANY_COUNT = 28;

/** Users, sub-statuses, companies and customers (the fixed ones first). */
export function seedDirectory(context: SeedContext): void {
  const { store, random, past, by } = context;
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
  // Companies.
  const addCompany = (id: string, name: string, createdAt: number) => {
    const domain = `${slug(name)}.example`;
    store.companies.set(id, {
      id,
      name,
      externalId: `acct-${id.slice(-6)}`,
      domains: [{ domain }],
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
    ada.custom[ADA.lastOrderAttribute] = ADA.lastOrderNumber;
  }
  const otherFixedCustomers: Array<{
    fixture: { id: string; name: string };
    email: Email;
    company: string | null;
    daysAgo: number;
  }> = [
    { fixture: GRACE, email: { email: GRACE.email, type: 'work' }, company: GRACE.companyId, daysAgo: 300 },
    { fixture: ALAN, email: { email: ALAN.email, type: 'home' }, company: null, daysAgo: 200 },
    { fixture: KATHERINE, email: { email: KATHERINE.storedEmail, type: 'work' }, company: null, daysAgo: 150 },
    { fixture: MARGARET, email: { email: MARGARET.email, type: 'work' }, company: null, daysAgo: 600 },
  ];
  for (const { fixture, email, company, daysAgo } of otherFixedCustomers) {
    addCustomer({ id: fixture.id, name: fixture.name, emails: [email], company, createdAt: SEED_NOW - daysAgo * DAY });
  }
  // Phones as real orgs store them: national forms, brackets, dots (set after the fact: the random stream,
  // and so every generated customer, stays as it was).
  for (const fixture of [GRACE, ALAN, KATHERINE, MARGARET]) {
    const customer = store.customers.get(fixture.id);
    if (customer) customer.phones = [{ phone: fixture.phone, type: 'mobile' }];
  }
  for (let index = 0; index < GENERATED_CUSTOMER_COUNT; index++) {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const company = random.chance(0.5) ? random.pick(companyIds) : null;
    const createdAt = past(720, 5);
    const id = random.objectId(createdAt);
    const handle = `${slug(first)}.${slug(last)}${index}`;
    const emails: Email[] = [{ email: `${handle}@${random.pick(PERSONAL_DOMAINS)}`, type: 'home' }];
    const companyDomain = company ? store.companies.get(company)?.domains[0]?.domain : undefined;
    if (companyDomain) emails.push({ email: `${slug(first)}${index}@${companyDomain}`, type: 'work' });
    if (random.chance(0.2))
      emails.push({ email: `${slug(last)}${index}@${random.pick(PERSONAL_DOMAINS)}`, type: 'other' });
    addCustomer({ id, name: `${first} ${last}`, emails, company, createdAt });
  }
}
