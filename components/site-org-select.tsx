import { t } from '../lib/i18n/t';
import type { ConnectionId, OrgTag } from '../lib/messaging/model';

/** The connected organisations and each site's default one (a shop admin page belongs to one brand). */
export interface SiteOrgs {
  orgs: readonly OrgTag[];
  /** Origin → its default organisation; a site without one asks at each quick note or right-click lookup. */
  defaults: Readonly<Record<string, ConnectionId>>;
  onChange: (origin: string, id: ConnectionId | null) => void;
}

/** A site's default organisation, or "Ask each time"; shown only when more than one is connected. */
export function SiteOrgSelect({ origin, orgs }: { origin: string; orgs: SiteOrgs }) {
  if (orgs.orgs.length < 2) return null;
  return (
    <select
      aria-label={t('orgs.site.defaultFor', { origin })}
      value={orgs.defaults[origin] ?? ''}
      onChange={(event) => orgs.onChange(origin, (event.currentTarget.value as ConnectionId) || null)}
    >
      <option value="">{t('orgs.site.ask')}</option>
      {orgs.orgs.map((org) => (
        <option key={org.id} value={org.id}>
          {org.label}
        </option>
      ))}
    </select>
  );
}
