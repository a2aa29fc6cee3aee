import { jsonApiError } from '../errors';
import { customerResource } from '../resources';
import type { Route, RouteContext } from '../router';
import { newId } from '../state';
import type { Customer } from '../types';
import {
  type Body,
  readCustom,
  readEmails,
  readExternalId,
  readNullableString,
  readPhones,
  readString,
  readStringArray,
} from '../validate';
import { conversationKind } from './conversations';
import { assertUniqueExternalId, byCreatedAt, referencedRecord, single, stamp } from './helpers';
import {
  createRoute,
  deletedReply,
  getByExternalIdRoute,
  getOneRoute,
  listRoute,
  recordAt,
  recordKind,
  updateRoutes,
  whereQuery,
} from './record-routes';

const read = { object: 'customer', verb: 'read' } as const;
const customerKind = recordKind('customer', (store) => store.customers, customerResource);

function readCompany(ctx: RouteContext, body: Body): string | null | undefined {
  const company = readNullableString(body, 'company', 24);
  if (company) referencedRecord(ctx.state.store.companies, 'company', 'company', company);
  return company;
}

function readCustomerFields(ctx: RouteContext, body: Body): Partial<Customer> {
  const name = readString(body, 'name', { max: 256 });
  const fields: Partial<Customer> = {
    name,
    displayName: readString(body, 'displayName', { max: 256 }) ?? name,
    emails: readEmails(body),
    phones: readPhones(body),
    company: readCompany(ctx, body),
    externalId: readExternalId(body),
    tags: readStringArray(body, 'tags'),
    avatarUrl: readNullableString(body, 'avatarUrl', 2048),
  };
  return fields;
}

function customerChanges(ctx: RouteContext, customer: Customer, body: Body): Partial<Customer> {
  const fields = readCustomerFields(ctx, body);
  if (fields.displayName === undefined) delete fields.displayName;
  assertUniqueExternalId(ctx.state.store.customers.values(), fields.externalId, 'customer', customer.id);
  const custom = readCustom(body);
  if (custom) fields.custom = { ...customer.custom, ...custom };
  fields.lastActivityAt = new Date(ctx.now).toISOString();
  return fields;
}

function newCustomer(ctx: RouteContext, body: Body): Customer {
  const fields = readCustomerFields(ctx, body);
  assertUniqueExternalId(ctx.state.store.customers.values(), fields.externalId, 'customer');
  return {
    id: newId(ctx.state, ctx.now),
    name: fields.name ?? '',
    displayName: fields.displayName ?? fields.name ?? '',
    emails: fields.emails ?? [],
    phones: fields.phones ?? [],
    company: fields.company ?? null,
    externalId: fields.externalId ?? null,
    tags: fields.tags ?? [],
    avatarUrl: fields.avatarUrl ?? null,
    custom: readCustom(body) ?? {},
    lastActivityAt: new Date(ctx.now).toISOString(),
    ...stamp(ctx),
  };
}

/** Customers whose emails include `email`, ignoring case. */
export function customersByEmail(customers: Iterable<Customer>, email: string): Customer[] {
  const wanted = email.trim().toLowerCase();
  return [...customers].filter((customer) => customer.emails.some((entry) => entry.email.toLowerCase() === wanted));
}

const digits = (phone: string) => phone.replace(/\D/g, '');

/**
 * Customers with a phone number equal to `phone`, compared by digits only: the spec's path takes E.164
 * (`18005551212`, `+18005551212`), stored numbers may carry spaces, dashes or brackets.
 */
export function customersByPhone(customers: Iterable<Customer>, phone: string): Customer[] {
  const wanted = digits(phone);
  if (wanted === '') return [];
  return [...customers].filter((customer) => customer.phones.some((entry) => digits(entry.phone) === wanted));
}

export const customerRoutes: Route[] = [
  listRoute('/v1/customers', customerKind, (ctx) => {
    let customers = whereQuery([...ctx.state.store.customers.values()], ctx.query, ['externalId']);
    const email = ctx.query.get('email');
    if (email !== null) customers = customersByEmail(customers, email);
    return ctx.query.has('sort') ? byCreatedAt(customers, ctx.query, 'asc') : customers;
  }),
  {
    method: 'GET',
    pattern: '/v1/customers/email=:email',
    role: read,
    handler: (ctx) => {
      const email = ctx.params.email ?? '';
      const [customer] = customersByEmail(ctx.state.store.customers.values(), email);
      if (!customer) throw jsonApiError(404, 'not_found', `No customer with email ${email}`);
      return single(customerResource(customer));
    },
  },
  {
    // GetCustomerByPhone in the spec; 404 when no customer has the number.
    method: 'GET',
    pattern: '/v1/customers/phone=:phone',
    role: read,
    handler: (ctx) => {
      const phone = ctx.params.phone ?? '';
      const [customer] = customersByPhone(ctx.state.store.customers.values(), phone);
      if (!customer) throw jsonApiError(404, 'not_found', `No customer with phone ${phone}`);
      return single(customerResource(customer));
    },
  },
  // Not in actions.json; Kustomer's API reference lists lookups by external ID (see docs/sandbox.md).
  getByExternalIdRoute('/v1/customers/externalId=:externalId', customerKind),
  getOneRoute('/v1/customers/:id', customerKind),
  createRoute('/v1/customers', customerKind, newCustomer),
  ...updateRoutes('/v1/customers/:id', customerKind, customerChanges),
  {
    method: 'DELETE',
    pattern: '/v1/customers/:id',
    role: { object: 'customer', verb: 'delete' },
    handler: (ctx) => {
      const { store } = ctx.state;
      const customer = recordAt(ctx, customerKind);
      // Deleting a customer takes its conversations, messages and notes with it.
      for (const conversation of [...store.conversations.values()]) {
        if (conversation.customer !== customer.id) continue;
        store.conversations.delete(conversation.id);
        for (const [id, message] of store.messages)
          if (message.conversation === conversation.id) store.messages.delete(id);
        for (const [id, note] of store.notes) if (note.conversation === conversation.id) store.notes.delete(id);
      }
      return deletedReply(ctx, customerKind, customer);
    },
  },
  listRoute('/v1/customers/:id/conversations', conversationKind, (ctx) => {
    const customer = recordAt(ctx, customerKind);
    const conversations = [...ctx.state.store.conversations.values()].filter((item) => item.customer === customer.id);
    return byCreatedAt(conversations, ctx.query, 'desc');
  }),
];
