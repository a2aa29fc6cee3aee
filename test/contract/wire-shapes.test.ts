import { describe, expect, it } from 'vitest';
import { ADA, AGENT } from '../sandbox/fixtures';
import { rejection, requestsTo, useSandbox } from './support';

/*
 * What the client puts on the wire for the operations Kustomer's published spec corrected (issue 13): content
 * types and body shapes as the spec's request schemas have them, and answers read as its response schemas have them.
 */
const kustomer = useSandbox();

describe('update_conversation_attributes', () => {
  it('sends PATCH /v1/conversations/{id} as application/json-patch+json with a flat partial object', async () => {
    const from = kustomer.sandbox.requests.length;
    await kustomer.client().updateConversationAttributes(ADA.openConversationId, { priority: 4 });
    const [sent] = requestsTo(kustomer.sandbox, 'PATCH', `/v1/conversations/${ADA.openConversationId}`, from);
    expect(sent?.headers['content-type']).toMatch(/^application\/json-patch\+json\b/);
    expect(sent?.body).toEqual({ priority: 4 });
  });
});

describe('create_conversation_note', () => {
  it('sends mentions as [{ user }] / [{ team }] and reads them back from relationships.userMentions', async () => {
    const from = kustomer.sandbox.requests.length;
    const note = await kustomer.client().createConversationNote(ADA.openConversationId, {
      body: 'Looping in @Sam and support',
      externalId: 'outbox-item-1',
      userMentions: [{ user: AGENT.id }, { team: '5f1a0ada0000000000000777' }],
    });
    const [sent] = requestsTo(kustomer.sandbox, 'POST', `/v1/conversations/${ADA.openConversationId}/notes`, from);
    expect(sent?.body).toEqual({
      body: 'Looping in @Sam and support',
      externalId: 'outbox-item-1',
      userMentions: [{ user: AGENT.id }, { team: '5f1a0ada0000000000000777' }],
    });
    expect(note.relationships?.userMentions?.data).toEqual([
      { type: 'user', id: AGENT.id },
      { type: 'team', id: '5f1a0ada0000000000000777' },
    ]);
    expect(note.attributes).not.toHaveProperty('userMentions');
  });

  it('is refused with more than 20 mentions', async () => {
    const mentions = Array.from({ length: 21 }, () => ({ user: AGENT.id }));
    await rejection(
      kustomer.client().createConversationNote(ADA.openConversationId, { body: 'Too many', userMentions: mentions }),
      'validation',
      400,
    );
  });
});

describe('create_company', () => {
  it('sends domains as [{ domain }] and reads them back the same way', async () => {
    const from = kustomer.sandbox.requests.length;
    const company = await kustomer
      .client()
      .createCompany({ name: 'Jacquard Looms', domains: [{ domain: 'loom.example' }] });
    const [sent] = requestsTo(kustomer.sandbox, 'POST', '/v1/companies', from);
    expect(sent?.body).toEqual({ name: 'Jacquard Looms', domains: [{ domain: 'loom.example' }] });
    expect(company.attributes.domains).toEqual([{ domain: 'loom.example' }]);
  });
});

describe('bulk conversations', () => {
  it('sends an array with an optional _clientRef per item, or ?ids= with one object without it', async () => {
    const from = kustomer.sandbox.requests.length;
    await kustomer.client().bulkCreateConversations([{ customer: ADA.id, name: 'Bulk one', _clientRef: 'ref-1' }]);
    await kustomer.client().bulkUpdateConversations({ ids: [ADA.openConversationId], update: { priority: 2 } });
    const [create] = requestsTo(kustomer.sandbox, 'POST', '/v1/conversations/bulk', from);
    const [update] = requestsTo(kustomer.sandbox, 'PUT', '/v1/conversations/bulk', from);
    expect(create?.body).toEqual([{ customer: ADA.id, name: 'Bulk one', _clientRef: 'ref-1' }]);
    expect(update?.query).toEqual({ ids: ADA.openConversationId });
    expect(update?.body).toEqual({ priority: 2 });
  });
});

describe('get_current_token', () => {
  it('answers the token’s own attributes and names its organisation only as a relationship', async () => {
    const token = await kustomer.client().getCurrentToken();
    expect(token.attributes).toMatchObject({ name: 'sidebar-full', lastTokenChars: kustomer.sandbox.apiKey.slice(-4) });
    expect(token.attributes.roles).toContain('org.permission.search.create');
    expect(token.attributes).not.toHaveProperty('orgName');
    expect(token.relationships?.org?.data).toMatchObject({ type: 'org', id: expect.any(String) });
  });
});

describe('search_customers', () => {
  const query = { queryContext: 'customer', and: [{ customer_email: { equals: ADA.email } }] };

  it('needs the search role: customer read alone is refused, naming org.permission.search.create', async () => {
    const error = await rejection(
      kustomer.client(kustomer.sandbox.keys.readOnly).searchCustomers(query),
      'forbidden',
      403,
    );
    expect(error.roles).toContain('org.permission.search.create');
    expect(error.roles).toContain('org.user.search.read');
  });

  it('accepts the legacy org.user.search.read', async () => {
    const found = await kustomer.client(kustomer.sandbox.keys.legacy).searchCustomers(query);
    expect(found.data.length).toBeGreaterThan(0);
  });
});
