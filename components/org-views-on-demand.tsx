import { signal } from '@preact/signals';
import type { ComponentType, FunctionComponent } from 'preact';
import { connections } from '../lib/ui/connection-store';

/** The views for several organisations (`org-views.tsx`). */
export type OrgViews = typeof import('./org-views').orgViews;

const loaded = signal<OrgViews | undefined>(undefined);
let loading: Promise<OrgViews> | undefined;

/** Loads the views for several organisations once (again after a failed load). */
export function loadOrgViews(): Promise<OrgViews> {
  // `module.orgViews`, not a destructuring parameter: with one, the bundler puts the module in the first paint.
  loading ??= import('./org-views').then(
    (module) => {
      loaded.value = module.orgViews;
      return module.orgViews;
    },
    (caught: unknown) => {
      loading = undefined;
      throw caught;
    },
  );
  return loading;
}

/**
 * The views for several organisations once two or more are connected, whose first call starts loading them;
 * `undefined` with one organisation (nothing is loaded) and while they load. A component that calls it shows
 * them as soon as they arrive (a signal). A failed load leaves lists without chips, as with one organisation.
 */
export function orgViews(): OrgViews | undefined {
  if ((connections.value?.length ?? 0) < 2) return undefined;
  if (!loaded.value) loadOrgViews().catch(() => undefined);
  return loaded.value;
}

/** A view for several organisations that shows nothing with one, nor until the views have loaded. */
function onDemand<P extends object>(pick: (views: OrgViews) => ComponentType<P>): FunctionComponent<P> {
  return function OrgViewOnDemand(props: P) {
    const views = orgViews();
    if (!views) return null;
    const View = pick(views);
    return <View {...props} />;
  };
}

/** Which organisations know a record, in lists ("On this page", search results, recent customers). */
export const OrgChipsOnDemand = onDemand((views) => views.OrgChipsOf);
/** "Note to Ada King — Brightwave" above a composer. */
export const ComposerOrgOnDemand = onDemand((views) => views.ComposerOrg);
