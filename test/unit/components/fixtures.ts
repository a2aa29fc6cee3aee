import type {
  CompanyDetail,
  ConnectionInfo,
  ConversationDetail,
  ConversationSummary,
  CustomerActivity,
  CustomerCard,
  ErrorInfo,
  EverywhereAnswer,
  KObjectGroup,
  OrgConnectionStatus,
  OrgTag,
  OutboxItem,
  SubStatusOption,
  UserOption,
} from '../../../lib/messaging/model';

const HOUR = 3600_000;

/** Where the sandbox lives: what a saved connection says when a test does not care. */
const SANDBOX_CONNECTION: ConnectionInfo = {
  method: 'apiKey',
  target: { kind: 'custom', baseUrl: 'http://127.0.0.1:4010' },
  baseUrl: 'http://127.0.0.1:4010',
  appUrl: 'http://127.0.0.1:4010',
  orgName: 'sandbox',
  userName: 'Sam Rivera',
};

/** The one organisation of a single-connection agent (the upgrade's id). */
export const SANDBOX_ORG: OrgTag = { id: 'org-0', label: 'sandbox', colour: 'blue' };

/** A working connection to the sandbox, with whatever a test changes. */
export function connectedStatus(
  overrides: Partial<ConnectionInfo> & { warning?: ErrorInfo } = {},
): Extract<OrgConnectionStatus, { state: 'connected' }> {
  return { state: 'connected', ...SANDBOX_ORG, ...SANDBOX_CONNECTION, ...overrides };
}

/** A saved connection that stopped working. */
export function failingStatus(error: ErrorInfo): Extract<OrgConnectionStatus, { state: 'error' }> {
  return { state: 'error', error, ...SANDBOX_ORG, ...SANDBOX_CONNECTION };
}

/** The answer of every organisation (here the one) to a lookup: known with `card`, or unknown. */
export function everywhere(card: CustomerCard | null): EverywhereAnswer {
  return card
    ? { status: 'known', answers: [{ connectionId: card.connectionId, status: 'known', card }] }
    : { status: 'unknown', answers: [{ connectionId: SANDBOX_ORG.id, status: 'unknown' }] };
}
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

export const USERS: UserOption[] = [
  { id: 'u-sam', name: 'Sam Rivera', email: 'sam.rivera@support.example' },
  { id: 'u-kim', name: 'Kim Lee', email: 'kim.lee@support.example' },
];

export const SUB_STATUSES: SubStatusOption[] = [
  { id: 'ss-wait', label: 'Waiting on customer', parentStatus: 'open' },
  { id: 'ss-solved', label: 'Solved', parentStatus: 'done' },
];

export function conversation(overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: 'conv-1',
    customerId: 'cust-ada',
    subject: 'Refund for order 1042',
    status: 'open',
    priority: 4,
    assigneeIds: ['u-sam'],
    assigneeNames: ['Sam Rivera'],
    channels: ['email'],
    preview: 'Could you refund the second engine?',
    messageCount: 2,
    createdAt: ago(30),
    lastActivityAt: ago(2),
    ...overrides,
  };
}

export const ADA_CARD: CustomerCard = {
  connectionId: 'org-0',
  customer: {
    id: 'cust-ada',
    name: 'Ada Lovelace',
    email: 'ada.lovelace@example.com',
    emails: ['ada.lovelace@example.com', 'countess@analytical-engine.example'],
    phones: ['+44 20 7946 0018'],
    companyId: 'co-ae',
    companyName: 'Analytical Engines Ltd',
    tags: ['vip'],
    createdAt: ago(24 * 400),
    lastActivityAt: ago(2),
    custom: [
      { key: 'loyaltyTierStr', label: 'Loyalty tier', type: 'Str', value: 'Gold' },
      { key: 'lifetimeValueNum', label: 'Lifetime value', type: 'Num', value: 12500 },
      { key: 'newsletterBool', label: 'Newsletter', type: 'Bool', value: true },
      { key: 'profileUrl', label: 'Profile', type: 'Url', value: 'https://crm.example.com/ada' },
      { key: 'trickUrl', label: 'Trick', type: 'Url', value: 'javascript:alert(1)' },
    ],
  },
  kustomerUrl: 'https://sandbox.kustomerapp.com/app/customers/cust-ada',
};

/** What fills Ada's card in after it painted. */
export const ADA_ACTIVITY: CustomerActivity = {
  company: { id: 'co-ae', name: 'Analytical Engines Ltd', domains: ['analytical-engine.example'] },
  openConversationCount: 2,
  recentConversations: [conversation()],
};

export const CONVERSATION_DETAIL: ConversationDetail = {
  conversation: conversation(),
  kustomerUrl: 'https://sandbox.kustomerapp.com/app/customers/cust-ada/event/conv-1',
  timeline: [
    {
      kind: 'message',
      id: 'm1',
      direction: 'in',
      channel: 'email',
      subject: 'Refund',
      preview: 'Could you refund the second engine?',
      createdAt: ago(30),
    },
    {
      kind: 'note',
      id: 'n1',
      body: '<b>not bold</b> checked the order',
      userMentionIds: [],
      teamMentionIds: [],
      authorName: 'Kim Lee',
      createdAt: ago(20),
    },
  ],
};

export const COMPANY: CompanyDetail = {
  id: 'co-ae',
  name: 'Analytical Engines Ltd',
  domains: ['analytical-engine.example'],
  tags: ['enterprise'],
  custom: [{ key: 'plan', label: 'Plan', type: 'Str', value: 'Enterprise' }],
  customers: [
    {
      id: 'cust-ada',
      name: 'Ada Lovelace',
      email: 'ada.lovelace@example.com',
      emails: ['ada.lovelace@example.com'],
      phones: [],
      tags: [],
    },
  ],
};

export const KOBJECTS: KObjectGroup[] = [
  {
    klassName: 'order',
    klassLabel: 'Orders',
    owner: 'customer',
    items: [
      {
        id: 'o1',
        title: 'Order 1042',
        description: 'Two engines',
        fields: [{ label: 'Total', value: '£1,200' }],
        updatedAt: ago(5),
      },
    ],
  },
  {
    klassName: 'contract',
    klassLabel: 'Contracts',
    owner: 'company',
    items: [{ id: 'k1', title: 'Support 2026', fields: [] }],
  },
];

export function outboxEntry(overrides: Partial<OutboxItem> = {}): OutboxItem {
  return {
    id: 'w1',
    request: { kind: 'createNote', customerId: 'cust-ada', conversationId: 'conv-1', body: 'hello' },
    state: 'queued',
    attempts: 0,
    createdAt: Date.now() - 60_000,
    ...overrides,
  };
}
