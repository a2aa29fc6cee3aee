import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Region } from '../messaging/model';

/**
 * What an organisation's admin can push to every agent through the browser's managed storage (Chrome policy
 * `3rdparty.extensions.<id>`, described by `public/managed_schema.json`). Each value set locks its connect field,
 * so agents only click "Sign in". This is a convenience for the agent's own browser, not a security boundary:
 * the background checks every target as it would a typed one.
 */
export interface ManagedSettings {
  orgName?: string;
  region?: Region;
  clientId?: string;
}

/** The keys of `public/managed_schema.json` this reader understands (a unit test keeps the two in step). */
export const MANAGED_KEYS = ['orgName', 'region', 'clientId'] as const;

const REGIONS: readonly Region[] = ['us', 'eu', 'in'];
const ORG_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/i;

/** The part of `storage.managed` read here. */
export interface ManagedArea {
  get(keys?: string[] | null): Promise<Record<string, unknown>>;
}

const text = (value: unknown, max: number) =>
  typeof value === 'string' && value.trim() !== '' && value.trim().length <= max ? value.trim() : undefined;

/**
 * Reads and checks the pushed values; anything malformed is left out (the field stays free). A browser without a
 * policy for the extension (Firefox without a managed manifest rejects) reads as nothing pushed.
 */
export async function readManagedSettings(area: ManagedArea | undefined): Promise<ManagedSettings> {
  let values: Record<string, unknown>;
  try {
    values = (await area?.get([...MANAGED_KEYS])) ?? {};
  } catch {
    return {};
  }
  const managed: ManagedSettings = {};
  const orgName = text(values.orgName, 63);
  if (orgName && ORG_NAME.test(orgName)) managed.orgName = orgName.toLowerCase();
  if (REGIONS.includes(values.region as Region)) managed.region = values.region as Region;
  const clientId = text(values.clientId, 256);
  if (clientId && !/\s/.test(clientId)) managed.clientId = clientId;
  return managed;
}

/** The managed settings, read once per page (null until read). */
export function useManagedSettings(
  area: ManagedArea | undefined = browser.storage?.managed as ManagedArea | undefined,
): ManagedSettings | null {
  const [managed, setManaged] = useState<ManagedSettings | null>(null);
  useEffect(() => {
    let live = true;
    void readManagedSettings(area).then((values) => {
      if (live) setManaged(values);
    });
    return () => {
      live = false;
    };
  }, [area]);
  return managed;
}
