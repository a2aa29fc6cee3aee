import { request } from '../lib/messaging/client';
import type { ConnectionId, OrgConnectionStatus } from '../lib/messaging/model';
import { setConnections } from '../lib/ui/connection-store';
import { ConnectForm, ConnectionSummary } from './connect-form';
import { type ConnectionActions, ConnectionsList } from './connections-list';

/** What the list's buttons ask the background; each answers the new list (also pushed to the other pages). */
const ACTIONS: ConnectionActions = {
  rename: async (connectionId, label) => setConnections(await request('updateConnection', { connectionId, label })),
  recolour: async (connectionId, colour) => setConnections(await request('updateConnection', { connectionId, colour })),
  move: async (connectionId, index) => setConnections(await request('moveConnection', { connectionId, index })),
  signOut: async (connectionId) => setConnections(await request('signOut', { connectionId })),
};

/**
 * The organisations (options page and the panel's Organisations screen), wired to the background. One organisation shows as before (its summary,
 * test and sign out) with "Add an organisation"; several show as the list.
 */
export function ConnectionsSection({
  connections,
  oauthClientId,
  reconnect,
}: {
  connections: OrgConnectionStatus[];
  oauthClientId?: string | undefined;
  /** The organisation whose reconnect form opens at once. */
  reconnect?: ConnectionId | undefined;
}) {
  const [only] = connections;
  return (
    <ConnectionsList
      rows={connections.length > 1 ? connections : []}
      taken={connections.map((each) => each.colour)}
      actions={ACTIONS}
      reconnect={reconnect}
      empty={only?.state === 'connected' ? <ConnectionSummary status={only} /> : undefined}
      renderConnect={(choice, done) =>
        'reconnect' in choice ? (
          <ConnectForm status={choice.reconnect} oauthClientId={oauthClientId} onConnected={done} />
        ) : (
          <ConnectForm
            status={null}
            oauthClientId={oauthClientId}
            choice={{ ...(choice.label ? { label: choice.label } : {}), colour: choice.colour }}
            onConnected={done}
          />
        )
      }
    />
  );
}
