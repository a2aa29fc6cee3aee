import { signal } from '@preact/signals';
import type { ConnectionId } from '../messaging/model';
import { connections } from './connection-store';

/** The customer the agent looked at last: the default target of a quick note without an address. */
export const currentCustomer = signal<{ id: string; name: string; email?: string } | null>(null);

/**
 * The organisation of the card the agent is on (set when a card arrives): the screens opened from the card
 * read and write there. Null before any card, then the first connection is meant.
 */
export const cardConnection = signal<ConnectionId | null>(null);

/** Stands for "no organisation connected": a request naming it is answered `not_connected`. */
const NONE: ConnectionId = 'org-none';

/**
 * The organisation the panel's screens speak to: the card's while it is still connected, else the first
 * connection (the only one of a single-organisation agent).
 */
export function activeConnectionId(): ConnectionId {
  const list = connections.value ?? [];
  const card = cardConnection.value;
  if (card && list.some((entry) => entry.id === card)) return card;
  return list[0]?.id ?? card ?? NONE;
}
