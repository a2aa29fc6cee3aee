import type { CustomerSummary } from '../lib/view-models';
import { useRouter } from './router-context';

interface CustomerResultProps {
  customer: CustomerSummary;
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
        <span class="result-name">{customer.name || customer.email || 'Unnamed customer'}</span>
        {meta && <span class="result-meta">{meta}</span>}
      </button>
    </li>
  );
}
