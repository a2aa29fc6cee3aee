import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { connectionKeys } from '../../../lib/background/connections';
import { createCredentialStore } from '../../../lib/background/connections-credentials';
import { browserKeyValueStorage, createConnectionsStore } from '../../../lib/background/connections-store';
import { legacySourceFromItems, runUpgrade } from '../../../lib/background/connections-upgrade';
import { credentialsItem } from '../../../lib/background/credentials';
import { singleConnectionItem, singleCredentialsItem } from '../../../lib/background/single-connection-bridge';
import { connectionItem, outboxItem, type SavedConnection } from '../../../lib/background/storage-items';
import {
  connectionDraftsItem,
  connectionPanelMemoryItem,
  panelMemoryItem,
  sharedDraftsItem,
} from '../../../lib/storage';

const saved: SavedConnection = {
  method: 'apiKey',
  target: { kind: 'org', org: 'acme' },
  baseUrl: 'https://acme.api.kustomerapp.com',
  appUrl: 'https://acme.kustomerapp.com',
  orgName: 'acme',
};

function upgrade() {
  const storage = browserKeyValueStorage();
  return runUpgrade({
    storage,
    store: createConnectionsStore(storage),
    credentials: createCredentialStore(storage, null),
    legacy: legacySourceFromItems({
      connection: connectionItem,
      credentials: credentialsItem,
      drafts: sharedDraftsItem,
      panelMemory: panelMemoryItem,
      outbox: outboxItem,
    }),
    now: () => 1,
  });
}

beforeEach(() => fakeBrowser.reset());

describe('the single connection, while connection.ts holds one (bridge to the list)', () => {
  it('reads the upgraded connection and its secret as the single connection', async () => {
    await connectionItem.setValue(saved);
    await credentialsItem.setValue({ method: 'apiKey', apiKey: 'key-of-acme' });
    expect(await upgrade()).toBe('upgraded');
    expect(await singleConnectionItem.getValue()).toEqual(saved);
    expect(await singleCredentialsItem.getValue()).toEqual({ method: 'apiKey', apiKey: 'key-of-acme' });
  });

  it('stores a new connection as org-0 of the list, which the next upgrade run leaves alone', async () => {
    expect(await upgrade()).toBe('nothing');
    await singleCredentialsItem.setValue({ method: 'apiKey', apiKey: 'new-key' });
    await singleConnectionItem.setValue(saved);
    expect(await upgrade()).toBe('already');
    expect(await singleConnectionItem.getValue()).toEqual(saved);
    expect(await singleCredentialsItem.getValue()).toEqual({ method: 'apiKey', apiKey: 'new-key' });
    expect((await createConnectionsStore(browserKeyValueStorage()).read()).connections.map((c) => c.id)).toEqual([
      'org-0',
    ]);
    // Nothing under the single connection's old keys.
    expect(await connectionItem.getValue()).toBeNull();
    expect(await credentialsItem.getValue()).toBeNull();
  });

  it('reconnects in place and signs out by removing org-0 and its secret', async () => {
    await singleConnectionItem.setValue(saved);
    await singleCredentialsItem.setValue({ method: 'apiKey', apiKey: 'k' });
    await singleConnectionItem.setValue({ ...saved, userName: 'Sam' });
    expect(await singleConnectionItem.getValue()).toEqual({ ...saved, userName: 'Sam' });
    await singleCredentialsItem.setValue(null);
    await singleConnectionItem.setValue(null);
    expect(await singleConnectionItem.getValue()).toBeNull();
    expect(await singleCredentialsItem.getValue()).toBeNull();
    expect((await createConnectionsStore(browserKeyValueStorage()).read()).connections).toEqual([]);
  });
});

describe('the panel’s keys of an organisation', () => {
  it('are the keys the connections model gives it (lib/storage.ts spells them for pages)', () => {
    for (const id of ['org-0', 'org-a1b2c3d4e5'] as const) {
      expect(connectionDraftsItem(id).key).toBe(connectionKeys(id).drafts);
      expect(connectionPanelMemoryItem(id).key).toBe(connectionKeys(id).panelMemory);
    }
    expect(() => connectionDraftsItem('org-a.b' as 'org-a')).toThrow();
  });
});
