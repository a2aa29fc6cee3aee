import { useEffect, useState } from 'preact/hooks';
import type { ConnectionId, OrgTag } from '../lib/messaging/model';

type ChipsModule = typeof import('./org-chip');
let loaded: ChipsModule | undefined;

/**
 * Which organisations know a record, for lists in the panel's first paint ("On this page", search results,
 * recent customers). With one organisation connected nothing is shown and nothing is loaded: the chips and their
 * style sheet come on demand, so a single-organisation agent's first paint does not grow.
 */
export function OrgChipsOnDemand({ ids, orgs }: { ids: readonly ConnectionId[]; orgs: readonly OrgTag[] | null }) {
  const [chips, setChips] = useState(loaded);
  const several = (orgs?.length ?? 0) > 1;
  useEffect(() => {
    if (!several || chips) return;
    let current = true;
    import('./org-chip').then((module) => {
      loaded = module;
      if (current) setChips(module);
    });
    return () => {
      current = false;
    };
  }, [several]);
  if (!several || !chips || !orgs) return null;
  return <chips.OrgChips ids={ids} orgs={orgs} />;
}
