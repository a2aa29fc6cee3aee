import { useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import { request } from '../lib/messaging/client';
import type { ConnectionId } from '../lib/messaging/model';
import { connections } from '../lib/ui/connection-store';
import type { QuickNoteIntent } from '../lib/ui/router';
import { siteOriginOf } from '../lib/url';
import { lazyView } from './lazy-view';
import { loadOrgViews } from './org-views-on-demand';
import { QuickNoteView } from './quick-note-view';
import { ViewHeading } from './view-heading';

/** Loaded with the other views for several organisations: a quick note with one organisation never needs it. */
const OrgPicker = lazyView(() => loadOrgViews().then((views) => views.OrgPicker));

/**
 * A quick note goes to the site's default organisation (the intent carries it); without one, and with several
 * connected, the agent picks first, and may make the choice the site's default.
 */
export function QuickNoteForOrg({ intent }: { intent: QuickNoteIntent }) {
  const orgs = connections.value ?? [];
  const [chosen, setChosen] = useState<ConnectionId | undefined>(intent.connectionId);
  const known = chosen && orgs.some((org) => org.id === chosen) ? chosen : undefined;
  if (known || orgs.length < 2) {
    return <QuickNoteView intent={known ? { ...intent, connectionId: known } : intent} />;
  }
  const site = intent.sourceUrl ? siteOriginOf(intent.sourceUrl) : undefined;
  return (
    <>
      <ViewHeading>{t('panel.quickNote.heading')}</ViewHeading>
      <OrgPicker
        orgs={orgs}
        {...(site ? { site } : {})}
        legend={t('orgs.picker.note')}
        onPick={(id, remember) => {
          setChosen(id);
          if (remember && site) {
            void request('updateSettings', { patch: { siteDefaultOrg: { origin: site, connectionId: id } } }).catch(
              () => undefined,
            );
          }
        }}
      />
    </>
  );
}
