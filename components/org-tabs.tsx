import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import type { ConnectionId, CustomerCard } from '../lib/messaging/model';
import type { OrgTab } from '../lib/ui/org-tabs';
import { OrgChip } from './org-chip';
import { ErrorNotice, Skeleton } from './status-views';

export interface OrgTabsProps {
  /** In the agent's order of connections (`orgTabsOf`). */
  tabs: OrgTab[];
  selected: ConnectionId;
  onSelect: (id: ConnectionId) => void;
  /** Asks a failed organisation again. */
  onRetry: (id: ConnectionId) => void;
  /** The customer as the selected organisation knows it. */
  children: (card: CustomerCard, id: ConnectionId) => ComponentChildren;
}

const tabId = (id: ConnectionId) => `org-tab-${id}`;
const panelId = (id: ConnectionId) => `org-panel-${id}`;

/**
 * One tab per organisation that knows the customer (WAI-ARIA tabs: arrow keys, Home and End move and open, the
 * selected tab alone is in the tab order). A single organisation needs no tabs: its chip names it.
 */
export function OrgTabs({ tabs, selected, onSelect, onRetry, children }: OrgTabsProps) {
  const list = useRef<HTMLDivElement>(null);
  // Once the agent switches tabs, focus stays on the tab: the new panel's heading must not take it.
  const [switched, setSwitched] = useState(false);
  const choose = (id: ConnectionId) => {
    setSwitched(true);
    onSelect(id);
  };
  const current = tabs.find((tab) => tab.org.id === selected) ?? tabs[0];
  if (!current) return null;
  const move = (event: KeyboardEvent) => {
    const index = tabs.indexOf(current);
    const next = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: tabs.length - 1,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = tabs[(next + tabs.length) % tabs.length];
    if (!target) return;
    choose(target.org.id);
    list.current?.querySelector<HTMLElement>(`#${tabId(target.org.id)}`)?.focus();
  };
  const panel =
    current.status === 'known' ? (
      children(current.card, current.org.id)
    ) : current.status === 'pending' ? (
      <Skeleton label={t('orgs.tabs.asking', { label: current.org.label })} />
    ) : (
      <ErrorNotice error={current.error} onRetry={() => onRetry(current.org.id)} />
    );
  if (tabs.length === 1 && current.status === 'known') {
    return (
      <div>
        <p class="org-only">
          <OrgChip org={current.org} />
        </p>
        {panel}
      </div>
    );
  }
  return (
    <div>
      <div ref={list} class="org-tabs" role="tablist" aria-label={t('orgs.tabs.label')} onKeyDown={move}>
        {tabs.map((tab) => {
          const on = tab === current;
          return (
            <button
              key={tab.org.id}
              id={tabId(tab.org.id)}
              type="button"
              role="tab"
              class="org-tab"
              data-colour={tab.org.colour}
              aria-selected={on}
              aria-controls={on ? panelId(tab.org.id) : undefined}
              aria-busy={tab.status === 'pending' || undefined}
              tabIndex={on ? 0 : -1}
              onClick={() => choose(tab.org.id)}
            >
              <OrgChip org={tab.org} />
              {tab.status === 'pending' && <span class="hint">{t('orgs.tabs.pending')}</span>}
              {tab.status === 'error' && <span class="badge badge-failed">{t('orgs.tabs.failed')}</span>}
            </button>
          );
        })}
      </div>
      <div
        id={panelId(current.org.id)}
        role="tabpanel"
        aria-labelledby={tabId(current.org.id)}
        data-no-autofocus={switched || undefined}
      >
        {panel}
      </div>
    </div>
  );
}
