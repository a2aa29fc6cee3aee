import { describe, expect, it, vi } from 'vitest';
import type { CustomerActivity, CustomerCard } from '../../../lib/messaging/model';
import { type CardRequests, loadCustomerCard } from '../../../lib/ui/customer-card';

vi.mock('../../../lib/messaging/client', () => ({ request: vi.fn() }));

const CARD: CustomerCard = {
  connectionId: 'org-0',
  customer: { id: 'c1', name: 'Ada', emails: ['ada@example.com'], phones: [], tags: [], custom: [], companyId: 'co1' },
  kustomerUrl: 'https://x.kustomerapp.com/app/customers/c1',
};
const ACTIVITY: CustomerActivity = { company: null, openConversationCount: 0, recentConversations: [] };

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe('a customer card that loads in two parts', () => {
  it('asks for the card at once and for its activity only once the card answered', async () => {
    const card = deferred<CustomerCard | null>();
    const requests: CardRequests = { card: vi.fn(() => card.promise), activity: vi.fn(async () => ACTIVITY) };
    const load = loadCustomerCard({ email: 'ada@example.com' }, requests);
    expect(requests.card).toHaveBeenCalledWith({ email: 'ada@example.com' });
    expect(load.card.value.status).toBe('loading');
    expect(requests.activity).not.toHaveBeenCalled();
    card.resolve(CARD);
    await vi.waitFor(() => expect(load.activity.value?.status).toBe('ready'));
    expect(load.card.value).toEqual({ status: 'ready', data: CARD });
    expect(requests.activity).toHaveBeenCalledWith(CARD);
  });

  it('asks for no activity when no customer has the address', async () => {
    const requests: CardRequests = { card: vi.fn(async () => null), activity: vi.fn(async () => ACTIVITY) };
    const load = loadCustomerCard({ email: 'nobody@example.com' }, requests);
    await vi.waitFor(() => expect(load.card.value.status).toBe('ready'));
    expect(load.activity.value).toBeUndefined();
    expect(requests.activity).not.toHaveBeenCalled();
  });

  it('keeps the card when its activity fails, and a retry asks for the activity alone', async () => {
    const activity = vi.fn<CardRequests['activity']>().mockRejectedValueOnce(new Error('502'));
    activity.mockResolvedValueOnce(ACTIVITY);
    const requests: CardRequests = { card: vi.fn(async () => CARD), activity };
    const load = loadCustomerCard({ customerId: 'c1', connectionId: 'org-0' }, requests);
    await vi.waitFor(() => expect(load.activity.value?.status).toBe('error'));
    expect(load.card.value.status).toBe('ready');
    load.reloadActivity();
    await vi.waitFor(() => expect(load.activity.value?.status).toBe('ready'));
    expect(requests.card).toHaveBeenCalledTimes(1);
  });

  it('drops the answer of a request a retry superseded', async () => {
    const first = deferred<CustomerCard | null>();
    const second = deferred<CustomerCard | null>();
    const card = vi.fn<CardRequests['card']>().mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
    const load = loadCustomerCard({ email: 'ada@example.com' }, { card, activity: async () => ACTIVITY });
    load.reload();
    second.resolve(null);
    await vi.waitFor(() => expect(load.card.value).toEqual({ status: 'ready', data: null }));
    first.resolve(CARD);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(load.card.value).toEqual({ status: 'ready', data: null });
  });
});
