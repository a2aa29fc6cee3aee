import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox';
import { ADA, ALAN, GRACE, KATHERINE, MARGARET } from '../../sandbox/fixtures';
import { createRandom } from '../../sandbox/random';
import { emptyStore, seedStore } from '../../sandbox/seed';
import type { SandboxStore } from '../../sandbox/types';

const snapshot = (store: SandboxStore) =>
  JSON.stringify(
    Object.fromEntries(
      Object.entries(store).map(([name, data]) => [name, Array.isArray(data) ? data : [...data.values()]]),
    ),
  );

let first: Sandbox;
let second: Sandbox;
let other: Sandbox;
beforeAll(async () => {
  [first, second, other] = await Promise.all([
    startSandbox({ seed: 7 }),
    startSandbox({ seed: 7 }),
    startSandbox({ seed: 8 }),
  ]);
});
afterAll(() => Promise.all([first.close(), second.close(), other.close()]));

describe('seed', () => {
  it('gives identical data for the same seed and different data for another', () => {
    const seeded = (seed: number) => {
      const store = emptyStore();
      seedStore(store, createRandom(seed));
      return snapshot(store);
    };
    expect(seeded(7)).toBe(seeded(7));
    expect(seeded(7)).not.toBe(seeded(8));
    expect(snapshot(first.store)).toBe(seeded(7));
    expect(snapshot(first.store)).toBe(snapshot(second.store));
    expect(snapshot(first.store)).not.toBe(snapshot(other.store));
  });

  it('restores the same data on reset', async () => {
    const before = snapshot(first.store);
    first.store.customers.clear();
    first.reset();
    expect(snapshot(first.store)).toBe(before);
  });

  it('keeps the well-known records whatever the seed', () => {
    for (const sandbox of [first, other]) {
      for (const fixture of [ADA, GRACE, ALAN, KATHERINE, MARGARET])
        expect(sandbox.store.customers.get(fixture.id)?.name).toBe(fixture.name);
      expect(sandbox.store.conversations.get(ADA.openConversationId)?.status).toBe('open');
      expect(sandbox.store.conversations.get(GRACE.snoozedConversationId)?.status).toBe('snoozed');
    }
  });

  it('is big and varied enough for realistic lists', () => {
    const { store } = first;
    const conversations = [...store.conversations.values()];
    const messages = [...store.messages.values()];
    expect(store.customers.size).toBeGreaterThanOrEqual(200);
    expect(store.companies.size).toBe(30);
    expect([...store.users.values()].filter((user) => user.userType === 'user')).toHaveLength(10);
    expect(new Set(conversations.map((item) => item.status))).toEqual(new Set(['open', 'snoozed', 'done']));
    expect(new Set(conversations.map((item) => item.priority))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(new Set(messages.map((item) => item.direction))).toEqual(new Set(['in', 'out']));
    expect(new Set(messages.map((item) => item.channel)).size).toBeGreaterThanOrEqual(5);
    expect([...store.notes.values()].some((note) => note.userMentions.length > 0)).toBe(true);
    expect([...store.klasses.values()].map((klass) => klass.name)).toEqual(['order', 'subscription', 'return']);
    const custom = store.customers.get(ADA.id)?.custom ?? {};
    for (const suffix of ['Str', 'Txt', 'Num', 'At', 'Bool', 'Url'])
      expect(Object.keys(custom).some((key) => key.endsWith(suffix))).toBe(true);
    for (const customer of store.customers.values()) {
      expect(customer.id).toMatch(/^[0-9a-f]{24}$/);
      expect(customer.emails.length).toBeGreaterThanOrEqual(1);
      expect(customer.emails.length).toBeLessThanOrEqual(3);
    }
  });

  it('keeps every conversation summary in step with its messages', () => {
    for (const conversation of first.store.conversations.values()) {
      const count = [...first.store.messages.values()].filter(
        (message) => message.conversation === conversation.id,
      ).length;
      expect(conversation.messageCount).toBe(count);
    }
  });
});
