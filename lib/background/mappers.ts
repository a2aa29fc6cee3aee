import type {
  CompanyResource,
  ConversationResource,
  CustomerResource,
  KlassResource,
  KObjectResource,
  MessageResource,
  NoteResource,
  Relationship,
  SubStatusResource,
  UserResource,
} from '../kustomer/types';
import { attributeLabel, CUSTOM_ATTRIBUTE_SUFFIXES } from '../labels';
import type {
  CompanySummary,
  ConnectionId,
  ConversationStatus,
  ConversationSummary,
  CustomAttribute,
  CustomerActivity,
  CustomerCard,
  CustomerDetail,
  CustomerSummary,
  KObjectGroup,
  KObjectView,
  SubStatusOption,
  TimelineEntry,
  UserOption,
} from '../messaging/model';

/** Names the mappers resolve ids with; missing entries fall back to the id itself. */
export interface NameLookups {
  userNames?: ReadonlyMap<string, string>;
  subStatusLabels?: ReadonlyMap<string, string>;
  companyNames?: ReadonlyMap<string, string>;
}

const STATUSES: readonly ConversationStatus[] = ['open', 'snoozed', 'done'];

/**
 * Id of a related record. Kustomer (and the sandbox) move relation ids from `attributes` into
 * `relationships.<name>.data.id`; older payloads keep them in attributes, so read both.
 */
export function relatedId(
  resource: { attributes: object; relationships?: Record<string, Relationship> },
  name: string,
): string | undefined {
  const inAttributes = (resource.attributes as Record<string, unknown>)[name];
  if (typeof inAttributes === 'string' && inAttributes !== '') return inAttributes;
  const data = resource.relationships?.[name]?.data;
  return data && !Array.isArray(data) && typeof data.id === 'string' ? data.id : undefined;
}

/** Kustomer custom attributes (type given by the name's suffix) as labelled, typed entries, sorted by label. */
export function customAttributes(custom: object | undefined | null): CustomAttribute[] {
  if (!custom) return [];
  const entries: CustomAttribute[] = [];
  for (const [key, raw] of Object.entries(custom)) {
    const type = CUSTOM_ATTRIBUTE_SUFFIXES.find((suffix) => key.endsWith(suffix) && key.length > suffix.length);
    if (!type) continue;
    const value = typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : null;
    entries.push({ key, label: attributeLabel(key), type, value });
  }
  return entries.sort((a, b) => a.label.localeCompare(b.label));
}

/** A customer for lists and page results. */
export function toCustomerSummary(resource: CustomerResource, lookups: NameLookups = {}): CustomerSummary {
  const attributes = resource.attributes;
  const emails = (attributes.emails ?? []).map((entry) => entry.email).filter(Boolean);
  const companyId = relatedId(resource, 'company');
  const summary: CustomerSummary = {
    id: resource.id,
    name: attributes.displayName || attributes.name || emails[0] || 'Unnamed customer',
    emails,
    phones: (attributes.phones ?? []).map((entry) => entry.phone).filter(Boolean),
    tags: attributes.tags ?? [],
  };
  if (emails[0]) summary.email = emails[0];
  if (companyId) {
    summary.companyId = companyId;
    const companyName = lookups.companyNames?.get(companyId);
    if (companyName) summary.companyName = companyName;
  }
  if (attributes.createdAt) summary.createdAt = attributes.createdAt;
  const lastActivity = attributes.lastActivityAt ?? attributes.updatedAt;
  if (lastActivity) summary.lastActivityAt = lastActivity;
  return summary;
}

/** A customer with its custom attributes. */
export function toCustomerDetail(resource: CustomerResource, lookups: NameLookups = {}): CustomerDetail {
  const detail: CustomerDetail = {
    ...toCustomerSummary(resource, lookups),
    custom: customAttributes(resource.attributes.custom),
  };
  if (resource.attributes.externalId) detail.externalId = resource.attributes.externalId;
  return detail;
}

/** A company's name and domains (the spec's `domains` items are `{ domain }`). */
export function toCompanySummary(resource: CompanyResource): CompanySummary {
  return {
    id: resource.id,
    name: resource.attributes.name ?? 'Unnamed company',
    domains: (resource.attributes.domains ?? []).map((entry) => entry?.domain).filter(Boolean),
  };
}

function conversationStatus(value: unknown): ConversationStatus {
  return STATUSES.includes(value as ConversationStatus) ? (value as ConversationStatus) : 'open';
}

function priorityOf(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5 ? value : 3;
}

/** A conversation row: status, labels of its sub-status and assignees resolved through `lookups`. */
export function toConversationSummary(resource: ConversationResource, lookups: NameLookups = {}): ConversationSummary {
  const attributes = resource.attributes;
  const assigneeIds = attributes.assignedUsers ?? relatedIds(resource.relationships?.assignedUsers);
  const summary: ConversationSummary = {
    id: resource.id,
    customerId: relatedId(resource, 'customer') ?? '',
    subject: attributes.name?.trim() || 'No subject',
    status: conversationStatus(attributes.status),
    priority: priorityOf(attributes.priority),
    assigneeIds,
    assigneeNames: assigneeIds.map((id) => lookups.userNames?.get(id) ?? id),
    channels: attributes.channels ?? [],
    messageCount: attributes.messageCount ?? 0,
  };
  const subStatusId = relatedId(resource, 'subStatus');
  if (subStatusId) {
    summary.subStatusId = subStatusId;
    const label = lookups.subStatusLabels?.get(subStatusId);
    if (label) summary.subStatusLabel = label;
  }
  if (attributes.createdAt) summary.createdAt = attributes.createdAt;
  const lastActivity = attributes.lastMessageIn?.sentAt ?? attributes.updatedAt;
  if (lastActivity) summary.lastActivityAt = lastActivity;
  return summary;
}

function relatedIds(relationship: Relationship | undefined, type?: string): string[] {
  const data = relationship?.data;
  return Array.isArray(data) ? data.filter((item) => !type || item.type === type).map((item) => item.id) : [];
}

/** Messages and notes of one conversation in one list, oldest first. */
export function toTimeline(
  messages: MessageResource[],
  notes: NoteResource[],
  lookups: NameLookups = {},
): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...messages.map((message): TimelineEntry => {
      const attributes = message.attributes;
      const entry: TimelineEntry = {
        kind: 'message',
        id: message.id,
        direction: attributes.direction === 'out' ? 'out' : 'in',
        channel: attributes.channel ?? 'unknown',
        preview: attributes.preview ?? '',
        createdAt: attributes.sentAt ?? attributes.createdAt ?? '',
      };
      if (attributes.subject) entry.subject = attributes.subject;
      return entry;
    }),
    ...notes.map((note): TimelineEntry => {
      const entry: TimelineEntry = {
        kind: 'note',
        id: note.id,
        body: note.attributes.body ?? '',
        // Kustomer answers mentions as relationships (`userMentions.data`: `{ type: 'user' | 'team', id }`).
        userMentionIds: relatedIds(note.relationships?.userMentions, 'user'),
        teamMentionIds: relatedIds(note.relationships?.userMentions, 'team'),
        createdAt: note.attributes.createdAt ?? '',
      };
      const authorId = relatedId(note, 'createdBy');
      const authorName = authorId ? lookups.userNames?.get(authorId) : undefined;
      if (authorId) entry.authorId = authorId;
      if (authorName) entry.authorName = authorName;
      return entry;
    }),
  ];
  return entries.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** An org user for assignee pickers. */
export function toUserOption(resource: UserResource): UserOption {
  const attributes = resource.attributes;
  return {
    id: resource.id,
    name: attributes.displayName || attributes.name || attributes.email || resource.id,
    email: attributes.email ?? '',
    ...(attributes.userType === 'machine' ? { machine: true } : {}),
  };
}

/** A sub-status for the status picker. */
export function toSubStatusOption(resource: SubStatusResource): SubStatusOption {
  return {
    id: resource.id,
    label: resource.attributes.label || resource.attributes.description || resource.id,
    parentStatus: conversationStatus(resource.attributes.parentStatus),
  };
}

function fieldValue(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** One KObject with its data and custom attributes as label/value pairs. */
export function toKObjectView(resource: KObjectResource): KObjectView {
  const attributes = resource.attributes;
  const fields: KObjectView['fields'] = [];
  for (const [key, raw] of Object.entries(attributes.data ?? {})) {
    const value = fieldValue(raw);
    if (value !== undefined) fields.push({ label: attributeLabel(key), value });
  }
  for (const attribute of customAttributes(attributes.custom)) {
    const value = fieldValue(attribute.value);
    if (value !== undefined) fields.push({ label: attribute.label, value });
  }
  const view: KObjectView = { id: resource.id, title: attributes.title || resource.id, fields };
  if (attributes.description) view.description = attributes.description;
  const updatedAt = attributes.updatedAt ?? attributes.createdAt;
  if (updatedAt) view.updatedAt = updatedAt;
  return view;
}

/** KObjects of one klass for one owner, or null when there are none. */
export function toKObjectGroup(
  klass: KlassResource,
  owner: 'customer' | 'company',
  items: KObjectResource[],
): KObjectGroup | null {
  if (items.length === 0) return null;
  const klassName = klass.attributes.name ?? klass.id;
  return {
    klassName,
    klassLabel: klass.attributes.displayName || attributeLabel(klassName),
    owner,
    items: items.map(toKObjectView),
  };
}

/** Link to a customer in Kustomer's web app. */
export function customerUrl(appUrl: string, customerId: string): string {
  return `${appUrl.replace(/\/+$/, '')}/app/customers/${encodeURIComponent(customerId)}`;
}

/**
 * Link to a conversation in Kustomer's web app: the customer's page with the conversation open. The path
 * `/app/customers/{id}/event/{conversationId}` is the one Kustomer's app shows; it is not documented (unverified).
 */
export function conversationUrl(appUrl: string, customerId: string, conversationId: string): string {
  return `${customerUrl(appUrl, customerId)}/event/${encodeURIComponent(conversationId)}`;
}

/** What the customer view paints first: the customer and its link, from one Kustomer call. */
export function toCustomerCard(input: {
  connectionId: ConnectionId;
  customer: CustomerResource;
  appUrl: string;
}): CustomerCard {
  return {
    connectionId: input.connectionId,
    customer: toCustomerDetail(input.customer),
    kustomerUrl: customerUrl(input.appUrl, input.customer.id),
  };
}

/** What fills the card in: its company and conversations (the customer's, newest first). */
export function toCustomerActivity(input: {
  company: CompanyResource | null;
  conversations: ConversationResource[];
  lookups?: NameLookups;
  recentCount?: number;
}): CustomerActivity {
  const company = input.company ? toCompanySummary(input.company) : null;
  const conversations = input.conversations.map((conversation) => toConversationSummary(conversation, input.lookups));
  return {
    company,
    openConversationCount: conversations.filter((conversation) => conversation.status === 'open').length,
    recentConversations: conversations.slice(0, input.recentCount ?? 5),
  };
}
