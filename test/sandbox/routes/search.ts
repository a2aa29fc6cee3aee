import { SEARCH_ROLE } from '../auth';
import { paginate } from '../envelope';
import { simpleError } from '../errors';
import { customerResource } from '../resources';
import type { Route } from '../router';
import type { Customer } from '../types';

/**
 * POST /v1/customers/search: `{ queryContext: 'customer', and: [...], or: [...] }`, each condition
 * `{ <field>: { <operator>: value } }`. Request errors use the `{ code, message, meta }` shape.
 */

type FieldValues = (customer: Customer) => (string | number)[];

const digits = (value: string) => value.replace(/\D/g, '');

const FIELDS: Record<string, FieldValues> = {
  customer_email: (customer) => customer.emails.map((entry) => entry.email),
  customer_name: (customer) => [customer.name, customer.displayName],
  customer_phone: (customer) => customer.phones.map((entry) => entry.phone),
  customer_external_id: (customer) => (customer.externalId ? [customer.externalId] : []),
  // The spec's standard attributes spell it `customer_externalId` (string_notanalyzed: matched exactly).
  customer_externalId: (customer) => (customer.externalId ? [customer.externalId] : []),
  customer_tags: (customer) => customer.tags,
  customer_company: (customer) => (customer.company ? [customer.company] : []),
  customer_created_at: (customer) => [Date.parse(customer.createdAt)],
  customer_updated_at: (customer) => [Date.parse(customer.updatedAt)],
  customer_last_activity_at: (customer) => [Date.parse(customer.lastActivityAt)],
};
const OPERATORS = ['equals', 'contains', 'in', 'gte', 'lte', 'gt', 'lt', 'not_set'] as const;
type Operator = (typeof OPERATORS)[number];

const badRequest = (message: string, meta: Record<string, unknown> = {}) =>
  simpleError(400, 'bad_request', message, meta);

function normalise(field: string, value: unknown): string | number {
  if (typeof value === 'number') return value;
  const text = String(value);
  if (field.endsWith('_at')) {
    const time = Date.parse(text);
    if (Number.isNaN(time)) throw badRequest(`${field} needs a date-time`, { field });
    return time;
  }
  return field === 'customer_phone' ? digits(text) : text.toLowerCase();
}

/** `customer_custom_<name>`: a custom attribute of the customer, as the spec's search page documents it. */
const CUSTOM_FIELD = /^customer_custom_([A-Za-z][A-Za-z0-9]*)$/;

function fieldValues(field: string, customer: Customer): (string | number)[] {
  const custom = CUSTOM_FIELD.exec(field);
  if (custom) {
    const value = customer.custom[custom[1] as string];
    return typeof value === 'string' || typeof value === 'number' ? [value] : [];
  }
  return FIELDS[field]?.(customer) ?? [];
}

function matches(field: string, operator: Operator, operand: unknown, customer: Customer): boolean {
  const values = fieldValues(field, customer).map((value) => normalise(field, value));
  if (operator === 'not_set') return (values.length === 0) === (operand !== false);
  if (operator === 'in') {
    if (!Array.isArray(operand)) throw badRequest(`"in" on ${field} needs an array`, { field });
    const wanted = operand.map((item) => normalise(field, item));
    return values.some((value) => wanted.includes(value));
  }
  const target = normalise(field, operand);
  return values.some((value) => {
    switch (operator) {
      case 'equals':
        return value === target;
      case 'contains':
        return String(value).includes(String(target));
      case 'gte':
        return value >= target;
      case 'lte':
        return value <= target;
      case 'gt':
        return value > target;
      default:
        return value < target;
    }
  });
}

type Condition = (customer: Customer) => boolean;

function readConditions(value: unknown, group: string): Condition[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest(`${group} must be an array of conditions`);
  return value.map((item, index) => {
    const entries = typeof item === 'object' && item !== null ? Object.entries(item) : [];
    const [entry] = entries;
    if (entries.length !== 1 || !entry) throw badRequest(`${group}[${index}] must have exactly one field`, { index });
    const [field, test] = entry;
    if (!FIELDS[field] && !CUSTOM_FIELD.test(field))
      throw badRequest(`Unsupported search field ${field}`, { field, supported: Object.keys(FIELDS) });
    const tests = typeof test === 'object' && test !== null ? Object.entries(test) : [];
    const [operatorEntry] = tests;
    if (tests.length !== 1 || !operatorEntry || !OPERATORS.includes(operatorEntry[0] as Operator)) {
      throw badRequest(`${group}[${index}].${field} needs one operator of ${OPERATORS.join(', ')}`, { field });
    }
    const [operator, operand] = operatorEntry;
    return (customer: Customer) => matches(field, operator as Operator, operand, customer);
  });
}

export const searchRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1/customers/search',
    role: SEARCH_ROLE,
    searchLimited: true,
    handler: (ctx) => {
      const body = (typeof ctx.body === 'object' && ctx.body !== null ? ctx.body : {}) as Record<string, unknown>;
      if (body.queryContext === undefined) throw badRequest('queryContext is required', { parameter: 'queryContext' });
      if (body.queryContext !== 'customer') {
        throw badRequest(`queryContext ${String(body.queryContext)} is not supported by the sandbox`, {
          parameter: 'queryContext',
        });
      }
      const all = readConditions(body.and, 'and');
      const any = readConditions(body.or, 'or');
      const found = [...ctx.state.store.customers.values()]
        .filter(
          (customer) => all.every((test) => test(customer)) && (any.length === 0 || any.some((test) => test(customer))),
        )
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      const paged = paginate(found, customerResource, ctx.path, ctx.query, 500);
      // The spec's search answer carries `meta.aggregations` (none are computed here).
      const list = { ...paged, meta: { ...paged.meta, aggregations: {} } };
      if (ctx.query.get('idsOnly') === 'true') {
        return { status: 200, body: { ...list, data: list.data.map(({ type, id }) => ({ type, id })) } };
      }
      return { status: 200, body: list };
    },
  },
];
