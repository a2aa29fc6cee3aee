import { signal } from '@preact/signals';
import { onPushEvent, request } from '../messaging/client';
import { errorInfoOf } from '../messaging/errors';
import type { ConnectionStatus, ErrorInfo } from '../view-models';

/** null while the first answer is awaited. */
export const connection = signal<ConnectionStatus | null>(null);
/** Set when the background could not say whether we are connected. */
export const connectionLoadError = signal<ErrorInfo | null>(null);

/** Asks the background for the connection state. */
export async function loadConnection(): Promise<void> {
  try {
    connection.value = await request('getConnection');
    connectionLoadError.value = null;
  } catch (error) {
    connectionLoadError.value = errorInfoOf(error);
    connection.value = { state: 'disconnected' };
  }
}

/** Loads the connection and follows `connectionChanged` pushes. Returns a stop function. */
export function syncConnection(): () => void {
  const stop = onPushEvent('connectionChanged', (event) => {
    connection.value = event.status;
    connectionLoadError.value = null;
  });
  void loadConnection();
  return stop;
}
