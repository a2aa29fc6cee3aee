import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../../entrypoints/background';
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
