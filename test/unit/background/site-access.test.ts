import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPageDetections } from '../../../lib/background/page-detections';
import { createSettingsService } from '../../../lib/background/settings';
import {
  CONTENT_SCRIPT_FILE,
  CONTENT_SCRIPT_ID,
  createSiteAccess,
  NO_ACCESS,
  scriptPattern,
} from '../../../lib/background/site-access';
import { settingsItem } from '../../../lib/background/storage-items';
import type { PageEmail } from '../../../lib/messaging/model';

const SITE = 'https://mail.example.com';

function setup(options: { granted?: boolean; tabs?: Record<number, string> } = {}) {
  const registered = new Map<
    string,
    { id: string; matches?: string[]; js?: string[]; persistAcrossSessions?: boolean }
  >();
  const tabUrls: Record<number, string> = options.tabs ?? { 5: `${SITE}/inbox` };
  const apis = {
    scripting: {
      getRegisteredContentScripts: vi.fn(async () => [...registered.values()]),
      registerContentScripts: vi.fn(async (scripts: { id: string }[]) => {
        for (const script of scripts) registered.set(script.id, script);
      }),
      updateContentScripts: vi.fn(async (scripts: { id: string }[]) => {
        for (const script of scripts) registered.set(script.id, script);
      }),
      unregisterContentScripts: vi.fn(async () => registered.clear()),
      executeScript: vi.fn().mockResolvedValue([]),
    },
    permissions: {
      contains: vi.fn(async () => options.granted ?? true),
      remove: vi.fn(async () => true),
    },
    tabs: {
      query: vi.fn(async ({ url }: { url?: string | string[] }) =>
        Object.entries(tabUrls)
          .filter(([, tabUrl]) => [url ?? []].flat().some((pattern) => tabUrl.startsWith(pattern.replace('/*', ''))))
          .map(([id]) => ({ id: Number(id) })),
      ),
      get: vi.fn(async (tabId: number) => ({ id: tabId, url: tabUrls[tabId] })),
    },
  };
  const stopDetection = vi.fn(async (_tabId: number) => undefined);
  const lookupMany = vi.fn(async (emails: readonly string[]) =>
    emails.map((email): PageEmail => ({ email, status: email.startsWith('ada') ? 'known' : 'unknown' })),
  );
  const badge = { setBadgeText: vi.fn(), setBadgeBackgroundColor: vi.fn() };
  const pageChanged = vi.fn(async () => undefined);
  // Built in the order of services.ts: each from the ones it depends on.
  const settings = createSettingsService();
  const siteAccess = createSiteAccess({ apis, settings, stopDetection });
  settings.subscribe(siteAccess.settingsChanged);
  const detections = createPageDetections({
    lookup: { lookupMany },
    badge,
    pageChanged,
    knownEmails: vi.fn(async () => undefined),
    detectionActive: siteAccess.detectionActive,
    tabUrl: async (tabId) => (await apis.tabs.get(tabId)).url,
  });
  return { apis, registered, siteAccess, settings, detections, stopDetection, badge, pageChanged };
}

beforeEach(() => fakeBrowser.reset());

describe('turning detection on for a site', () => {
  it('registers one persistent content script for every enabled site', async () => {
    const { siteAccess, registered } = setup();
    await siteAccess.enableSite(SITE);
    const settings = await siteAccess.enableSite('https://crm.example.org');
    expect(settings.enabledSites).toEqual(['https://crm.example.org', SITE]);
    expect([...registered.values()]).toEqual([
      {
        id: CONTENT_SCRIPT_ID,
        matches: ['https://crm.example.org/*', `${SITE}/*`],
        js: [CONTENT_SCRIPT_FILE],
        runAt: 'document_start',
        allFrames: true,
        persistAcrossSessions: true,
      },
    ]);
  });

  it('refuses a site whose host permission was not granted', async () => {
    const { siteAccess, apis } = setup({ granted: false });
    await expect(siteAccess.enableSite(SITE)).rejects.toMatchObject({ info: { kind: 'refused' } });
    expect(apis.permissions.contains).toHaveBeenCalledWith({ origins: [`${SITE}/*`] });
    expect((await settingsItem.getValue()).enabledSites).toEqual([]);
  });

  it('turning a site off unregisters it, gives the permission back and stops its open tabs', async () => {
    const { siteAccess, registered, apis, stopDetection } = setup({
      tabs: { 5: `${SITE}/inbox`, 6: 'https://other.example/' },
    });
    await siteAccess.enableSite(SITE);
    const settings = await siteAccess.disableSite(SITE);
    expect(settings.enabledSites).toEqual([]);
    expect(registered.size).toBe(0);
    expect(apis.permissions.remove).toHaveBeenCalledWith({ origins: [`${SITE}/*`] });
    expect(stopDetection.mock.calls).toEqual([[5]]);
    // Tabs were looked up while the permission still let tabs.query see their URLs.
    expect(apis.tabs.query.mock.invocationCallOrder[0]).toBeLessThan(
      apis.permissions.remove.mock.invocationCallOrder[0] ?? 0,
    );
  });

  it('the global pause unregisters the script and stops every detecting tab; resuming restores it', async () => {
    const { siteAccess, settings, registered, stopDetection } = setup({
      tabs: { 5: `${SITE}/inbox`, 7: 'https://shop.example/orders', 9: 'https://other.example/' },
    });
    await siteAccess.enableSite(SITE);
    await siteAccess.runOnTab(7);
    await settings.update({ paused: true });
    expect(registered.size).toBe(0);
    expect(stopDetection.mock.calls.map(([tabId]) => tabId).sort()).toEqual([5, 7]);
    expect(await siteAccess.allowContentScript({ tab: { id: 5 }, url: `${SITE}/inbox` })).toBe(false);
    await settings.update({ paused: false });
    expect(registered.get(CONTENT_SCRIPT_ID)?.matches).toEqual([`${SITE}/*`]);
  });
});

describe('which content scripts may talk to the background', () => {
  it.each([
    ['a frame of an enabled site', { tab: { id: 5 }, url: `${SITE}/inbox` }, true],
    ['a frame inside an enabled site’s page', { tab: { id: 5, url: `${SITE}/inbox` }, url: 'about:blank' }, true],
    ['a page of another site', { tab: { id: 9 }, url: 'https://evil.example/' }, false],
  ])('%s → %s', async (_name, sender, allowed) => {
    const { siteAccess } = setup();
    await siteAccess.enableSite(SITE);
    expect(await siteAccess.allowContentScript(sender)).toBe(allowed);
  });

  it('a tab where detection was run once, until it leaves the origin', async () => {
    const { siteAccess, apis } = setup({ tabs: { 8: 'https://shop.example/orders' } });
    await siteAccess.runOnTab(8);
    expect(apis.scripting.executeScript).toHaveBeenCalledWith({
      target: { tabId: 8, allFrames: true },
      files: [CONTENT_SCRIPT_FILE],
    });
    expect(await siteAccess.allowContentScript({ tab: { id: 8 }, url: 'https://shop.example/orders' })).toBe(true);
    await siteAccess.navigated(8, 'https://shop.example/orders/2');
    expect(await siteAccess.allowContentScript({ tab: { id: 8 }, url: 'https://shop.example/orders/2' })).toBe(true);
    await siteAccess.navigated(8, 'https://elsewhere.example/');
    expect(await siteAccess.allowContentScript({ tab: { id: 8 }, url: 'https://elsewhere.example/' })).toBe(false);
    expect(await siteAccess.detectionActive(8, 'https://elsewhere.example/')).toBe(false);
  });

  it('a run once covers the origin it was given for, even before Chrome reports the navigation', async () => {
    const { siteAccess } = setup({ tabs: { 8: 'https://shop.example/orders' } });
    await siteAccess.runOnTab(8);
    const elsewhere = { id: 8, url: 'https://elsewhere.example/' };
    expect(await siteAccess.allowContentScript({ tab: elsewhere, url: elsewhere.url })).toBe(false);
    // A frame of another origin inside the tab run once is covered: the grant is the tab's.
    const shop = { id: 8, url: 'https://shop.example/orders' };
    expect(await siteAccess.allowContentScript({ tab: shop, url: 'https://widgets.example/frame' })).toBe(true);
  });

  it('a run once ends when its tab closes', async () => {
    const { siteAccess } = setup({ tabs: { 8: 'https://shop.example/orders' } });
    await siteAccess.runOnTab(8);
    await siteAccess.tabClosed(8);
    expect(await siteAccess.allowContentScript({ tab: { id: 8 }, url: 'https://shop.example/orders' })).toBe(false);
  });

  it('a tab run once before its URL was visible is allowed until it navigates', async () => {
    const { siteAccess, detections } = setup({ tabs: {} });
    await siteAccess.runOnTab(4);
    await detections.report(4, 0, 'https://shop.example/orders', ['ada@example.com']);
    expect(await siteAccess.allowContentScript({ tab: { id: 4 }, url: 'https://shop.example/orders' })).toBe(true);
    await siteAccess.navigated(4, 'https://shop.example/orders/2');
    expect(await siteAccess.allowContentScript({ tab: { id: 4 }, url: 'https://shop.example/orders/2' })).toBe(false);
  });

  it('run once refuses pages that are not http(s)', async () => {
    const { siteAccess } = setup({ tabs: { 3: 'chrome://extensions' } });
    await expect(siteAccess.runOnTab(3)).rejects.toMatchObject({ info: { kind: 'refused' } });
  });
});

describe('addresses detected on a page', () => {
  it('answers which are known, shows their count on the tab’s badge and tells the panel', async () => {
    const { detections, badge, pageChanged } = setup();
    const answer = await detections.report(5, 0, `${SITE}/inbox`, ['ada@example.com', 'nobody@example.net']);
    expect(answer).toEqual({ known: ['ada@example.com'], ignored: [] });
    expect(badge.setBadgeText).toHaveBeenLastCalledWith({ tabId: 5, text: '1' });
    expect(pageChanged).toHaveBeenCalledWith(5);
  });

  it('keeps the addresses of every frame of a tab', async () => {
    const { detections, siteAccess } = setup();
    await siteAccess.enableSite(SITE);
    await detections.report(5, 0, `${SITE}/inbox`, ['ada@example.com']);
    await detections.report(5, 3, `${SITE}/inbox`, ['ada.two@example.com', 'zoe@example.net']);
    const page = await detections.pageCustomers(5);
    expect(page.detectionActive).toBe(true);
    expect(page.emails.map((entry) => [entry.email, entry.status])).toEqual([
      ['ada@example.com', 'known'],
      ['ada.two@example.com', 'known'],
      ['zoe@example.net', 'unknown'],
    ]);
  });

  it('gives the page address of a tab that reported nothing yet, so the panel can offer to turn detection on', async () => {
    const { detections } = setup();
    expect(await detections.pageCustomers(5)).toEqual({
      tabId: 5,
      url: `${SITE}/inbox`,
      detectionActive: false,
      emails: [],
    });
  });

  it('forgets a closed tab and clears its badge', async () => {
    const { detections, badge } = setup();
    await detections.report(5, 0, `${SITE}/inbox`, ['ada@example.com']);
    await detections.forget(5);
    expect(badge.setBadgeText).toHaveBeenLastCalledWith({ tabId: 5, text: '' });
    expect((await detections.pageCustomers(5)).emails).toEqual([]);
  });
});

describe('the pattern the content script is registered with', () => {
  it('keeps the port on Chrome, which matches it', () => {
    expect(scriptPattern('http://127.0.0.1:4010', false)).toBe('http://127.0.0.1:4010/*');
    expect(scriptPattern('https://mail.example.com', false)).toBe('https://mail.example.com/*');
  });

  it('drops the port on Firefox, whose match patterns never match one that names a port', () => {
    expect(scriptPattern('http://127.0.0.1:4010', true)).toBe('http://127.0.0.1/*');
    expect(scriptPattern('https://mail.example.com:8443', true)).toBe('https://mail.example.com/*');
    expect(scriptPattern('https://mail.example.com', true)).toBe('https://mail.example.com/*');
  });

  it('is the Chrome pattern in the Chrome build (the one unit tests run)', () => {
    expect(scriptPattern('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010/*');
  });
});

describe('issue 17: the page already open, and a page Chrome keeps from the extension', () => {
  it('scans the site’s open tabs when detection is turned on for it, and no other site’s (bug 3)', async () => {
    const { siteAccess, apis } = setup({
      tabs: { 5: `${SITE}/inbox`, 6: `${SITE}/sent`, 9: 'https://other.example/' },
    });
    await siteAccess.enableSite(SITE);
    expect(apis.scripting.executeScript.mock.calls.map(([injection]) => injection)).toEqual([
      { target: { tabId: 5, allFrames: true }, files: [CONTENT_SCRIPT_FILE] },
      { target: { tabId: 6, allFrames: true }, files: [CONTENT_SCRIPT_FILE] },
    ]);
  });

  it('still turns the site on when one open tab cannot be scanned (bug 3)', async () => {
    const { siteAccess, apis } = setup({ tabs: { 5: `${SITE}/inbox`, 6: `${SITE}/sent` } });
    apis.scripting.executeScript.mockRejectedValueOnce(new Error('Frame with ID 0 is showing error page'));
    const settings = await siteAccess.enableSite(SITE);
    expect(settings.enabledSites).toEqual([SITE]);
    expect(apis.scripting.executeScript).toHaveBeenCalledTimes(2);
  });

  it('says in an agent’s words that Chrome gave no access, without Chrome’s message (bug 2)', async () => {
    const { siteAccess, apis } = setup({ tabs: {} });
    apis.scripting.executeScript.mockRejectedValueOnce(
      new Error(
        'Cannot access contents of the page. Extension manifest must request permission to access the respective host.',
      ),
    );
    await expect(siteAccess.runOnTab(12)).rejects.toMatchObject({ info: { kind: 'refused', message: NO_ACCESS } });
    expect(NO_ACCESS).not.toMatch(/Cannot access|manifest|turn detection on/i);
  });
});
