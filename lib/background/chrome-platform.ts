import { browser } from 'wxt/browser';
import type { Flavour } from '../kustomer/connection-target';
import { pushToPages, pushToTab } from '../messaging/push';
import type { Report } from './diagnostics';
import type { Platform } from './services';

/** The real browser APIs behind {@link Platform}; `chrome.*` where webextension-polyfill has no types. */
export function chromePlatform(flavour: Flavour, report: Report): Platform {
  return {
    flavour,
    alarms: {
      create: (name, info) => browser.alarms.create(name, info),
      clear: (name) => browser.alarms.clear(name),
    },
    identity: {
      getRedirectURL: (path) => chrome.identity.getRedirectURL(path),
      launchWebAuthFlow: (details) => chrome.identity.launchWebAuthFlow(details),
    },
    badge: {
      setBadgeText: (details) => chrome.action.setBadgeText(details),
      setBadgeBackgroundColor: (details) => chrome.action.setBadgeBackgroundColor(details),
    },
    siteApis: {
      scripting: chrome.scripting,
      permissions: chrome.permissions,
      tabs: {
        query: (query) => chrome.tabs.query(query),
        get: (tabId) => chrome.tabs.get(tabId),
      },
    },
    fetch: (input, init) => globalThis.fetch(input, init),
    pushToPages: (event) => pushToPages(browser, event),
    pushToTab: (tabId, event) => pushToTab(browser, tabId, event),
    openPanel: (tabId) => {
      // Called without any await before it: Chrome only opens the panel inside the user gesture.
      chrome.sidePanel.open({ tabId }).catch((error: unknown) => report('panel', 'open', error));
    },
  };
}
