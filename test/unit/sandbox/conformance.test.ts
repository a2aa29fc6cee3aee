import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox';
import { ADA, GRACE } from '../../sandbox/fixtures';
import { api, firstError, one } from './api';

/** The sandbox enforces Kustomer's spec on requests and records what its checks find (sandbox.conformance()). */

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

describe('spec enforcement', () => {
  it('refuses a property the spec does not have with a JSON:API 400 and records it', async () => {
    const before = sandbox.conformance().offSpecRequests.length;
    const response = await api(sandbox, 'POST', `/v1/conversations/${ADA.openConversationId}/notes`, {
      body: { body: 'Hi', colour: 'red' },
    });
    expect(response.status).toBe(400);
    expect(firstError(response)).toMatchObject({
      status: '400',
      code: 'unknown_attribute',
      source: { pointer: '/data/attributes/colour' },
    });
    const recorded = sandbox.conformance().offSpecRequests.slice(before);
    expect(recorded).toEqual([
      {
        method: 'POST',
        path: `/v1/conversations/${ADA.openConversationId}/notes`,
        operationId: 'CreateNoteWithinConversation',
        problems: ["body/ must NOT have additional properties 'colour'"],
      },
    ]);
  });

  it('refuses a bulk body off the spec in the { code, message, meta } shape of bulk errors', async () => {
    const response = await api(sandbox, 'POST', '/v1/conversations/bulk', { body: [{ name: 'no customer' }] });
    expect(response.status).toBe(400);
    expect(firstError(response)).toMatchObject({ code: 'bad_request' });
    expect(firstError(response).message).toContain("must have required property 'customer'");
  });

  it('refuses a PATCH of a conversation sent as application/json (the spec takes JSON Patch)', async () => {
    const before = sandbox.conformance();
    const response = await api(sandbox, 'PATCH', `/v1/conversations/${ADA.openConversationId}`, {
      body: { priority: 3 },
      contentType: 'application/json',
    });
    expect(response.status).toBe(400);
    const after = sandbox.conformance();
    expect(after.offSpecRequests.slice(before.offSpecRequests.length)).toMatchObject([
      {
        operationId: 'UpdateConversationAttributes',
        problems: [expect.stringContaining('application/json-patch+json')],
      },
    ]);
  });

  it('checks every answer of a covered operation and counts the operations', async () => {
    const before = sandbox.conformance();
    await api(sandbox, 'GET', `/v1/customers/${ADA.id}`);
    await api(sandbox, 'GET', '/v1/users/current');
    const after = sandbox.conformance();
    expect(after.answersChecked).toBe(before.answersChecked + 1);
    expect(after.offSpecAnswers).toEqual([]);
    expect(after.operationsCovered).toContain('GetCustomerById');
    expect(after.notCovered).toContain('GET /v1/users');
  });
});

describe('resources as the spec describes them', () => {
  it('gives every resource its org relationship and modifiedAt', async () => {
    const customer = one(await api(sandbox, 'GET', `/v1/customers/${ADA.id}`));
    expect(customer.relationships.org?.data).toEqual({ type: 'org', id: '5f1a0c0de0000000000000a1' });
    expect(customer.attributes.modifiedAt).toBe(customer.attributes.updatedAt);
  });

  it('stores and returns company domains as [{ domain }]', async () => {
    const company = one(await api(sandbox, 'GET', `/v1/companies/${GRACE.companyId}`));
    expect(company.attributes.domains).toEqual([{ domain: expect.any(String) }]);
    const created = await api(sandbox, 'POST', '/v1/companies', {
      body: { name: 'Domains Ltd', domains: [{ domain: 'domains.example' }] },
    });
    expect(one(created).attributes.domains).toEqual([{ domain: 'domains.example' }]);
  });

  it('finds a customer by phone (digits compared) and answers 404 when none has it', async () => {
    const found = await api(sandbox, 'GET', `/v1/customers/phone=${encodeURIComponent('+442079460018')}`);
    expect(found.status).toBe(200);
    expect(one(found).id).toBe(ADA.id);
    const missing = await api(sandbox, 'GET', '/v1/customers/phone=19995550000');
    expect(missing.status).toBe(404);
    expect(firstError(missing)).toMatchObject({ code: 'not_found' });
  });

  it('keeps a note externalId and returns it', async () => {
    const created = await api(sandbox, 'POST', `/v1/conversations/${ADA.openConversationId}/notes`, {
      body: { body: 'Hi', externalId: 'note-ext-1' },
    });
    expect(one(created).attributes.externalId).toBe('note-ext-1');
    const listed = await api(sandbox, 'GET', `/v1/conversations/${ADA.openConversationId}/notes?pageSize=100`);
    const data = listed.json.data as { attributes: { externalId?: string } }[];
    expect(data.some((note) => note.attributes.externalId === 'note-ext-1')).toBe(true);
  });
});
