import { describe, expect, it } from 'vitest';
import { attributeLabel, priorityLabel, subjectFromNote, summariseWrite } from '../../lib/labels';

describe('custom attribute labels', () => {
  it.each([
    ['loyaltyTierStr', 'Loyalty tier'],
    ['lifetimeValueNum', 'Lifetime value'],
    ['lastOrderAt', 'Last order'],
    ['vip_levelNum', 'Vip level'],
    ['homepageUrl', 'Homepage'],
    ['isVIPBool', 'Is vip'],
    ['Str', 'Str'],
  ])('%s reads as %s', (key, label) => {
    expect(attributeLabel(key)).toBe(label);
  });
});

describe('outbox texts', () => {
  it.each([
    ['Short subject', 'Short subject'],
    ['\n\n  First real line  \nsecond', 'First real line'],
    ['x'.repeat(100), `${'x'.repeat(79)}…`],
  ])('a quick note %j gets the subject %j', (body, subject) => {
    expect(subjectFromNote(body)).toBe(subject);
  });

  it('summarises a quick note that will open a conversation', () => {
    expect(summariseWrite({ kind: 'createNote', customerId: 'c', body: 'Refund asked' })).toBe(
      'Note “Refund asked” in a new conversation “Refund asked”',
    );
  });

  it.each([
    [
      { status: 'snoozed', priority: 4, assigneeIds: ['u1'] },
      'Update conversation: snoozed, priority high (4), assigned to 1 agent',
    ],
    [{ assigneeIds: [] }, 'Update conversation: unassigned'],
    [{ subStatusId: 's1', assigneeIds: ['u1', 'u2'] }, 'Update conversation: new sub-status, assigned to 2 agents'],
  ] as const)('summarises conversation changes %j in the agent’s words', (changes, summary) => {
    expect(
      summariseWrite({
        kind: 'updateConversation',
        conversationId: 'c',
        changes: { ...changes, assigneeIds: changes.assigneeIds ? [...changes.assigneeIds] : undefined },
      }),
    ).toBe(summary);
  });

  it('summarises attribute edits with their labels', () => {
    expect(
      summariseWrite({
        kind: 'updateCustomerAttributes',
        customerId: 'c',
        changes: { loyaltyTierStr: 'gold', vipBool: true },
      }),
    ).toBe('Update customer: Loyalty tier, Vip');
  });

  it.each([
    [
      { kind: 'createNote', customerId: 'c', conversationId: 'v', body: 'Called back,\n  all   good' },
      'Note “Called back, all good”',
    ],
    [{ kind: 'createConversation', customerId: 'c', subject: 'Refund' }, 'New conversation “Refund”'],
    [
      {
        kind: 'createMessage',
        conversationId: 'v',
        channel: 'email',
        app: 'postmark',
        direction: 'out',
        preview: 'Hi',
      },
      'Message “Hi”',
    ],
    [
      { kind: 'createCustomer', name: 'Ada Lovelace', email: 'ada@example.com' },
      'New customer Ada Lovelace <ada@example.com>',
    ],
    [{ kind: 'updateConversation', conversationId: 'v', changes: {} }, 'Update conversation: no change'],
  ] as const)('summarises %j as %j', (request, summary) => {
    expect(summariseWrite(request)).toBe(summary);
  });

  it('shortens a long text to 60 characters with an ellipsis', () => {
    expect(summariseWrite({ kind: 'createConversation', customerId: 'c', subject: 'x'.repeat(100) })).toBe(
      `New conversation “${'x'.repeat(59)}…”`,
    );
  });
});

it('labels priorities with their word and number', () => {
  expect(priorityLabel(5)).toBe('Urgent (5)');
  expect(priorityLabel(1)).toBe('Lowest (1)');
});
