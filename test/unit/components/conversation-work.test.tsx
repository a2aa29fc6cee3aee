// @vitest-environment happy-dom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BulkUpdate } from '../../../components/bulk-update';
import { CompanyView } from '../../../components/company-view';
import { ConversationView, UNDO_DELETE_MS } from '../../../components/conversation-view';
import { HistoryView } from '../../../components/history-view';
import { NewKObjectView } from '../../../components/new-kobject-view';
import { request } from '../../../lib/messaging/client';
import type { ConversationDetail, OutboxItem, WriteRequest } from '../../../lib/messaging/model';
import { connections } from '../../../lib/ui/connection-store';
import { outboxItems } from '../../../lib/ui/outbox-store';
import { panelPrefs, panelPrefsItem } from '../../../lib/ui/panel-prefs';
import { COMPANY, CONVERSATION_DETAIL, connectedStatus, conversation } from './fixtures';
import { answer, renderInRouter, useMemoryDrafts } from './harness';

vi.mock('../../../lib/messaging/client', () => import('./client-mock'));

const ME = 'user-me';
const LONG = `${'Line of a long message.\n'.repeat(12)}The end.`;
const DETAIL: ConversationDetail = {
  ...CONVERSATION_DETAIL,
  timeline: [
    ...CONVERSATION_DETAIL.timeline,
    {
      kind: 'note',
      id: 'n-mine',
      body: 'My note, see https://help.example.com/refunds and javascript:alert(1)',
      userMentionIds: [],
      teamMentionIds: [],
      authorId: ME,
      authorName: 'Me Myself',
      createdAt: new Date(Date.now() - 60_000).toISOString(),
    },
    {
      kind: 'message',
      id: 'm-long',
      direction: 'out',
      channel: 'email',
      preview: LONG,
      createdAt: new Date().toISOString(),
    },
  ],
};

function queued(write: WriteRequest): OutboxItem {
  return { id: `item-${write.kind}`, request: write, state: 'queued', attempts: 0, createdAt: Date.now() };
}

function enqueued(): WriteRequest[] {
  return vi
    .mocked(request)
    .mock.calls.filter(([type]) => type === 'enqueueWrite')
    .map(([, input]) => (input as { write: WriteRequest }).write);
}

beforeEach(async () => {
  await useMemoryDrafts();
  connections.value = [connectedStatus({ userId: ME })];
  panelPrefs.value = { timelineOrder: 'newest' };
  await panelPrefsItem.setValue({ timelineOrder: 'newest' });
  answer(request, {
    getConversation: DETAIL,
    listUsers: [
      { id: ME, name: 'Me Myself', email: 'me@example.com' },
      { id: 'machine', name: 'API key user', email: 'key@example.com', machine: true },
    ],
    listSubStatuses: [],
    enqueueWrite: ({ write }: { write: WriteRequest }) => queued(write),
  });
});

afterEach(() => {
  vi.useRealTimers();
  connections.value = null;
});

describe('A conversation you can work in', () => {
  const view = () => renderInRouter(<ConversationView conversationId="conv-1" customerId="cust-ada" />);

  it('shows newest first by default, and remembers oldest first when the agent picks it', async () => {
    view();
    const entries = () => [...document.querySelectorAll('.timeline > li')].map((li) => li.className);
    await screen.findByRole('heading', { name: /^Timeline/ });
    expect(entries()[0]).toContain('message');
    expect(entries().at(-1)).toContain('direction-in');
    fireEvent.change(screen.getByLabelText('Timeline order'), { target: { value: 'oldest' } });
    await waitFor(() => expect(entries()[0]).toContain('direction-in'));
    expect(await panelPrefsItem.getValue()).toEqual({ timelineOrder: 'oldest' });
  });

  it('keeps a bar with status, Add a note and Open in Kustomer for the conversation', async () => {
    view();
    const open = await screen.findByRole('link', { name: 'Open in Kustomer' });
    expect(open.getAttribute('href')).toBe(CONVERSATION_DETAIL.kustomerUrl);
    expect(open.getAttribute('rel')).toContain('noopener');
    fireEvent.click(screen.getByRole('button', { name: 'Add a note' }));
    expect(document.activeElement?.id).toBe('note-conv-1');
  });

  it('collapses a long message with Show more', async () => {
    view();
    const more = await screen.findByRole('button', { name: 'Show more' });
    expect(screen.queryByText(/The end\./)).toBeNull();
    fireEvent.click(more);
    expect(screen.getByText(/The end\./)).toBeTruthy();
  });

  it('makes safe links of http(s) addresses in a note and leaves javascript: as text', async () => {
    view();
    const link = await screen.findByRole('link', { name: 'https://help.example.com/refunds' });
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.queryByRole('link', { name: /javascript/ })).toBeNull();
    expect(screen.getByText(/javascript:alert\(1\)/)).toBeTruthy();
  });

  it('shows the exact local time of a relative one, for screen readers and on focus', async () => {
    view();
    await screen.findByRole('heading', { name: /^Timeline/ });
    const time = document.querySelector('.timeline time.time-text');
    expect(time?.getAttribute('tabindex')).toBe('0');
    expect(time?.getAttribute('title')).toMatch(/\d{4}/);
    expect(time?.querySelector('.time-exact')?.textContent).toContain(time?.getAttribute('title') ?? 'none');
  });

  it('edits only a note the agent wrote, through the outbox', async () => {
    view();
    await screen.findByRole('heading', { name: /^Timeline/ });
    expect(screen.getAllByRole('button', { name: 'Edit note' })).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Edit note' }));
    fireEvent.input(screen.getByLabelText('Note text'), { target: { value: 'Edited note' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() =>
      expect(enqueued()).toEqual([
        { kind: 'updateNote', noteId: 'n-mine', conversationId: 'conv-1', body: 'Edited note' },
      ]),
    );
  });

  it('hides a deleted note with Undo and sends nothing when undone', async () => {
    view();
    await screen.findByRole('heading', { name: /^Timeline/ });
    vi.useFakeTimers();
    fireEvent.click(screen.getByRole('button', { name: 'Delete note' }));
    expect(screen.queryByText(/My note/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(screen.getByText(/My note/)).toBeTruthy();
    await act(async () => {
      vi.advanceTimersByTime(UNDO_DELETE_MS + 100);
    });
    expect(enqueued()).toEqual([]);
  });

  it('sends the delete once, after the undo time', async () => {
    view();
    await screen.findByRole('heading', { name: /^Timeline/ });
    vi.useFakeTimers();
    fireEvent.click(screen.getByRole('button', { name: 'Delete note' }));
    await act(async () => {
      vi.advanceTimersByTime(UNDO_DELETE_MS - 500);
    });
    expect(enqueued()).toEqual([]);
    await act(async () => {
      vi.advanceTimersByTime(1000);
    });
    expect(enqueued()).toEqual([{ kind: 'deleteNote', noteId: 'n-mine', conversationId: 'conv-1' }]);
  });

  it('asks until when before snoozing and sends the time', async () => {
    view();
    const status = await screen.findByLabelText('Status');
    fireEvent.change(status, { target: { value: 'snoozed' } });
    fireEvent.change(screen.getByLabelText('Snooze until'), { target: { value: 'custom' } });
    expect((screen.getByRole('button', { name: 'Apply changes' }) as HTMLButtonElement).disabled).toBe(true);
    const until = new Date(Date.now() + 3 * 86_400_000);
    until.setSeconds(0, 0);
    const pad = (n: number) => String(n).padStart(2, '0');
    const local = `${until.getFullYear()}-${pad(until.getMonth() + 1)}-${pad(until.getDate())}T${pad(until.getHours())}:${pad(until.getMinutes())}`;
    fireEvent.input(screen.getByLabelText('Snooze until date and time'), { target: { value: local } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply changes' }));
    await waitFor(() => expect(enqueued()).toHaveLength(1));
    expect(enqueued()[0]).toEqual({
      kind: 'updateConversation',
      conversationId: 'conv-1',
      changes: { status: 'snoozed', snoozeUntil: until.toISOString() },
    });
  });

  it('keeps machine users out of the assignee list', async () => {
    view();
    const assignee = await screen.findByLabelText('Assignee');
    await waitFor(() => expect(within(assignee).getByRole('option', { name: 'Me Myself' })).toBeTruthy());
    expect(within(assignee).queryByRole('option', { name: 'API key user' })).toBeNull();
  });
});

describe('Bulk update', () => {
  it('applies one change to the selected conversations as one job and shows its progress', async () => {
    const conversations = [conversation({ id: 'c1', subject: 'One' }), conversation({ id: 'c2', subject: 'Two' })];
    renderInRouter(<BulkUpdate customerId="cust-ada" conversations={conversations} onDone={() => undefined} />);
    const apply = () => screen.getByRole('button', { name: /^Apply to/ }) as HTMLButtonElement;
    expect(apply().disabled).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: /One/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /Two/ }));
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'done' } });
    fireEvent.change(screen.getByLabelText('Priority'), { target: { value: '5' } });
    fireEvent.click(apply());
    await waitFor(() => expect(enqueued()).toHaveLength(1));
    expect(enqueued()[0]).toEqual({
      kind: 'bulkUpdateConversations',
      customerId: 'cust-ada',
      conversationIds: ['c1', 'c2'],
      changes: { status: 'done', priority: 5 },
    });
    await act(async () => {
      outboxItems.value = [{ ...queued(enqueued()[0] as WriteRequest), progress: 'running' }];
    });
    expect(screen.getByText('Kustomer is updating the conversations…')).toBeTruthy();
    await act(async () => {
      outboxItems.value = [{ ...queued(enqueued()[0] as WriteRequest), state: 'sent' }];
    });
    expect(screen.getByText(/Done: every selected conversation/)).toBeTruthy();
  });
});

describe('History', () => {
  it("says who changed what and when, in the agent's words", async () => {
    answer(request, {
      getCustomerHistory: [
        {
          id: 'e1',
          at: new Date().toISOString(),
          verb: 'update',
          objectType: 'customer',
          who: 'Sam Rivera',
          changes: [{ field: 'Loyalty tier', before: 'gold', after: '' }],
        },
        { id: 'e2', at: '2020-01-02T10:00:00.000Z', verb: 'create', objectType: 'customer', changes: [] },
      ],
    });
    renderInRouter(<HistoryView customerId="cust-ada" customerName="Ada Lovelace" />);
    expect(await screen.findByText('Sam Rivera changed the customer')).toBeTruthy();
    expect(screen.getByText(/Loyalty tier:/).textContent).toBe('Loyalty tier: gold → empty');
    expect(screen.getByText('Kustomer created the customer')).toBeTruthy();
    // Past a week the date is shown, not "6 years ago".
    expect(document.querySelectorAll('time')[1]?.textContent).toMatch(/^Jan 2, 2020/);
  });
});

describe('New custom object', () => {
  it('builds the form from the klass fields and queues the KObject', async () => {
    answer(request, {
      listKlassForms: [
        {
          klassName: 'return',
          klassLabel: 'Return',
          fields: [
            { key: 'reasonStr', label: 'Reason', type: 'Str', required: true },
            { key: 'itemsNum', label: 'Items', type: 'Num' },
            { key: 'refundBool', label: 'Refund', type: 'Bool' },
          ],
        },
      ],
      enqueueWrite: ({ write }: { write: WriteRequest }) => queued(write),
    });
    renderInRouter(<NewKObjectView customerId="cust-ada" customerName="Ada Lovelace" />);
    fireEvent.input(await screen.findByLabelText('Title (required)'), { target: { value: 'Return of 1042' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create Return' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Reason is required.');
    fireEvent.input(screen.getByLabelText('Reason (required)'), { target: { value: 'Too small' } });
    fireEvent.input(screen.getByLabelText('Items'), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText('Refund'), { target: { value: 'true' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create Return' }));
    await waitFor(() => expect(enqueued()).toHaveLength(1));
    expect(enqueued()[0]).toEqual({
      kind: 'createKObject',
      customerId: 'cust-ada',
      klassName: 'return',
      title: 'Return of 1042',
      data: { reasonStr: 'Too small', itemsNum: 2, refundBool: true },
    });
  });
});

describe('Company attributes', () => {
  it('edits a company attribute as a customer attribute is edited', async () => {
    answer(request, { getCompany: COMPANY, enqueueWrite: ({ write }: { write: WriteRequest }) => queued(write) });
    renderInRouter(<CompanyView companyId="co-ae" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Plan' }));
    fireEvent.input(screen.getByLabelText('Plan'), { target: { value: 'Team' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save Plan' }));
    await waitFor(() =>
      expect(enqueued()).toEqual([{ kind: 'updateCompanyAttributes', companyId: 'co-ae', changes: { plan: 'Team' } }]),
    );
  });
});
