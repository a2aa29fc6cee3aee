import { t } from '../i18n/t';
import type { Settings } from '../messaging/model';
import { ServiceError } from '../service-error';
import { originOf, sameOrigin } from '../url';
import type { Report } from './diagnostics';
import type { RegisteredScript, SiteAccessApis } from './platform';
import type { SettingsService } from './settings';
import { runOnceTabsItem } from './storage-items';

/** Id of the one dynamic content-script registration that covers every enabled site. */
export const CONTENT_SCRIPT_ID = 'kustomer-detect';
/** The content script's file in the build (WXT, `registration: 'runtime'`). */
export const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';

export interface SiteAccessDeps {
  apis: SiteAccessApis;
  settings: Pick<SettingsService, 'get' | 'replace'>;
  /** Tells a tab's content script to stop and remove its highlights. */
  stopDetection: (tabId: number) => Promise<void>;
  /** The diagnostics log: tab and permission calls whose failure does not stop the change. */
  report?: Report;
}

export interface SiteAccess {
  enableSite(origin: string): Promise<Settings>;
  disableSite(origin: string): Promise<Settings>;
  /** Injects detection once into a tab (activeTab or a granted host). */
  runOnTab(tabId: number): Promise<void>;
  /** Makes the registration match the settings (worker start, pause switched). */
  sync(settings: Settings): Promise<void>;
  /** Called when settings change: pausing stops detection in every tab. */
  settingsChanged(next: Settings, previous: Settings): Promise<void>;
  /** A tab closed: its run-once grant goes with it. */
  tabClosed(tabId: number): Promise<void>;
  /** A tab's URL changed: a run-once grant ends when the tab leaves the origin it was given for (as activeTab does). */
  navigated(tabId: number, url: string): Promise<void>;
  /** The content-script check of the message server. */
  allowContentScript(sender: { tab?: { id?: number; url?: string }; url?: string; origin?: string }): Promise<boolean>;
  /** Whether detection runs on a tab (an enabled site, or run once on this origin of the tab). */
  detectionActive(tabId: number, url: string | undefined): Promise<boolean>;
}

/** Why "Scan this page once" failed: Chrome gave the extension no access to the page (issue 17, bug 2). */
export const NO_ACCESS = 'Chrome has not let the extension read this page.';

/** Match pattern of every page of an origin. */
export function originPattern(origin: string): string {
  return `${origin}/*`;
}

/**
 * Match pattern to run the content script (and find tabs) on an origin. Firefox's match patterns have no port:
 * one with a port is accepted but never matches, so there it names the host, every port; the message server
 * still answers only the origin the agent turned on (`allowContentScript`). Chrome matches the port.
 */
export function scriptPattern(origin: string, firefox: boolean = import.meta.env.FIREFOX): string {
  return firefox ? originPattern(origin.replace(/:\d+$/, '')) : originPattern(origin);
}

/**
 * Detection on the sites the agent turned on (one persistent registration), or once on a tab. Site access
 * owns both facts: the enabled sites (in settings) and the tabs run once (`runOnceTabsItem`).
 */
export function createSiteAccess(deps: SiteAccessDeps): SiteAccess {
  const { scripting, permissions, tabs } = deps.apis;
  const swallow =
    <T>(operation: string, fallback: T) =>
    (error: unknown) => {
      deps.report?.('site-access', operation, error);
      return fallback;
    };

  async function sync(settings: Settings): Promise<void> {
    const existing = await scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] });
    const matches = settings.enabledSites.map((origin) => scriptPattern(origin));
    if (settings.paused || matches.length === 0) {
      if (existing.length > 0) await scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
      return;
    }
    const script: RegisteredScript = {
      id: CONTENT_SCRIPT_ID,
      matches,
      js: [CONTENT_SCRIPT_FILE],
      // The content script puts the overlay's host in before the page's first layout, then waits for the
      // parsed document to scan it (entrypoints/content.ts).
      runAt: 'document_start',
      allFrames: true,
      persistAcrossSessions: true,
    };
    if (existing.length > 0) await scripting.updateContentScripts([script]);
    else await scripting.registerContentScripts([script]);
  }

  async function stopTabs(tabIds: number[]): Promise<void> {
    await Promise.all(tabIds.map((tabId) => deps.stopDetection(tabId).catch(swallow('stop tab', undefined))));
  }

  /** Whether the agent ran detection once on the tab, on the origin of `url` when it is known. */
  async function ranOnce(tabId: number, url: string | undefined): Promise<boolean> {
    const grant = (await runOnceTabsItem.getValue())[String(tabId)];
    if (grant === undefined) return false;
    return grant === '' || url === undefined || sameOrigin(grant, url);
  }

  function forgetGrant(tabId: number): Promise<unknown> {
    return runOnceTabsItem.update((grants) => {
      const { [String(tabId)]: _gone, ...kept } = grants;
      return kept;
    });
  }

  /** The tabs detection may run in: those run once and those on a site turned on. */
  async function detectionTabs(sites: string[]): Promise<number[]> {
    const runOnce = Object.keys(await runOnceTabsItem.getValue()).map(Number);
    const onSites =
      sites.length === 0
        ? []
        : await tabs.query({ url: sites.map((origin) => scriptPattern(origin)) }).catch(swallow('query tabs', []));
    const ids = onSites.map((tab) => tab.id).filter((id): id is number => id !== undefined);
    return [...new Set([...runOnce, ...ids])];
  }

  const inject = (tabId: number) =>
    scripting.executeScript({ target: { tabId, allFrames: true }, files: [CONTENT_SCRIPT_FILE] });

  async function tabsOf(origin: string): Promise<number[]> {
    const found = await tabs.query({ url: scriptPattern(origin) }).catch(swallow('query tabs', []));
    return found.map((tab) => tab.id).filter((id): id is number => id !== undefined);
  }

  return {
    async enableSite(origin) {
      // The side panel requests the permission in its click handler (a user gesture the worker lacks).
      if (!(await permissions.contains({ origins: [originPattern(origin)] }))) {
        throw new ServiceError({ kind: 'refused', message: t('error.service.siteNotAllowed', { origin }) });
      }
      const current = await deps.settings.get();
      const next = current.enabledSites.includes(origin)
        ? current
        : { ...current, enabledSites: [...current.enabledSites, origin].sort() };
      await sync(next);
      const saved = await deps.settings.replace(next);
      // The registration covers pages loaded from now on; the site's open pages are scanned now (bug 3).
      for (const tabId of await tabsOf(origin)) await inject(tabId).catch(swallow('inject', 0));
      return saved;
    },
    async disableSite(origin) {
      const current = await deps.settings.get();
      const next = { ...current, enabledSites: current.enabledSites.filter((site) => site !== origin) };
      await sync(next);
      const saved = await deps.settings.replace(next);
      // Find the site's tabs while the host permission still lets tabs.query match their URLs.
      const openTabs = await tabsOf(origin);
      await permissions.remove({ origins: [originPattern(origin)] }).catch(swallow('remove permission', false));
      await stopTabs(openTabs);
      return saved;
    },
    async runOnTab(tabId) {
      const settings = await deps.settings.get();
      if (settings.paused) throw new ServiceError({ kind: 'refused', message: t('error.service.detectionPaused') });
      // Without activeTab or a host permission the tab's URL is hidden; executeScript then says why.
      const { url } = await tabs.get(tabId);
      if (url !== undefined && !/^https?:/.test(url)) {
        throw new ServiceError({ kind: 'refused', message: t('error.service.webPagesOnly') });
      }
      await runOnceTabsItem.update((grants) => ({ ...grants, [tabId]: url ?? '' }));
      // Chrome's own words ("Cannot access contents of the page…") are not the agent's; the panel says what works.
      await inject(tabId).catch(() => {
        throw new ServiceError({ kind: 'refused', message: NO_ACCESS });
      });
    },
    sync,
    async settingsChanged(next, previous) {
      if (next.paused !== previous.paused || next.enabledSites.join() !== previous.enabledSites.join())
        await sync(next);
      if (next.paused && !previous.paused) {
        await stopTabs(await detectionTabs([...new Set([...previous.enabledSites, ...next.enabledSites])]));
      }
    },
    async tabClosed(tabId) {
      if ((await runOnceTabsItem.getValue())[String(tabId)] !== undefined) await forgetGrant(tabId);
    },
    async navigated(tabId, url) {
      const grant = (await runOnceTabsItem.getValue())[String(tabId)];
      // '' = run while Chrome hid the URL: any navigation may leave the origin, so the grant ends.
      if (grant !== undefined && (grant === '' || !sameOrigin(grant, url))) await forgetGrant(tabId);
    },
    async allowContentScript(sender) {
      const settings = await deps.settings.get();
      if (settings.paused) return false;
      const origins = [originOf(sender.url) ?? sender.origin, originOf(sender.tab?.url)];
      if (origins.some((origin) => origin && settings.enabledSites.includes(origin))) return true;
      const tabId = sender.tab?.id;
      // The tab's address, not the frame's: a run once covers the tab's frames of any origin.
      return tabId !== undefined && (await ranOnce(tabId, sender.tab?.url));
    },
    async detectionActive(tabId, url) {
      const settings = await deps.settings.get();
      if (settings.paused) return false;
      const tabUrl = url ?? (await tabs.get(tabId).catch(swallow('tab url', { url: undefined }))).url;
      const origin = originOf(tabUrl);
      if (origin && settings.enabledSites.includes(origin)) return true;
      return ranOnce(tabId, tabUrl);
    },
  };
}
