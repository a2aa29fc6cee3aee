import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { withSiteDefaultOrg } from '../../../lib/background/settings';
import type { CustomerCard, EverywhereAnswer } from '../../../lib/messaging/model';
import { REQUESTS } from '../../../lib/messaging/protocol';
import { connectionIdSchema, settingsPatchSchema } from '../../../lib/messaging/schemas';
import { cardOfAnswer } from '../../../lib/ui/customer-card';

/** Issue 18: every read of a record and every write names its organisation. */
const card = (connectionId: `org-${string}`, id: string): CustomerCard => ({
  connectionId,
  customer: { id, name: id, emails: [], phones: [], tags: [], custom: [] },
  kustomerUrl: `https://x.kustomerapp.com/app/customers/${id}`,
});

describe('the protocol names the organisation', () => {
  it.each(['org-0', 'org-abc123xyz0'])('accepts the connection id %s', (id) => {
    expect(v.safeParse(connectionIdSchema, id).success).toBe(true);
  });

  it.each(['org-', 'ORG-1', 'org-A', 'org-1.x', 'conn.org-1', 'org-../x', `org-${'a'.repeat(33)}`, 7, null])(
    'refuses %s as a connection id (it becomes part of storage keys)',
    (id) => {
      expect(v.safeParse(connectionIdSchema, id).success).toBe(false);
    },
  );

  it.each([
    'getCustomer',
    'getCustomerActivity',
    'getCompany',
    'listConversations',
    'getConversation',
    'listUsers',
    'listSubStatuses',
    'listKObjects',
    'getCustomerHistory',
    'listKlassForms',
    'enqueueWrite',
    'testConnection',
    'signOut',
    'updateConnection',
    'moveConnection',
  ] as const)('%s refuses a request that names no organisation', (type) => {
    const input = v.safeParse(REQUESTS[type].input, {});
    expect(input.success).toBe(false);
    expect(JSON.stringify(input.issues)).toContain('connectionId');
  });

  it('takes an enqueued write only with its organisation', () => {
    const write = { kind: 'createNote', customerId: 'c1', body: 'Hello' };
    expect(v.safeParse(REQUESTS.enqueueWrite.input, { write }).success).toBe(false);
    expect(v.safeParse(REQUESTS.enqueueWrite.input, { connectionId: 'org-0', write }).success).toBe(true);
  });

  it('sets and clears one site’s default organisation, keeping the others', () => {
    const patch = v.parse(settingsPatchSchema, {
      siteDefaultOrg: { origin: 'https://shop.example/admin', connectionId: 'org-b' },
    });
    expect(patch.siteDefaultOrg).toEqual({ origin: 'https://shop.example', connectionId: 'org-b' });
    const both = withSiteDefaultOrg(
      { 'https://a.example': 'org-a' },
      { origin: 'https://b.example', connectionId: 'org-b' },
    );
    expect(both).toEqual({ 'https://a.example': 'org-a', 'https://b.example': 'org-b' });
    expect(withSiteDefaultOrg(both, { origin: 'https://a.example', connectionId: null })).toEqual({
      'https://b.example': 'org-b',
    });
  });
});

describe('the panel’s card of an answer from every organisation', () => {
  const answer = (answers: EverywhereAnswer['answers']): EverywhereAnswer => ({ status: 'known', answers });

  it('takes the first organisation that knows the customer, or the preferred one when it does', () => {
    const both = answer([
      { connectionId: 'org-a', status: 'unknown' },
      { connectionId: 'org-b', status: 'known', card: card('org-b', 'b1') },
      { connectionId: 'org-c', status: 'known', card: card('org-c', 'c1') },
    ]);
    expect(cardOfAnswer(both)?.connectionId).toBe('org-b');
    expect(cardOfAnswer(both, 'org-c')?.connectionId).toBe('org-c');
    expect(cardOfAnswer(both, 'org-a')?.connectionId).toBe('org-b');
  });

  it('answers unknown only when every organisation said so, and an error when one could not say', () => {
    expect(cardOfAnswer({ status: 'unknown', answers: [{ connectionId: 'org-a', status: 'unknown' }] })).toBeNull();
    expect(() =>
      cardOfAnswer({
        status: 'error',
        answers: [
          { connectionId: 'org-a', status: 'unknown' },
          { connectionId: 'org-b', status: 'error', error: { kind: 'network', message: 'Unreachable.' } },
        ],
      }),
    ).toThrow('Unreachable.');
  });
});
