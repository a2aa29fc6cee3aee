import { useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import type { ConnectionId, OrgTag } from '../lib/messaging/model';
import { OrgChip } from './org-chip';

export interface OrgPickerProps {
  /** The connected organisations, in the agent's order (the first is preselected). */
  orgs: readonly OrgTag[];
  /** The site the note or lookup came from; offers to remember the choice for it. */
  site?: string;
  /** What the choice is for ("Add the note to", "Look up in"). */
  legend: string;
  onPick: (id: ConnectionId, rememberForSite: boolean) => void;
  onCancel?: () => void;
}

/**
 * Asks which organisation a quick note or a right-click lookup is for, when the site has no default one. Ticking
 * "Always use it on <site>" makes the choice the site's default (options, site list).
 */
export function OrgPicker({ orgs, site, legend, onPick, onCancel }: OrgPickerProps) {
  const [chosen, setChosen] = useState<ConnectionId | undefined>(orgs[0]?.id);
  const [remember, setRemember] = useState(false);
  return (
    <form
      class="stack org-picker"
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen) onPick(chosen, remember);
      }}
    >
      <fieldset class="stack">
        <legend>{legend}</legend>
        {orgs.map((org) => (
          <label key={org.id}>
            <input
              type="radio"
              name="org-picker"
              value={org.id}
              checked={chosen === org.id}
              onChange={() => setChosen(org.id)}
            />
            <OrgChip org={org} />
          </label>
        ))}
      </fieldset>
      {site && (
        <label class="inline">
          <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.currentTarget.checked)} />
          {t('orgs.picker.remember', { site })}
        </label>
      )}
      <div class="row">
        <button type="submit" class="primary" disabled={!chosen}>
          {t('orgs.picker.continue')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
