import { describe, expect, it } from 'vitest';
import { methodNameForAction } from '../../../lib/kustomer/action-names';

describe('methodNameForAction', () => {
  it.each([
    ['list_customers', 'listCustomers'],
    ['get_customer_by_email', 'getCustomerByEmail'],
    ['update_customer_attributes', 'updateCustomerAttributes'],
    ['list_kobjects', 'listKObjects'],
    ['find_customer_kobjects', 'findCustomerKObjects'],
    ['get_kobject', 'getKObject'],
    ['query_audit_log_events', 'queryAuditLogEvents'],
  ])('names %s %s', (id, method) => {
    expect(methodNameForAction(id)).toBe(method);
  });
});
