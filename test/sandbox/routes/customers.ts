import { invalidAttribute, jsonApiError, notFound } from '../errors';
import { conversationResource, customerResource } from '../resources';
import type { Route, RouteContext } from '../router';
import { newId } from '../state';
import type { Customer } from '../types';
import {
  asBody,
  type Body,
  readCustom,
  readEmails,
  readExternalId,
  readNullableString,
  readPhones,
  readString,
  readStringArray,
} from '../validate';
import { applyUpdate, assertUniqueExternalId, byCreatedAt, single, stamp } from './helpers';
import {
  createdReply,
  deletedReply,
  getByExternalIdRoute,
  getOneRoute,
  listReply,
  putAndPatchRoutes,
  recordAt,
  recordKind,
} from './record-routes';

const read = { object: 'customer', verb: 'read' } as const;
const customerKind = recordKind('customer', (store) => store.customers, customerResource);

function readCompany(ctx: RouteContext, body: Body): string | null | undefined {
  const company = readNullableString(body, 'company', 24);
  if (company && !ctx.state.store.companies.has(company)) {
    throw invalidAttribute('company', 'invalid_reference', `company ${company} does not exist`);
  }
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

function updateCustomer(ctx: RouteContext) {
  const customer = recordAt(ctx, customerKind);
  const body = asBody(ctx.body);
  const fields = readCustomerFields(ctx, body);
  if (fields.displayName === undefined) delete fields.displayName;
  assertUniqueExternalId(ctx.state.store.customers.values(), fields.externalId, 'customer', customer.id);
  const custom = readCustom(body);
  if (custom) fields.custom = { ...customer.custom, ...custom };
  fields.lastActivityAt = new Date(ctx.now).toISOString();
  return single(customerResource(applyUpdate(ctx, 'customer', customer, fields)));
}

/** Customers whose emails include `email`, ignoring case. */
export function customersByEmail(customers: Iterable<Customer>, email: string): Customer[] {
  const wanted = email.trim().toLowerCase();
  return [...customers].filter((customer) => customer.emails.some((entry) => entry.email.toLowerCase() === wanted));
}

export const customerRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/v1/customers',
    role: read,
    handler: (ctx) => {
      let customers = [...ctx.state.store.customers.values()];
      const externalId = ctx.query.get('externalId');
      if (externalId !== null) customers = customers.filter((customer) => customer.externalId === externalId);
      const email = ctx.query.get('email');
      if (email !== null) customers = customersByEmail(customers, email);
      if (ctx.query.has('sort')) customers = byCreatedAt(customers, ctx.query, 'asc');
      return listReply(ctx, customers, customerResource);
    },
  },
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
  // Not in actions.json; Kustomer's API reference lists lookups by external ID (see docs/sandbox.md).
  getByExternalIdRoute('/v1/customers/externalId=:externalId', customerKind),
  getOneRoute('/v1/customers/:id', customerKind),
  {
    method: 'POST',
    pattern: '/v1/customers',
    role: { object: 'customer', verb: 'create' },
    handler: (ctx) => {
      const body = asBody(ctx.body);
      const fields = readCustomerFields(ctx, body);
      assertUniqueExternalId(ctx.state.store.customers.values(), fields.externalId, 'customer');
      const at = new Date(ctx.now).toISOString();
      const customer: Customer = {
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
        lastActivityAt: at,
        ...stamp(ctx),
      };
      return createdReply(ctx, customerKind, customer);
    },
  },
  ...putAndPatchRoutes('/v1/customers/:id', 'customer', updateCustomer),
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
  {
    method: 'GET',
    pattern: '/v1/customers/:id/conversations',
    role: { object: 'conversation', verb: 'read' },
    handler: (ctx) => {
      const id = ctx.params.id ?? '';
      if (!ctx.state.store.customers.has(id)) throw notFound('customer', id);
      const conversations = [...ctx.state.store.conversations.values()].filter((item) => item.customer === id);
      return listReply(ctx, byCreatedAt(conversations, ctx.query, 'desc'), conversationResource);
    },
  },
];
