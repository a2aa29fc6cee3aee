import { type Resource, relation, relationMany } from './envelope';
import { SANDBOX_ORG_ID } from './fixtures';
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

/** Every Kustomer resource belongs to the organisation (the spec requires `relationships.org` on each). */
const orgRelation = { data: { type: 'org', id: SANDBOX_ORG_ID }, links: { self: `/v1/orgs/${SANDBOX_ORG_ID}` } };

/**
 * The envelope every resource shares: attributes, then relationships (with `org`), then its own link.
 * Unset (null) attributes are left out, as the spec types them without null; `modifiedAt` follows `updatedAt`
 * (the spec's resources carry both).
 */
function resource(
  type: string,
  id: string,
  self: string,
  attributes: Record<string, unknown>,
  relationships: Resource['relationships'],
): Resource {
  const set = Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== null));
  if (typeof set.updatedAt === 'string' && set.modifiedAt === undefined) set.modifiedAt = set.updatedAt;
  return { type, id, attributes: set, relationships: { org: orgRelation, ...relationships }, links: { self } };
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
    messages: { data: null, links: { self: `/v1/customers/${id}/messages` } },
    ...users({ createdBy, modifiedBy }),
  });
}

export const companyResource = (company: Company): Resource => auditedResource('company', '/v1/companies', company);

export function conversationResource(conversation: Conversation): Resource {
  const { id, customer, createdBy, modifiedBy, ...attributes } = conversation;
  return resource('conversation', id, `/v1/conversations/${id}`, attributes, {
    customer: relation('customer', customer, '/v1/customers'),
    messages: { data: null, links: { self: `/v1/conversations/${id}/messages` } },
    ...users({ createdBy, modifiedBy }),
    assignedUsers: relationMany('user', conversation.assignedUsers),
  });
}

export function messageResource(message: Message): Resource {
  const body = timelineResource('message', '/v1/messages', message);
  // The spec's message links name the conversation it belongs to as `related`.
  return { ...body, links: { self: body.links.self, related: `/v1/conversations/${message.conversation}` } };
}

/** Notes: mentions are a relationship (`relationships.userMentions`), users and teams alike. */
export function noteResource(note: Note): Resource {
  const { userMentions, ...rest } = note;
  const body = timelineResource('note', '/v1/notes', rest);
  const mentions = userMentions.map((mention) =>
    'user' in mention ? { type: 'user', id: mention.user } : { type: 'team', id: mention.team },
  );
  return { ...body, relationships: { ...body.relationships, userMentions: { data: mentions } } };
}

export function userResource(user: User): Resource {
  const { id, ...attributes } = user;
  return resource('user', id, `/v1/users/${id}`, attributes, {});
}

export function klassResource(klass: Klass): Resource {
  const body = auditedResource('klass', '/v1/klasses', klass);
  return {
    ...body,
    relationships: { ...body.relationships, kobjects: { data: null, links: { self: `/v1/klasses/${klass.name}` } } },
  };
}

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
