import type { PageCustomers, PageEmail } from '../messaging/model';
import { originOf, sameOrigin } from '../url';
import type { Report } from './diagnostics';
import type { LookupService } from './lookup';
import type { BadgeApi } from './platform';
import { type TabDetection, tabDetectionsItem } from './storage-items';

export interface PageDetectionDeps {
  lookup: Pick<LookupService, 'lookupMany'>;
  badge: BadgeApi;
  /** Pushes `pageChanged` to extension pages. */
  pageChanged: (tabId: number) => Promise<void>;
  /** Pushes `knownEmails` to the tab's content script. */
  knownEmails: (tabId: number, known: string[], ignored: string[]) => Promise<void>;
  /** Whether detection runs on the tab's site (enabled site, or run once): site access answers. */
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
    /** The frame has an opaque origin (a sandboxed iframe): it gets a small share of the tab's room. */
    sandboxed?: boolean,
  ): Promise<{ known: string[]; ignored: string[] }>;
  /** What the side panel shows for a tab. */
  pageCustomers(tabId: number): Promise<PageCustomers>;
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

/** What a report answers: which of its addresses are known and which never looked up. */
type Known = { known: string[]; ignored: string[] };
/** The report to run next for a frame, and who waits for its answer. */
type ReportSlot = { next?: () => Promise<Known>; waiters: ((answer: Promise<Known>) => void)[] };
/** Test builds: where a report's time goes in the worker (hardening-lookup-flood.e2e.ts reads the marks). */
function mark(step: string): void {
  if (typeof __KS_FLAVOUR__ !== 'undefined' && __KS_FLAVOUR__ === 'test') performance.mark(`ks:report:${step}`);
}

/** How soon a page whose lookups were paused by its budget is looked at again. */
const PAUSED_RECHECK_MS = 5_000;

/** Per-tab detected addresses (session storage, so a worker restart keeps them) and the badge. */
export function createPageDetections(deps: PageDetectionDeps): PageDetections {
  const swallow = (operation: string) => (error: unknown) => deps.report?.('detections', operation, error);

  /** Changes the stored tabs, then bounds all tabs together, `tabId`'s kept (issue 21, finding 4). */
  async function update(change: (entries: Record<string, TabDetection>) => void, tabId?: number): Promise<void> {
    await tabDetectionsItem.update((stored) => {
      const entries = { ...stored };
      change(entries);
      boundTabs(entries, String(tabId));
      return entries;
    });
  }

  async function detection(tabId: number): Promise<TabDetection | undefined> {
    await tabDetectionsItem.settled();
    return (await tabDetectionsItem.getValue())[String(tabId)];
  }

  const rechecks = new Map<number, ReturnType<typeof setTimeout>>();

  async function evaluate(tabId: number, url: string, emails: string[]): Promise<PageEmail[]> {
    const results = await deps.lookup.lookupMany(emails, { tab: tabId, site: originOf(url) ?? url });
    // Addresses beyond the page's budget wait; look again once it has refilled a little.
    if (!rechecks.has(tabId) && results.some((entry) => entry.status === 'pending')) {
      rechecks.set(
        tabId,
        setTimeout(() => {
          rechecks.delete(tabId);
          refresh(tabId).catch(swallow('recheck'));
        }, PAUSED_RECHECK_MS),
      );
    }
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

  /** Looks a tab's addresses up again and tells its content script and the panel. */
  async function refresh(tabId: number): Promise<void> {
    const stored = await detection(tabId);
    if (!stored) return;
    const { known, ignored } = split(await evaluate(tabId, stored.url, unionOf(stored.frames)));
    await deps.knownEmails(tabId, known, ignored);
    await deps.pageChanged(tabId);
  }

  async function reportNow(
    tabId: number,
    frameId: number,
    url: string,
    emails: string[],
    sandboxed: boolean,
  ): Promise<Known> {
    mark('start');
    // Read and written in one step: a report used to read every tab's addresses, then read and write them again.
    let previous: TabDetection | undefined;
    let frames: Record<string, string[]> = {};
    await update((entries) => {
      previous = entries[tabId];
      frames = boundFrames(
        { ...(previous?.url === url ? previous.frames : {}), [frameId]: [...new Set(emails)] },
        sandboxed ? String(frameId) : undefined,
      );
      entries[tabId] = { url, frames };
    }, tabId);
    const sameDocument = previous?.url === url;
    const union = unionOf(frames);
    mark('stored');
    if (deps.badge.setBadgeBackgroundColor) {
      await Promise.resolve(deps.badge.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR })).catch(
        swallow('badge colour'),
      );
    }
    const results = await evaluate(tabId, url, union);
    mark('looked-up');
    const changed = !sameDocument || unionOf(previous?.frames).join('\n') !== union.join('\n');
    if (changed) await deps.pageChanged(tabId);
    mark('told');
    const reported = new Set(emails);
    return split(results.filter((entry) => reported.has(entry.email)));
  }

  /**
   * One report of a frame at a time: reports that arrive while one runs wait, and only the newest of them
   * runs next, answering all of them. A page swapping its addresses faster than they are looked up then
   * costs the worker one report at a time, not a growing pile (issue 21, finding 2).
   */
  const reports = new Map<string, ReportSlot>();
  function latestReport(key: string, run: () => Promise<Known>): Promise<Known> {
    return new Promise((resolve) => {
      const slot = reports.get(key) ?? { waiters: [] };
      const idle = !reports.has(key);
      reports.set(key, slot);
      slot.next = run;
      slot.waiters.push(resolve);
      if (idle) void drain(key, slot);
    });
  }
  async function drain(key: string, slot: ReportSlot) {
    while (slot.next) {
      const answer = slot.next();
      slot.next = undefined;
      for (const waiter of slot.waiters.splice(0)) waiter(answer);
      await answer.catch(() => undefined);
    }
    reports.delete(key);
  }

  const service: PageDetections = {
    report: (tabId, frameId, url, emails, sandboxed = false) =>
      latestReport(`${tabId}/${frameId}`, () => reportNow(tabId, frameId, url, emails, sandboxed)),
    async pageCustomers(tabId) {
      const stored = await detection(tabId);
      const active = await deps.detectionActive(tabId, stored?.url);
      if (!stored) {
        const url = await deps.tabUrl?.(tabId).catch(swallow('tab url'));
        return url
          ? { tabId, url, detectionActive: active, emails: [] }
          : { tabId, detectionActive: active, emails: [] };
      }
      const emails = await evaluate(tabId, stored.url, unionOf(stored.frames));
      const page: PageCustomers = { tabId, url: stored.url, detectionActive: active, emails };
      if (emails.some((entry) => entry.status === 'pending')) page.paused = true;
      return page;
    },
    async forget(tabId, closed) {
      const existed = (await detection(tabId)) !== undefined;
      await update((entries) => {
        delete entries[String(tabId)];
      });
      // A closed tab has no badge left to clear (Chrome would answer "No tab with id").
      if (!closed) await Promise.resolve(deps.badge.setBadgeText({ tabId, text: '' })).catch(swallow('badge'));
      if (existed) await deps.pageChanged(tabId);
    },
    async navigated(tabId, url) {
      const stored = await detection(tabId);
      // Within the origin (single-page apps) the content script keeps running and reports again.
      if (stored && !sameOrigin(stored.url, url)) await service.forget(tabId);
    },
    async refreshAll() {
      for (const tabId of await service.tabIds()) await refresh(tabId);
    },
    async tabIds() {
      await tabDetectionsItem.settled();
      return Object.keys(await tabDetectionsItem.getValue()).map(Number);
    },
  };
  return service;
}

/** Addresses one tab may keep in session storage, all its frames together (issue 21, finding 4). */
export const MAX_TAB_ADDRESSES = 2_000;
/** Characters of addresses one tab may keep: 128 Ki, so 2,000 addresses of 254 characters cannot fill the quota. */
export const MAX_TAB_ADDRESS_CHARS = 128 * 1024;
/** Addresses a sandboxed frame may keep: each runs its own content script, so a page can add many. */
export const MAX_SANDBOXED_FRAME_ADDRESSES = 50;

/**
 * Bounds what a tab stores: the top frame first, then the other frames in id order, until the tab's room is
 * used; the frame `sandboxed` (an opaque origin) keeps at most its small share. What does not fit is not
 * stored, looked up or listed.
 */
export function boundFrames(frames: Record<string, string[]>, sandboxed?: string): Record<string, string[]> {
  const bounded: Record<string, string[]> = {};
  let count = 0;
  let chars = 0;
  for (const [id, emails] of Object.entries(frames).sort(([a], [b]) => Number(a) - Number(b))) {
    const kept: string[] = [];
    for (const email of emails) {
      if (id === sandboxed && kept.length >= MAX_SANDBOXED_FRAME_ADDRESSES) break;
      if (count >= MAX_TAB_ADDRESSES || chars + email.length > MAX_TAB_ADDRESS_CHARS) break;
      kept.push(email);
      count += 1;
      chars += email.length;
    }
    bounded[id] = kept;
  }
  return bounded;
}

/**
 * Characters of addresses all tabs together may keep: 1 Mi, about 1 MB of the 10 MB `storage.session` holds.
 * Without it, tabs stuffed to their own bound (a page's popups, or many tabs of a hostile site) would add up
 * to the quota, and sign-in state and intents could not be written (issue 21, finding 4).
 */
export const MAX_PAGE_DATA_CHARS = 1024 * 1024;

/**
 * Bounds every tab's addresses together: while they exceed `MAX_PAGE_DATA_CHARS`, the tab holding the most
 * (other than `keep`, the one reporting now) forgets them; it keeps its URL (run-once grants live in site access), and its next
 * report stores what fits.
 */
export function boundTabs(entries: Record<string, TabDetection>, keep: string): void {
  const size = (entry: TabDetection) =>
    Object.values(entry.frames).reduce((sum, list) => sum + list.join('').length, 0);
  const sizes = Object.entries(entries).map(([id, entry]) => [id, size(entry)] as const);
  let total = sizes.reduce((sum, [, chars]) => sum + chars, 0);
  for (const [id, chars] of sizes.sort((a, b) => b[1] - a[1])) {
    if (total <= MAX_PAGE_DATA_CHARS) break;
    const entry = entries[id];
    if (id === keep || !entry) continue;
    entries[id] = { ...entry, frames: {} };
    total -= chars;
  }
}

/** A tab's addresses: the union of its frames'. */
function unionOf(frames: Record<string, string[]> = {}): string[] {
  return [...new Set(Object.values(frames).flat())];
}
