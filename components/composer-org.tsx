import { connections } from '../lib/ui/connection-store';
import { activeConnectionId, currentCustomer } from '../lib/ui/current-customer';
import { OrgChip } from './org-chip';
import { tNodes } from './t-nodes';
import { UserText } from './user-text';

/**
 * Whom and where a composer writes to, with several organisations connected: "Note to Ada King — Brightwave".
 * A single-organisation agent sees nothing new.
 */
export function ComposerOrg({ kind }: { kind: 'note' | 'message' }) {
  const orgs = connections.value ?? [];
  if (orgs.length < 2) return null;
  const id = activeConnectionId();
  const org = orgs.find((entry) => entry.id === id);
  const customer = currentCustomer.value;
  if (!org || !customer) return null;
  const nodes = { name: <UserText text={customer.name} identity />, org: <OrgChip org={org} /> };
  return (
    <p class="composer-org">
      {kind === 'note' ? tNodes('orgs.composer.noteTo', nodes) : tNodes('orgs.composer.messageTo', nodes)}
    </p>
  );
}
