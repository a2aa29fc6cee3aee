import { ADA, AGENT, ALAN, GRACE, KATHERINE, MARGARET } from './fixtures';
import { ADA_ELSEWHERE, FIXED_ID_PREFIX, HEDY, type OrgIdentity } from './orgs';
import { DAY, iso, SEED_NOW } from './seed-context';
import { newConversationTimeline } from './seed-timeline';
import type { Customer, SandboxStore } from './types';

/**
 * Turns a seeded store into another brand's organisation: the generated data stays (from its own seed), the
 * primary fixtures go (GRACE, ALAN, KATHERINE, MARGARET are known in the primary organisation only), Ada is known
 * with other data (ADA_ELSEWHERE) and HEDY is known here alone. Last, every fixed id moves to the organisation's
 * prefix, so that no id of one organisation names a record of another.
 */
export function seedSecondaryOrg(store: SandboxStore, org: OrgIdentity): void {
  const template = store.customers.get(ADA.id);
  if (!template) throw new Error('the primary fixtures are missing');
  removeCustomers(store, new Set([ADA.id, GRACE.id, ALAN.id, KATHERINE.id, MARGARET.id]));
  removeCompanies(store, new Set([ADA.companyId, GRACE.companyId]));

  const customer = (spec: {
    id: string;
    name: string;
    email: string;
    phone: string;
    daysAgo: number;
    extra?: Partial<Customer>;
  }): Customer => {
    const createdAt = iso(SEED_NOW - spec.daysAgo * DAY);
    const updatedAt = iso(SEED_NOW - Math.floor(spec.daysAgo / 3) * DAY);
    return {
      ...template,
      id: spec.id,
      name: spec.name,
      displayName: spec.name,
      emails: [{ email: spec.email, type: 'work' }],
      phones: [{ phone: spec.phone, type: 'mobile' }],
      company: null,
      externalId: null,
      tags: [],
      custom: {
        ...template.custom,
        loyaltyTierStr: 'silver',
        vipBool: false,
        profileUrl: `https://shop.example/customers/${spec.id}`,
      },
      lastActivityAt: updatedAt,
      createdAt,
      updatedAt,
      ...spec.extra,
    };
  };
  const ada = customer({
    id: ADA_ELSEWHERE.id,
    name: ADA_ELSEWHERE.name,
    email: ADA_ELSEWHERE.email,
    phone: ADA_ELSEWHERE.phone,
    daysAgo: 90,
    extra: { externalId: ADA_ELSEWHERE.externalId, tags: [...ADA_ELSEWHERE.tags] },
  });
  ada.custom.loyaltyTierStr = ADA_ELSEWHERE.loyaltyTier;
  store.customers.set(ada.id, ada);
  const hedy = customer({ id: HEDY.id, name: HEDY.name, email: HEDY.email, phone: HEDY.phone, daysAgo: 30 });
  store.customers.set(hedy.id, hedy);
  const openedAt = iso(SEED_NOW - 3 * DAY);
  store.conversations.set(ADA_ELSEWHERE.conversationId, {
    id: ADA_ELSEWHERE.conversationId,
    customer: ada.id,
    name: ADA_ELSEWHERE.conversationSubject,
    externalId: null,
    status: 'open',
    subStatus: null,
    priority: 3,
    direction: 'in',
    assignedUsers: [AGENT.id],
    assignedTeams: [],
    tags: [],
    ...newConversationTimeline(),
    lastActivityAt: openedAt,
    snoozedUntil: null,
    closedAt: null,
    createdAt: openedAt,
    updatedAt: openedAt,
    createdBy: template.createdBy,
    modifiedBy: template.modifiedBy,
  });
  moveFixedIds(store, org.idPrefix);
}

function removeCustomers(store: SandboxStore, ids: Set<string>): void {
  for (const id of ids) store.customers.delete(id);
  for (const [id, conversation] of store.conversations)
    if (ids.has(conversation.customer)) store.conversations.delete(id);
  for (const [id, message] of store.messages) if (ids.has(message.customer)) store.messages.delete(id);
  for (const [id, note] of store.notes) if (ids.has(note.customer)) store.notes.delete(id);
  for (const [id, kobject] of store.kobjects)
    if (kobject.customer && ids.has(kobject.customer)) store.kobjects.delete(id);
}

function removeCompanies(store: SandboxStore, ids: Set<string>): void {
  for (const id of ids) store.companies.delete(id);
  for (const [id, kobject] of store.kobjects)
    if (kobject.company && ids.has(kobject.company)) store.kobjects.delete(id);
  for (const customer of store.customers.values())
    if (customer.company && ids.has(customer.company)) customer.company = null;
}

const FIXED_ID = new RegExp(`${FIXED_ID_PREFIX}(?=[0-9a-f]{16})`, 'g');

/** Rewrites every fixed id (keys, relationship fields, ids inside URLs) to `prefix`. */
function moveFixedIds(store: SandboxStore, prefix: string): void {
  if (prefix === FIXED_ID_PREFIX) return;
  const move = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(FIXED_ID, prefix);
    if (Array.isArray(value)) return value.map(move);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, move(inner)]));
    }
    return value;
  };
  for (const [name, collection] of Object.entries(store) as [keyof SandboxStore, unknown][]) {
    if (collection instanceof Map) {
      const moved = new Map([...collection].map(([id, record]) => [move(id) as string, move(record)]));
      (store as unknown as Record<string, unknown>)[name] = moved;
    } else {
      (store as unknown as Record<string, unknown>)[name] = move(collection);
    }
  }
}
