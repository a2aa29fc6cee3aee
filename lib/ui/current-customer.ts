import { signal } from '@preact/signals';

/** The customer the agent looked at last: the default target of a quick note without an address. */
export const currentCustomer = signal<{ id: string; name: string; email?: string } | null>(null);
