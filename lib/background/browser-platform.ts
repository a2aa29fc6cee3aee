import { browser } from 'wxt/browser';
import type { Flavour } from '../kustomer/connection-target';
import { pushToPages, pushToTab } from '../messaging/push';
import type { Report } from './diagnostics';
import type { Platform } from './platform';

/**
 * Firefox's sidebar API (not in Chrome's types). Both calls must run synchronously inside a user action
 * (a menu click, a command, the toolbar button), like Chrome's `sidePanel.open`.
 */
interface SidebarAction {
  open(): Promise<void>;
  toggle(): Promise<void>;
}
const sidebarAction = () => (browser as unknown as { sidebarAction: SidebarAction }).sidebarAction;

/**
 * The real browser APIs behind {@link Platform}, for Chrome (and Edge) and Firefox. `browser` here is the
 * browser's own promise-based namespace (`chrome` on Chrome, `browser` on Firefox; see wxt.config.ts), so the
 * calls are the same; where Firefox differs, `import.meta.env.FIREFOX` (a build-time constant) picks the
 * branch, and the other browser's bundle does not carry it. docs/browsers.md lists the differences.
 */
export function browserPlatform(flavour: Flavour, report: Report): Platform {
  return {
    flavour,
    alarms: {
      create: (name, info) => browser.alarms.create(name, info),
      clear: (name) => browser.alarms.clear(name),
    },
    identity: {
      getRedirectURL: (path) => browser.identity.getRedirectURL(path),
      launchWebAuthFlow: (details) => browser.identity.launchWebAuthFlow(details),
    },
    badge: {
      setBadgeText: (details) => browser.action.setBadgeText(details),
      setBadgeBackgroundColor: (details) => browser.action.setBadgeBackgroundColor(details),
    },
    siteApis: {
      // WXT types `scripting` with its own wrapper; the object is the browser's, typed as Chrome documents it.
      scripting: browser.scripting as typeof chrome.scripting,
      permissions: browser.permissions,
      tabs: {
        query: (query) => browser.tabs.query(query),
        get: (tabId) => browser.tabs.get(tabId),
      },
    },
    fetch: (input, init) => globalThis.fetch(input, init),
    pushToPages: (event) => pushToPages(browser, event),
    pushToTab: (tabId, event) => pushToTab(browser, tabId, event),
    openPanel: (tabId) => {
      // Called without any await before it: both browsers only open the panel inside the user action.
      // Firefox has one sidebar per window, not per tab, and refuses outside a user action (a page click
      // relayed by the content script is not one): the panel then follows the intent once the agent opens it.
      (import.meta.env.FIREFOX ? sidebarAction().open() : browser.sidePanel.open({ tabId })).catch((error: unknown) =>
        report('panel', 'open', error),
      );
    },
  };
}

/** The toolbar button opens the panel: Chrome does it itself; Firefox's `action` toggles the sidebar. */
export function openPanelFromToolbar(): Promise<void> {
  if (import.meta.env.FIREFOX) {
    browser.action.onClicked.addListener(() => void sidebarAction().toggle());
    return Promise.resolve();
  }
  return browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
}
