import { afterEach, describe, expect, it, vi } from 'vitest';
import { agentMessage } from '../../lib/kustomer/agent-message';
import { ADA } from '../sandbox/fixtures';
import { rejection, requestsTo, useSandbox } from './support';

const MISSING_ID = '5f1a0ada00000000000ffff5';
const kustomer = useSandbox();
/** Retries without real waiting, so fault tests stay fast. */
const instantSleep = async (_ms: number, signal?: AbortSignal) => signal?.throwIfAborted();

afterEach(() => {
  kustomer.sandbox.setFaults({ latencyMs: 0, errorRate: 0, dropRate: 0, force429: 0, down: false });
});

describe('error shapes from real responses', () => {
  it('reads the JSON:API shape (status, code, title, detail)', async () => {
    const error = await rejection(kustomer.client().getCustomer(MISSING_ID), 'not_found', 404);
    expect(error.code).toBe('not_found');
    expect(error.detail).toContain(MISSING_ID);
  });

  it('reads the JSON:API shape with a source pointer', async () => {
    const error = await rejection(
      kustomer.client().createConversationNote(ADA.openConversationId, { body: '' }),
      'validation',
      400,
    );
    expect(error).toMatchObject({ code: 'required', pointer: '/data/attributes/body', field: 'body' });
    expect(agentMessage(error)).toBe('Kustomer refused the body.');
    expect(error.detail).toBe('body is required');
  });

  it('reads the { code, message, meta } shape', async () => {
    const error = await rejection(
      kustomer.client(kustomer.sandbox.keys.readOnly).deleteNote(MISSING_ID),
      'forbidden',
      403,
    );
    expect(error.code).toBe('forbidden');
    expect(error.detail).toMatch(/^Missing role/);
    expect(error.roles).toContain('org.permission.note.delete');
  });
});

describe('rate limiting', () => {
  it('waits out a 429 with Retry-After, then succeeds, without hammering', async () => {
    kustomer.sandbox.setFaults({ force429: 1 });
    const onRetry = vi.fn();
    const from = kustomer.sandbox.requests.length;
    const customer = await kustomer.client(undefined, { onRetry }).getCustomer(ADA.id);
    expect(customer.id).toBe(ADA.id);
    const sent = requestsTo(kustomer.sandbox, 'GET', `/v1/customers/${ADA.id}`, from);
    expect(sent.map((request) => request.status)).toEqual([429, 200]);
    expect((sent[1]?.at ?? 0) - (sent[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
    expect(onRetry.mock.calls[0]?.[0]).toMatchObject({ attempt: 1, delayMs: 1_000 });
  });

  it('repeats a POST after a 429 (Kustomer did nothing with it)', async () => {
    kustomer.sandbox.setFaults({ force429: 1 });
    const note = await kustomer.client().createConversationNote(ADA.openConversationId, { body: 'after 429' });
    expect(kustomer.sandbox.store.notes.get(note.id)?.body).toBe('after 429');
    expect([...kustomer.sandbox.store.notes.values()].filter((stored) => stored.body === 'after 429')).toHaveLength(1);
  });
});

describe('transient failures', () => {
  it('retries a GET on 500s and gives up with a server error after maxRetries', async () => {
    kustomer.sandbox.setFaults({ errorRate: 1 });
    const from = kustomer.sandbox.requests.length;
    const error = await rejection(
      kustomer.client(undefined, { sleep: instantSleep, maxRetries: 2 }).getCustomer(ADA.id),
      'server',
      500,
    );
    expect(error.code).toBe('internal_error');
    expect(requestsTo(kustomer.sandbox, 'GET', `/v1/customers/${ADA.id}`, from)).toHaveLength(3);
  });

  it('sends a POST only once on a 500', async () => {
    kustomer.sandbox.setFaults({ errorRate: 1 });
    const from = kustomer.sandbox.requests.length;
    await rejection(
      kustomer
        .client(undefined, { sleep: instantSleep })
        .createConversationNote(ADA.openConversationId, { body: 'once' }),
      'server',
      500,
    );
    expect(
      requestsTo(kustomer.sandbox, 'POST', `/v1/conversations/${ADA.openConversationId}/notes`, from),
    ).toHaveLength(1);
  });

  it('reports a network error when the connection drops, retrying only the GET', async () => {
    kustomer.sandbox.setFaults({ down: true });
    const client = kustomer.client(undefined, { sleep: instantSleep, maxRetries: 1 });
    const from = kustomer.sandbox.requests.length;
    await rejection(client.getCustomer(ADA.id), 'network');
    await rejection(client.createCustomer({ name: 'never' }), 'network');
    const sent = kustomer.sandbox.requests.slice(from).map((request) => request.method);
    expect(sent).toEqual(['GET', 'GET', 'POST']);
  });
});

describe('timeouts and cancellation', () => {
  it('fails with timeout when the sandbox is slower than timeoutMs', async () => {
    kustomer.sandbox.setFaults({ latencyMs: 400 });
    const error = await rejection(
      kustomer.client(undefined, { timeoutMs: 100, maxRetries: 0 }).getCustomer(ADA.id),
      'timeout',
    );
    expect(agentMessage(error)).toMatch(/did not answer within 1 s/);
  });

  it('fails with aborted, once, when the caller aborts mid-request', async () => {
    kustomer.sandbox.setFaults({ latencyMs: 1_500 });
    const from = kustomer.sandbox.requests.length;
    const started = Date.now();
    await rejection(kustomer.client().getCustomer(ADA.id, { signal: AbortSignal.timeout(50) }), 'aborted');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(requestsTo(kustomer.sandbox, 'GET', `/v1/customers/${ADA.id}`, from)).toHaveLength(1);
  });
});

describe('token refresh', () => {
  it('retries once with the new token when onUnauthorized refreshes it', async () => {
    let token = kustomer.sandbox.keys.expired;
    const onUnauthorized = vi.fn(async () => {
      token = kustomer.sandbox.keys.full;
      return true;
    });
    const client = kustomer.client(undefined, { getToken: async () => token, onUnauthorized });
    const note = await client.createConversationNote(ADA.openConversationId, { body: 'after refresh' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(kustomer.sandbox.store.notes.get(note.id)?.body).toBe('after refresh');
  });
});
