// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CustomerView } from '../../../components/customer-view';
import { type CustomerScreen, OrgCard } from '../../../components/org-card';
import { request } from '../../../lib/messaging/client';
import type { CustomerCard, EverywhereAnswer, OrgConnectionStatus } from '../../../lib/messaging/model';
import { setConnections } from '../../../lib/ui/connection-store';
import { ADA_ACTIVITY, ADA_CARD, connectedStatus } from './fixtures';
import { answer, renderInRouter, useMemoryDrafts } from './harness';

vi.mock('../../../lib/messaging/client', () => import('./client-mock'));

/** The panel's customer screen in the selected tab, as the side panel renders it. */
const view: CustomerScreen = (card, load) => (
  <CustomerView customerId={card.customer.id} connectionId={card.connectionId} card={load} />
);

const BRIGHTWAVE: OrgConnectionStatus = {
  ...connectedStatus({ orgName: 'brightwave' }),
  id: 'org-bright',
  label: 'Brightwave',
  colour: 'orange',
};
const ADA_KING: CustomerCard = {
  ...ADA_CARD,
  connectionId: 'org-bright',
  customer: { ...ADA_CARD.customer, id: 'cust-ada-bw', name: 'Ada King' },
};
const known = (card: CustomerCard): EverywhereAnswer => ({
  status: 'known',
  answers: [{ connectionId: card.connectionId, status: 'known', card }],
});
const unknown = (connectionId: 'org-0' | 'org-bright'): EverywhereAnswer => ({
  status: 'unknown',
  answers: [{ connectionId, status: 'unknown' }],
});

beforeEach(async () => {
  await useMemoryDrafts();
  setConnections([{ ...connectedStatus(), label: 'Sandbox' }, BRIGHTWAVE]);
});

describe('Card with several organisations', () => {
  it('asks each organisation on its own and shows a tab for each that knows the customer', async () => {
    answer(request, {
      lookupEmail: (input: { connectionId: string }) =>
        input.connectionId === 'org-0' ? known(ADA_CARD) : known(ADA_KING),
      getCustomerActivity: ADA_ACTIVITY,
    });
    renderInRouter(<OrgCard email={ADA_CARD.customer.email ?? ''} view={view} />);
    expect(await screen.findByRole('tab', { name: 'Sandbox', selected: true })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy();
    expect(request).toHaveBeenCalledWith('lookupEmail', { email: 'ada.lovelace@example.com', connectionId: 'org-0' });
    expect(request).toHaveBeenCalledWith('lookupEmail', {
      email: 'ada.lovelace@example.com',
      connectionId: 'org-bright',
    });
    fireEvent.click(screen.getByRole('tab', { name: 'Brightwave' }));
    expect(await screen.findByRole('heading', { name: 'Ada King' })).toBeTruthy();
    // The card painted from the lookup: only its company and conversations are asked, in its own organisation.
    await waitFor(() =>
      expect(request).toHaveBeenCalledWith('getCustomerActivity', {
        connectionId: 'org-bright',
        customerId: 'cust-ada-bw',
        companyId: 'co-ae',
      }),
    );
    expect(vi.mocked(request).mock.calls.some(([type]) => type === 'getCustomer')).toBe(false);
  });

  it('shows the fast organisation while the slow one still answers', async () => {
    answer(request, {
      lookupEmail: (input: { connectionId: string }) =>
        input.connectionId === 'org-0' ? new Promise<never>(() => undefined) : known(ADA_KING),
      getCustomerActivity: ADA_ACTIVITY,
    });
    renderInRouter(<OrgCard email={ADA_CARD.customer.email ?? ''} view={view} />);
    expect(await screen.findByRole('heading', { name: 'Ada King' })).toBeTruthy();
    const pending = screen.getByRole('tab', { name: /Sandbox/ });
    expect(pending.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByRole('tab', { selected: true }).textContent).toBe('Brightwave');
  });

  it('keeps the card it opened when an organisation earlier in the order answers later', async () => {
    let answerSandbox: (answer: EverywhereAnswer) => void = () => undefined;
    answer(request, {
      lookupEmail: (input: { connectionId: string }) =>
        input.connectionId === 'org-0'
          ? new Promise<EverywhereAnswer>((resolve) => {
              answerSandbox = resolve;
            })
          : known(ADA_KING),
      getCustomerActivity: ADA_ACTIVITY,
    });
    renderInRouter(<OrgCard email={ADA_CARD.customer.email ?? ''} view={view} />);
    expect(await screen.findByRole('heading', { name: 'Ada King' })).toBeTruthy();
    answerSandbox(known(ADA_CARD));
    await waitFor(() => expect(screen.getByRole('tab', { name: /Sandbox/ }).getAttribute('aria-busy')).toBeNull());
    // The agent may be reading Brightwave's card: it stays open, Sandbox's is one click away.
    expect(screen.getByRole('tab', { selected: true }).textContent).toBe('Brightwave');
    expect(screen.getByRole('heading', { name: 'Ada King' })).toBeTruthy();
  });

  it('retries a failed organisation on its own', async () => {
    let attempts = 0;
    answer(request, {
      lookupEmail: (input: { connectionId: string }) => {
        if (input.connectionId === 'org-bright') return known(ADA_KING);
        attempts += 1;
        if (attempts === 1) return Promise.reject(Object.assign(new Error('x'), { info: undefined }));
        return known(ADA_CARD);
      },
      getCustomerActivity: ADA_ACTIVITY,
    });
    renderInRouter(<OrgCard email={ADA_CARD.customer.email ?? ''} view={view} />);
    fireEvent.click(await screen.findByRole('tab', { name: /Sandbox/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(attempts).toBe(2);
    expect(await screen.findByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy();
    expect(request).toHaveBeenCalledWith('lookupEmail', {
      email: 'ada.lovelace@example.com',
      connectionId: 'org-0',
      refresh: true,
    });
  });

  it('offers to create the customer in either organisation when none knows them', async () => {
    answer(request, {
      lookupEmail: (input: { connectionId: 'org-0' | 'org-bright' }) => unknown(input.connectionId),
    });
    const { router } = renderInRouter(<OrgCard email="new.person@example.com" view={view} />);
    expect(await screen.findByText('No customer has this address in any connected organisation.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Create in Sandbox' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Create in Brightwave' }));
    expect(router.current).toEqual({
      name: 'createCustomer',
      email: 'new.person@example.com',
      connectionId: 'org-bright',
    });
  });
});
