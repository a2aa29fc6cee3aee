// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CustomerView } from '../../../components/customer-view';
import { request } from '../../../lib/messaging/client';
import { startEarlyLookup } from '../../../lib/ui/early-lookup';
import { ADA_CARD, outboxEntry } from './fixtures';
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

  it('shows the card the panel asked for when the intent arrived, without asking again', async () => {
    answer(request, { lookupEmail: ADA_CARD });
    const early = startEarlyLookup('ada.lovelace@example.com');
    await early.answer;
    renderInRouter(<CustomerView email="ada.lovelace@example.com" />);
    // Painted in the first render: the answer was already here.
    expect(screen.getByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy();
    await waitFor(() => expect(lookupRequests()).toBe(1));
  });

  it('asks again on Retry after the early lookup failed', async () => {
    answer(request, { lookupEmail: fails({ kind: 'network', message: 'Kustomer cannot be reached.' }) });
    startEarlyLookup('ada.lovelace@example.com');
    renderInRouter(<CustomerView email="ada.lovelace@example.com" />);
    expect(await screen.findByText('Kustomer cannot be reached.')).toBeTruthy();
    expect(lookupRequests()).toBe(1);
    answer(request, { lookupEmail: ADA_CARD });
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy();
    expect(lookupRequests()).toBe(2);
  });

  it('shows who the customer is', async () => {
    answer(request, { lookupEmail: ADA_CARD });
    renderInRouter(<CustomerView email="ada.lovelace@example.com" />);
    expect(await screen.findByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy();
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
    answer(request, { getCustomer: ADA_CARD });
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
    expect(request).toHaveBeenCalledWith('enqueueWrite', {
      write: { kind: 'updateCustomerAttributes', customerId: 'cust-ada', changes: { loyaltyTierStr: 'Platinum' } },
    });
    expect(screen.getByText('Saving…')).toBeTruthy();
    expect(drafts.store.get('attribute:cust-ada:loyaltyTierStr')).toBe('');
  });

  it('refuses a value of the wrong type without queuing it', async () => {
    answer(request, { getCustomer: ADA_CARD });
    renderInRouter(<CustomerView customerId="cust-ada" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Profile' }));
    fireEvent.input(screen.getByLabelText('Profile'), { target: { value: 'javascript:alert(1)' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save Profile' }));
    expect((await screen.findByRole('alert')).textContent).toContain('http');
    expect(request).not.toHaveBeenCalledWith('enqueueWrite', expect.anything());
  });

  it('offers to create a customer for an unknown address', async () => {
    answer(request, { lookupEmail: null });
    const { router } = renderInRouter(<CustomerView email="nobody@unknown.example" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Create customer' }));
    expect(router.current).toEqual({ name: 'createCustomer', email: 'nobody@unknown.example' });
  });

  it('shows an error with a retry', async () => {
    answer(request, { lookupEmail: fails({ kind: 'forbidden', message: 'Needs org.permission.customer.read' }) });
    renderInRouter(<CustomerView email="ada.lovelace@example.com" />);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Missing permission in Kustomer')).toBeTruthy();
    answer(request, { lookupEmail: ADA_CARD });
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
      answer(request, { lookupEmail: ADA_CARD });
      await vi.advanceTimersByTimeAsync(2500);
      await waitFor(() => expect(screen.getByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy());
    } finally {
      vi.useRealTimers();
    }
  });

  it('opens the company and the conversations', async () => {
    answer(request, { getCustomer: ADA_CARD });
    const { router } = renderInRouter(<CustomerView customerId="cust-ada" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Analytical Engines Ltd' }));
    expect(router.current).toEqual({ name: 'company', companyId: 'co-ae' });
    fireEvent.click(screen.getByRole('button', { name: 'Conversations (2 open)' }));
    expect(router.current).toEqual({ name: 'conversations', customerId: 'cust-ada', customerName: 'Ada Lovelace' });
  });
});
