import type { AuthMethod, ConnectionColour, ConnectionId, ConnectionTarget, OutboxItem } from '../messaging/model';

export { CONNECTION_COLOURS } from '../messaging/model';
export type { ConnectionColour, ConnectionId };

/**
 * Several Kustomer organisations connected at once (issue 18; docs/multi-org.md). These types describe what is
 * stored; `connections.ts` changes it, `connections-upgrade.ts` makes it from the single connection of before.
 */

/** One connected organisation, without its secret: safe for extension pages to read. */
export interface OrgConnection {
  id: ConnectionId;
  /** The agent's short name for it ("Acme EU"), unique among the connections, 1–24 characters. */
  label: string;
  colour: ConnectionColour;
  method: AuthMethod;
  target: ConnectionTarget;
  /** API origin: every request of this connection goes there and nowhere else. */
  baseUrl: string;
  appUrl?: string;
  /**
   * Kustomer's id of the organisation (`relationships.org` of `/v1/auth/tokens/current`). A region host serves
   * many organisations, so `baseUrl` does not tell two of them apart; this does.
   */
  orgId?: string;
  orgName?: string;
  userName?: string;
  userEmail?: string;
  userId?: string;
  roles?: string[];
  oauthClientId?: string;
  /** Epoch ms. */
  addedAt: number;
}

/** What a new connection brings besides the id, label and colour the model gives it. */
export type ConnectionDetails = Omit<OrgConnection, 'id' | 'label' | 'colour' | 'addedAt'>;

/** Every connection, in the agent's order (the first is the default where nothing else decides). */
export interface ConnectionsState {
  version: 1;
  connections: OrgConnection[];
}

export type LocalKey = `local:${string}`;
export type SessionKey = `session:${string}`;

/**
 * Where one connection keeps its data: nothing of it is stored under another connection's keys. Its secret is
 * under a key only connections-credentials.ts builds.
 */
export interface ConnectionKeys {
  /** Email / phone → card, for this organisation's answers only. */
  lookupCache: SessionKey;
  /** Users and sub-statuses of the organisation (labels, @mentions). */
  reference: SessionKey;
  /** What the agent is typing, per target (`note:<conversationId>`). */
  drafts: LocalKey;
  /** Recent customers and the last screen (customer ids are the organisation's). */
  panelMemory: LocalKey;
  /** Why this connection stopped working (Kustomer refused its credential). */
  problem: SessionKey;
}

/** An outbox item that names the connection it was written for: it is sent there or nowhere. */
export type OrgOutboxItem = OutboxItem & { connectionId?: ConnectionId };
