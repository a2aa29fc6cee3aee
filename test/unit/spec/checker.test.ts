import { describe, expect, it } from 'vitest';
import { checkAnswer, checkRequest, closeSchema, type Verdict } from '../../spec/checker';
import { SPEC_EXCEPTIONS } from '../../spec/exceptions';
import { findOperation } from '../../spec/spec';

const CONVERSATION = '5f1a0ada0000000000000d01';
const USER = '5f1a0ada0000000000000a01';
const NOTE = '5f1a0ada0000000000000e09';

function request(method: string, path: string, body?: unknown, contentType = 'application/json') {
  const [pathname = '', search = ''] = path.split('?');
  return checkRequest({ method, path: pathname, query: new URLSearchParams(search), contentType, body });
}

function problems(verdict: Verdict): string[] {
  if (verdict.kind !== 'checked') throw new Error(`expected a checked verdict, got ${verdict.kind}`);
  return verdict.problems;
}

const relation = (type: string, id: string) => ({ data: { type, id }, links: { self: `/v1/${type}s/${id}` } });

function noteAnswer() {
  return {
    data: {
      type: 'note',
      id: NOTE,
      attributes: { body: 'Hi', createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' },
      relationships: {
        org: relation('org', '5f1a0c0de0000000000000a1'),
        customer: relation('customer', '5f1a0ada0000000000000c01'),
        createdBy: relation('user', USER),
        conversation: relation('conversation', CONVERSATION),
        userMentions: { data: [{ type: 'user', id: USER }] },
      },
      links: { self: `/v1/notes/${NOTE}` },
    },
  };
}

describe('matching a request to its operation', () => {
  it.each([
    ['GET', '/v1/customers/email=a%40b.c', 'GetCustomerByEmail'],
    ['GET', '/v1/customers/phone=18005551212', 'GetCustomerByPhone'],
    ['GET', '/v1/customers/5f1a0ada0000000000000c01', 'GetCustomerById'],
    ['POST', '/v1/customers/search', 'CustomerSearch'],
    ['PUT', '/v1/conversations/bulk', 'BulkBatchUpdateConversations'],
    ['GET', '/v1/klasses/order', 'GetKObjects'],
    ['GET', '/v1/klasses/5f1a0ada0000000000000f01', 'GetKlass'],
    ['GET', '/v1/klasses/order/5f1a0ada0000000000000e01', 'GetKObject'],
    ['GET', '/v1/klasses/order/externalId=x-1', 'getKlassesByNameAndExternalId'],
  ])('%s %s is %s', (method, path, operationId) => {
    const match = findOperation(method, path);
    expect(match.kind === 'operation' ? match.operation.id : match.kind).toBe(operationId);
  });

  it.each([
    ['GET', '/v1/users/current'],
    ['GET', '/v1/sub-statuses'],
    ['GET', '/v1/auth/tokens/current'],
    ['GET', '/v1/bulk/5f1a0ada0000000000000b99'],
    ['DELETE', '/v1/conversations/bulk'],
  ])('reports %s %s as not covered, not as off-spec', (method, path) => {
    expect(request(method, path).kind).toBe('not-covered');
  });
});

describe('checking requests (read closed)', () => {
  it('accepts a body the spec describes', () => {
    expect(problems(request('POST', `/v1/conversations/${CONVERSATION}/notes`, { body: 'Hi' }))).toEqual([]);
  });

  it('catches a property the spec does not list', () => {
    expect(problems(request('POST', `/v1/conversations/${CONVERSATION}/notes`, { body: 'Hi', colour: 'red' }))).toEqual(
      ["body/ must NOT have additional properties 'colour'"],
    );
  });

  it('catches an extra property in a nested object the spec leaves open (closed reading)', () => {
    const mentions = [{ userId: USER }];
    expect(
      problems(request('POST', `/v1/conversations/${CONVERSATION}/notes`, { body: 'Hi', userMentions: mentions })),
    ).toEqual(["body/userMentions/0 must NOT have additional properties 'userId'"]);
  });

  it('leaves org-specific custom objects open', () => {
    expect(problems(request('POST', '/v1/customers', { name: 'Ada', custom: { anythingStr: 'x' } }))).toEqual([]);
  });

  it('catches a missing required field', () => {
    expect(problems(request('POST', '/v1/conversations', { name: 'No customer' }))).toEqual([
      "body/ must have required property 'customer'",
    ]);
  });

  it('catches a wrong content type and still checks the body', () => {
    const verdict = request('PATCH', `/v1/conversations/${CONVERSATION}`, { subStatus: null }, 'application/json');
    expect(problems(verdict)).toEqual([
      "content type 'application/json' is not one of application/json-patch+json",
      'body/subStatus must be string',
    ]);
    const right = request(
      'PATCH',
      `/v1/conversations/${CONVERSATION}`,
      { status: 'done' },
      'application/json-patch+json',
    );
    expect(problems(right)).toEqual([]);
  });

  it('checks limits: at most 20 mentions', () => {
    const userMentions = Array.from({ length: 21 }, () => ({ user: USER }));
    expect(problems(request('POST', `/v1/conversations/${CONVERSATION}/notes`, { body: 'Hi', userMentions }))).toEqual([
      'body/userMentions must NOT have more than 20 items',
    ]);
  });

  it('closes object schemas that list properties, but not custom ones', () => {
    const closed = closeSchema({
      type: 'object',
      properties: { a: { type: 'object', properties: { b: { type: 'string' } } }, custom: { type: 'object' } },
    }) as { additionalProperties: boolean; properties: Record<string, { additionalProperties?: boolean }> };
    expect(closed.additionalProperties).toBe(false);
    expect(closed.properties.a?.additionalProperties).toBe(false);
    expect(closed.properties.custom?.additionalProperties).toBeUndefined();
  });
});

describe('documented exceptions', () => {
  it('cites a Kustomer page for each, and says when it could not be read', () => {
    for (const exception of SPEC_EXCEPTIONS) {
      expect(exception.source).toMatch(/^https:\/\/developer\.kustomer\.com\//);
      expect(['quoted', 'unverified']).toContain(exception.evidence);
    }
  });

  it('requires conversation on POST /v1/notes (create-note page)', () => {
    expect(problems(request('POST', '/v1/notes', { body: 'Hi' }))).toEqual([
      "body/ must have required property 'conversation'",
    ]);
    expect(problems(request('POST', '/v1/notes', { body: 'Hi', conversation: CONVERSATION }))).toEqual([]);
  });

  it('takes an optional _clientRef per bulk item', () => {
    const items = [{ customer: '5f1a0ada0000000000000c01', _clientRef: 'a' }];
    expect(problems(request('POST', '/v1/conversations/bulk', items))).toEqual([]);
    expect(
      problems(request('PUT', '/v1/conversations/bulk', [{ id: CONVERSATION, priority: 2, _clientRef: 'b' }])),
    ).toEqual([]);
  });

  it('takes one object without _clientRef in the ?ids= mode of PUT /v1/conversations/bulk', () => {
    const path = `/v1/conversations/bulk?ids=${CONVERSATION}`;
    expect(problems(request('PUT', path, { priority: 5 }))).toEqual([]);
    expect(problems(request('PUT', path, { priority: 5, _clientRef: 'x' }))).toEqual([
      "body/ must NOT have additional properties '_clientRef'",
    ]);
  });
});

describe('checking answers', () => {
  it('accepts an answer with what the spec requires', () => {
    expect(problems(checkAnswer('GET', `/v1/notes/${NOTE}`, 200, noteAnswer()))).toEqual([]);
  });

  it('catches a missing required relationship', () => {
    const answer = noteAnswer();
    const { org: _org, ...relationships } = answer.data.relationships;
    expect(problems(checkAnswer('GET', `/v1/notes/${NOTE}`, 200, { data: { ...answer.data, relationships } }))).toEqual(
      ["answer 200/data/relationships must have required property 'org'"],
    );
  });

  it('catches a wrong shape', () => {
    const answer = noteAnswer();
    const wrong = { data: { ...answer.data, attributes: { ...answer.data.attributes, body: 42 } } };
    expect(problems(checkAnswer('GET', `/v1/notes/${NOTE}`, 200, wrong))).toEqual([
      'answer 200/data/attributes/body must be string',
    ]);
    expect(problems(checkAnswer('GET', `/v1/notes/${NOTE}`, 200, [answer.data]))).toEqual([
      'answer 200/ must be object',
    ]);
  });

  it('catches a success status the spec does not document', () => {
    expect(problems(checkAnswer('POST', '/v1/klasses', 201, {}))).toEqual(['status 201 is not documented (spec: 200)']);
  });

  it('checks error answers for an errors array only', () => {
    expect(problems(checkAnswer('GET', `/v1/notes/${NOTE}`, 404, { errors: [{ code: 'not_found' }] }))).toEqual([]);
    expect(problems(checkAnswer('GET', `/v1/notes/${NOTE}`, 404, { message: 'gone' }))).toEqual([
      "answer 404/ must have required property 'errors'",
    ]);
  });
});
