import type { ConnectionId, CustomerSummary } from '../lib/messaging/model';
import { cardConnection } from '../lib/ui/current-customer';
import type { Route } from '../lib/ui/router';
import { OrgChipsOnDemand } from './org-views-on-demand';
import { useRouter } from './router-context';
import { UserText } from './user-text';

interface CustomerResultProps {
  /** `connectionId`: the organisation that found it (search results); absent, the panel's current one. */
  customer: Pick<CustomerSummary, 'id' | 'name' | 'email'> & { connectionId?: ConnectionId };
  /** The line under the name, e.g. the email and company. */
  meta?: string;
  /** Why a search found it ("Matched on email: …"). */
  why?: string | undefined;
  /** Where choosing it goes; by default the customer. */
  route?: Route;
}

/** One customer in a list of results; choosing it opens the customer. */
export function CustomerResult({ customer, meta, why, route }: CustomerResultProps) {
  const router = useRouter();
  return (
    <li>
      <button
        type="button"
        class="result"
        onClick={() => {
          const { connectionId } = customer;
          // The screens opened from a result read in the organisation that found it.
          if (connectionId) cardConnection.value = connectionId;
          router.navigate(
            route ?? { name: 'customer', customerId: customer.id, ...(connectionId ? { connectionId } : {}) },
          );
        }}
      >
        <span class="result-name">
          <UserText text={customer.name || customer.email || 'Unnamed customer'} identity />
        </span>
        <OrgChipsOnDemand of={[customer]} />
        {meta && (
          <span class="result-meta">
            <UserText text={meta} identity />
          </span>
        )}
        {why && (
          <span class="result-meta">
            <UserText text={why} />
          </span>
        )}
      </button>
    </li>
  );
}
