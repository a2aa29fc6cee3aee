/**
 * Shapes that cross from the background to the side panel and options page. They are plain data
 * (structured-clone safe) derived from Kustomer resources by the background; the UI never sees the
 * raw API payloads, and never a credential.
 */

import type * as v from 'valibot';
import type { KustomerErrorKind } from '../kustomer/errors';
import type { ConnectionColour, ConnectionId } from './org';
import type { connectionTargetSchema, writeRequestSchema } from './schemas';

export { CONNECTION_COLOURS } from './org';
export type { ConnectionColour, ConnectionId };

/** Where the Kustomer API lives: a region host, an organisation host, or any URL (the sandbox). */
export type ConnectionTarget = v.InferOutput<typeof connectionTargetSchema>;

export type Region = Extract<ConnectionTarget, { kind: 'region' }>['region'];

export type AuthMethod = 'apiKey' | 'oauth';

/** A Kustomer error as the UI gets it: `kind` for logic, `message` for the agent. */
export interface ErrorInfo {
  /** Kustomer's kinds, and the extension's own: not connected, a refused or invalid message, a bug. */
  kind: KustomerErrorKind | 'not_connected' | 'refused' | 'invalid_message' | 'internal';
  message: string;
  /**
   * Kustomer's own words about the error, untrusted: the panel shows them quoted and defanged, never as
   * a sentence of ours (components/user-text.tsx `KustomerSaid`).
   */
  detail?: string;
  status?: number;
  retryAfterMs?: number;
  pointer?: string;
  /**
   * The organisation the error is about. With it, `not_connected` (signed out) and `unauthorized` (Kustomer
   * refused its credential) are reasons the pages word with the organisation's label from the catalogue;
   * the worker leaves `message` empty for them.
   */
  connectionId?: ConnectionId;
}

/** Who is connected where, as pages may know it: never a credential. */
export interface ConnectionInfo {
  method: AuthMethod;
  target: ConnectionTarget;
  /** API origin in use, e.g. https://api.kustomerapp.com (never includes a credential). */
  baseUrl: string;
  /** Kustomer web app origin for "Open in Kustomer" links, e.g. https://acme.kustomerapp.com. */
  appUrl: string;
  userName?: string;
  userEmail?: string;
  /** The connected user's id: notes it wrote can be edited and deleted in the panel. */
  userId?: string;
  orgName?: string;
  roles?: string[];
  /** OAuth only: when the access token expires (epoch ms). */
  expiresAt?: number;
}

/** The saved connection as pages see it, one shape per state. */
export type ConnectionStatus =
  /** Nothing saved: never connected, or signed out. */
  | { state: 'disconnected' }
  /**
   * It works. `warning`: it works with less than it could (the key lacks roles), so some actions will be
   * refused; the message names them.
   */
  | ({ state: 'connected'; warning?: ErrorInfo } & ConnectionInfo)
  /** Saved but failing (Kustomer refused the credential, or a test failed): connect or sign in again. */
  | ({ state: 'error'; error: ErrorInfo } & ConnectionInfo);

/** How pages name one connected organisation: its id, the agent's label for it and its colour. */
export interface OrgTag {
  id: ConnectionId;
  label: string;
  colour: ConnectionColour;
}

/** One connected organisation as pages see it: its tag and its state (never a credential). */
export type OrgConnectionStatus = Exclude<ConnectionStatus, { state: 'disconnected' }> & OrgTag;

export type CustomAttributeType = 'Str' | 'Txt' | 'Num' | 'At' | 'Bool' | 'Url';

export interface CustomAttribute {
  /** Attribute name as Kustomer stores it, e.g. `loyaltyTierStr`. */
  key: string;
  /** Human label derived from the key, e.g. "Loyalty tier". */
  label: string;
  type: CustomAttributeType;
  value: string | number | boolean | null;
}

export interface CustomerSummary {
  id: string;
  name: string;
  /** Primary email, if any. */
  email?: string;
  emails: string[];
  phones: string[];
  companyId?: string;
  companyName?: string;
  tags: string[];
  createdAt?: string;
  lastActivityAt?: string;
}

/** The field of a customer a search matched on, so a result says why it is there (issue 17, bug 5). */
export type SearchMatchField = 'name' | 'email' | 'phone' | 'company' | 'externalId' | 'attribute' | 'kobject';

/** One search result: a customer, why it matched, and for a KObject found by its external id, that KObject. */
export interface SearchHit extends CustomerSummary {
  /** The organisation that found it (a search asks every connected one). */
  connectionId: ConnectionId;
  match?: {
    field: SearchMatchField;
    /** The matching value as stored (the other address, the company's name, the external id). */
    value: string;
    /** For `attribute` the custom attribute's label, for `kobject` the klass's ("Order"). */
    label?: string;
  };
  /** The KObject whose external id was searched for; opening the hit shows it with its customer. */
  kobject?: { id: string; klassName: string; title: string };
}

export interface CustomerDetail extends CustomerSummary {
  externalId?: string;
  custom: CustomAttribute[];
}

export interface CompanySummary {
  id: string;
  name: string;
  domains: string[];
}

export interface CompanyDetail extends CompanySummary {
  tags: string[];
  custom: CustomAttribute[];
  customers: CustomerSummary[];
}

export type ConversationStatus = 'open' | 'snoozed' | 'done';

export interface ConversationSummary {
  id: string;
  customerId: string;
  subject: string;
  status: ConversationStatus;
  subStatusId?: string;
  subStatusLabel?: string;
  /** 1 (lowest) … 5 (highest). */
  priority: number;
  assigneeIds: string[];
  assigneeNames: string[];
  channels: string[];
  /** Not in the spec's conversation attributes, so the background does not read it; kept for callers that know one. */
  preview?: string;
  messageCount: number;
  createdAt?: string;
  lastActivityAt?: string;
}

/** What the customer view paints first: the answer of one Kustomer call (by email or by id). */
export interface CustomerCard {
  /** The organisation the customer was read from: every later read and write of the card goes there. */
  connectionId: ConnectionId;
  customer: CustomerDetail;
  /** Link to the customer in Kustomer's web app. */
  kustomerUrl: string;
}

/** What fills the card in once it is on screen: its company and conversations (a second round of calls). */
export interface CustomerActivity {
  company: CompanySummary | null;
  openConversationCount: number;
  recentConversations: ConversationSummary[];
}

export interface MessageView {
  id: string;
  direction: 'in' | 'out';
  channel: string;
  subject?: string;
  preview: string;
  createdAt: string;
}

export interface NoteView {
  id: string;
  body: string;
  userMentionIds: string[];
  teamMentionIds: string[];
  authorId?: string;
  authorName?: string;
  createdAt: string;
}

/** Messages and notes of one conversation, oldest first. */
export type TimelineEntry = ({ kind: 'message' } & MessageView) | ({ kind: 'note' } & NoteView);

export interface ConversationDetail {
  conversation: ConversationSummary;
  timeline: TimelineEntry[];
  /** Link to the conversation in Kustomer's web app. */
  kustomerUrl: string;
}

/** One field of a klass's attribute definitions, for the "new KObject" form. */
export interface KlassField {
  /** Key in the KObject's `data`, e.g. `reasonStr`. */
  key: string;
  label: string;
  type: CustomAttributeType;
  required?: boolean;
}

/** A klass a KObject can be created in, with the fields of its form. */
export interface KlassForm {
  klassName: string;
  klassLabel: string;
  fields: KlassField[];
}

/** One change in a customer's history, from Kustomer's audit log. */
export interface HistoryEntry {
  id: string;
  at: string;
  /**
   * Who made the change: a user's name, `unnamedUser` for a user the users list has no name for (the panel words
   * it in the agent's language), or absent for Kustomer itself (a workflow, an integration).
   */
  who?: string | { unnamedUser: true };
  verb: 'create' | 'update' | 'delete';
  /** What was changed: `customer`, `conversation`, … */
  objectType: string;
  changes: { field: string; before: string; after: string }[];
}

export interface UserOption {
  id: string;
  name: string;
  email: string;
  /** The identity behind an API key: it signs what the key writes, and is never offered as an assignee. */
  machine?: true;
}

export interface SubStatusOption {
  id: string;
  label: string;
  parentStatus: ConversationStatus;
}

export interface KObjectView {
  id: string;
  title: string;
  description?: string;
  fields: { label: string; value: string }[];
  updatedAt?: string;
}

export interface KObjectGroup {
  klassName: string;
  klassLabel: string;
  owner: 'customer' | 'company';
  items: KObjectView[];
}

/** An address found on the agent's current page and what the background knows about it. */
export interface PageEmail {
  /** The address, or for a phone number the key the page reported (`tel:` and its digits). */
  email: string;
  /** A phone number's E.164 form (phone keys that are valid numbers only). */
  phone?: string;
  /** Merged over the organisations: known (by any) › pending › error › unknown (by all); ignored everywhere. */
  status: 'pending' | 'known' | 'unknown' | 'ignored' | 'error';
  /** The first organisation's customer (in the agent's order) that knows it. */
  customer?: CustomerSummary;
  error?: ErrorInfo;
  /** Each organisation's answer, in the agent's order (absent when ignored before any was asked). */
  orgs?: PageEmailOrg[];
}

/** What one organisation knows of a page's address. */
export interface PageEmailOrg {
  connectionId: ConnectionId;
  status: PageEmail['status'];
  customer?: CustomerSummary;
  error?: ErrorInfo;
}

/** What one organisation answered about an address or a number. */
export type OrgAnswer =
  | { connectionId: ConnectionId; status: 'known'; card: CustomerCard }
  | { connectionId: ConnectionId; status: 'unknown' }
  | { connectionId: ConnectionId; status: 'error'; error: ErrorInfo };

/** What a search found in every organisation, and the organisations that could not answer it. */
export interface SearchResults {
  /** In the agent's order of connections, each hit with its organisation. */
  hits: SearchHit[];
  /** Failed while another organisation found customers (a search that found nothing anywhere fails instead). */
  unanswered: { connectionId: ConnectionId; error: ErrorInfo }[];
}

/** Every organisation's answer about one address or number, and what they add up to. */
export interface EverywhereAnswer {
  /** `known` when one organisation or more knows it; `unknown` only when every one said so; else `error`. */
  status: 'known' | 'unknown' | 'error';
  /** In the agent's order of connections. */
  answers: OrgAnswer[];
}

export interface PageCustomers {
  tabId: number;
  url?: string;
  /** Whether detection runs on this tab (site enabled, or run once through activeTab). */
  detectionActive: boolean;
  emails: PageEmail[];
  /** The page has more new addresses than its lookup budget: those beyond it are `pending` (issue 21). */
  paused?: boolean;
}

/**
 * A write the agent asked for. It is stored in the outbox before it is sent. Its kinds and fields are
 * those `writeRequestSchema` accepts (lib/messaging/schemas.ts, where each field is documented).
 */
export type WriteRequest = v.InferOutput<typeof writeRequestSchema>;

/** What a bulk job changes on every selected conversation. */
export type BulkConversationChanges = Extract<WriteRequest, { kind: 'bulkUpdateConversations' }>['changes'];

export type WriteKind = WriteRequest['kind'];

export interface OutboxItem {
  /** Client-side id, also sent to Kustomer (externalId / _clientRef) so a retry never duplicates. */
  id: string;
  /**
   * The organisation it was written for: it is sent by that connection only, or held while it is not connected
   * (absent only on items written before several organisations, for another API origin: held for ever).
   */
  connectionId?: ConnectionId;
  request: WriteRequest;
  state: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: number;
  createdAt: number;
  nextAttemptAt?: number;
  lastError?: ErrorInfo;
  /** Id of the created or updated Kustomer record once sent. */
  resultId?: string;
  /** A bulk job being followed: Kustomer's status of it (queued, running) since the last look. */
  progress?: string;
  /** API origin the agent was connected to when they wrote it; it is sent there and nowhere else. */
  destination?: string;
  /** Whom and what it is about, in the agent's words, for the outbox list (names as the panel knew them). */
  about?: WriteAbout;
}

/** The customer's name and the conversation's subject a write is about, when the panel knew them. */
export interface WriteAbout {
  customer?: string;
  conversation?: string;
  /** The organisation's label when the write was queued (the outbox line names it after a sign-out too). */
  org?: string;
}

/** What the side panel should show next, set by a context menu, a command or a click on a page. */
export type PanelIntent =
  | { kind: 'showCustomer'; email: string; source: 'contextMenu' | 'page' | 'command'; connectionId?: ConnectionId }
  /** A phone number (E.164, or as the page wrote it) whose customer the panel shows (issue 15). */
  | { kind: 'showPhone'; phone: string; source: 'contextMenu' | 'page'; connectionId?: ConnectionId }
  | {
      kind: 'quickNote';
      /** The site's default organisation, when the agent set one (`Settings.siteDefaultOrgs`). */
      connectionId?: ConnectionId;
      text: string;
      sourceUrl?: string;
      sourceTitle?: string;
      /** A customer address the page shows: in the selection, or the nearest one around it. */
      email?: string;
      emailFrom?: 'selection' | 'nearby';
    };

/** Non-secret settings; readable by every extension page. */
export interface Settings {
  /** Domains never looked up (the agent's own company), lower case, e.g. "acme.com". */
  neverLookUpDomains: string[];
  /** Global pause: no detection anywhere. */
  paused: boolean;
  /** Origins where detection runs, e.g. "https://mail.example.com". */
  enabledSites: string[];
  /** Client ID of the organisation's Kustomer app for sign-in (docs/oauth-setup.md); empty until one is entered. */
  oauthClientId: string;
  /** Phone numbers are detected and looked up (issue 15); on unless the agent turned it off. */
  phoneDetection?: boolean;
  /** Origins where phone detection is off while email detection stays on. */
  phoneOffSites?: string[];
  /** Country that national numbers (`020 7946 0018`) are read in; unset: the browser's locale. */
  phoneCountry?: string;
  /** Numbers never looked up (the agent's own switchboard), in E.164. */
  neverLookUpPhones?: string[];
  /**
   * A customer custom attribute search also matches exactly (`customer_custom_<name>`), e.g. `orderNumberStr`;
   * unset: none (issue 17, search by order number).
   */
  searchAttribute?: string;
  /**
   * Per site origin, the organisation its quick notes and right-click lookups go to (a shop's admin page
   * belongs to one brand); unset: the agent is asked.
   */
  siteDefaultOrgs?: Record<string, ConnectionId>;
}

/** Where in the background a failure happened (the diagnostics log, options page). */
export type DiagnosticArea =
  | 'outbox'
  | 'lookup'
  | 'directory'
  | 'oauth'
  | 'site-access'
  | 'detections'
  | 'menus'
  | 'commands'
  | 'panel'
  | 'storage';

/**
 * One failure in the diagnostics log (`lib/background/diagnostics.ts`). Built from an allow-list of facts,
 * never from Kustomer's answer text: no credential, note, message or page text is in it.
 */
export interface DiagnosticEvent {
  /** Epoch ms of the latest occurrence. */
  at: number;
  area: DiagnosticArea;
  /** What the background was doing, a fixed phrase of its code, e.g. `badge`, `send createNote`. */
  operation: string;
  /** `ErrorInfo` kinds, `exception` (a browser API or a bug) or `unknown`. */
  kind: string;
  status?: number;
  reason?: string;
  /** Kustomer host that was called. */
  host?: string;
  /** Short, scrubbed sentence. */
  message: string;
  /** The same failure happened this many times in a row. */
  count?: number;
}
