import type { PanelIntent } from '../messaging/model';

/**
 * What the side panel's boot script (lib/ui/panel-boot.ts) hands to the app (lib/ui/boot-requests.ts):
 * its requests' raw answers and the intents pushed meanwhile. Kept apart so that neither side bundles
 * the other's code.
 */
export interface BootState {
  /** Raw answers (response envelopes) by request key. */
  answers: Map<string, Promise<unknown>>;
  /** Intents pushed after the boot took its own and before the app listens: none may be lost. */
  pushedIntents: PanelIntent[];
  stopListening(): void;
}

export const BOOT = Symbol.for('kustomer-sidebar.panel-boot');
export type BootScope = typeof globalThis & { [BOOT]?: BootState };

export const lookupKey = (email: string): string => `lookupEmail ${email}`;
