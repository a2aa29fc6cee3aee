// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CompanyView } from '../../../components/company-view';
import { CreateCustomerView, nameFromEmail } from '../../../components/create-customer-view';
import { KObjectsView } from '../../../components/kobjects-view';
import { OutboxView } from '../../../components/outbox-view';
import { request } from '../../../lib/messaging/client';
import type { WriteRequest } from '../../../lib/messaging/model';
import { outboxItems } from '../../../lib/ui/outbox-store';
import { COMPANY, KOBJECTS, outboxEntry } from './fixtures';
import { answer, fails, never, renderInRouter, useMemoryDrafts } from './harness';

vi.mock('../../../lib/messaging/client', () => import('./client-mock'));

beforeEach(async () => {
  await useMemoryDrafts();
});

describe('Custom objects', () => {
  const view = <KObjectsView customerId="cust-ada" companyId="co-ae" customerName="Ada Lovelace" />;

  it('shows a skeleton while loading', () => {
    answer(request, { listKObjects: never });
    renderInRouter(view);
    expect(screen.getByText('Loading custom objects…')).toBeTruthy();
  });

  it('groups the customer’s and the company’s objects by klass as cards', async () => {
    answer(request, { listKObjects: KOBJECTS });
    renderInRouter(view);
    expect(await screen.findByRole('heading', { name: /Orders/ })).toBeTruthy();
    expect(screen.getByRole('heading', { name: /Contracts.*company/ })).toBeTruthy();
    expect(screen.getByText('Order 1042')).toBeTruthy();
    expect(screen.getByText('£1,200')).toBeTruthy();
    expect(request).toHaveBeenCalledWith('listKObjects', {
      connectionId: expect.stringMatching(/^org-/),
      customerId: 'cust-ada',
      companyId: 'co-ae',
    });
  });

  it('says when there are none', async () => {
    answer(request, { listKObjects: [] });
    renderInRouter(view);
    expect(await screen.findByText('No custom objects for Ada Lovelace.')).toBeTruthy();
  });

  it('shows an error with a retry', async () => {
    answer(request, { listKObjects: fails({ kind: 'forbidden', message: 'Needs kobject read.' }) });
    renderInRouter(view);
    expect((await screen.findByRole('alert')).textContent).toContain('Needs kobject read.');
  });
});

describe('Company', () => {
  it('shows a skeleton while loading', () => {
    answer(request, { getCompany: never });
    renderInRouter(<CompanyView companyId="co-ae" />);
    expect(screen.getByText('Loading company…')).toBeTruthy();
  });

  it('shows its attributes and opens one of its customers', async () => {
    answer(request, { getCompany: COMPANY });
    const { router } = renderInRouter(<CompanyView companyId="co-ae" />);
    expect(await screen.findByRole('heading', { name: 'Analytical Engines Ltd' })).toBeTruthy();
    expect(screen.getByText('analytical-engine.example')).toBeTruthy();
    expect(screen.getByText('Enterprise')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Ada Lovelace/ }));
    expect(router.current).toEqual({ name: 'customer', customerId: 'cust-ada' });
  });

  it('says when it has no customers', async () => {
    answer(request, { getCompany: { ...COMPANY, customers: [] } });
    renderInRouter(<CompanyView companyId="co-ae" />);
    expect(await screen.findByText('No customers in this company.')).toBeTruthy();
  });

  it('shows an error with a retry', async () => {
    answer(request, { getCompany: fails({ kind: 'not_found', message: 'No such company.' }) });
    renderInRouter(<CompanyView companyId="co-ae" />);
    expect((await screen.findByRole('alert')).textContent).toContain('No such company.');
  });
});

describe('Outbox', () => {
  it('says when nothing is waiting', () => {
    renderInRouter(<OutboxView />);
    expect(screen.getByText(/Nothing waiting/)).toBeTruthy();
  });

  it('lists writes by state and retries or discards a failed one', async () => {
    const failed = outboxEntry({
      id: 'w-failed',
      state: 'failed',
      request: { kind: 'createNote', customerId: 'cust-ada', conversationId: 'conv-1', body: 'Engine' },
      attempts: 3,
      lastError: { kind: 'validation', message: 'Body is too long' },
    });
    outboxItems.value = [
      outboxEntry({ id: 'w-queued', request: { kind: 'createConversation', customerId: 'cust-ada', subject: 'New' } }),
      failed,
    ];
    answer(request, {
      retryWrite: { ...failed, state: 'queued' },
      discardWrite: [],
    });
    renderInRouter(<OutboxView />);
    expect(screen.getByText('Body is too long')).toBeTruthy();
    expect(screen.getByText('Waiting to send')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry now: Note “Engine”' }));
    await waitFor(() => expect(screen.queryByText('Failed')).toBeNull());
    expect(request).toHaveBeenCalledWith('retryWrite', { id: 'w-failed' });
    fireEvent.click(screen.getByRole('button', { name: 'Discard: New conversation “New”' }));
    await screen.findByText(/Nothing waiting/);
  });

  it('shows an error when the background refuses', async () => {
    outboxItems.value = [outboxEntry({ state: 'failed' })];
    answer(request, { retryWrite: fails({ kind: 'not_found', message: 'That write is gone.' }) });
    renderInRouter(<OutboxView />);
    fireEvent.click(screen.getByRole('button', { name: /^Retry/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('That write is gone.');
  });
});

describe('Create customer', () => {
  it.each([
    ['ada.lovelace@example.com', 'Ada Lovelace'],
    ['grace_hopper+support@example.org', 'Grace Hopper'],
    ['12345@example.com', ''],
  ])('suggests a name from %s', (email, name) => {
    expect(nameFromEmail(email)).toBe(name);
  });

  it('keeps the form and its draft when the outbox refuses the customer', async () => {
    const drafts = await useMemoryDrafts();
    answer(request, { enqueueWrite: fails({ kind: 'validation', message: 'Name is required' }) });
    renderInRouter(<CreateCustomerView email="nobody@unknown.example" />);
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Nora' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create customer' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Name is required');
    expect(drafts.store.get('customer:new:nobody@unknown.example')).toBe('Nora');
  });

  it('queues the customer and opens it once Kustomer has it', async () => {
    answer(request, {
      enqueueWrite: ((input: { write: WriteRequest }) => outboxEntry({ id: 'w-new', request: input.write })) as never,
    });
    const { router } = renderInRouter(<CreateCustomerView email="nobody@unknown.example" />);
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Nobody');
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Nora Body' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create customer' }));
    expect(await screen.findByText(/Creating the customer/)).toBeTruthy();
    expect(request).toHaveBeenCalledWith(
      'enqueueWrite',
      expect.objectContaining({
        write: { kind: 'createCustomer', name: 'Nora Body', email: 'nobody@unknown.example' },
      }),
    );
    outboxItems.value = [outboxEntry({ id: 'w-new', state: 'sent' })];
    await waitFor(() =>
      expect(router.current).toEqual({ name: 'customer', email: 'nobody@unknown.example', refresh: true }),
    );
  });
});
