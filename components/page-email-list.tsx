import { useRef } from 'preact/hooks';
import type { PageEmail } from '../lib/view-models';
import { UserText } from './user-text';

const STATUS_TEXT: Record<PageEmail['status'], string> = {
  known: 'Known customer',
  unknown: 'Not in Kustomer',
  pending: 'Looking up…',
  ignored: 'Never looked up',
  error: 'Lookup failed',
};

/**
 * The addresses found on the page as one tab stop: arrow keys, Home and End move between them
 * (roving tabindex), Enter opens one.
 */
export function PageEmailList({ emails, onOpen }: { emails: PageEmail[]; onOpen: (email: PageEmail) => void }) {
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
    <ul class="page-emails" ref={list} aria-label="Addresses on this page">
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
            <span class={`badge badge-${entry.status}`}>{STATUS_TEXT[entry.status]}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
