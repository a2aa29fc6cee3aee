import type { OrgTag } from '../lib/ui/org-model';
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
