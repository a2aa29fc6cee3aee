/** Records held by the sandbox. Relationship ids are plain fields here and become JSON:API relationships on the wire. */

export type ConversationStatus = 'open' | 'snoozed' | 'done';
export type Direction = 'in' | 'out';

interface Timestamps {
  createdAt: string;
  updatedAt: string;
}

export interface Email {
  email: string;
  type: 'home' | 'work' | 'other';
}

export interface Phone {
  phone: string;
  type: 'mobile' | 'home' | 'work' | 'other';
}

/** Custom attributes: the suffix gives the type (Str, Txt, Num, At, Bool, Url). */
export type CustomAttributes = Record<string, string | number | boolean | null>;

export interface Customer extends Timestamps {
  id: string;
  name: string;
  displayName: string;
  emails: Email[];
  phones: Phone[];
  company: string | null;
  externalId: string | null;
  tags: string[];
  avatarUrl: string | null;
  custom: CustomAttributes;
  lastActivityAt: string;
  createdBy: string;
  modifiedBy: string;
}

export interface Company extends Timestamps {
  id: string;
  name: string;
  externalId: string | null;
  domains: { domain: string }[];
  emails: Email[];
  phones: Phone[];
  tags: string[];
  custom: CustomAttributes;
  deleted: boolean;
  createdBy: string;
  modifiedBy: string;
}

export interface Conversation extends Timestamps {
  id: string;
  customer: string;
  name: string;
  externalId: string | null;
  status: ConversationStatus;
  subStatus: string | null;
  priority: 1 | 2 | 3 | 4 | 5;
  direction: Direction;
  assignedUsers: string[];
  assignedTeams: string[];
  tags: string[];
  channels: string[];
  messageCount: number;
  noteCount: number;
  preview: string;
  lastMessageIn: { sentAt: string } | null;
  lastMessageOut: { sentAt: string } | null;
  lastActivityAt: string;
  snoozedUntil: string | null;
  closedAt: string | null;
  createdBy: string;
  modifiedBy: string;
}

export interface Message extends Timestamps {
  id: string;
  conversation: string;
  customer: string;
  channel: string;
  app: string;
  direction: Direction;
  preview: string;
  subject: string | null;
  externalId: string | null;
  sentAt: string;
  createdBy: string;
  modifiedBy: string;
}

export interface Note extends Timestamps {
  id: string;
  conversation: string;
  customer: string;
  body: string;
  /** Who the note @mentions: a user or a team (Kustomer's `[{ user }]` / `[{ team }]`). */
  userMentions: ({ user: string } | { team: string })[];
  attachments: { name: string; contentType: string; contentLength: number }[];
  externalId: string | null;
  createdBy: string;
  modifiedBy: string;
}

export interface User extends Timestamps {
  id: string;
  name: string;
  displayName: string;
  email: string;
  userType: 'user' | 'machine';
  avatarUrl: string | null;
  deleted: boolean;
}

export interface Klass extends Timestamps {
  id: string;
  name: string;
  displayName: string;
  /** The klass's attribute definitions as a JSON Schema of its KObjects' `data` (the spec's untyped `jsonSchema`). */
  jsonSchema?: Record<string, unknown>;
  description: string | null;
  icon: string | null;
  color: string | null;
  createdBy: string;
  modifiedBy: string;
}

export interface KObject extends Timestamps {
  id: string;
  klass: string;
  title: string;
  description: string | null;
  externalId: string | null;
  customer: string | null;
  company: string | null;
  data: Record<string, unknown>;
  custom: CustomAttributes;
  tags: string[];
  icon: string | null;
  createdBy: string;
  modifiedBy: string;
}

export interface SubStatus extends Timestamps {
  id: string;
  label: string;
  description: string;
  parentStatus: ConversationStatus;
  resourceType: 'conversation' | 'kobject';
  createdBy: string;
  modifiedBy: string;
}

export type BulkOperation = 'create' | 'update' | 'delete';
export type BulkStatus = 'queued' | 'running' | 'complete';

export interface BulkItemResult {
  _clientRef: string | null;
  status: 'success' | 'failure';
  statusCode: number;
  id: string | null;
  error: string | null;
}

export interface BulkJob extends Timestamps {
  id: string;
  resource: 'conversation';
  operation: BulkOperation;
  status: BulkStatus;
  /** The requested items, as received (with ids for update/delete). */
  items: Record<string, unknown>[];
  results: BulkItemResult[];
  completedAt: string | null;
  createdBy: string;
}

export interface AuditLogEvent {
  id: string;
  eventName: string;
  eventVerb: 'create' | 'update' | 'delete';
  objectType: string;
  objectId: string;
  userId: string;
  changes: Record<string, { before: unknown; after: unknown }>;
  createdAt: string;
}

/** The sandbox's in-memory data. Every Map is keyed by record id and keeps insertion order. */
export interface SandboxStore {
  customers: Map<string, Customer>;
  companies: Map<string, Company>;
  conversations: Map<string, Conversation>;
  messages: Map<string, Message>;
  notes: Map<string, Note>;
  users: Map<string, User>;
  klasses: Map<string, Klass>;
  kobjects: Map<string, KObject>;
  subStatuses: Map<string, SubStatus>;
  bulkJobs: Map<string, BulkJob>;
  /** Oldest first. */
  auditLogs: AuditLogEvent[];
}

export type CollectionName = keyof SandboxStore;
