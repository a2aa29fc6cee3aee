import type { ActivationKind, AddressStatus } from './highlighter';

/**
 * What page detection needs from the rest of the extension, kept behind an interface so that lib/page-scan
 * stays free of extension APIs: the content script implements it with the messaging protocol.
 */
export interface ScanReporter {
  /** Reports every address now on the page; may answer with their status (known, ignored). */
  detected(emails: string[], url: string): Promise<AddressStatus | undefined>;
  /** The agent clicked or hovered an address. */
  activate(email: string, how: ActivationKind): void;
  /** The background pushes a new status (a lookup finished, settings changed). Returns an unsubscribe. */
  onStatus(listener: (status: AddressStatus) => void): () => void;
  /** The background asks to stop (detection turned off for the site, or paused). Returns an unsubscribe. */
  onStop(listener: () => void): () => void;
}
