import { t } from '../lib/i18n/t';
import { request } from '../lib/messaging/client';
import type { ConnectionId } from '../lib/messaging/model';
import { connections } from '../lib/ui/connection-store';
import { ConnectionsSection } from './connections-section';
import { useLoad } from './hooks/use-load';
import { ViewHeading } from './view-heading';

/**
 * The panel's Organisations screen: the options page's list, so the agent adds, renames, reconnects or signs out
 * of one organisation without leaving the panel. Loaded on demand (not part of the first paint).
 */
export function OrganisationsView({ reconnect }: { reconnect?: ConnectionId | undefined }) {
  // The OAuth client id an admin saved in the options; the connect form falls back to the pushed policy.
  const settings = useLoad(() => request('getSettings'), []);
  return (
    <>
      <ViewHeading>{t('orgs.list.title')}</ViewHeading>
      <ConnectionsSection
        connections={connections.value ?? []}
        oauthClientId={settings.status === 'ready' ? settings.data.oauthClientId : undefined}
        reconnect={reconnect}
      />
    </>
  );
}
