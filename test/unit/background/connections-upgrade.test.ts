import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { connectionKeys } from '../../../lib/background/connections';
import { type CredentialStore, createCredentialStore } from '../../../lib/background/connections-credentials';
import {
  browserKeyValueStorage,
  type ConnectionsStore,
  createConnectionsStore,
  type KeyValueStorage,
} from '../../../lib/background/connections-store';
import {
  type LegacySource,
  legacySourceFromItems,
  planUpgrade,
  runUpgrade,
  UPGRADED_CONNECTION_ID,
} from '../../../lib/background/connections-upgrade';
import { type Credentials, credentialsItem } from '../../../lib/background/credentials';
import { connectionItem, outboxItem, type SavedConnection } from '../../../lib/background/storage-items';
import type { OutboxItem } from '../../../lib/messaging/model';
import { sharedDraftsItem as draftsItem, panelMemoryItem } from '../../../lib/storage';

const saved: SavedConnection = {
  method: 'apiKey',
  target: { kind: 'org', org: 'acme' },
  baseUrl: 'https://acme.api.kustomerapp.com',
  appUrl: 'https://acme.kustomerapp.com',
  orgName: 'acme',
  userName: 'Sam Rivera',
  roles: ['org.permission.customer.read'],
};
const key: Credentials = { method: 'apiKey', apiKey: 'key-of-acme' };
const note = (id: string, destination?: string): OutboxItem => ({
  id,
  request: { kind: 'createNote', customerId: 'c1', conversationId: 'v1', body: `note ${id}` },
  state: 'queued',
  attempts: 0,
  createdAt: 5,
  ...(destination ? { destination } : {}),
});
const outbox = [note('mine', saved.baseUrl), note('old'), note('elsewhere', 'https://other.api.kustomerapp.com')];
const drafts = { 'note:v1': { text: 'half a sentence', updatedAt: 4 } };
const memory = { recent: [{ id: 'c1', name: 'Ada', viewedAt: 3 }] };

async function seedLegacy(): Promise<void> {
  await connectionItem.setValue(saved);
  await credentialsItem.setValue(key);
  await draftsItem.setValue(drafts);
  await outboxItem.setValue(outbox);
  await panelMemoryItem.setValue(memory);
}

/** Storage, credentials and legacy items that stop working (the worker is stopped) after `budget` writes. */
function parts(budget = Number.POSITIVE_INFINITY) {
  let writes = 0;
  const write = <A extends unknown[], R>(act: (...args: A) => Promise<R>) =>
    (async (...args: A) => {
      if (writes++ >= budget) throw new Error('worker stopped');
      return act(...args);
    }) as (...args: A) => Promise<R>;
  const real = browserKeyValueStorage();
  const storage: KeyValueStorage = { get: real.get, set: write(real.set), remove: write(real.remove) };
  const store: ConnectionsStore = createConnectionsStore(storage);
  const realCredentials = createCredentialStore(real, null);
  const credentials: CredentialStore = { ...realCredentials, set: write(realCredentials.set) };
  const realLegacy = legacySourceFromItems({
    connection: connectionItem,
    credentials: credentialsItem,
    drafts: draftsItem,
    panelMemory: panelMemoryItem,
    outbox: outboxItem,
  });
  const legacy: LegacySource = {
    read: realLegacy.read,
    writeOutbox: write(realLegacy.writeOutbox),
    clear: write(realLegacy.clear),
    forgetConnection: write(realLegacy.forgetConnection),
  };
  return { storage, store, credentials, legacy, now: () => 1_000 };
}

/** Everything in local storage, as one object. */
async function everything(): Promise<Record<string, unknown>> {
  return fakeBrowser.storage.local.get(null);
}

beforeEach(() => fakeBrowser.reset());

describe('upgrading the single connection to the first organisation', () => {
  it('turns it into the first connection with its secret, drafts, recent customers and outbox', async () => {
    await seedLegacy();
    expect(await runUpgrade(parts())).toBe('upgraded');
    const { store, credentials, storage } = parts();
    const { connections } = await store.read();
    expect(connections).toEqual([
      {
        id: UPGRADED_CONNECTION_ID,
        label: 'acme',
        colour: 'blue',
        method: 'apiKey',
        target: saved.target,
        baseUrl: saved.baseUrl,
        appUrl: saved.appUrl,
        orgName: 'acme',
        userName: 'Sam Rivera',
        roles: saved.roles,
        addedAt: 1_000,
      },
    ]);
    expect(await credentials.get(UPGRADED_CONNECTION_ID)).toEqual(key);
    const keys = connectionKeys(UPGRADED_CONNECTION_ID);
    expect(await storage.get(keys.drafts)).toEqual(drafts);
    expect(await storage.get(keys.panelMemory)).toEqual(memory);
    const stamped = await outboxItem.getValue();
    expect(stamped.map((item) => [item.id, (item as { connectionId?: string }).connectionId])).toEqual([
      ['mine', UPGRADED_CONNECTION_ID],
      ['old', UPGRADED_CONNECTION_ID],
      // Written for another origin: still sent nowhere.
      ['elsewhere', undefined],
    ]);
    expect(await connectionItem.getValue()).toBeNull();
    expect(await credentialsItem.getValue()).toBeNull();
    expect(await draftsItem.getValue()).toEqual({});
  });

  it('runs once: a second run changes nothing', async () => {
    await seedLegacy();
    await runUpgrade(parts());
    const after = await everything();
    expect(await runUpgrade(parts())).toBe('already');
    expect(await everything()).toEqual(after);
  });

  it('ends in the same place whenever the worker is stopped during it', async () => {
    await seedLegacy();
    await runUpgrade(parts());
    const clean = await everything();
    let stops = 0;
    for (let budget = 0; budget < 12; budget++) {
      fakeBrowser.reset();
      await seedLegacy();
      const stopped = await runUpgrade(parts(budget)).then(
        () => false,
        () => true,
      );
      if (stopped) stops += 1;
      await runUpgrade(parts());
      expect(await everything(), `stopped after ${budget} writes`).toEqual(clean);
    }
    expect(stops).toBeGreaterThan(5);
  });

  it('starts an empty list when nothing was connected, leaving drafts and the outbox where they were', async () => {
    await draftsItem.setValue(drafts);
    await outboxItem.setValue(outbox);
    expect(await runUpgrade(parts())).toBe('nothing');
    expect((await parts().store.read()).connections).toEqual([]);
    expect(await draftsItem.getValue()).toEqual(drafts);
    expect(await outboxItem.getValue()).toEqual(outbox);
  });

  it('does not keep a secret left without its connection', async () => {
    await credentialsItem.setValue(key);
    await draftsItem.setValue(drafts);
    expect(await runUpgrade(parts())).toBe('nothing');
    expect(await credentialsItem.getValue()).toBeNull();
    expect(await draftsItem.getValue()).toEqual(drafts);
  });

  it('does not upgrade a connection whose secret is gone or does not match it', () => {
    const legacy = { connection: saved, credentials: null, drafts: {}, panelMemory: null, outbox: [] };
    expect(planUpgrade(legacy, 1)).toBeNull();
    const oauth: Credentials = { method: 'oauth', accessToken: 't', expiresAt: 9, clientId: 'c' };
    expect(planUpgrade({ ...legacy, credentials: oauth }, 1)).toBeNull();
  });
});
