import { type TabDetection, tabDetectionsItem } from '../storage';
import type { PageCustomers, PageEmail } from '../view-models';
import type { Report } from './diagnostics';
import type { LookupService } from './lookup';
import { originOf } from './origin';
import { frameEmailsItem } from './storage-items';

/** The part of `browser.action` the badge needs. */
export interface BadgeApi {
  setBadgeText(details: { tabId?: number; text: string }): Promise<void> | void;
  setBadgeBackgroundColor?(details: { tabId?: number; color: string }): Promise<void> | void;
}

export interface PageDetectionDeps {
  lookup: Pick<LookupService, 'lookupMany'>;
  badge: BadgeApi;
  /** Pushes `pageChanged` to extension pages. */
  pageChanged: (tabId: number) => Promise<void>;
  /** Pushes `knownEmails` to the tab's content script. */
  knownEmails: (tabId: number, known: string[], ignored: string[]) => Promise<void>;
  /** Whether detection runs on the tab's site (enabled site, or run once). */
  detectionActive: (tabId: number, url: string | undefined) => Promise<boolean>;
  /** The tab's address when Chrome shows it to us (host access or activeTab), for "Turn on for this site". */
  tabUrl?: (tabId: number) => Promise<string | undefined>;
  /** The diagnostics log: badge and tab reads that failed (the page list still answers). */
  report?: Report;
}

export interface PageDetections {
  /**
   * Stores one frame's report (a tab's addresses are the union of its frames'), looks them up, updates
   * the badge; answers which of that frame's addresses are known / ignored.
   */
  report(
    tabId: number,
    frameId: number,
    pageUrl: string,
    emails: string[],
  ): Promise<{ known: string[]; ignored: string[] }>;
  /** What the side panel shows for a tab. */
  pageCustomers(tabId: number): Promise<PageCustomers>;
  /** Marks a tab where detection was run once through activeTab. */
  markRunOnce(tabId: number, url: string): Promise<void>;
  /** Whether the tab was run once (for the content-script sender check). */
  ranOnce(tabId: number): Promise<boolean>;
  /** A tab closed (`closed`: its badge went with it), or navigated to another document: forget its addresses. */
  forget(tabId: number, closed?: boolean): Promise<void>;
  /** A tab's URL changed: forget it when it left the reported origin. */
  navigated(tabId: number, url: string): Promise<void>;
  /** Re-evaluates every tab (settings or cache changed) and tells pages and content scripts. */
  refreshAll(): Promise<void>;
  /** Tab ids with stored detections. */
  tabIds(): Promise<number[]>;
}

const BADGE_COLOR = '#1f6feb';

/** Per-tab detected addresses (session storage, so a worker restart keeps them) and the badge. */
export function createPageDetections(deps: PageDetectionDeps): PageDetections {
  let writes: Promise<unknown> = Promise.resolve();
  const swallow = (operation: string) => (error: unknown) => deps.report?.('detections', operation, error);

  function update(change: (entries: Record<string, TabDetection>) => void): Promise<void> {
    const next = writes.then(async () => {
      const entries = { ...(await tabDetectionsItem.getValue()) };
      change(entries);
      await tabDetectionsItem.setValue(entries);
    });
    writes = next.catch(() => undefined);
    return next;
  }

  function updateFrames(
    tabId: number,
    change: (frames: Record<string, string[]>) => Record<string, string[]> | undefined,
  ): Promise<Record<string, string[]>> {
    const next = writes.then(async () => {
      const all = { ...(await frameEmailsItem.getValue()) };
      const frames = change(all[String(tabId)] ?? {});
      if (frames) all[String(tabId)] = frames;
      else delete all[String(tabId)];
      await frameEmailsItem.setValue(all);
      return frames ?? {};
    });
    writes = next.catch(() => undefined);
    return next;
  }

  async function detection(tabId: number): Promise<TabDetection | undefined> {
    await writes;
    return (await tabDetectionsItem.getValue())[String(tabId)];
  }

  async function evaluate(tabId: number, emails: string[]): Promise<PageEmail[]> {
    const results = await deps.lookup.lookupMany(emails);
    const known = results.filter((entry) => entry.status === 'known').length;
    await Promise.resolve(deps.badge.setBadgeText({ tabId, text: known > 0 ? String(known) : '' })).catch(
      swallow('badge'),
    );
    return results;
  }

  function split(results: PageEmail[]) {
    return {
      known: results.filter((entry) => entry.status === 'known').map((entry) => entry.email),
      ignored: results.filter((entry) => entry.status === 'ignored').map((entry) => entry.email),
    };
  }

  const service: PageDetections = {
    async report(tabId, frameId, url, emails) {
      const previous = await detection(tabId);
      const sameDocument = previous?.url === url;
      // A tab run once keeps its grant while it stays on the origin ('' = run before its URL was known).
      const once = previous?.once === true && (previous.url === '' || sameOrigin(previous.url, url));
      const frames = await updateFrames(tabId, (current) => ({
        ...(sameDocument ? current : {}),
        [String(frameId)]: [...new Set(emails)],
      }));
      const union = [...new Set(Object.values(frames).flat())];
      await update((entries) => {
        entries[String(tabId)] = { url, emails: union, once };
      });
      if (deps.badge.setBadgeBackgroundColor) {
        await Promise.resolve(deps.badge.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR })).catch(
          swallow('badge colour'),
        );
      }
      const results = await evaluate(tabId, union);
      const changed = !sameDocument || previous?.emails.join('\n') !== union.join('\n');
      if (changed) await deps.pageChanged(tabId);
      const reported = new Set(emails);
      return split(results.filter((entry) => reported.has(entry.email)));
    },
    async pageCustomers(tabId) {
      const stored = await detection(tabId);
      const active = await deps.detectionActive(tabId, stored?.url);
      if (!stored) {
        const url = await deps.tabUrl?.(tabId).catch(swallow('tab url'));
        return url
          ? { tabId, url, detectionActive: active, emails: [] }
          : { tabId, detectionActive: active, emails: [] };
      }
      return { tabId, url: stored.url, detectionActive: active, emails: await evaluate(tabId, stored.emails) };
    },
    async markRunOnce(tabId, url) {
      await update((entries) => {
        const existing = entries[String(tabId)];
        entries[String(tabId)] = { url, emails: existing?.url === url ? existing.emails : [], once: true };
      });
    },
    async ranOnce(tabId) {
      return (await detection(tabId))?.once === true;
    },
    async forget(tabId, closed) {
      const existed = (await detection(tabId)) !== undefined;
      await update((entries) => {
        delete entries[String(tabId)];
      });
      await updateFrames(tabId, () => undefined);
      // A closed tab has no badge left to clear (Chrome would answer "No tab with id").
      if (!closed) await Promise.resolve(deps.badge.setBadgeText({ tabId, text: '' })).catch(swallow('badge'));
      if (existed) await deps.pageChanged(tabId);
    },
    async navigated(tabId, url) {
      const stored = await detection(tabId);
      // activeTab access ends when the tab leaves the origin; within it (single-page apps) the content
      // script keeps running and reports again.
      if (stored && !sameOrigin(stored.url, url)) await service.forget(tabId);
    },
    async refreshAll() {
      for (const tabId of await service.tabIds()) {
        const stored = await detection(tabId);
        if (!stored) continue;
        const { known, ignored } = split(await evaluate(tabId, stored.emails));
        await deps.knownEmails(tabId, known, ignored);
        await deps.pageChanged(tabId);
      }
    },
    async tabIds() {
      await writes;
      return Object.keys(await tabDetectionsItem.getValue()).map(Number);
    },
  };
  return service;
}

/** Pages are the same site when their origins match; an unparseable URL only matches itself. */
function sameOrigin(a: string, b: string): boolean {
  return (originOf(a) ?? a) === (originOf(b) ?? b);
}
