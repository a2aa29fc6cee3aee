import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addConnection,
  connectionKeys,
  isConnectionId,
  MAX_LABEL_LENGTH,
  moveConnection,
  NO_CONNECTIONS,
  newConnectionId,
  nextColour,
  readConnectionsState,
  reconnect,
  removeConnection,
  updateConnection,
} from '../../../lib/background/connections';
import { credentialKey } from '../../../lib/background/connections-credentials';
import {
  CONNECTION_COLOURS,
  type ConnectionDetails,
  type ConnectionId,
  type ConnectionsState,
} from '../../../lib/background/connections-types';
import type { MessageError } from '../../../lib/messaging/errors';

const acme: ConnectionDetails = {
  method: 'apiKey',
  target: { kind: 'org', org: 'acme' },
  baseUrl: 'https://acme.api.kustomerapp.com',
  appUrl: 'https://acme.kustomerapp.com',
  orgId: 'org-id-acme',
  orgName: 'acme',
};
const brightwave: ConnectionDetails = {
  method: 'oauth',
  target: { kind: 'region', region: 'us' },
  baseUrl: 'https://api.kustomerapp.com',
  orgId: 'org-id-brightwave',
};

function twoOrgs(): ConnectionsState {
  const first = addConnection(NO_CONNECTIONS, acme, { id: 'org-a', now: 1 }).state;
  return addConnection(first, brightwave, { id: 'org-b', now: 2, label: 'Brightwave' }).state;
}

function refusal(run: () => unknown): MessageError['info'] {
  try {
    run();
  } catch (error) {
    return (error as MessageError).info;
  }
  throw new Error('expected a refusal');
}

describe('the connections model', () => {
  it('adds connections with a label from the organisation and the next free colour', () => {
    const state = twoOrgs();
    expect(state.connections.map(({ id, label, colour, addedAt }) => ({ id, label, colour, addedAt }))).toEqual([
      { id: 'org-a', label: 'acme', colour: CONNECTION_COLOURS[0], addedAt: 1 },
      { id: 'org-b', label: 'Brightwave', colour: CONNECTION_COLOURS[1], addedAt: 2 },
    ]);
    const third = addConnection(state, { ...acme, orgId: 'other', orgName: undefined }, { id: 'org-c', now: 3 });
    expect(third.connection.label).toBe('acme.api.kustomerapp');
    expect(nextColour(third.state)).toBe(CONNECTION_COLOURS[3]);
  });

  it('numbers a default label that is taken', () => {
    const state = twoOrgs();
    const again = addConnection(state, { ...acme, orgId: 'another-acme' }, { id: 'org-c', now: 3 });
    expect(again.connection.label).toBe('acme 2');
  });

  it('refuses the same organisation twice, even on a shared region host', () => {
    const state = twoOrgs();
    expect(refusal(() => addConnection(state, { ...brightwave }, { id: 'org-c', now: 3 })).message).toContain(
      '"Brightwave"',
    );
    // Two organisations on one region host are two connections.
    const other = addConnection(state, { ...brightwave, orgId: 'org-id-third' }, { id: 'org-c', now: 3 });
    expect(other.state.connections).toHaveLength(3);
  });

  it.each([
    ['', 'short name'],
    ['   ', 'short name'],
    ['x'.repeat(MAX_LABEL_LENGTH + 1), 'at most'],
    ['  BRIGHTWAVE ', 'already names'],
  ])('refuses the label %j', (label, message) => {
    expect(refusal(() => updateConnection(twoOrgs(), 'org-a', { label })).message).toContain(message);
  });

  it('renames and recolours one connection and leaves the others alone', () => {
    const state = updateConnection(twoOrgs(), 'org-b', { label: '  Bright   wave ', colour: 'teal' });
    expect(state.connections[1]).toMatchObject({ label: 'Bright wave', colour: 'teal' });
    expect(state.connections[0]).toEqual(twoOrgs().connections[0]);
    expect(updateConnection(state, 'org-b', { label: 'bright wave' }).connections[1]?.label).toBe('bright wave');
    expect(refusal(() => updateConnection(state, 'org-b', { colour: 'pink' as 'teal' })).kind).toBe('validation');
  });

  it('reconnects with new details but never to another organisation', () => {
    const state = twoOrgs();
    const next = reconnect(state, 'org-a', { ...acme, userName: 'Sam' });
    expect(next.connections[0]).toMatchObject({ id: 'org-a', label: 'acme', userName: 'Sam', addedAt: 1 });
    expect(refusal(() => reconnect(state, 'org-a', { ...acme, orgId: 'org-id-brightwave' })).message).toContain(
      'another organisation',
    );
  });

  it('moves a connection, the first being the default', () => {
    expect(moveConnection(twoOrgs(), 'org-b', 0).connections.map((c) => c.id)).toEqual(['org-b', 'org-a']);
    expect(moveConnection(twoOrgs(), 'org-a', 99).connections.map((c) => c.id)).toEqual(['org-b', 'org-a']);
  });

  it('removes one connection and names exactly its keys', () => {
    const { state, removed, keys } = removeConnection(twoOrgs(), 'org-a');
    expect(state.connections.map((c) => c.id)).toEqual(['org-b']);
    expect(removed.label).toBe('acme');
    expect(Object.values(keys).every((key) => key.includes('org-a.'))).toBe(true);
    expect(refusal(() => removeConnection(state, 'org-a')).kind).toBe('not_connected');
  });

  it('gives two connections disjoint keys, none of them a key of the single connection', () => {
    const a = Object.values(connectionKeys('org-a'));
    const b = Object.values(connectionKeys('org-b'));
    expect(new Set([...a, ...b]).size).toBe(a.length + b.length);
    const legacy = [
      'local:connection',
      'local:credentials',
      'local:drafts',
      'session:lookupCache',
      'local:panelMemory',
    ];
    expect([...a, ...b].filter((key) => legacy.includes(key))).toEqual([]);
    expect(connectionKeys('org-a').drafts.startsWith('local:')).toBe(true);
    expect(connectionKeys('org-a').lookupCache.startsWith('session:')).toBe(true);
  });

  it('makes ids that are safe in a key and refuses others', () => {
    let seed = 0;
    const id = newConnectionId((length) => Uint8Array.from({ length }, () => (seed += 37)));
    expect(isConnectionId(id)).toBe(true);
    expect(id).toMatch(/^org-[a-z0-9]{10}$/);
    for (const bad of ['org-', 'org-A', 'org-a.b', 'x-1', 'org-a:session']) {
      expect(isConnectionId(bad)).toBe(false);
      expect(() => connectionKeys(bad as ConnectionId)).toThrow();
    }
  });

  it('reads a damaged stored value as nothing, and drops entries that are not connections', () => {
    expect(readConnectionsState(undefined)).toBeNull();
    expect(readConnectionsState({ version: 2, connections: [] })).toBeNull();
    const kept = readConnectionsState({ version: 1, connections: [...twoOrgs().connections, { id: '../x' }, null] });
    expect(kept?.connections.map((c) => c.id)).toEqual(['org-a', 'org-b']);
  });
});

describe('the per-connection credential boundary', () => {
  const root = join(import.meta.dirname, '../../..');
  const files = (folder: string): string[] =>
    readdirSync(folder).flatMap((name) => {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) return files(path);
      return /\.(ts|tsx)$/.test(name) ? [path] : [];
    });

  it("only connections-credentials.ts builds or uses a connection's secret key", () => {
    const users = ['lib', 'components', 'entrypoints']
      .flatMap((folder) => files(join(root, folder)))
      .filter((file) => /\bcredentialKey\b|}credentials`/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(users).toEqual(['lib/background/connections-credentials.ts']);
  });

  it('keeps the secret under a key of its own connection, apart from its data', () => {
    expect(credentialKey('org-a')).toBe('local:conn.org-a.credentials');
    expect(Object.values(connectionKeys('org-a'))).not.toContain(credentialKey('org-a'));
    expect(credentialKey('org-a')).not.toBe(credentialKey('org-b'));
    expect(() => credentialKey('org-a.x' as ConnectionId)).toThrow();
  });
});
