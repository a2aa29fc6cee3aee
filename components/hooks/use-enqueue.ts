import { useState } from 'preact/hooks';
import { t } from '../../lib/i18n/t';
import { summariseWrite } from '../../lib/labels';
import { request } from '../../lib/messaging/client';
import { errorInfoOf } from '../../lib/messaging/errors';
import type { ConnectionId, ErrorInfo, OutboxItem, WriteRequest } from '../../lib/messaging/model';
import { announce } from '../../lib/ui/announcer';
import { appDrafts } from '../../lib/ui/app-drafts';
import { activeConnectionId, currentCustomer } from '../../lib/ui/current-customer';
import { noteRequestOutcome } from '../../lib/ui/network';
import { rememberOutboxItem } from '../../lib/ui/outbox-store';
import { aboutWrite } from '../../lib/ui/panel-memory';

export interface Enqueue {
  busy: boolean;
  error: ErrorInfo | null;
  /**
   * Puts the write in the outbox; clears the drafts only once the background accepted it. It goes to
   * `connectionId`, by default the organisation of the card the agent is on.
   */
  submit(
    write: WriteRequest,
    draftKeysToClear?: string[],
    accepted?: string,
    connectionId?: ConnectionId,
  ): Promise<OutboxItem | null>;
  clearError(): void;
}

/** Sends writes to the outbox with busy and error state for one form. */
export function useEnqueue(): Enqueue {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  return {
    busy,
    error,
    clearError: () => setError(null),
    async submit(write, draftKeysToClear = [], accepted, connectionId = activeConnectionId()) {
      setBusy(true);
      setError(null);
      try {
        const about = aboutWrite(write, currentCustomer.value);
        const item = await request('enqueueWrite', { connectionId, write, ...(about ? { about } : {}) });
        noteRequestOutcome(null);
        rememberOutboxItem(item);
        await Promise.all(draftKeysToClear.map((key) => appDrafts().clear(key)));
        announce(accepted ?? t('panel.outbox.queuedWrite', { write: summariseWrite(item.request) }));
        return item;
      } catch (caught) {
        const info = errorInfoOf(caught);
        noteRequestOutcome(info);
        setError(info);
        return null;
      } finally {
        setBusy(false);
      }
    },
  };
}
