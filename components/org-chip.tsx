import type { ConnectionId, OrgTag } from '../lib/messaging/model';
import './orgs.css';

/**
 * An organisation's label with its colour dot. The label is always written out (and is the accessible name):
 * the colour only helps the eye, it is never the only sign of the organisation.
 */
export function OrgChip({ org }: { org: Pick<OrgTag, 'label' | 'colour'> }) {
  return (
    <span class="org-chip">
      <span class="org-dot" data-colour={org.colour} aria-hidden="true" />
      <bdi>{org.label}</bdi>
    </span>
  );
}

/** The chips of the organisations `ids` names, in the agent's order of `orgs`. */
export function OrgChips({ ids, orgs }: { ids: readonly ConnectionId[]; orgs: readonly OrgTag[] }) {
  const shown = orgs.filter((org) => ids.includes(org.id));
  if (shown.length === 0) return null;
  return (
    <span class="org-chips">
      {shown.map((org) => (
        <OrgChip key={org.id} org={org} />
      ))}
    </span>
  );
}
