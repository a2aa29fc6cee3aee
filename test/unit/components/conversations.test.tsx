// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ConversationView } from '../../../components/conversation-view';
import { ConversationsView } from '../../../components/conversations-view';
import { NewConversationView } from '../../../components/new-conversation-view';
import { request } from '../../../lib/messaging/client';
import type { WriteRequest } from '../../../lib/messaging/model';
import { outboxItems } from '../../../lib/ui/outbox-store';
import { resetReferenceData } from '../../../lib/ui/reference-data';
import { createRouter } from '../../../lib/ui/router';
import { CONVERSATION_DETAIL, conversation, outboxEntry, SUB_STATUSES, USERS } from './fixtures';
import { answer, fails, type Handlers, never, renderInRouter, useMemoryDrafts } from './harness';

vi.mock('../../../lib/messaging/client', () => import('./client-mock'));

let drafts: Awaited<ReturnType<typeof useMemoryDrafts>>;
beforeEach(async () => {
  drafts = await useMemoryDrafts();
  resetReferenceData();
});

const accept = (input: { write: WriteRequest }) => outboxEntry({ id: `w-${input.write.kind}`, request: input.write });
const detailHandlers: Handlers = {
  getConversation: CONVERSATION_DETAIL,
  listUsers: USERS,
  listSubStatuses: SUB_STATUSES,
  enqueueWrite: accept as never,
};

describe('Conversations list', () => {
  it('shows a skeleton, then the open conversations with their details', async () => {
    let release: (value: unknown) => void = () => undefined;
    answer(request, { listConversations: () => new Promise((resolve) => (release = resolve)) as never });
    renderInRouter(<ConversationsView customerId="cust-ada" customerName="Ada Lovelace" />);
    expect(screen.getByText('Loading conversations…')).toBeTruthy();
    release([conversation({ subStatusLabel: 'Waiting on customer' })]);
    const item = await screen.findByRole('button', { name: /Refund for order 1042/ });
    expect(item.textContent).toContain('Open');
    expect(item.textContent).toContain('Waiting on customer');
    expect(item.textContent).toContain('High (4)');
    expect(item.textContent).toContain('Assigned to Sam Rivera');
    expect(item.textContent).toContain('email');
    expect(item.textContent).toContain('Could you refund the second engine?');
    expect(item.textContent).toContain('2 hours ago');
    expect(request).toHaveBeenCalledWith('listConversations', {
      connectionId: expect.stringMatching(/^org-/),
      customerId: 'cust-ada',
      filter: 'open',
    });
  });

  it('offers the next step when there is no open conversation, and shows all', async () => {
    answer(request, {
      listConversations: (input: { filter: string }) =>
        input.filter === 'all' ? [conversation({ status: 'done' })] : [],
    });
    renderInRouter(<ConversationsView customerId="cust-ada" customerName="Ada Lovelace" />);
    expect(await screen.findByText('No open conversations.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show all conversations' }));
    expect((await screen.findByRole('button', { name: /Refund/ })).textContent).toContain('Done');
    expect((screen.getByLabelText('All') as HTMLInputElement).checked).toBe(true);
  });

  it('shows an error with a retry', async () => {
    answer(request, { listConversations: fails({ kind: 'server', message: 'Kustomer answered 503.' }) });
    renderInRouter(<ConversationsView customerId="cust-ada" customerName="Ada Lovelace" />);
    expect((await screen.findByRole('alert')).textContent).toContain('Kustomer answered 503.');
  });

  it('reloads when a new conversation for the customer was sent', async () => {
    answer(request, { listConversations: [conversation()] });
    renderInRouter(<ConversationsView customerId="cust-ada" customerName="Ada Lovelace" />);
    await screen.findByRole('button', { name: /Refund/ });
    const created = { kind: 'createConversation', customerId: 'cust-ada', subject: 'New one' } as const;
    outboxItems.value = [outboxEntry({ id: 'w-c', request: created })];
    answer(request, { listConversations: [conversation(), conversation({ id: 'conv-2', subject: 'New one' })] });
    outboxItems.value = [outboxEntry({ id: 'w-c', request: created, state: 'sent' })];
    expect(await screen.findByRole('button', { name: /New one/ })).toBeTruthy();
  });

  it('opens a conversation', async () => {
    answer(request, { listConversations: [conversation()] });
    const { router } = renderInRouter(<ConversationsView customerId="cust-ada" customerName="Ada Lovelace" />);
    fireEvent.click(await screen.findByRole('button', { name: /Refund/ }));
    expect(router.current).toEqual({ name: 'conversation', conversationId: 'conv-1', customerId: 'cust-ada' });
  });
});

describe('Conversation', () => {
  it('shows a skeleton, then messages and notes on one timeline as text', async () => {
    answer(request, { ...detailHandlers, getConversation: never });
    const { unmount } = renderInRouter(<ConversationView conversationId="conv-1" customerId="cust-ada" />);
    expect(screen.getByText('Loading conversation…')).toBeTruthy();
    unmount();
    answer(request, detailHandlers);
    renderInRouter(<ConversationView conversationId="conv-1" customerId="cust-ada" />);
    expect(await screen.findByRole('heading', { name: 'Refund for order 1042' })).toBeTruthy();
    expect(screen.getByText('Inbound')).toBeTruthy();
    expect(screen.getByText('<b>not bold</b> checked the order')).toBeTruthy();
    expect(document.querySelector('.timeline b')).toBeNull();
  });

  it('says when the timeline is empty', async () => {
    answer(request, { ...detailHandlers, getConversation: { ...CONVERSATION_DETAIL, timeline: [] } });
    renderInRouter(<ConversationView conversationId="conv-1" customerId="cust-ada" />);
    expect(await screen.findByText(/No messages or notes yet/)).toBeTruthy();
  });

  it('shows an error with a retry', async () => {
    answer(request, {
      ...detailHandlers,
      getConversation: fails({ kind: 'not_found', message: 'No such conversation.' }),
    });
    renderInRouter(<ConversationView conversationId="conv-1" customerId="cust-ada" />);
    expect((await screen.findByRole('alert')).textContent).toContain('No such conversation.');
  });

  it('adds a note with an @mention picked from the keyboard, then clears its draft', async () => {
    answer(request, detailHandlers);
    renderInRouter(<ConversationView conversationId="conv-1" customerId="cust-ada" />);
    const note = (await screen.findByLabelText('Note')) as HTMLTextAreaElement;
    await waitFor(() => expect(vi.mocked(request).mock.calls.some(([type]) => type === 'listUsers')).toBe(true));
    fireEvent.input(note, { target: { value: 'Ping @ki', selectionStart: 8 } });
    const listbox = await screen.findByRole('listbox', { name: 'Mention a teammate' });
    expect(within(listbox).getByRole('option', { selected: true }).textContent).toContain('Kim Lee');
    fireEvent.keyDown(note, { key: 'Enter' });
    expect(note.value).toBe('Ping @Kim Lee ');
    fireEvent.input(note, { target: { value: 'Ping @Kim Lee about the refund' } });
    expect(drafts.store.get('note:conv-1')).toBe('Ping @Kim Lee about the refund');
    fireEvent.keyDown(note, { key: 'Enter', ctrlKey: true });
    await waitFor(() =>
      expect(request).toHaveBeenCalledWith(
        'enqueueWrite',
        expect.objectContaining({
          write: {
            kind: 'createNote',
            customerId: 'cust-ada',
            conversationId: 'conv-1',
            body: 'Ping @Kim Lee about the refund',
            userMentionIds: ['u-kim'],
          },
        }),
      ),
    );
    await waitFor(() => expect(drafts.store.get('note:conv-1')).toBe(''));
    expect(await screen.findByText(/queued/)).toBeTruthy();
  });

  it('restores the note draft and keeps it when the outbox refuses the write', async () => {
    await useMemoryDrafts({ 'note:conv-1': { text: 'typed before the panel closed', updatedAt: 1 } });
    answer(request, { ...detailHandlers, enqueueWrite: fails({ kind: 'validation', message: 'Note is too long' }) });
    renderInRouter(<ConversationView conversationId="conv-1" customerId="cust-ada" />);
    const note = (await screen.findByLabelText('Note')) as HTMLTextAreaElement;
    expect(note.value).toBe('typed before the panel closed');
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Note is too long');
    expect(note.value).toBe('typed before the panel closed');
  });

  it('changes status, sub-status, priority and assignee in one update with only what changed', async () => {
    answer(request, detailHandlers);
    renderInRouter(<ConversationView conversationId="conv-1" customerId="cust-ada" />);
    const apply = await screen.findByRole('button', { name: 'Apply changes' });
    expect(apply.hasAttribute('disabled')).toBe(true);
    await waitFor(() => expect((screen.getByLabelText('Assignee') as HTMLSelectElement).disabled).toBe(false));
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'done' } });
    fireEvent.change(screen.getByLabelText('Sub-status'), { target: { value: 'ss-solved' } });
    fireEvent.change(screen.getByLabelText('Assignee'), { target: { value: 'u-kim' } });
    fireEvent.click(apply);
    await waitFor(() =>
      expect(request).toHaveBeenCalledWith(
        'enqueueWrite',
        expect.objectContaining({
          write: {
            kind: 'updateConversation',
            conversationId: 'conv-1',
            changes: { status: 'done', subStatusId: 'ss-solved', assigneeIds: ['u-kim'] },
          },
        }),
      ),
    );
  });

  it('logs an outbound email on the timeline', async () => {
    answer(request, detailHandlers);
    renderInRouter(<ConversationView conversationId="conv-1" customerId="cust-ada" />);
    await screen.findByRole('heading', { name: 'Refund for order 1042' });
    fireEvent.input(screen.getByLabelText('Subject'), { target: { value: 'Your refund' } });
    fireEvent.input(screen.getByLabelText('Message'), { target: { value: 'Refund sent today.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log message' }));
    await waitFor(() =>
      expect(request).toHaveBeenCalledWith(
        'enqueueWrite',
        expect.objectContaining({
          write: {
            kind: 'createMessage',
            conversationId: 'conv-1',
            customerId: 'cust-ada',
            channel: 'email',
            app: 'kustomer-sidebar',
            direction: 'out',
            preview: 'Refund sent today.',
            subject: 'Your refund',
          },
        }),
      ),
    );
  });

  it('shows queued writes on the timeline and reloads once one is sent', async () => {
    answer(request, detailHandlers);
    renderInRouter(<ConversationView conversationId="conv-1" customerId="cust-ada" />);
    await screen.findByRole('heading', { name: 'Refund for order 1042' });
    outboxItems.value = [outboxEntry({ id: 'w9', state: 'queued' })];
    expect(await screen.findByText(/Note “hello” · queued/)).toBeTruthy();
    const loads = vi.mocked(request).mock.calls.filter(([type]) => type === 'getConversation').length;
    outboxItems.value = [outboxEntry({ id: 'w9', state: 'sent' })];
    await waitFor(() =>
      expect(vi.mocked(request).mock.calls.filter(([type]) => type === 'getConversation').length).toBe(loads + 1),
    );
  });
});

describe('New conversation', () => {
  it('keeps the subject when the outbox refuses the conversation', async () => {
    answer(request, { enqueueWrite: fails({ kind: 'validation', message: 'Subject is too long' }) });
    renderInRouter(<NewConversationView customerId="cust-ada" customerName="Ada Lovelace" />);
    fireEvent.input(screen.getByLabelText('Subject'), { target: { value: 'Engine noise' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create conversation' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Subject is too long');
    expect(drafts.store.get('conversation:new:cust-ada')).toBe('Engine noise');
  });

  it('creates a conversation from the subject draft and goes back', async () => {
    await useMemoryDrafts({ 'conversation:new:cust-ada': { text: 'Engine noise', updatedAt: 1 } });
    answer(request, { enqueueWrite: accept as never });
    const router = createRouter();
    router.navigate({ name: 'newConversation', customerId: 'cust-ada', customerName: 'Ada Lovelace' });
    renderInRouter(<NewConversationView customerId="cust-ada" customerName="Ada Lovelace" />, router);
    expect((screen.getByLabelText('Subject') as HTMLInputElement).value).toBe('Engine noise');
    fireEvent.change(screen.getByLabelText('Priority'), { target: { value: '5' } });
    fireEvent.input(screen.getByLabelText('Tags'), { target: { value: 'vip, noise,, vip' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create conversation' }));
    await waitFor(() => expect(router.current).toEqual({ name: 'lookup' }));
    expect(request).toHaveBeenCalledWith(
      'enqueueWrite',
      expect.objectContaining({
        write: {
          kind: 'createConversation',
          customerId: 'cust-ada',
          subject: 'Engine noise',
          priority: 5,
          status: 'open',
          tags: ['vip', 'noise'],
        },
      }),
    );
  });
});
