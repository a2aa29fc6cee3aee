// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CustomerView } from '../../../components/customer-view';
import { request } from '../../../lib/messaging/client';
import { loadCustomerCard } from '../../../lib/ui/customer-card';
import { ADA_ACTIVITY, ADA_CARD, everywhere, outboxEntry } from './fixtures';
import { answer, fails, never, renderInRouter, useMemoryDrafts } from './harness';

vi.mock('../../../lib/messaging/client', () => import('./client-mock'));

let drafts: Awaited<ReturnType<typeof useMemoryDrafts>>;
beforeEach(async () => {
  drafts = await useMemoryDrafts();
});

const lookupRequests = () => vi.mocked(request).mock.calls.filter(([type]) => type === 'lookupEmail').length;

describe('Customer', () => {
  it('shows a skeleton while loading', () => {
    answer(request, { lookupEmail: never });
    renderInRouter(<CustomerView email="ada.lovelace@example.com" />);
    expect(screen.getByText('Loading customer…')).toBeTruthy();
  });

  it('paints the customer as soon as the lookup answers, holding the space of what is still coming', async () => {
    answer(request, { lookupEmail: everywhere(ADA_CARD), getCustomerActivity: never });
    renderInRouter(<CustomerView email="ada.lovelace@example.com" />);
    expect(await screen.findByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy();
    expect(screen.getByText('countess@analytical-engine.example')).toBeTruthy();
    expect(screen.getByText('vip')).toBeTruthy();
    const recent = screen.getByRole('region', { name: 'Recent conversations' });
    expect(recent.getAttribute('aria-busy')).toBe('true');
    expect(within(recent).getByText('Loading conversations…')).toBeTruthy();
    // What fills in comes last on the card, so nothing already painted moves when it arrives.
    expect(recent.parentElement?.lastElementChild).toBe(recent);
    // The company's line and fact are held by placeholders until its name arrives.
    expect(screen.getByText('Company').nextElementSibling?.querySelector('.skeleton-line')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Conversations (… open)' })).toBeTruthy();
    expect(request).toHaveBeenCalledWith('getCustomerActivity', {
      connectionId: 'org-0',
      customerId: 'cust-ada',
      companyId: 'co-ae',
    });
  });

  it('fills in the company and conversations when they arrive', async () => {
    answer(request, { lookupEmail: everywhere(ADA_CARD), getCustomerActivity: ADA_ACTIVITY });
    renderInRouter(<CustomerView email="ada.lovelace@example.com" />);
    expect(await screen.findByRole('button', { name: 'Conversations (2 open)' })).toBeTruthy();
    const recent = screen.getByRole('region', { name: 'Recent conversations' });
    expect(recent.getAttribute('aria-busy')).toBe('false');
    expect(within(recent).getAllByRole('listitem')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Analytical Engines Ltd' })).toBeTruthy();
    expect(screen.getAllByText('Analytical Engines Ltd')).toHaveLength(2);
  });

  it('shows a failure of the conversations in their section, with a Retry that asks for them alone', async () => {
    answer(request, {
      lookupEmail: everywhere(ADA_CARD),
      getCustomerActivity: fails({ kind: 'server', message: 'Kustomer had a problem (502).' }),
    });
    renderInRouter(<CustomerView email="ada.lovelace@example.com" />);
    const recent = await screen.findByRole('region', { name: 'Recent conversations' });
    const alert = await within(recent).findByRole('alert');
    expect(alert.textContent).toContain('Conversations could not be loaded. Kustomer had a problem (502).');
    expect(screen.getByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy();
    answer(request, { lookupEmail: everywhere(ADA_CARD), getCustomerActivity: ADA_ACTIVITY });
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('button', { name: 'Conversations (2 open)' })).toBeTruthy();
    expect(lookupRequests()).toBe(1);
  });

  it('shows the load that started with the intent in its first render, without asking again', async () => {
    answer(request, { lookupEmail: everywhere(ADA_CARD), getCustomerActivity: never });
    const card = loadCustomerCard({ email: 'ada.lovelace@example.com' });
    await waitFor(() => expect(card.card.value.status).toBe('ready'));
    renderInRouter(<CustomerView email="ada.lovelace@example.com" card={card} />);
    // Painted in the first render: the answer was already here.
    expect(screen.getByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy();
    expect(lookupRequests()).toBe(1);
  });

  it('asks again on Retry after the intent’s lookup failed', async () => {
    answer(request, { lookupEmail: fails({ kind: 'network', message: 'Kustomer cannot be reached.' }) });
    const card = loadCustomerCard({ email: 'ada.lovelace@example.com' });
    renderInRouter(<CustomerView email="ada.lovelace@example.com" card={card} />);
    expect(await screen.findByText('Kustomer cannot be reached.')).toBeTruthy();
    expect(lookupRequests()).toBe(1);
    answer(request, { lookupEmail: everywhere(ADA_CARD), getCustomerActivity: ADA_ACTIVITY });
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy();
    expect(lookupRequests()).toBe(2);
  });

  it('shows who the customer is', async () => {
    answer(request, { lookupEmail: everywhere(ADA_CARD), getCustomerActivity: ADA_ACTIVITY });
    renderInRouter(<CustomerView email="ada.lovelace@example.com" />);
    expect(await screen.findByRole('button', { name: 'Conversations (2 open)' })).toBeTruthy();
    expect(screen.getByText('countess@analytical-engine.example')).toBeTruthy();
    expect(screen.getByText('+44 20 7946 0018')).toBeTruthy();
    expect(screen.getByText('vip')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Conversations (2 open)' })).toBeTruthy();
    const open = screen.getByRole('link', { name: 'Open in Kustomer' });
    expect(open.getAttribute('href')).toBe(ADA_CARD.kustomerUrl);
    expect(open.getAttribute('rel')).toBe('noopener noreferrer');
    const since = screen.getByText('Customer since').nextElementSibling?.querySelector('time');
    expect(since?.getAttribute('title')).toMatch(/\d{4}/);
  });

  it('shows attributes by type, linking only http(s) addresses', async () => {
    answer(request, { getCustomer: ADA_CARD, getCustomerActivity: ADA_ACTIVITY });
    renderInRouter(<CustomerView customerId="cust-ada" />);
    await screen.findByRole('heading', { name: 'Ada Lovelace' });
    expect(screen.getByText('12,500')).toBeTruthy();
    expect(screen.getByText('Yes')).toBeTruthy();
    const profile = screen.getByRole('link', { name: 'https://crm.example.com/ada' });
    expect(profile.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.queryByRole('link', { name: 'javascript:alert(1)' })).toBeNull();
    expect(screen.getByText('javascript:alert(1)').tagName).not.toBe('A');
  });

  it('edits an attribute in place through the outbox', async () => {
    answer(request, {
      getCustomer: ADA_CARD,
      getCustomerActivity: ADA_ACTIVITY,
      enqueueWrite: (input: { write: { kind: string } }) =>
        outboxEntry({ id: 'w-attr', request: input.write as never }),
    });
    renderInRouter(<CustomerView customerId="cust-ada" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Loyalty tier' }));
    const field = screen.getByLabelText('Loyalty tier');
    expect((field as HTMLInputElement).value).toBe('Gold');
    fireEvent.input(field, { target: { value: 'Platinum' } });
    expect(drafts.store.get('attribute:cust-ada:loyaltyTierStr')).toBe('Platinum');
    fireEvent.click(screen.getByRole('button', { name: 'Save Loyalty tier' }));
    await screen.findByText('Platinum');
    expect(request).toHaveBeenCalledWith(
      'enqueueWrite',
      expect.objectContaining({
        write: { kind: 'updateCustomerAttributes', customerId: 'cust-ada', changes: { loyaltyTierStr: 'Platinum' } },
      }),
    );
    expect(screen.getByText('Saving…')).toBeTruthy();
    expect(drafts.store.get('attribute:cust-ada:loyaltyTierStr')).toBe('');
  });

  it('refuses a value of the wrong type without queuing it', async () => {
    answer(request, { getCustomer: ADA_CARD, getCustomerActivity: ADA_ACTIVITY });
    renderInRouter(<CustomerView customerId="cust-ada" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Profile' }));
    fireEvent.input(screen.getByLabelText('Profile'), { target: { value: 'javascript:alert(1)' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save Profile' }));
    expect((await screen.findByRole('alert')).textContent).toContain('http');
    expect(request).not.toHaveBeenCalledWith('enqueueWrite', expect.anything());
  });

  it('offers to create a customer for an unknown address', async () => {
    answer(request, { lookupEmail: everywhere(null) });
    const { router } = renderInRouter(<CustomerView email="nobody@unknown.example" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Create customer' }));
    expect(router.current).toEqual({ name: 'createCustomer', email: 'nobody@unknown.example' });
  });

  it('shows an error with a retry', async () => {
    answer(request, { lookupEmail: fails({ kind: 'forbidden', message: 'Needs org.permission.customer.read' }) });
    renderInRouter(<CustomerView email="ada.lovelace@example.com" />);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Missing permission in Kustomer')).toBeTruthy();
    answer(request, { lookupEmail: everywhere(ADA_CARD), getCustomerActivity: ADA_ACTIVITY });
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy();
  });

  it('counts down a rate limit before retrying by itself', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      answer(request, {
        lookupEmail: fails({ kind: 'rate_limited', message: 'Too many requests', retryAfterMs: 2000 }),
      });
      renderInRouter(<CustomerView email="ada.lovelace@example.com" />);
      expect((await screen.findByText(/Trying again in \d s/)).textContent).toMatch(/in [12] s/);
      expect(screen.getByRole('button', { name: 'Retry' }).hasAttribute('disabled')).toBe(true);
      answer(request, { lookupEmail: everywhere(ADA_CARD), getCustomerActivity: ADA_ACTIVITY });
      await vi.advanceTimersByTimeAsync(2500);
      await waitFor(() => expect(screen.getByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy());
    } finally {
      vi.useRealTimers();
    }
  });

  it('opens the company and the conversations', async () => {
    answer(request, { getCustomer: ADA_CARD, getCustomerActivity: ADA_ACTIVITY });
    const { router } = renderInRouter(<CustomerView customerId="cust-ada" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Analytical Engines Ltd' }));
    expect(router.current).toEqual({ name: 'company', companyId: 'co-ae' });
    fireEvent.click(screen.getByRole('button', { name: 'Conversations (2 open)' }));
    expect(router.current).toEqual({ name: 'conversations', customerId: 'cust-ada', customerName: 'Ada Lovelace' });
  });
});
