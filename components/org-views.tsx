/*
 * The side panel's views for several organisations, in one module loaded on demand (`org-views-on-demand.tsx`)
 * the first time a list, card, composer or quick note is shown with two or more organisations connected. A panel
 * with one organisation never loads it.
 */
import type { ConnectionId } from '../lib/messaging/model';
import { connections } from '../lib/ui/connection-store';
import { ComposerOrg } from './composer-org';
import { OrgCard } from './org-card';
import { OrgChips } from './org-chip';
import { OrgPicker } from './org-picker';

/** A record of an organisation, or an organisation's answer about one (only `known` ones get a chip). */
export interface OfOrg {
  connectionId?: ConnectionId | undefined;
  status?: string;
}

/** The chips of the organisations that know a record, in the agent's order ("On this page", search results). */
export function OrgChipsOf({ of = [] }: { of?: readonly OfOrg[] | undefined }) {
  const ids = of.flatMap((each) =>
    each.connectionId && (each.status ?? 'known') === 'known' ? [each.connectionId] : [],
  );
  return <OrgChips ids={ids} orgs={connections.value ?? []} />;
}

/**
 * Everything in one object, which the first paint takes as it is: naming each view there, or taking the module's
 * namespace, would cost it bytes (or the bundler's namespace helper).
 */
export const orgViews = { ComposerOrg, OrgCard, OrgChipsOf, OrgPicker };
