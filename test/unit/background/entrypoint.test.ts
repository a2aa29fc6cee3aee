import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../../entrypoints/background';
import { connectionKeys } from '../../../lib/background/connections';
import { answerAfter } from '../../../lib/background/connections-upgrade';
import { MENU_ITEMS } from '../../../lib/background/context-menus';
import { idleScripting } from './helpers';

/**
 * The browser APIs the entrypoint reaches that fakeBrowser lacks or leaves unimplemented, set on `browser`
 * (the background calls the browser's own namespace, `browser` from wxt/browser) and on `chrome` alike.
 */
function stubChrome() {
  const chromeStub = {
    storage: {
      local: { setAccessLevel: vi.fn().mockResolvedValue(undefined) },
      session: { setAccessLevel: vi.fn().mockResolvedValue(undefined) },
    },
    contextMenus: {
      removeAll: vi.fn().mockResolvedValue(undefined),
      create: vi.fn(),
      onClicked: { addListener: vi.fn() },
    },
    commands: { onCommand: { addListener: vi.fn() } },
    scripting: idleScripting(),
    sidePanel: { open: vi.fn().mockResolvedValue(undefined) },
  };
  vi.stubGlobal('chrome', chromeStub);
  const fake = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
  Object.assign(fake.storage?.local ?? {}, { setAccessLevel: chromeStub.storage.local.setAccessLevel });
  Object.assign(fake.storage?.session ?? {}, { setAccessLevel: chromeStub.storage.session.setAccessLevel });
  Object.assign(fake, {
    contextMenus: chromeStub.contextMenus,
    commands: chromeStub.commands,
    scripting: chromeStub.scripting,
  });
  vi.stubGlobal('__KS_FLAVOUR__', 'test');
  return chromeStub;
}

describe('background entrypoint', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.unstubAllGlobals();
  });

  it('locks storage to trusted contexts before anything else', () => {
    const chromeStub = stubChrome();
    (fakeBrowser as unknown as { sidePanel: unknown }).sidePanel = {
      setPanelBehavior: vi.fn().mockResolvedValue(undefined),
    };
    background.main();
    expect(chromeStub.storage.local.setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
    expect(chromeStub.storage.session.setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
  });

  it('makes the toolbar button open the side panel', () => {
    stubChrome();
    const setPanelBehavior = vi.fn().mockResolvedValue(undefined);
    (fakeBrowser as unknown as { sidePanel: unknown }).sidePanel = { setPanelBehavior };
    background.main();
    expect(setPanelBehavior).toHaveBeenCalledWith({ openPanelOnActionClick: true });
  });

  it('creates the context menus when installed, and listens for clicks and commands at start', async () => {
    const chromeStub = stubChrome();
    (fakeBrowser as unknown as { sidePanel: unknown }).sidePanel = {
      setPanelBehavior: vi.fn().mockResolvedValue(undefined),
    };
    background.main();
    expect(chromeStub.contextMenus.onClicked.addListener).toHaveBeenCalledOnce();
    expect(chromeStub.commands.onCommand.addListener).toHaveBeenCalledOnce();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await vi.waitFor(() => expect(chromeStub.contextMenus.create).toHaveBeenCalledTimes(MENU_ITEMS.length));
  });

  it('creates the context menus again when the browser starts (a restored profile or an update may drop them)', async () => {
    const chromeStub = stubChrome();
    (fakeBrowser as unknown as { sidePanel: unknown }).sidePanel = {
      setPanelBehavior: vi.fn().mockResolvedValue(undefined),
    };
    background.main();
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(() => expect(chromeStub.contextMenus.create).toHaveBeenCalledTimes(MENU_ITEMS.length));
    expect(chromeStub.contextMenus.removeAll).toHaveBeenCalledOnce();
  });

  it('records what fails at start instead of swallowing it: menus, the panel behaviour, the storage lock', async () => {
    const chromeStub = stubChrome();
    chromeStub.contextMenus.removeAll.mockRejectedValue(new Error('Cannot create item with duplicate id'));
    chromeStub.storage.local.setAccessLevel.mockRejectedValue(new Error('setAccessLevel is not available'));
    (fakeBrowser as unknown as { sidePanel: unknown }).sidePanel = {
      setPanelBehavior: vi.fn().mockRejectedValue(new Error('sidePanel unavailable')),
    };
    background.main();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await vi.waitFor(async () => {
      const { diagnostics } = await fakeBrowser.storage.session.get('diagnostics');
      expect(
        (diagnostics as { area: string; operation: string }[])
          .map((event) => `${event.area} ${event.operation}`)
          .sort(),
      ).toEqual(['menus create', 'panel behaviour', 'storage lock']);
    });
  });

  it('answers requests from its own pages', async () => {
    stubChrome();
    (fakeBrowser as unknown as { sidePanel: unknown }).sidePanel = {
      setPanelBehavior: vi.fn().mockResolvedValue(undefined),
    };
    background.main();
    const sendResponse = vi.fn();
    const [keepsChannelOpen] = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'getConnections', input: {} },
      { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/sidepanel.html` },
      sendResponse,
    );
    expect(keepsChannelOpen).toBe(true);
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalledWith({ ok: true, value: [] }));
  });
});

/** A profile as the single-connection version saved it (storage.local). */
const legacyProfile = {
  connection: {
    method: 'apiKey',
    target: { kind: 'org', org: 'acme' },
    baseUrl: 'https://acme.api.kustomerapp.com',
    appUrl: 'https://acme.kustomerapp.com',
    orgName: 'acme',
  },
  credentials: { method: 'apiKey', apiKey: 'key-of-acme' },
  drafts: { 'note:v1': { text: 'half a sentence', updatedAt: 4 } },
  panelMemory: { recent: [{ id: 'c1', name: 'Ada', viewedAt: 3 }], lastScreen: { name: 'customer', customerId: 'c1' } },
  outbox: [
    {
      id: 'w1',
      request: { kind: 'createNote', customerId: 'c1', conversationId: 'v1', body: 'queued' },
      state: 'queued',
      attempts: 0,
      createdAt: 5,
      destination: 'https://acme.api.kustomerapp.com',
    },
  ],
};

async function ask(type: string): Promise<unknown> {
  const sendResponse = vi.fn();
  await fakeBrowser.runtime.onMessage.trigger(
    { type, input: {} },
    { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/sidepanel.html` },
    sendResponse,
  );
  await vi.waitFor(() => expect(sendResponse).toHaveBeenCalled());
  return sendResponse.mock.calls[0]?.[0];
}

function startWorker(): void {
  stubChrome();
  // No Kustomer here: the resumed outbox's attempt fails at once instead of reaching the network.
  vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
  (fakeBrowser as unknown as { sidePanel: unknown }).sidePanel = {
    setPanelBehavior: vi.fn().mockResolvedValue(undefined),
  };
  background.main();
}

describe('the upgrade at worker start (issue 18)', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.unstubAllGlobals();
  });

  it('turns the saved connection into org-0 with its drafts, recent customers and outbox, then answers', async () => {
    await fakeBrowser.storage.local.set(legacyProfile);
    startWorker();
    const answer = (await ask('getConnections')) as { ok: boolean; value: { id: string; state: string }[] };
    expect(answer.value.map((org) => [org.id, org.state])).toEqual([['org-0', 'connected']]);
    const keys = connectionKeys('org-0');
    const stored = await fakeBrowser.storage.local.get(null);
    expect(stored[keys.drafts.slice('local:'.length)]).toEqual(legacyProfile.drafts);
    expect(stored[keys.panelMemory.slice('local:'.length)]).toEqual(legacyProfile.panelMemory);
    expect((stored.outbox as { connectionId?: string }[]).map((item) => item.connectionId)).toEqual(['org-0']);
    expect(
      Object.keys(stored).filter((key) => ['connection', 'credentials', 'drafts', 'panelMemory'].includes(key)),
    ).toEqual([]);
  });

  it('leaves storage as it is on the next start', async () => {
    await fakeBrowser.storage.local.set(legacyProfile);
    startWorker();
    await ask('getConnections');
    // The outbox goes on with its own work (the resumed attempt): the upgrade's keys are what must not move.
    const upgradeKeys = async () => {
      const { outbox, ...rest } = await fakeBrowser.storage.local.get(null);
      return { ...rest, stamps: (outbox as { connectionId?: string }[]).map((item) => item.connectionId) };
    };
    const after = await upgradeKeys();
    startWorker();
    await ask('getConnections');
    expect(await upgradeKeys()).toEqual(after);
  });

  it('records a failed upgrade and still answers (nothing of the old profile is removed)', async () => {
    await fakeBrowser.storage.local.set(legacyProfile);
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
      if (Object.keys(items).some((key) => key.startsWith('conn.'))) throw new Error('QUOTA_BYTES quota exceeded');
      return set(items);
    });
    startWorker();
    expect(await ask('getConnections')).toEqual({ ok: true, value: [] });
    const { diagnostics } = await fakeBrowser.storage.session.get('diagnostics');
    expect(
      (diagnostics as { area: string; operation: string }[]).map((event) => `${event.area} ${event.operation}`),
    ).toContain('storage upgrade');
    const stored = await fakeBrowser.storage.local.get(['connection', 'credentials', 'drafts', 'outbox']);
    expect(stored).toEqual({
      connection: legacyProfile.connection,
      credentials: legacyProfile.credentials,
      drafts: legacyProfile.drafts,
      outbox: legacyProfile.outbox,
    });
  });
});

describe('answerAfter', () => {
  it('answers a request only once the upgrade settled, failed or not', async () => {
    let finish: (value: unknown) => void = () => undefined;
    const ready = new Promise((resolve, reject) => {
      finish = (value) => (value instanceof Error ? reject(value) : resolve(value));
    });
    const handle = vi.fn(async (input: number) => input * 2);
    const waiting = answerAfter(ready, { handle });
    const answer = waiting.handle(21);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(handle).not.toHaveBeenCalled();
    finish(new Error('upgrade failed'));
    expect(await answer).toBe(42);
  });
});
