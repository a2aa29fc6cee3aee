import type { CustomerSummary } from '../lib/messaging/model';
import { useRouter } from './router-context';
import { UserText } from './user-text';

interface CustomerResultProps {
  customer: Pick<CustomerSummary, 'id' | 'name' | 'email'>;
  /** The line under the name, e.g. the email and company. */
  meta?: string;
}

/** One customer in a list of results; choosing it opens the customer. */
export function CustomerResult({ customer, meta }: CustomerResultProps) {
  const router = useRouter();
  return (
    <li>
      <button
        type="button"
        class="result"
        onClick={() => router.navigate({ name: 'customer', customerId: customer.id })}
      >
        <span class="result-name">
          <UserText text={customer.name || customer.email || 'Unnamed customer'} identity />
        </span>
        {meta && (
          <span class="result-meta">
            <UserText text={meta} identity />
          </span>
        )}
      </button>
    </li>
  );
}
