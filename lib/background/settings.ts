import { settingsItem } from '../storage';
import type { Settings } from '../view-models';

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
>;

export interface SettingsService {
  get(): Promise<Settings>;
  update(patch: SettingsPatch): Promise<Settings>;
  /** For services that own a field (site access owns `enabledSites`). */
  replace(next: Settings): Promise<Settings>;
}

/** Non-secret settings; every change is told to `onChange` (pushed to pages, re-applied to detection). */
export function createSettingsService(
  onChange: (next: Settings, previous: Settings) => Promise<void> | void,
): SettingsService {
  let writes: Promise<unknown> = Promise.resolve();

  function write(change: (current: Settings) => Settings): Promise<Settings> {
    const next = writes.then(async () => {
      const previous = await settingsItem.getValue();
      const updated = change(previous);
      await settingsItem.setValue(updated);
      await onChange(updated, previous);
      return updated;
    });
    writes = next.catch(() => undefined);
    return next;
  }

  return {
    get: () => settingsItem.getValue(),
    update: (patch) =>
      write((current) => ({
        ...current,
        ...patch,
        ...(patch.neverLookUpDomains ? { neverLookUpDomains: [...new Set(patch.neverLookUpDomains)].sort() } : {}),
      })),
    replace: (next) => write(() => next),
  };
}
