import type { ConnectionId, Settings } from '../messaging/model';
import { settingsItem } from './storage-items';

/** Changes the agent may make through `updateSettings` (sites change through enable/disableSite). */
export type SettingsPatch = Partial<
  Pick<
    Settings,
    | 'neverLookUpDomains'
    | 'paused'
    | 'oauthClientId'
    | 'phoneDetection'
    | 'phoneOffSites'
    | 'phoneCountry'
    | 'neverLookUpPhones'
    | 'searchAttribute'
  >
> & {
  /** One site's default organisation, set or (null) cleared; the other sites' stay. */
  siteDefaultOrg?: { origin: string; connectionId: ConnectionId | null };
};

/** The per-site default organisations after one site's is set or cleared. */
export function withSiteDefaultOrg(
  current: Settings['siteDefaultOrgs'],
  change: { origin: string; connectionId: ConnectionId | null },
): Record<string, ConnectionId> {
  const next = { ...current };
  if (change.connectionId === null) delete next[change.origin];
  else next[change.origin] = change.connectionId;
  return next;
}

/** Told of every settings change, in the order the changes were saved. */
export type SettingsListener = (next: Settings, previous: Settings) => Promise<void> | void;

export interface SettingsService {
  get(): Promise<Settings>;
  update(patch: SettingsPatch): Promise<Settings>;
  /** For services that own a field (site access owns `enabledSites`). */
  replace(next: Settings): Promise<Settings>;
  /**
   * Tells `listener` of every later change, after the listeners before it; a change resolves once all have
   * run. Services built on settings subscribe here, so settings never name them (services.ts).
   */
  subscribe(listener: SettingsListener): void;
}

/** Non-secret settings; every change is told to the subscribers (pages, site access, detections). */
export function createSettingsService(): SettingsService {
  const listeners: SettingsListener[] = [];
  /**
   * The settings as last read or written, kept in memory: every lookup reads them, and a storage read waits
   * behind the page data the worker is writing meanwhile (issue 21, finding 2). Any change to the stored
   * value (this worker's writes, another context's, a test's) drops the copy; the next `get` reads it again.
   */
  let current: Promise<Settings> | undefined;
  settingsItem.watch(() => {
    current = undefined;
  });

  // Listeners run inside the item's step: two quick changes reach them one after the other, never interleaved.
  const write = (change: (current: Settings) => Settings): Promise<Settings> =>
    settingsItem.update(change, async (next, previous) => {
      current = Promise.resolve(next);
      for (const listener of listeners) await listener(next, previous);
    });

  return {
    get: () =>
      (current ??= settingsItem.getValue().catch((error: unknown) => {
        // A failed read is not kept.
        current = undefined;
        throw error;
      })),
    update: ({ siteDefaultOrg, ...patch }) =>
      write((stored) => ({
        ...stored,
        ...patch,
        ...(patch.neverLookUpDomains ? { neverLookUpDomains: [...new Set(patch.neverLookUpDomains)].sort() } : {}),
        ...(siteDefaultOrg ? { siteDefaultOrgs: withSiteDefaultOrg(stored.siteDefaultOrgs, siteDefaultOrg) } : {}),
      })),
    replace: (next) => write(() => next),
    subscribe: (listener) => void listeners.push(listener),
  };
}
