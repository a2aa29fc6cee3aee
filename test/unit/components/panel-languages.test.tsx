// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BulkUpdate } from '../../../components/bulk-update';
import { checkLength } from '../../../components/composer';
import { ConversationUpdateForm } from '../../../components/conversation-update-form';
import { HistoryView } from '../../../components/history-view';
import { MessageForm } from '../../../components/message-form';
import { NoteForm } from '../../../components/note-form';
import { OutboxView } from '../../../components/outbox-view';
import { summariseWrite } from '../../../lib/labels';
import { request } from '../../../lib/messaging/client';
import { outboxItems } from '../../../lib/ui/outbox-store';
import { speak } from '../../support/fake-language';
import { chromeMessages } from '../../support/i18n-catalogue';
import { conversation, outboxEntry, SUB_STATUSES, USERS } from './fixtures';
import { answer, renderInRouter, useMemoryDrafts } from './harness';

vi.mock('../../../lib/messaging/client', () => import('./client-mock'));

/*
 * The second half of the side panel in another language: the views read every word, count and list separator
 * from the locale, and an element inside a message goes where that language puts it. The whole file runs in
 * German (plural rules and number formats are made once per page, as in the panel); Japanese is switched in for
 * word order only.
 */
const english = await chromeMessages('en');
const german = await chromeMessages('de');
const japanese = await chromeMessages('ja');

/** English texts of the views' own messages that German words differently (placeholders and all). */
function englishLeftIn(text: string, groups: string[]): string[] {
  return Object.entries(english)
    .filter(([name]) => groups.some((group) => name.startsWith(`panel_${group}_`)))
    .filter(([name, { message }]) => german[name]?.message !== message && !/\{\w+\}/.test(message))
    .map(([, { message }]) => message)
    .filter((message) => message.length > 3 && text.includes(message));
}

/** What a screen reader and the eye get from the page: text, labels, placeholders, option names. */
function everythingShown(): string {
  const attributes = [...document.querySelectorAll('[aria-label], [placeholder]')].flatMap((element) => [
    element.getAttribute('aria-label') ?? '',
    element.getAttribute('placeholder') ?? '',
  ]);
  return [document.body.textContent ?? '', ...attributes].join('\n');
}

beforeEach(async () => {
  speak(german, 'de');
  await useMemoryDrafts();
  answer(request, { listUsers: USERS, listSubStatuses: SUB_STATUSES, getCustomerHistory: [] });
});

describe('the second half of the side panel in German', () => {
  it('counts characters with German plural forms and digit grouping', () => {
    expect(checkLength('x'.repeat(30_000)).message).toMatch(/^\d{1,3}(\.\d{3})* Zeichen über dem Limit$/);
    expect(checkLength('x'.repeat(30_000)).message).not.toMatch(/,/);
  });

  it('names writes in German, with German quotation marks and counts', () => {
    expect(summariseWrite({ kind: 'createNote', customerId: 'c', conversationId: 'v', body: 'Motor' })).toBe(
      'Notiz „Motor“',
    );
    expect(
      summariseWrite({
        kind: 'bulkUpdateConversations',
        customerId: 'c',
        conversationIds: ['a', 'b'],
        changes: { status: 'done', priority: 4, assigneeIds: ['u1'] },
      }),
    ).toBe('2 Unterhaltungen aktualisieren: erledigt, Priorität hoch (4), 1 Person zugewiesen');
  });

  it('shows the outbox in German', () => {
    outboxItems.value = [
      outboxEntry({
        id: 'w-failed',
        state: 'failed',
        attempts: 3,
        request: { kind: 'createNote', customerId: 'cust-ada', conversationId: 'conv-1', body: 'Motor' },
      }),
    ];
    renderInRouter(<OutboxView />);
    expect(screen.getByRole('heading', { name: 'Postausgang' })).toBeTruthy();
    expect(screen.getByText('Fehlgeschlagen')).toBeTruthy();
    expect(screen.getByText(/· 3 Versuche/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Jetzt wiederholen: Notiz „Motor“' })).toBeTruthy();
    expect(englishLeftIn(everythingShown(), ['outbox'])).toEqual([]);
  });

  it('leaves no English in the composers, the update form and bulk changes', async () => {
    const summary = conversation({ id: 'conv-1', subject: 'Rückerstattung' });
    renderInRouter(
      <>
        <NoteForm customerId="cust-ada" conversationId="conv-1" />
        <MessageForm customerId="cust-ada" conversationId="conv-1" />
        <ConversationUpdateForm conversation={summary} />
        <BulkUpdate customerId="cust-ada" conversations={[summary]} onDone={() => undefined} />
      </>,
    );
    const assignees = screen.getAllByRole('combobox', { name: 'Zuständig' });
    await waitFor(() => expect(within(assignees[0] as HTMLElement).getByRole('option', { name: 'Kim Lee' })));
    expect(screen.getByRole('button', { name: 'Auf 0 Unterhaltungen anwenden' })).toBeTruthy();
    expect(screen.getAllByRole('option', { name: 'Dringend (5)' })).toHaveLength(2);
    const shown = everythingShown();
    expect(shown).toContain('Interne Notiz.');
    expect(
      englishLeftIn(shown, ['composer', 'noteForm', 'messageForm', 'conversationFields', 'updateForm', 'bulk']),
    ).toEqual([]);
    expect(shown).not.toMatch(/\b(Open|Snoozed|Done|Urgent|Lowest)\b/);
  });
});

describe('an element inside a message', () => {
  it('goes where Japanese puts it', async () => {
    speak(japanese, 'ja');
    renderInRouter(<HistoryView customerId="cust-ada" customerName="Ada Lovelace" />);
    expect(screen.getByRole('heading').textContent).toBe('Ada Lovelace の履歴');
    await screen.findByText('記録された変更はまだありません。');
  });
});
