import { describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import type { RequestHandlers } from '../../../lib/messaging/server';
import {
  handleRawMessage,
  MAX_REQUEST_BYTES,
  type MessageListener,
  type ServeOptions,
  serveRequests,
} from '../../../lib/messaging/server';

const self = { id: 'ourextensionid', origin: 'chrome-extension://ourextensionid' };
const panel: Runtime.MessageSender = { id: self.id, url: `${self.origin}/sidepanel.html` };
const contentScript: Runtime.MessageSender = {
  id: self.id,
  url: 'https://mail.example.com/inbox',
  tab: { id: 7, index: 0, highlighted: false, active: true, pinned: false, incognito: false },
  frameId: 0,
};

/** What the background's describeError does with a plain error, short: the server must answer with it. */
const describeError = (error: unknown) => ({
  kind: 'internal' as const,
  message: error instanceof Error ? error.message : 'not an error',
});

function options(overrides: Partial<RequestHandlers> = {}, extra: Partial<ServeOptions> = {}): ServeOptions {
  const handlers = new Proxy(overrides, {
    get: (target, key: string) =>
      (target as Record<string, unknown>)[key] ?? vi.fn().mockRejectedValue(new Error(`unexpected ${key}`)),
  }) as RequestHandlers;
  return { self, handlers, describeError, ...extra };
}

describe('handleRawMessage', () => {
  it('answers a valid request from the side panel with the handler result', async () => {
    const getSettings = vi.fn().mockResolvedValue({ paused: false });
    const response = await handleRawMessage({ type: 'getSettings', input: {} }, panel, options({ getSettings }));
    expect(response).toEqual({ ok: true, value: { paused: false } });
  });

  it('passes the validated, normalised input to the handler', async () => {
    const lookupEmail = vi.fn().mockResolvedValue(null);
    await handleRawMessage(
      { type: 'lookupEmail', input: { email: '  Ada@Example.COM ' } },
      panel,
      options({ lookupEmail }),
    );
    expect(lookupEmail.mock.calls[0]?.[0]).toEqual({ email: 'ada@example.com' });
  });

  it.each([
    ['another extension', { ...panel, id: 'someoneelse' }],
    ['a sender without an id', { url: 'https://evil.example/' }],
    ['a page of another extension', { id: self.id, url: 'chrome-extension://someoneelse/page.html' }],
    ['a frame without a tab', { id: self.id, url: 'https://evil.example/' }],
  ])('refuses %s', async (_, sender) => {
    const response = await handleRawMessage(
      { type: 'getSettings', input: {} },
      sender as Runtime.MessageSender,
      options(),
    );
    expect(response).toMatchObject({ ok: false, error: { kind: 'refused' } });
  });

  it('refuses a page-only request from a content script', async () => {
    const response = await handleRawMessage({ type: 'getConnections', input: {} }, contentScript, options());
    expect(response).toMatchObject({ ok: false, error: { kind: 'refused' } });
  });

  it('answers an options-page-only request from the options page alone, before any handler runs', async () => {
    const getDiagnostics = vi.fn().mockResolvedValue([]);
    const request = { type: 'getDiagnostics', input: {} };
    const optionsPage = { id: self.id, url: `${self.origin}/options.html` };
    expect(await handleRawMessage(request, optionsPage, options({ getDiagnostics }))).toEqual({ ok: true, value: [] });
    expect(
      await handleRawMessage(
        { ...request },
        { ...optionsPage, url: `${self.origin}/options.html#diagnostics` },
        options({ getDiagnostics }),
      ),
    ).toEqual({ ok: true, value: [] });
    for (const sender of [panel, contentScript, { id: self.id, url: `${self.origin}/sidepanel.html?options.html` }]) {
      expect(await handleRawMessage(request, sender, options({ getDiagnostics }))).toMatchObject({
        ok: false,
        error: { kind: 'refused' },
      });
    }
    expect(getDiagnostics).toHaveBeenCalledTimes(2);
  });

  it('lets the options page send what every page may send', async () => {
    const getSettings = vi.fn().mockResolvedValue({ paused: false });
    const optionsPage = { id: self.id, url: `${self.origin}/options.html` };
    const response = await handleRawMessage({ type: 'getSettings', input: {} }, optionsPage, options({ getSettings }));
    expect(response).toEqual({ ok: true, value: { paused: false } });
  });

  it('refuses a content script on a site where detection is not allowed', async () => {
    const response = await handleRawMessage(
      { type: 'pageEmailsDetected', input: { emails: ['a@b.co'], url: 'https://x.example/' } },
      contentScript,
      options({}, { allowContentScript: () => false }),
    );
    expect(response).toMatchObject({ ok: false, error: { kind: 'refused' } });
  });

  it.each([
    ['a string', 'getSettings'],
    ['null', null],
    ['an unknown type', { type: 'stealToken', input: {} }],
    ['a prototype key as type', { type: 'constructor', input: {} }],
    ['a missing input field', { type: 'lookupEmail', input: {} }],
    ['an extra input field', { type: 'getSettings', input: { apiKey: true } }],
    ['a wrong field type', { type: 'lookupEmail', input: { email: 42 } }],
    ['too many emails', { type: 'searchCustomers', input: { query: 'x'.repeat(300) } }],
  ])('rejects %s as an invalid message', async (_, raw) => {
    const response = await handleRawMessage(raw, panel, options());
    expect(response).toMatchObject({ ok: false, error: { kind: 'invalid_message' } });
  });

  it('rejects a request larger than the limit before validating it', async () => {
    const raw = { type: 'searchCustomers', input: { query: 'x'.repeat(MAX_REQUEST_BYTES) } };
    const response = await handleRawMessage(raw, panel, options());
    expect(response).toMatchObject({
      ok: false,
      error: { kind: 'invalid_message', message: 'The request is too large.' },
    });
  });

  it('lets push events through to other listeners without answering', async () => {
    expect(await handleRawMessage({ event: 'pageChanged', tabId: 1 }, panel, options())).toBeUndefined();
  });

  it('turns a handler error into the error info the UI shows', async () => {
    const getSettings = vi.fn().mockRejectedValue(new Error('boom'));
    const response = await handleRawMessage({ type: 'getSettings', input: {} }, panel, options({ getSettings }));
    expect(response).toEqual({ ok: false, error: { kind: 'internal', message: 'boom' } });
  });
});

describe('serveRequests', () => {
  function listen(serveOptions: ServeOptions): { listener: MessageListener; stop: () => void } {
    let registered: MessageListener | undefined;
    const removeListener = vi.fn();
    const stop = serveRequests({ addListener: (listener) => (registered = listener), removeListener }, serveOptions);
    if (!registered) throw new Error('no listener registered');
    const listener = registered;
    return {
      listener,
      stop: () => {
        stop();
        expect(removeListener).toHaveBeenCalledWith(listener);
      },
    };
  }

  it('answers through sendResponse and keeps the channel open, as Chrome requires without the polyfill', async () => {
    const getSettings = vi.fn().mockResolvedValue({ paused: true });
    const { listener, stop } = listen(options({ getSettings }));
    const sendResponse = vi.fn();
    expect(listener({ type: 'getSettings', input: {} }, panel, sendResponse)).toBe(true);
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalledWith({ ok: true, value: { paused: true } }));
    stop();
  });

  it('leaves push events to the pages listening for them: no answer, channel closed', () => {
    const { listener } = listen(options());
    const sendResponse = vi.fn();
    expect(listener({ event: 'pageChanged', tabId: 1 }, panel, sendResponse)).toBe(false);
    expect(sendResponse).not.toHaveBeenCalled();
  });

  it('answers a refused sender too, so its promise settles instead of hanging', async () => {
    const { listener } = listen(options());
    const sendResponse = vi.fn();
    listener({ type: 'getSettings', input: {} }, { url: 'https://evil.example/' }, sendResponse);
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalledWith(expect.objectContaining({ ok: false })));
  });
});
