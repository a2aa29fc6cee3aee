import { browser } from 'wxt/browser';

export interface ActiveTab {
  id: number;
  url?: string;
}

/** The tab the agent is looking at in this window (the side panel sits beside it). */
export async function activeTab(): Promise<ActiveTab | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (!tab || tab.id === undefined || tab.id < 0) return null;
  return tab.url ? { id: tab.id, url: tab.url } : { id: tab.id };
}

/** "https://mail.example.com" for a page address that detection may run on, else null. */
export function siteOriginOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** Asks Chrome for access to one site. Must run inside the click handler (a user gesture). */
export function requestSitePermission(origin: string): Promise<boolean> {
  return browser.permissions.request({ origins: [`${origin}/*`] });
}
