import { browser } from 'wxt/browser';

export interface ActiveTab {
  id: number;
  url?: string;
}

/**
 * The web page the agent is looking at in this window: the active tab, or, when the panel itself is
 * open as a tab (opened from the options page, or in tests), the page used most recently before it.
 */
export async function activeTab(): Promise<ActiveTab | null> {
  const ownPages = browser.runtime.getURL('/');
  const tabs = await browser.tabs.query({ currentWindow: true });
  const webTabs = tabs.filter((tab) => tab.id !== undefined && tab.id >= 0 && !tab.url?.startsWith(ownPages));
  const tab =
    webTabs.find((candidate) => candidate.active) ??
    webTabs.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
  if (!tab || tab.id === undefined) return null;
  return tab.url ? { id: tab.id, url: tab.url } : { id: tab.id };
}

/** Asks Chrome for access to one site. Must run inside the click handler (a user gesture). */
export function requestSitePermission(origin: string): Promise<boolean> {
  return browser.permissions.request({ origins: [`${origin}/*`] });
}

/** Whether Chrome currently lets the extension run on the site (the agent may revoke it in Chrome's settings). */
export async function hasSitePermission(origin: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [`${origin}/*`] }).catch(() => false);
}
