import { signal } from '@preact/signals';
import { onPushEvent } from '../messaging/client';
import { errorInfoOf } from '../messaging/errors';
import type { ConnectionStatus, ErrorInfo } from '../messaging/model';
import { markBoot } from './boot-marks';
import { bootConnection } from './boot-requests';

/** null while the first answer is awaited. */
export const connection = signal<ConnectionStatus | null>(null);
/** Set when the background could not say whether we are connected. */
export const connectionLoadError = signal<ErrorInfo | null>(null);
/**
 * Bumped whenever the panel starts speaking to another organisation or user (a sign-in elsewhere, a
 * sign-out): data cached for one connection (users, sub-statuses) must not be shown under the next.
 */
export const connectionEpoch = signal(0);

let identity: string | undefined;

function setConnection(status: ConnectionStatus): void {
  const next = status.state === 'connected' ? `${status.baseUrl ?? ''} ${status.userEmail ?? ''}` : status.state;
  if (identity !== undefined && next !== identity) connectionEpoch.value += 1;
  identity = next;
  connection.value = status;
}

/** Asks the background for the connection state. */
export async function loadConnection(): Promise<void> {
  try {
    setConnection(await bootConnection());
    connectionLoadError.value = null;
  } catch (error) {
    connectionLoadError.value = errorInfoOf(error);
    setConnection({ state: 'disconnected' });
  }
  markBoot('connection');
}

/** Loads the connection and follows `connectionChanged` pushes. Returns a stop function. */
export function syncConnection(): () => void {
  const stop = onPushEvent('connectionChanged', (event) => {
    setConnection(event.status);
    connectionLoadError.value = null;
  });
  void loadConnection();
  return stop;
}
