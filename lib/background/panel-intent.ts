import type { ConnectionId, PanelIntent } from '../messaging/model';
import { writeWithRoom } from './session-room';
import { panelIntentItem } from './storage-items';

export interface PanelIntents {
  /**
   * Saves what the panel should show next and tells an open panel. From a page (`pageUrl`), the intent names
   * the site's default organisation when the agent set one and it is still connected.
   */
  set(intent: PanelIntent, pageUrl?: string): Promise<void>;
  /** The pending intent, cleared once taken (a panel that opens later asks for it). */
  take(): Promise<PanelIntent | null>;
}

/** Intents live in session storage: the panel may open after the worker was stopped. */
export function createPanelIntents(
  push: (intent: PanelIntent) => Promise<void>,
  prefetch: (subject: { email: string } | { phone: string }) => void = () => undefined,
  siteOrg: (pageUrl: string) => Promise<ConnectionId | undefined> = async () => undefined,
): PanelIntents {
  // The intent this worker saved last and no panel took yet: the panel that opens right after a click
  // is answered without a storage read. Anything else (a restarted worker) is read from session storage.
  let latest: PanelIntent | null = null;

  // A full session area must not lose the agent's intent: writeWithRoom frees page data first (issue 21, finding 4).
  const save = (value: PanelIntent | null): Promise<void> => writeWithRoom(() => panelIntentItem.setValue(value));

  return {
    async set(asked, pageUrl) {
      // Start the lookup now, while Chrome opens the panel: the card is ready (or in flight) when it asks.
      if (asked.kind === 'showCustomer') prefetch({ email: asked.email });
      if (asked.kind === 'showPhone') prefetch({ phone: asked.phone });
      const connectionId = pageUrl && !asked.connectionId ? await siteOrg(pageUrl) : undefined;
      const intent = connectionId ? { ...asked, connectionId } : asked;
      latest = intent;
      await save(intent);
      await push(intent);
    },
    async take() {
      let intent = latest;
      if (!intent) {
        await panelIntentItem.settled();
        intent = await panelIntentItem.getValue();
      }
      // An intent set while storage was read was pushed to the open panels as well.
      latest = null;
      if (intent) await panelIntentItem.removeValue();
      return intent;
    },
  };
}
