import { describe, expect, it } from 'vitest';
import { ADA, ORDER_KLASS } from '../../sandbox/fixtures';
import { matchRoute } from '../../sandbox/router';
import { ROUTES } from '../../sandbox/routes';

/** Every action of the workplace's shared/kustomer/actions.json (id, method, path), copied so the repo does not depend on it. */
const ACTIONS: [string, string, string][] = [
  ['list_customers', 'GET', '/v1/customers'],
  ['get_customer', 'GET', '/v1/customers/{id}'],
  ['create_customer', 'POST', '/v1/customers'],
  ['update_customer', 'PUT', '/v1/customers/{id}'],
  ['update_customer_attributes', 'PATCH', '/v1/customers/{id}'],
  ['delete_customer', 'DELETE', '/v1/customers/{id}'],
  ['list_conversations', 'GET', '/v1/conversations'],
  ['get_conversation', 'GET', '/v1/conversations/{id}'],
  ['create_conversation', 'POST', '/v1/conversations'],
  ['update_conversation', 'PUT', '/v1/conversations/{id}'],
  ['update_conversation_attributes', 'PATCH', '/v1/conversations/{id}'],
  ['delete_conversation', 'DELETE', '/v1/conversations/{id}'],
  ['list_messages', 'GET', '/v1/messages'],
  ['get_message', 'GET', '/v1/messages/{id}'],
  ['create_message', 'POST', '/v1/messages'],
  ['update_message', 'PUT', '/v1/messages/{id}'],
  ['update_message_attributes', 'PATCH', '/v1/messages/{id}'],
  ['list_users', 'GET', '/v1/users'],
  ['get_user', 'GET', '/v1/users/{id}'],
  ['get_users_by_ids', 'GET', '/v1/users/{ids}'],
  ['create_user', 'POST', '/v1/users'],
  ['update_user', 'PUT', '/v1/users/{id}'],
  ['list_notes', 'GET', '/v1/notes'],
  ['get_note', 'GET', '/v1/notes/{id}'],
  ['create_note', 'POST', '/v1/notes'],
  ['update_note', 'PUT', '/v1/notes/{id}'],
  ['update_note_attributes', 'PATCH', '/v1/notes/{id}'],
  ['delete_note', 'DELETE', '/v1/notes/{id}'],
  ['list_klasses', 'GET', '/v1/klasses'],
  ['get_klass', 'GET', '/v1/klasses/{id}'],
  ['create_klass', 'POST', '/v1/klasses'],
  ['update_klass', 'PUT', '/v1/klasses/{id}'],
  ['delete_klass', 'DELETE', '/v1/klasses/{id}'],
  ['list_kobjects', 'GET', '/v1/klasses/{klassName}'],
  ['get_kobject', 'GET', '/v1/klasses/{klassName}/{id}'],
  ['create_kobject', 'POST', '/v1/klasses/{klassName}'],
  ['update_kobject', 'PUT', '/v1/klasses/{klassName}/{id}'],
  ['delete_kobject', 'DELETE', '/v1/klasses/{klassName}/{id}'],
  ['list_companies', 'GET', '/v1/companies'],
  ['get_company', 'GET', '/v1/companies/{id}'],
  ['create_company', 'POST', '/v1/companies'],
  ['update_company_attributes', 'PUT', '/v1/companies/{id}'],
  ['list_sub_statuses', 'GET', '/v1/sub-statuses'],
  ['create_sub_status', 'POST', '/v1/sub-statuses'],
  ['get_sub_status', 'GET', '/v1/sub-statuses/{id}'],
  ['update_sub_status', 'PUT', '/v1/sub-statuses/{id}'],
  ['delete_sub_status', 'DELETE', '/v1/sub-statuses/{id}'],
  ['bulk_create_conversations', 'POST', '/v1/conversations/bulk'],
  ['bulk_update_conversations', 'PUT', '/v1/conversations/bulk'],
  ['bulk_delete_conversations', 'DELETE', '/v1/conversations/bulk'],
  ['query_audit_log_events', 'GET', '/v1/audit-logs'],
  ['find_company_kobjects', 'GET', '/v1/companies/{id}/klasses/{klassName}'],
  ['find_customer_kobjects', 'GET', '/v1/customers/{id}/klasses/{klassName}'],
  ['get_customer_by_email', 'GET', '/v1/customers/email={email}'],
  ['search_customers', 'POST', '/v1/customers/search'],
  ['list_customer_conversations', 'GET', '/v1/customers/{id}/conversations'],
  ['list_conversation_messages', 'GET', '/v1/conversations/{id}/messages'],
  ['list_conversation_notes', 'GET', '/v1/conversations/{id}/notes'],
  ['get_current_token', 'GET', '/v1/auth/tokens/current'],
  ['get_current_user', 'GET', '/v1/users/current'],
  ['get_bulk_job', 'GET', '/v1/bulk/{id}'],
  ['list_bulk_job_batches', 'GET', '/v1/bulk/{id}/batches'],
  ['create_conversation_note', 'POST', '/v1/conversations/{id}/notes'],
  ['create_conversation_message', 'POST', '/v1/conversations/{id}/messages'],
];

const concrete = (path: string) =>
  path
    .replace('{email}', encodeURIComponent(ADA.email))
    .replace('{klassName}', ORDER_KLASS.name)
    .replace('{ids}', `${ADA.id},${ADA.companyId}`)
    .replace('{id}', ADA.id);

describe('routes', () => {
  it('cover all 64 actions', () => {
    expect(ACTIONS).toHaveLength(64);
  });

  it.each(ACTIONS)('route %s (%s %s)', (_, method, path) => {
    const match = matchRoute(ROUTES, method, concrete(path));
    expect(match.kind).toBe('found');
  });
});
