import { computed, signal } from '@preact/signals';
import { onPushEvent } from '../messaging/client';
import { errorInfoOf } from '../messaging/errors';
import type { ConnectionId, ErrorInfo, OrgConnectionStatus } from '../messaging/model';
import { markBoot } from './boot-marks';
import { bootConnections } from './boot-requests';

/** Every connected organisation in the agent's order; null while the first answer is awaited. */
export const connections = signal<OrgConnectionStatus[] | null>(null);

/** What the panel's single-connection screens show: the first organisation, or disconnected. */
export type PanelConnection = OrgConnectionStatus | { state: 'disconnected' };

/** The first connection (the default where nothing else decides); null while the first answer is awaited. */
export const connection = computed<PanelConnection | null>(() => {
  const list = connections.value;
  return list === null ? null : (list[0] ?? { state: 'disconnected' });
});

/** Set when the background could not say whether we are connected. */
export const connectionLoadError = signal<ErrorInfo | null>(null);
/**
 * Bumped whenever the panel starts speaking to another organisation or user (a sign-in elsewhere, a
 * sign-out): data cached for one connection (users, sub-statuses) must not be shown under the next.
 */
export const connectionEpoch = signal(0);

let identity: string | undefined;

/** Takes the background's list (an answer or a `connectionChanged` push). */
export function setConnections(list: OrgConnectionStatus[]): void {
  const next = list.map((status) => `${status.id} ${status.state} ${status.baseUrl} ${status.userEmail ?? ''}`).join();
  if (identity !== undefined && next !== identity) connectionEpoch.value += 1;
  identity = next;
  connections.value = list;
}

/** Takes one organisation's new status (a connect or a test answers it), keeping the others. */
export function setConnectionStatus(status: OrgConnectionStatus): void {
  const list = connections.value ?? [];
  const known = list.some((entry) => entry.id === status.id);
  setConnections(known ? list.map((entry) => (entry.id === status.id ? status : entry)) : [...list, status]);
}

/** The organisation `id` names, as last known (undefined once it is gone). */
export function connectionOf(id: ConnectionId | undefined): OrgConnectionStatus | undefined {
  return id === undefined ? undefined : connections.value?.find((entry) => entry.id === id);
}

/** The id of the first connected organisation, if any. */
export function firstConnectionId(): ConnectionId | undefined {
  return connections.value?.[0]?.id;
}

/** Asks the background for the connections. */
export async function loadConnection(): Promise<void> {
  try {
    setConnections(await bootConnections());
    connectionLoadError.value = null;
  } catch (error) {
    connectionLoadError.value = errorInfoOf(error);
    setConnections([]);
  }
  markBoot('connection');
}

/** Loads the connections and follows `connectionChanged` pushes. Returns a stop function. */
export function syncConnection(): () => void {
  const stop = onPushEvent('connectionChanged', (event) => {
    setConnections(event.connections);
    connectionLoadError.value = null;
  });
  void loadConnection();
  return stop;
}
