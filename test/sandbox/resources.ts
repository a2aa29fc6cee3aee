import { type Resource, relation, relationMany } from './envelope';
import type {
  AuditLogEvent,
  BulkJob,
  Company,
  Conversation,
  Customer,
  Klass,
  KObject,
  Message,
  Note,
  SandboxStore,
  SubStatus,
  User,
} from './types';

/** Turns stored records into JSON:API resources: relationship ids move from attributes to `relationships`. */

const users = (record: { createdBy: string; modifiedBy: string }) => ({
  createdBy: relation('user', record.createdBy, '/v1/users'),
  modifiedBy: relation('user', record.modifiedBy, '/v1/users'),
});

/** The envelope every resource shares: attributes, then relationships, then its own link. */
function resource(
  type: string,
  id: string,
  self: string,
  attributes: Record<string, unknown>,
  relationships: Resource['relationships'],
): Resource {
  return { type, id, attributes, relationships, links: { self } };
}

/** A stored record that says who created it and who changed it last. */
type Audited = { id: string; createdBy: string; modifiedBy: string };

/** A resource whose only relationships are who created and last changed it. */
function auditedResource<T extends Audited>(type: string, collection: string, record: T): Resource {
  const { id, createdBy, modifiedBy, ...attributes } = record;
  return resource(type, id, `${collection}/${id}`, attributes, users({ createdBy, modifiedBy }));
}

/** Messages and notes: entries on a conversation's timeline, for its customer. */
function timelineResource<T extends Audited & { conversation: string; customer: string }>(
  type: string,
  collection: string,
  record: T,
): Resource {
  const { id, conversation, customer, createdBy, modifiedBy, ...attributes } = record;
  return resource(type, id, `${collection}/${id}`, attributes, {
    conversation: relation('conversation', conversation, '/v1/conversations'),
    customer: relation('customer', customer, '/v1/customers'),
    ...users({ createdBy, modifiedBy }),
  });
}

export function customerResource(customer: Customer): Resource {
  const { id, company, createdBy, modifiedBy, ...attributes } = customer;
  return resource('customer', id, `/v1/customers/${id}`, attributes, {
    company: relation('company', company, '/v1/companies'),
    ...users({ createdBy, modifiedBy }),
  });
}

/** Domains are answered as the spec's `[{ domain }]`. */
export const companyResource = (company: Company): Resource =>
  auditedResource('company', '/v1/companies', {
    ...company,
    domains: company.domains.map((domain) => ({ domain })),
  });

export function conversationResource(conversation: Conversation): Resource {
  const { id, customer, createdBy, modifiedBy, ...attributes } = conversation;
  return resource('conversation', id, `/v1/conversations/${id}`, attributes, {
    customer: relation('customer', customer, '/v1/customers'),
    messages: { data: null, links: { self: `/v1/conversations/${id}/messages` } },
    ...users({ createdBy, modifiedBy }),
    assignedUsers: relationMany('user', conversation.assignedUsers),
  });
}

export const messageResource = (message: Message): Resource => timelineResource('message', '/v1/messages', message);

export function noteResource(note: Note): Resource {
  const { userMentions, ...rest } = note;
  const base = timelineResource('note', '/v1/notes', rest);
  return { ...base, relationships: { ...base.relationships, userMentions: { data: userMentions } } };
}

export function userResource(user: User): Resource {
  const { id, ...attributes } = user;
  return resource('user', id, `/v1/users/${id}`, attributes, {});
}

export const klassResource = (klass: Klass): Resource => auditedResource('klass', '/v1/klasses', klass);

export function kobjectResource(store: SandboxStore, kobject: KObject): Resource {
  const { id, klass, customer, company, createdBy, modifiedBy, ...attributes } = kobject;
  const klassName = store.klasses.get(klass)?.name ?? klass;
  return resource(`kobject.${klassName}`, id, `/v1/klasses/${klassName}/${id}`, attributes, {
    klass: relation('klass', klass, '/v1/klasses'),
    customer: relation('customer', customer, '/v1/customers'),
    company: relation('company', company, '/v1/companies'),
    ...users({ createdBy, modifiedBy }),
  });
}

export const subStatusResource = (subStatus: SubStatus): Resource =>
  auditedResource('sub_status', '/v1/sub-statuses', subStatus);

export function bulkResource(job: BulkJob): Resource {
  const { id, items, results, createdBy, ...attributes } = job;
  const successCount = results.filter((result) => result.status === 'success').length;
  return resource(
    'bulk',
    id,
    `/v1/bulk/${id}`,
    { ...attributes, count: items.length, successCount, failureCount: results.length - successCount },
    { createdBy: relation('user', createdBy, '/v1/users') },
  );
}

export function auditLogResource(event: AuditLogEvent): Resource {
  const { id, userId, ...attributes } = event;
  return resource(
    'audit_log',
    id,
    `/v1/audit-logs/${id}`,
    { ...attributes, userId },
    {
      user: relation('user', userId, '/v1/users'),
    },
  );
}
