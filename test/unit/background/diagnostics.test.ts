import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  createDiagnostics,
  MAX_DIAGNOSTIC_EVENTS,
  MAX_DIAGNOSTIC_MESSAGE,
  scrub,
  toDiagnosticEvent,
} from '../../../lib/background/diagnostics';
import { diagnosticsItem } from '../../../lib/background/storage-items';
import { errorFromResponse, KustomerError } from '../../../lib/kustomer/errors';
import { ServiceError } from '../../../lib/service-error';

beforeEach(() => fakeBrowser.reset());

// Secrets shaped like the real ones: a Kustomer API key is a JWT; OAuth tokens are long opaque strings.
const API_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJvcmciOiI1ZjFhMGFkYSIsInJvbGVzIjpbIm9yZy5hZG1pbiJdfQ.c2lnbmF0dXJlLW9mLXRoZS1rZXk';
const ACCESS_TOKEN = 'ksbx_at_9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822c';
const SHORT_TOKEN = 'abc123XYZ';
const NOTE_BODY = 'Refund approved for order 5521, customer said the parcel arrived crushed';

describe('the diagnostics log', () => {
  it('keeps the newest 200 events, oldest first, in the order they were recorded', async () => {
    let clock = 0;
    const log = createDiagnostics(() => ++clock);
    for (let n = 0; n < MAX_DIAGNOSTIC_EVENTS + 30; n++) {
      log.record('lookup', `step ${n}`, new Error(`failure ${n}`));
      // Some events in the same turn, some after a write: both paths keep the order.
      if (n % 7 === 0) await Promise.resolve();
    }
    const events = await log.list();
    expect(events).toHaveLength(MAX_DIAGNOSTIC_EVENTS);
    expect(events[0]?.operation).toBe('step 30');
    expect(events.at(-1)?.operation).toBe(`step ${MAX_DIAGNOSTIC_EVENTS + 29}`);
    expect(events.map((event) => event.at)).toEqual([...events.map((event) => event.at)].sort((a, b) => a - b));
  });

  it('writes the events of one turn with one storage write, and batches do not overwrite each other', async () => {
    const log = createDiagnostics(() => 1);
    const writes = vi.spyOn(fakeBrowser.storage.session, 'set');
    for (let n = 0; n < 50; n++) log.record('outbox', `send ${n}`, new Error('offline'));
    await log.list();
    expect(writes).toHaveBeenCalledTimes(1);
    log.record('outbox', 'later', new Error('offline'));
    await log.list();
    // A restarted worker's log appends after what the stopped one stored.
    const restarted = createDiagnostics(() => 2);
    restarted.record('menus', 'create', new Error('duplicate id'));
    const events = await restarted.list();
    expect(events).toHaveLength(52);
    expect(events.at(-1)?.operation).toBe('create');
  });

  it('counts a failure that repeats the one before instead of storing it again', async () => {
    let clock = 100;
    const log = createDiagnostics(() => clock++);
    for (let n = 0; n < 40; n++) log.record('lookup', 'page lookup', errorFromResponse({ status: 401, body: {} }));
    log.record('lookup', 'page lookup', new Error('other'));
    const events = await log.list();
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ kind: 'unauthorized', status: 401, count: 40, at: 139 });
    expect(events[1]?.count).toBeUndefined();
  });

  it('clears, and answers an empty log after', async () => {
    const log = createDiagnostics();
    log.record('panel', 'open', new Error('No user gesture'));
    await log.clear();
    expect(await log.list()).toEqual([]);
    expect(await diagnosticsItem.getValue()).toEqual([]);
  });

  it('never throws, even when storage fails or the error is hostile', async () => {
    const log = createDiagnostics();
    const writes = vi.spyOn(fakeBrowser.storage.session, 'set').mockRejectedValue(new Error('QUOTA_BYTES exceeded'));
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('gotcha');
        },
      },
    );
    expect(() => log.record('storage', 'lock', hostile)).not.toThrow();
    expect(() => log.record('storage', 'lock', new Error('x'))).not.toThrow();
    expect(log.swallow('menus', 'create', 'fallback')(new Error('x'))).toBe('fallback');
    await expect(log.list()).resolves.toEqual([]);
    // The next batch is written once storage works again.
    writes.mockRestore();
    log.record('storage', 'lock', new Error('again'));
    expect(await log.list()).toHaveLength(1);
  });
});

describe('what an event may hold', () => {
  it('keeps kind, status, reason and host of a Kustomer error, and none of its answer text', () => {
    const error = errorFromResponse({
      status: 400,
      body: { errors: [{ status: 400, code: 'invalid', title: NOTE_BODY, detail: `body: ${NOTE_BODY}` }] },
      host: 'acme.api.kustomerapp.com',
    });
    const event = toDiagnosticEvent('outbox', 'send createNote', error, 5);
    expect(event).toEqual({
      at: 5,
      area: 'outbox',
      operation: 'send createNote',
      kind: 'validation',
      status: 400,
      host: 'acme.api.kustomerapp.com',
      message: 'Kustomer refused the request.',
    });
    const expired = toDiagnosticEvent('oauth', 'refresh', errorFromResponse({ status: 401, body: 'Token expired' }), 1);
    expect(expired).toMatchObject({ kind: 'unauthorized', status: 401, reason: 'expired' });
  });

  it('describes an ErrorInfo of a Kustomer kind from its facts, and keeps our own messages scrubbed', () => {
    const echoed = toDiagnosticEvent(
      'outbox',
      'send',
      new ServiceError({ kind: 'validation', status: 422, message: `Kustomer refused the body: ${NOTE_BODY}` }),
      1,
    );
    expect(echoed.message).not.toContain('Refund');
    const own = toDiagnosticEvent(
      'outbox',
      'send',
      new ServiceError({
        kind: 'refused',
        message: 'Written while connected to https://acme.api.kustomerapp.com/v1?x=1',
      }),
      1,
    );
    expect(own).toMatchObject({
      kind: 'refused',
      message: 'Written while connected to https://acme.api.kustomerapp.com',
    });
  });

  it('records browser errors and bugs with their text, and nothing of a thrown non-error', () => {
    expect(toDiagnosticEvent('detections', 'badge', new Error('No tab with id: 4.'), 1)).toMatchObject({
      kind: 'exception',
      message: 'Error: No tab with id: 4.',
    });
    expect(toDiagnosticEvent('menus', 'click', { apiKey: API_KEY, toString: () => API_KEY }, 1)).toMatchObject({
      kind: 'unknown',
      message: 'Not an error',
    });
  });

  it('stores no token, API key, Authorization header or note body, whatever carries them', async () => {
    const log = createDiagnostics();
    const withSecrets = new KustomerError({
      kind: 'server',
      status: 500,
      message: `Kustomer answered 500: Authorization: Bearer ${API_KEY} body ${NOTE_BODY}`,
      detail: NOTE_BODY,
      issues: [{ detail: NOTE_BODY, title: API_KEY }],
      cause: { headers: { authorization: `Bearer ${ACCESS_TOKEN}` }, body: NOTE_BODY },
    });
    Object.assign(withSecrets, { apiKey: API_KEY, body: NOTE_BODY, headers: { Authorization: `Bearer ${API_KEY}` } });
    log.record('outbox', 'send createNote', withSecrets);
    log.record('oauth', 'refresh', new Error(`token endpoint said: access_token=${ACCESS_TOKEN}&refresh_token=x`));
    log.record(
      'oauth',
      'refresh',
      new Error(`fetch https://user:${SHORT_TOKEN}@host.example/t?api_key=${SHORT_TOKEN}`),
    );
    log.record('lookup', 'hover', new Error(`Authorization: Bearer ${SHORT_TOKEN}`));
    log.record('lookup', 'basic', new Error(`Authorization: Basic ${SHORT_TOKEN}`));
    log.record('lookup', 'hover', new Error(`sent header "x-api-key": "${SHORT_TOKEN}"`));
    log.record('lookup', 'hover', new Error(`no such customer ada.lovelace@example.com, key ${API_KEY}`));
    log.record('outbox', 'send', { kind: 'validation', message: `Kustomer refused the body: ${NOTE_BODY}` });
    log.record('outbox', 'send', { kind: 'internal', message: 'x', detail: NOTE_BODY, body: NOTE_BODY });

    await log.list();
    const stored = JSON.stringify(await fakeBrowser.storage.session.get(null));
    expect(JSON.parse(stored).diagnostics, stored).toHaveLength(9);
    for (const secret of [API_KEY, ACCESS_TOKEN, SHORT_TOKEN, 'Refund approved', 'crushed', 'ada.lovelace']) {
      expect(stored, secret).not.toContain(secret);
    }
    for (const part of API_KEY.split('.')) expect(stored).not.toContain(part);
  });

  it.each([
    ['Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig', 'Bearer [redacted]'],
    ['Authorization: Bearer abc', 'Authorization [redacted]'],
    ['authorization=abcdef', 'authorization [redacted]'],
    ['"x-api-key": "abc"', '"x-api-key [redacted]"'],
    ['client_secret: s3cr3t', 'client_secret [redacted]'],
    ['code_verifier=xyz', 'code_verifier [redacted]'],
    ['see https://a.example/path/to?token=1#frag now', 'see https://a.example now'],
    ['mail bob@example.com please', 'mail [email] please'],
    ['id 5f1a0ada00000000000001a1 hex', 'id [redacted] hex'],
    ['No tab with id: 4.', 'No tab with id: 4.'],
  ])('scrubs %j to %j', (text, clean) => {
    expect(scrub(text)).toBe(clean);
  });

  it('cuts a long message short', () => {
    expect(scrub('word '.repeat(200))).toHaveLength(MAX_DIAGNOSTIC_MESSAGE);
  });
});
