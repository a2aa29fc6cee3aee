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

export function customerResource(customer: Customer): Resource {
  const { id, company, createdBy, modifiedBy, ...attributes } = customer;
  return {
    type: 'customer',
    id,
    attributes,
    relationships: {
      company: relation('company', company, '/v1/companies'),
      ...users({ createdBy, modifiedBy }),
    },
    links: { self: `/v1/customers/${id}` },
  };
}

export function companyResource(company: Company): Resource {
  const { id, createdBy, modifiedBy, ...attributes } = company;
  return {
    type: 'company',
    id,
    attributes,
    relationships: users({ createdBy, modifiedBy }),
    links: { self: `/v1/companies/${id}` },
  };
}

export function conversationResource(conversation: Conversation): Resource {
  const { id, customer, createdBy, modifiedBy, ...attributes } = conversation;
  return {
    type: 'conversation',
    id,
    attributes,
    relationships: {
      customer: relation('customer', customer, '/v1/customers'),
      messages: { data: null, links: { self: `/v1/conversations/${id}/messages` } },
      ...users({ createdBy, modifiedBy }),
      assignedUsers: relationMany('user', conversation.assignedUsers),
    },
    links: { self: `/v1/conversations/${id}` },
  };
}

export function messageResource(message: Message): Resource {
  const { id, conversation, customer, createdBy, modifiedBy, ...attributes } = message;
  return {
    type: 'message',
    id,
    attributes,
    relationships: {
      conversation: relation('conversation', conversation, '/v1/conversations'),
      customer: relation('customer', customer, '/v1/customers'),
      ...users({ createdBy, modifiedBy }),
    },
    links: { self: `/v1/messages/${id}` },
  };
}

export function noteResource(note: Note): Resource {
  const { id, conversation, customer, createdBy, modifiedBy, ...attributes } = note;
  return {
    type: 'note',
    id,
    attributes,
    relationships: {
      conversation: relation('conversation', conversation, '/v1/conversations'),
      customer: relation('customer', customer, '/v1/customers'),
      ...users({ createdBy, modifiedBy }),
    },
    links: { self: `/v1/notes/${id}` },
  };
}

export function userResource(user: User): Resource {
  const { id, ...attributes } = user;
  return { type: 'user', id, attributes, relationships: {}, links: { self: `/v1/users/${id}` } };
}

export function klassResource(klass: Klass): Resource {
  const { id, createdBy, modifiedBy, ...attributes } = klass;
  return {
    type: 'klass',
    id,
    attributes,
    relationships: users({ createdBy, modifiedBy }),
    links: { self: `/v1/klasses/${id}` },
  };
}

export function kobjectResource(store: SandboxStore, kobject: KObject): Resource {
  const { id, klass, customer, company, createdBy, modifiedBy, ...attributes } = kobject;
  const klassName = store.klasses.get(klass)?.name ?? klass;
  return {
    type: `kobject.${klassName}`,
    id,
    attributes,
    relationships: {
      klass: relation('klass', klass, '/v1/klasses'),
      customer: relation('customer', customer, '/v1/customers'),
      company: relation('company', company, '/v1/companies'),
      ...users({ createdBy, modifiedBy }),
    },
    links: { self: `/v1/klasses/${klassName}/${id}` },
  };
}

export function subStatusResource(subStatus: SubStatus): Resource {
  const { id, createdBy, modifiedBy, ...attributes } = subStatus;
  return {
    type: 'sub_status',
    id,
    attributes,
    relationships: users({ createdBy, modifiedBy }),
    links: { self: `/v1/sub-statuses/${id}` },
  };
}

export function bulkResource(job: BulkJob): Resource {
  const { id, items, results, createdBy, ...attributes } = job;
  const successCount = results.filter((result) => result.status === 'success').length;
  return {
    type: 'bulk',
    id,
    attributes: { ...attributes, count: items.length, successCount, failureCount: results.length - successCount },
    relationships: { createdBy: relation('user', createdBy, '/v1/users') },
    links: { self: `/v1/bulk/${id}` },
  };
}

export function auditLogResource(event: AuditLogEvent): Resource {
  const { id, userId, ...attributes } = event;
  return {
    type: 'audit_log',
    id,
    attributes: { ...attributes, userId },
    relationships: { user: relation('user', userId, '/v1/users') },
    links: { self: `/v1/audit-logs/${id}` },
  };
}
