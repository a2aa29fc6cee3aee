import { ServiceError } from '../service-error';
import {
  CONNECTION_COLOURS,
  type ConnectionColour,
  type ConnectionDetails,
  type ConnectionId,
  type ConnectionKeys,
  type ConnectionsState,
  type OrgConnection,
} from './connections-types';

/**
 * The connections model: pure functions from one `ConnectionsState` to the next. Storage, credentials and
 * clients are elsewhere (connections-store.ts, connections-credentials.ts, connections-registry.ts).
 */

export const NO_CONNECTIONS: ConnectionsState = { version: 1, connections: [] };

/** The longest label, so that a tab or a chip in the panel stays one line. */
export const MAX_LABEL_LENGTH = 24;
const ID_PATTERN = /^org-[a-z0-9]{1,32}$/;

function refuse(message: string): ServiceError {
  return new ServiceError({ kind: 'validation', message });
}

/** True for a string shaped like a connection id (safe inside a storage key). */
export function isConnectionId(value: unknown): value is ConnectionId {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** A new id from random bytes: `org-` and 10 base-36 characters. */
export function newConnectionId(randomBytes: (length: number) => Uint8Array): ConnectionId {
  const digits = [...randomBytes(10)].map((byte) => (byte % 36).toString(36)).join('');
  return `org-${digits}`;
}

/** The start of every storage name of one connection (`conn.<id>.`); refuses what is not a connection id. */
export function connectionKeyPrefix(id: ConnectionId): string {
  if (!isConnectionId(id)) throw refuse(`"${String(id)}" is not a connection id`);
  return `conn.${id}.`;
}

/**
 * Every storage key of one connection's data. Keys of two connections never overlap, nor with the legacy items.
 * Its secret's key is not among them: connections-credentials.ts alone builds it.
 */
export function connectionKeys(id: ConnectionId): ConnectionKeys {
  const key = (name: string) => `${connectionKeyPrefix(id)}${name}`;
  return {
    lookupCache: `session:${key('lookupCache')}`,
    reference: `session:${key('reference')}`,
    drafts: `local:${key('drafts')}`,
    panelMemory: `local:${key('panelMemory')}`,
    problem: `session:${key('problem')}`,
  };
}

/** The label as stored: spaces collapsed, trimmed; refused when empty, too long or already used. */
export function checkLabel(state: ConnectionsState, label: string, except?: ConnectionId): string {
  const clean = label.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (clean === '') throw refuse('Give the organisation a short name.');
  if ([...clean].length > MAX_LABEL_LENGTH) throw refuse(`A name of at most ${MAX_LABEL_LENGTH} characters.`);
  const taken = state.connections.some(
    (connection) => connection.id !== except && connection.label.toLocaleLowerCase() === clean.toLocaleLowerCase(),
  );
  if (taken) throw refuse(`"${clean}" already names another organisation.`);
  return clean;
}

/** A label from what the agent connected to: the organisation's name, else the API host. */
export function defaultLabel(state: ConnectionsState, details: Pick<ConnectionDetails, 'orgName' | 'baseUrl'>): string {
  const base = (details.orgName ?? new URL(details.baseUrl).host)
    .slice(0, MAX_LABEL_LENGTH - 3)
    .replace(/[.\s-]+$/, '');
  const used = new Set(state.connections.map((connection) => connection.label.toLocaleLowerCase()));
  if (!used.has(base.toLocaleLowerCase())) return base;
  for (let index = 2; ; index++) if (!used.has(`${base} ${index}`.toLocaleLowerCase())) return `${base} ${index}`;
}

/** The first colour of the palette no connection uses yet (the palette again from the start when all are). */
export function nextColour(state: ConnectionsState): ConnectionColour {
  const used = new Set(state.connections.map((connection) => connection.colour));
  return (
    CONNECTION_COLOURS.find((colour) => !used.has(colour)) ??
    CONNECTION_COLOURS[state.connections.length % CONNECTION_COLOURS.length] ??
    'blue'
  );
}

/**
 * A connection that is not (or no longer) connected, as a reason the pages word themselves (the connection's
 * label is theirs to show): the worker builds no sentence for it.
 */
export function notConnected(connectionId: ConnectionId): ServiceError {
  return new ServiceError({ kind: 'not_connected', message: '', connectionId });
}

export function findConnection(state: ConnectionsState, id: ConnectionId): OrgConnection {
  const found = state.connections.find((connection) => connection.id === id);
  if (!found) throw notConnected(id);
  return found;
}

/**
 * Adds a connection. Refused when the same organisation (by Kustomer's org id) is already connected: its data
 * and outbox would then have two owners.
 */
export function addConnection(
  state: ConnectionsState,
  details: ConnectionDetails,
  choice: { id: ConnectionId; now: number; label?: string; colour?: ConnectionColour },
): { state: ConnectionsState; connection: OrgConnection } {
  if (state.connections.some((connection) => connection.id === choice.id)) throw refuse('That id is taken.');
  const twin = details.orgId && state.connections.find((connection) => connection.orgId === details.orgId);
  if (twin) throw refuse(`This organisation is already connected as "${twin.label}". Reconnect it there instead.`);
  const connection: OrgConnection = {
    ...details,
    id: choice.id,
    label: checkLabel(state, choice.label ?? defaultLabel(state, details)),
    colour: choice.colour ?? nextColour(state),
    addedAt: choice.now,
  };
  return { state: { version: 1, connections: [...state.connections, connection] }, connection };
}

/** Renames or recolours one connection. */
export function updateConnection(
  state: ConnectionsState,
  id: ConnectionId,
  change: { label?: string; colour?: ConnectionColour },
): ConnectionsState {
  const current = findConnection(state, id);
  if (change.colour !== undefined && !CONNECTION_COLOURS.includes(change.colour)) throw refuse('Unknown colour.');
  const next: OrgConnection = {
    ...current,
    ...(change.label === undefined ? {} : { label: checkLabel(state, change.label, id) }),
    ...(change.colour === undefined ? {} : { colour: change.colour }),
  };
  return { version: 1, connections: state.connections.map((connection) => (connection.id === id ? next : connection)) };
}

/**
 * New details for a connection signed in again (a fresh key or token, a moved host). The organisation must be
 * the same one: queued writes and drafts of this connection were written for it.
 */
export function reconnect(state: ConnectionsState, id: ConnectionId, details: ConnectionDetails): ConnectionsState {
  const current = findConnection(state, id);
  if (current.orgId && details.orgId && current.orgId !== details.orgId) {
    throw refuse(`These credentials belong to another organisation than "${current.label}". Add it as a new one.`);
  }
  const next: OrgConnection = {
    ...details,
    id,
    label: current.label,
    colour: current.colour,
    addedAt: current.addedAt,
  };
  return { version: 1, connections: state.connections.map((connection) => (connection.id === id ? next : connection)) };
}

/** Moves a connection to `index` (the first one is the default). */
export function moveConnection(state: ConnectionsState, id: ConnectionId, index: number): ConnectionsState {
  const moving = findConnection(state, id);
  const rest = state.connections.filter((connection) => connection.id !== id);
  const at = Math.max(0, Math.min(rest.length, Math.trunc(index)));
  return { version: 1, connections: [...rest.slice(0, at), moving, ...rest.slice(at)] };
}

/** Removes one connection; answers the keys of its data, which go with it (and only those). */
export function removeConnection(
  state: ConnectionsState,
  id: ConnectionId,
): { state: ConnectionsState; removed: OrgConnection; keys: ConnectionKeys } {
  const removed = findConnection(state, id);
  return {
    state: { version: 1, connections: state.connections.filter((connection) => connection.id !== id) },
    removed,
    keys: connectionKeys(id),
  };
}

/** Reads a stored value as a state, dropping what does not look like a connection (never throws). */
export function readConnectionsState(value: unknown): ConnectionsState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { version, connections } = value as Partial<ConnectionsState>;
  if (version !== 1 || !Array.isArray(connections)) return null;
  return {
    version: 1,
    connections: connections.filter(
      (connection): connection is OrgConnection =>
        typeof connection === 'object' &&
        connection !== null &&
        isConnectionId(connection.id) &&
        typeof connection.baseUrl === 'string' &&
        typeof connection.label === 'string',
    ),
  };
}
