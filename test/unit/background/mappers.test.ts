import { describe, expect, it } from 'vitest';
import {
  customAttributes,
  customerUrl,
  toConversationSummary,
  toCustomerActivity,
  toCustomerCard,
  toKObjectGroup,
  toTimeline,
} from '../../../lib/background/mappers';
import type {
  ConversationResource,
  CustomerResource,
  KlassResource,
  MessageResource,
  NoteResource,
} from '../../../lib/kustomer/types';

const customer: CustomerResource = {
  type: 'customer',
  id: 'cus1',
  attributes: {
    name: 'Ada Lovelace',
    emails: [{ email: 'ada@example.com', type: 'home' }],
    phones: [{ phone: '+44 20', type: 'mobile' }],
    tags: ['vip'],
    custom: { loyaltyTierStr: 'gold', lifetimeValueNum: 1200, vipBool: true, notAttribute: 'x' } as never,
  },
  relationships: { company: { data: { type: 'company', id: 'com1' } } },
};

const conversation = (id: string, status: 'open' | 'done', extra: Partial<ConversationResource['attributes']> = {}) =>
  ({
    type: 'conversation',
    id,
    attributes: { name: `Subject ${id}`, status, priority: 4, assignedUsers: ['u1'], subStatus: 's1', ...extra },
    relationships: { customer: { data: { type: 'customer', id: 'cus1' } } },
  }) satisfies ConversationResource;

describe('custom attributes', () => {
  it('keeps only suffixed attributes, typed by their suffix, sorted by label', () => {
    expect(customAttributes(customer.attributes.custom)).toEqual([
      { key: 'lifetimeValueNum', label: 'Lifetime value', type: 'Num', value: 1200 },
      { key: 'loyaltyTierStr', label: 'Loyalty tier', type: 'Str', value: 'gold' },
      { key: 'vipBool', label: 'Vip', type: 'Bool', value: true },
    ]);
  });
});

describe('conversations', () => {
  it('resolves the customer from relationships, and assignee and sub-status names from lookups', () => {
    const summary = toConversationSummary(conversation('c1', 'open'), {
      userNames: new Map([['u1', 'Sam Rivera']]),
      subStatusLabels: new Map([['s1', 'Waiting on customer']]),
    });
    expect(summary).toMatchObject({
      id: 'c1',
      customerId: 'cus1',
      subject: 'Subject c1',
      status: 'open',
      priority: 4,
      assigneeIds: ['u1'],
      assigneeNames: ['Sam Rivera'],
      subStatusId: 's1',
      subStatusLabel: 'Waiting on customer',
    });
  });

  it('falls back to safe values for missing or odd fields', () => {
    const summary = toConversationSummary({ type: 'conversation', id: 'c2', attributes: { status: 'weird' as never } });
    expect(summary).toMatchObject({
      subject: 'No subject',
      status: 'open',
      priority: 3,
      assigneeNames: [],
      messageCount: 0,
    });
  });

  it('merges messages and notes into one timeline, oldest first', () => {
    const messages: MessageResource[] = [
      {
        type: 'message',
        id: 'm2',
        attributes: { direction: 'out', channel: 'email', preview: 'Reply', createdAt: '2026-01-03T00:00:00Z' },
      },
      {
        type: 'message',
        id: 'm1',
        attributes: { direction: 'in', channel: 'email', preview: 'Hello', createdAt: '2026-01-01T00:00:00Z' },
      },
    ];
    const notes: NoteResource[] = [
      {
        type: 'note',
        id: 'n1',
        attributes: { body: 'Checked the order', createdAt: '2026-01-02T00:00:00Z' },
        // Kustomer answers mentions as relationships (spec: relationships.userMentions), users and teams alike.
        relationships: {
          createdBy: { data: { type: 'user', id: 'u1' } },
          userMentions: {
            data: [
              { type: 'user', id: 'u1' },
              { type: 'team', id: 't1' },
            ],
          },
        },
      },
    ];
    const timeline = toTimeline(messages, notes, { userNames: new Map([['u1', 'Sam']]) });
    expect(timeline.map((entry) => `${entry.kind}:${entry.id}`)).toEqual(['message:m1', 'note:n1', 'message:m2']);
    expect(timeline[1]).toMatchObject({
      kind: 'note',
      authorName: 'Sam',
      userMentionIds: ['u1'],
      teamMentionIds: ['t1'],
    });
  });
});

describe('the customer card', () => {
  it('paints from the customer alone: its details and the link to Kustomer', () => {
    const card = toCustomerCard({ connectionId: 'org-0', customer, appUrl: 'https://acme.kustomerapp.com/' });
    expect(card.customer).toMatchObject({ email: 'ada@example.com', companyId: 'com1' });
    expect(card.kustomerUrl).toBe('https://acme.kustomerapp.com/app/customers/cus1');
  });

  it('is filled in with the company, the open count and the five newest conversations', () => {
    const conversations = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, index) =>
      conversation(id, index % 2 === 0 ? 'open' : 'done'),
    );
    const activity = toCustomerActivity({
      company: {
        type: 'company',
        id: 'com1',
        attributes: { name: 'Analytical Engines', domains: [{ domain: 'ae.example' }] },
      },
      conversations,
    });
    expect(activity.company).toMatchObject({ id: 'com1', name: 'Analytical Engines' });
    expect(activity.openConversationCount).toBe(3);
    expect(activity.recentConversations.map((item) => item.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('escapes the id in the link', () => {
    expect(customerUrl('https://x.kustomerapp.com', 'a/b')).toBe('https://x.kustomerapp.com/app/customers/a%2Fb');
  });
});

describe('KObjects', () => {
  const klass: KlassResource = { type: 'klass', id: 'k1', attributes: { name: 'order', displayName: 'Orders' } };

  it('groups a klass’s objects with their data and custom fields as labelled values', () => {
    const group = toKObjectGroup(klass, 'customer', [
      {
        type: 'kobject.order',
        id: 'o1',
        attributes: {
          title: 'Order 1042',
          data: { totalAmount: 42.5, shipped: false },
          custom: { carrierStr: 'DHL' } as never,
        },
      },
    ]);
    expect(group).toEqual({
      klassName: 'order',
      klassLabel: 'Orders',
      owner: 'customer',
      items: [
        {
          id: 'o1',
          title: 'Order 1042',
          fields: [
            { label: 'Total amount', value: '42.5' },
            { label: 'Shipped', value: 'false' },
            { label: 'Carrier', value: 'DHL' },
          ],
        },
      ],
    });
  });

  it('leaves out klasses without objects', () => {
    expect(toKObjectGroup(klass, 'company', [])).toBeNull();
  });
});
