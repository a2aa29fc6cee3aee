import type { ConnectionStatus, CustomerCard, ErrorInfo } from '../messaging/model';

// Until the protocol of several organisations lands in lib/messaging/model.ts (branch orgs-core): the same names
// and shapes, so that the views switch their imports and nothing else.

export type ConnectionId = `org-${string}`;
export const CONNECTION_COLOURS = ['blue', 'orange', 'green', 'purple', 'teal', 'red', 'olive', 'grey'] as const;
export type ConnectionColour = (typeof CONNECTION_COLOURS)[number];
export interface OrgTag {
  id: ConnectionId;
  label: string;
  colour: ConnectionColour;
}
export type OrgConnectionStatus = Exclude<ConnectionStatus, { state: 'disconnected' }> & OrgTag;
export type OrgAnswer =
  | { connectionId: ConnectionId; status: 'known'; card: CustomerCard }
  | { connectionId: ConnectionId; status: 'unknown' }
  | { connectionId: ConnectionId; status: 'error'; error: ErrorInfo };
