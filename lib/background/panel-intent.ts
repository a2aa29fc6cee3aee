import { panelIntentItem } from '../storage';
import type { PanelIntent } from '../view-models';

export interface PanelIntents {
  /** Saves what the panel should show next and tells an open panel. */
  set(intent: PanelIntent): Promise<void>;
  /** The pending intent, cleared once taken (a panel that opens later asks for it). */
  take(): Promise<PanelIntent | null>;
}

/** Intents live in session storage: the panel may open after the worker was stopped. */
export function createPanelIntents(
  push: (intent: PanelIntent) => Promise<void>,
  prefetch: (email: string) => void = () => undefined,
): PanelIntents {
  return {
    async set(intent) {
      // Start the lookup now, while Chrome opens the panel: the card is ready (or in flight) when it asks.
      if (intent.kind === 'showCustomer') prefetch(intent.email);
      await panelIntentItem.setValue(intent);
      await push(intent);
    },
    async take() {
      const intent = await panelIntentItem.getValue();
      if (intent) await panelIntentItem.setValue(null);
      return intent;
    },
  };
}
