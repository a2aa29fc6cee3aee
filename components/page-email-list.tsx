import { useRef } from 'preact/hooks';
import { plural, t } from '../lib/i18n/t';
import type { PageEmail } from '../lib/messaging/model';
import { OrgChipsOnDemand } from './org-views-on-demand';
import { UserText } from './user-text';

// `panel.lookup.status.pending` ("Paused"): only a page over its lookup budget leaves addresses pending (issue 21,
// finding 2).
const statusText = (status: PageEmail['status']) => t(`panel.lookup.status.${status}`);

/** Rows drawn at most: a page can hold thousands of addresses, and the agent reads a few (issue 21). */
export const MAX_LISTED = 100;

/**
 * The addresses found on the page as one tab stop: arrow keys, Home and End move between them
 * (roving tabindex), Enter opens one.
 */
export function PageEmailList({ emails: all, onOpen }: { emails: PageEmail[]; onOpen: (email: PageEmail) => void }) {
  const emails = all.slice(0, MAX_LISTED);
  const list = useRef<HTMLUListElement>(null);
  const focusAt = (index: number) => {
    const buttons = Array.from(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
    if (buttons.length === 0) return;
    const target = buttons[(index + buttons.length) % buttons.length];
    for (const button of buttons) button.tabIndex = button === target ? 0 : -1;
    target?.focus();
  };
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: emails.length - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    focusAt(next);
  };
  return (
    <>
      <ul class="page-emails" ref={list} aria-label={t('panel.lookup.addressesLabel')}>
        {emails.map((entry, index) => (
          <li key={entry.email}>
            <button
              type="button"
              class={`page-email status-${entry.status}`}
              tabIndex={index === 0 ? 0 : -1}
              onKeyDown={(event) => onKeyDown(event, index)}
              onClick={() => onOpen(entry)}
            >
              <UserText class="page-email-name" text={entry.customer?.name || entry.phone || entry.email} identity />
              {entry.customer && <UserText class="page-email-address" text={entry.phone ?? entry.email} identity />}
              <span class={`badge badge-${entry.status}`}>{statusText(entry.status)}</span>
              <OrgChipsOnDemand of={entry.orgs} />
            </button>
          </li>
        ))}
      </ul>
      {all.length > emails.length && (
        <p class="hint">{plural('panel.lookup.moreAddresses', all.length - emails.length)}</p>
      )}
    </>
  );
}
