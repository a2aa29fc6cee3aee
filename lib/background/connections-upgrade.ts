import type { OutboxItem } from '../messaging/model';
import type { PanelMemory } from '../storage';
import type { StorageItem } from '../storage-item';
import type { Draft } from '../ui/drafts';
import { addConnection, connectionKeys, NO_CONNECTIONS } from './connections';
import { type CredentialStore, createCredentialStore } from './connections-credentials';
import {
  browserKeyValueStorage,
  type ConnectionsStore,
  createConnectionsStore,
  type KeyValueStorage,
} from './connections-store';
import type { ConnectionId, ConnectionsState, OrgConnection, OrgOutboxItem } from './connections-types';
import type { VaultItem } from './credential-vault';
import type { Credentials } from './credentials';
import type { Report } from './diagnostics';
import type { SavedConnection } from './storage-items';

/**
 * The upgrade from one connection to several (issue 18): the connection saved before becomes the first
 * organisation, without the agent doing anything, and keeps its drafts, recent customers and outbox.
 */

/** The single connection's items as they were stored before (lib/storage.ts). */
export interface LegacySnapshot {
  connection: SavedConnection | null;
  credentials: Credentials | null;
  drafts: Record<string, Draft>;
  panelMemory: PanelMemory | null;
  outbox: OutboxItem[];
}

/** Reads and clears the items of the single connection. */
export interface LegacySource {
  read(): Promise<LegacySnapshot>;
  /** The outbox stays where it is (one outbox, each item naming its organisation): the upgrade stamps it. */
  writeOutbox(items: OrgOutboxItem[]): Promise<void>;
  /** Removes the single connection's items, the secret last. */
  clear(): Promise<void>;
  /** Removes only the connection and its secret (what is left of one that cannot be upgraded). */
  forgetConnection(): Promise<void>;
}

/**
 * The id of the connection made by the upgrade. Fixed, so that an upgrade stopped half-way (the worker may be
 * stopped at any await) and run again writes the same keys instead of leaving a second copy behind. Ids of
 * connections added later are random and 10 characters long (newConnectionId), so never this one.
 */
export const UPGRADED_CONNECTION_ID: ConnectionId = 'org-0';

export interface UpgradePlan {
  state: ConnectionsState;
  connection: OrgConnection;
  credentials: Credentials;
  drafts: Record<string, Draft>;
  panelMemory: PanelMemory | null;
  outbox: OrgOutboxItem[];
}

/**
 * What the single connection becomes, or null when there is none to upgrade (never connected, or signed out:
 * a connection without its secret cannot work). Outbox items written for its API origin (or before outbox items
 * named one) are stamped with the new connection; an item written for another origin stays unstamped, and so
 * is still never sent anywhere, as before.
 */
export function planUpgrade(legacy: LegacySnapshot, now: number): UpgradePlan | null {
  const saved = legacy.connection;
  if (!saved || !legacy.credentials || legacy.credentials.method !== saved.method) return null;
  const { state, connection } = addConnection(
    NO_CONNECTIONS,
    {
      method: saved.method,
      target: saved.target,
      baseUrl: saved.baseUrl,
      ...(saved.appUrl ? { appUrl: saved.appUrl } : {}),
      ...(saved.orgName ? { orgName: saved.orgName } : {}),
      ...(saved.userName ? { userName: saved.userName } : {}),
      ...(saved.userEmail ? { userEmail: saved.userEmail } : {}),
      ...(saved.userId ? { userId: saved.userId } : {}),
      ...(saved.roles ? { roles: [...saved.roles] } : {}),
      ...(saved.oauthClientId ? { oauthClientId: saved.oauthClientId } : {}),
    },
    { id: UPGRADED_CONNECTION_ID, now },
  );
  const outbox = legacy.outbox.map((item): OrgOutboxItem => {
    const ours = item.destination === undefined || item.destination === saved.baseUrl;
    return ours ? { ...item, connectionId: connection.id } : item;
  });
  return {
    state,
    connection,
    credentials: legacy.credentials,
    drafts: legacy.drafts,
    panelMemory: legacy.panelMemory,
    outbox,
  };
}

export interface UpgradeDeps {
  storage: KeyValueStorage;
  store: ConnectionsStore;
  credentials: CredentialStore;
  legacy: LegacySource;
  now: () => number;
}

export type UpgradeOutcome = 'upgraded' | 'already' | 'nothing';

/**
 * Runs the upgrade once; safe to run at every worker start and to stop at any point. The order makes it so:
 * the new connection's secret and data first, then the stamped outbox, then the list of connections (the commit
 * point: from then on the upgrade has happened), and last the old items are removed. A run that finds the list
 * only finishes that removal.
 */
export async function runUpgrade(deps: UpgradeDeps): Promise<UpgradeOutcome> {
  if (await deps.store.exists()) {
    const leftover = await deps.legacy.read();
    if (leftover.connection || leftover.credentials) await deps.legacy.clear();
    return 'already';
  }
  const legacy = await deps.legacy.read();
  const plan = planUpgrade(legacy, deps.now());
  if (!plan) {
    // Nothing that works is connected: a secret without its connection (or the other way round) is not kept;
    // drafts and the outbox stay where they are (the agent's text is never dropped), and the list starts empty.
    if (legacy.connection || legacy.credentials) await deps.legacy.forgetConnection();
    await deps.store.change(() => ({ state: NO_CONNECTIONS, result: undefined }));
    return 'nothing';
  }
  const id = plan.connection.id;
  const keys = connectionKeys(id);
  await deps.credentials.set(id, plan.credentials);
  await deps.storage.set(keys.drafts, plan.drafts);
  if (plan.panelMemory) await deps.storage.set(keys.panelMemory, plan.panelMemory);
  await deps.legacy.writeOutbox(plan.outbox);
  await deps.store.change(() => ({ state: plan.state, result: undefined }));
  await deps.legacy.clear();
  return 'upgraded';
}

/** The legacy items as `LegacySource` (the caller hands in the credentials item, which it alone may hold). */
export function legacySourceFromItems(items: {
  connection: StorageItem<SavedConnection | null>;
  credentials: VaultItem<Credentials | null>;
  drafts: StorageItem<Record<string, Draft>>;
  panelMemory: StorageItem<PanelMemory>;
  outbox: StorageItem<OutboxItem[]>;
}): LegacySource {
  return {
    async read() {
      const [connection, credentials, drafts, panelMemory, outbox] = await Promise.all([
        items.connection.getValue(),
        items.credentials.getValue(),
        items.drafts.getValue(),
        items.panelMemory.getValue(),
        items.outbox.getValue(),
      ]);
      return { connection, credentials, drafts, panelMemory, outbox };
    },
    writeOutbox: (outbox) => items.outbox.setValue(outbox),
    async clear() {
      await items.drafts.removeValue();
      await items.panelMemory.removeValue();
      await items.connection.removeValue();
      await items.credentials.setValue(null);
    },
    async forgetConnection() {
      await items.connection.removeValue();
      await items.credentials.setValue(null);
    },
  };
}

/**
 * The upgrade as the worker runs it at every start, over the browser's storage. Never rejects: a failure is
 * recorded (diagnostics `storage upgrade`) and the worker answers anyway, from whatever storage holds; the next
 * start tries again (every run is safe to repeat).
 */
export async function upgradeAtStart(legacy: LegacySource, report: Report): Promise<UpgradeOutcome | 'failed'> {
  // Not named `storage`: WXT would auto-import its own storage module into the worker for that name.
  const keyValues = browserKeyValueStorage();
  try {
    return await runUpgrade({
      storage: keyValues,
      store: createConnectionsStore(keyValues),
      credentials: createCredentialStore(keyValues),
      legacy,
      now: Date.now,
    });
  } catch (error) {
    report('storage', 'upgrade', error);
    return 'failed';
  }
}

/** The same handlers, each answering only once `ready` settled (requests that arrive during the upgrade wait). */
export function answerAfter<H extends object>(ready: Promise<unknown>, handlers: H): H {
  const settled = ready.catch(() => undefined);
  const waiting = Object.entries(handlers).map(([type, handle]) => [
    type,
    async (...args: unknown[]) => {
      await settled;
      return (handle as (...input: unknown[]) => unknown)(...args);
    },
  ]);
  return Object.fromEntries(waiting) as H;
}
