import * as v from 'valibot';
import { MAX_EMAILS_PER_REPORT } from './limits';
import type {
  CompanyDetail,
  ConversationDetail,
  ConversationSummary,
  CustomerActivity,
  CustomerCard,
  DiagnosticEvent,
  ErrorInfo,
  EverywhereAnswer,
  HistoryEntry,
  KlassForm,
  KObjectGroup,
  OrgConnectionStatus,
  OutboxItem,
  PageCustomers,
  PanelIntent,
  SearchResults,
  Settings,
  SubStatusOption,
  UserOption,
} from './model';
import {
  connectionColourSchema,
  connectionIdSchema,
  connectionLabelSchema,
  connectionTargetSchema,
  emailSchema,
  schemas,
  settingsPatchSchema,
  siteOriginSchema,
  writeRequestSchema,
} from './schemas';

/**
 * Who may send a request: the options page, another page of the extension (the side panel), or a content
 * script on an allowed page (lib/messaging/sender.ts tells them apart).
 */
export type SenderKind = 'extension-page' | 'options-page' | 'content-script';

const PAGES: readonly SenderKind[] = ['extension-page', 'options-page'];
const OPTIONS_PAGE: readonly SenderKind[] = ['options-page'];
const CONTENT: readonly SenderKind[] = ['content-script'];

const none = v.optional(v.strictObject({}), {});
const tabId = v.pipe(v.number(), v.integer(), v.minValue(0));
/** A phone number as the content script keys it: `+` and digits, or national digits (lib/phone/candidates.ts). */
/** Names the organisation a record is read from or a write goes to: record ids are an organisation's. */
const connectionId = connectionIdSchema;
/** Optional on a connect: present, it signs that connection in again (same organisation); absent, it adds one. */
const connectChoice = {
  connectionId: v.optional(connectionIdSchema),
  label: v.optional(connectionLabelSchema),
  colour: v.optional(connectionColourSchema),
};
const phoneDigits = v.pipe(v.string(), v.regex(/^\+?\d{7,16}$/, 'Not a phone number'));

/**
 * Every request that crosses to the background: who may send it and how its input is validated.
 * Output types live in {@link ProtocolOutputs}. This map is the only place that says what crosses.
 */
export const REQUESTS = {
  // Connections and credentials (the answers never contain a credential).
  /** Every connected organisation, in the agent's order. */
  getConnections: { from: PAGES, input: none },
  connectWithApiKey: {
    from: PAGES,
    input: v.strictObject({
      target: connectionTargetSchema,
      apiKey: v.pipe(v.string(), v.trim(), v.minLength(1, 'Enter an API key'), v.maxLength(4096)),
      ...connectChoice,
    }),
  },
  connectWithOAuth: {
    from: PAGES,
    input: v.strictObject({
      target: connectionTargetSchema,
      clientId: schemas.shortText(256),
      clientSecret: v.optional(schemas.shortText(512)),
      /** OAuth scope for orgs whose app differs from the default (lib/kustomer/oauth-scope.ts). */
      scope: v.optional(schemas.shortText(2048)),
      ...connectChoice,
    }),
  },
  testConnection: { from: PAGES, input: v.strictObject({ connectionId }) },
  /** Renames or recolours one organisation. */
  updateConnection: {
    from: PAGES,
    input: v.strictObject({
      connectionId,
      label: v.optional(connectionLabelSchema),
      colour: v.optional(connectionColourSchema),
    }),
  },
  /** Moves one organisation to `index` in the agent's order (the first is the default). */
  moveConnection: {
    from: PAGES,
    input: v.strictObject({ connectionId, index: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(99)) }),
  },
  /** Signs out of one organisation: its secret and data go, the others' stay. */
  signOut: { from: PAGES, input: v.strictObject({ connectionId }) },

  // Reading Kustomer.
  /**
   * Every organisation, or with `connectionId` that one alone: the card asks each on its own, so a slow one (its
   * rate limit spent) never holds back another's tab.
   */
  lookupEmail: {
    from: PAGES,
    input: v.strictObject({
      email: emailSchema,
      refresh: v.optional(v.boolean()),
      connectionId: v.optional(connectionId),
    }),
  },
  /** A phone number in any written form; national numbers are read in the agent's default country. */
  lookupPhone: {
    from: PAGES,
    input: v.strictObject({
      phone: schemas.requiredText(64, 'Phone'),
      refresh: v.optional(v.boolean()),
      connectionId: v.optional(connectionId),
    }),
  },
  searchCustomers: { from: PAGES, input: v.strictObject({ query: schemas.requiredText(256, 'Search') }) },
  getCustomer: { from: PAGES, input: v.strictObject({ connectionId, customerId: schemas.id }) },
  getCustomerActivity: {
    from: PAGES,
    input: v.strictObject({ connectionId, customerId: schemas.id, companyId: v.optional(schemas.id) }),
  },
  getCompany: { from: PAGES, input: v.strictObject({ connectionId, companyId: schemas.id }) },
  listConversations: {
    from: PAGES,
    input: v.strictObject({ connectionId, customerId: schemas.id, filter: v.picklist(['open', 'all']) }),
  },
  getConversation: { from: PAGES, input: v.strictObject({ connectionId, conversationId: schemas.id }) },
  listUsers: { from: PAGES, input: v.strictObject({ connectionId }) },
  listSubStatuses: { from: PAGES, input: v.strictObject({ connectionId }) },
  listKObjects: {
    from: PAGES,
    input: v.strictObject({ connectionId, customerId: schemas.id, companyId: v.optional(schemas.id) }),
  },
  /** The customer's changes from Kustomer's audit log, newest first. */
  getCustomerHistory: { from: PAGES, input: v.strictObject({ connectionId, customerId: schemas.id }) },
  /** Klasses with the fields of their "new KObject" form. */
  listKlassForms: { from: PAGES, input: v.strictObject({ connectionId }) },

  // The agent's current page.
  getPageCustomers: { from: PAGES, input: v.strictObject({ tabId }) },
  runDetectionOnTab: { from: PAGES, input: v.strictObject({ tabId }) },
  /** Called after the page got the host permission from `permissions.request` (needs the page's user gesture). */
  enableSite: { from: PAGES, input: v.strictObject({ origin: siteOriginSchema }) },
  disableSite: { from: PAGES, input: v.strictObject({ origin: siteOriginSchema }) },

  // Writes go through the outbox.
  enqueueWrite: {
    from: PAGES,
    input: v.strictObject({
      /** The organisation of the card the agent is on: the write is sent there or nowhere. */
      connectionId,
      write: writeRequestSchema,
      about: v.optional(
        v.strictObject({
          customer: v.optional(schemas.shortText(200)),
          conversation: v.optional(schemas.shortText(300)),
        }),
      ),
    }),
  },
  getOutbox: { from: PAGES, input: none },
  retryWrite: { from: PAGES, input: v.strictObject({ id: schemas.id }) },
  discardWrite: { from: PAGES, input: v.strictObject({ id: schemas.id }) },

  // Settings and panel state.
  getSettings: { from: PAGES, input: none },
  updateSettings: { from: PAGES, input: v.strictObject({ patch: settingsPatchSchema }) },
  clearCache: { from: PAGES, input: none },
  takePanelIntent: { from: PAGES, input: none },
  /** The background's recent failures: the options page shows them; the side panel has no use for them. */
  getDiagnostics: { from: OPTIONS_PAGE, input: none },
  clearDiagnostics: { from: OPTIONS_PAGE, input: none },

  // From content scripts.
  pageEmailsDetected: {
    from: CONTENT,
    input: v.strictObject({
      emails: v.pipe(v.array(emailSchema), v.maxLength(MAX_EMAILS_PER_REPORT)),
      /** Phone candidates (issue 15); the answer names them as `tel:` + these digits. */
      phones: v.optional(v.pipe(v.array(phoneDigits), v.maxLength(MAX_EMAILS_PER_REPORT))),
      url: v.pipe(v.string(), v.maxLength(8192)),
    }),
  },
  showCustomerFromPage: {
    from: CONTENT,
    input: v.union([
      v.strictObject({ email: emailSchema, how: v.picklist(['click', 'hover', 'keyboard']) }),
      v.strictObject({ phone: phoneDigits, how: v.picklist(['click', 'hover', 'keyboard']) }),
    ]),
  },
  /** What the content script detects on its page besides addresses (phone detection may be off). */
  detectionOptions: { from: CONTENT, input: none },
} as const;

export type RequestType = keyof typeof REQUESTS;
export type RequestInput<K extends RequestType> = v.InferOutput<(typeof REQUESTS)[K]['input']>;

/** What each request answers. */
export interface ProtocolOutputs {
  getConnections: OrgConnectionStatus[];
  /** The organisation connected (added, or signed in again). */
  connectWithApiKey: OrgConnectionStatus;
  connectWithOAuth: OrgConnectionStatus;
  testConnection: OrgConnectionStatus;
  updateConnection: OrgConnectionStatus[];
  moveConnection: OrgConnectionStatus[];
  /** The organisations still connected. */
  signOut: OrgConnectionStatus[];
  /** Every connected organisation's answer (cards carry their `connectionId`). */
  lookupEmail: EverywhereAnswer;
  lookupPhone: EverywhereAnswer;
  searchCustomers: SearchResults;
  getCustomer: CustomerCard;
  /** The company and conversations that fill a card in after it painted. */
  getCustomerActivity: CustomerActivity;
  getCompany: CompanyDetail;
  listConversations: ConversationSummary[];
  getConversation: ConversationDetail;
  listUsers: UserOption[];
  listSubStatuses: SubStatusOption[];
  listKObjects: KObjectGroup[];
  getCustomerHistory: HistoryEntry[];
  listKlassForms: KlassForm[];
  getPageCustomers: PageCustomers;
  runDetectionOnTab: PageCustomers;
  enableSite: Settings;
  disableSite: Settings;
  enqueueWrite: OutboxItem;
  getOutbox: OutboxItem[];
  retryWrite: OutboxItem;
  discardWrite: OutboxItem[];
  getSettings: Settings;
  updateSettings: Settings;
  clearCache: undefined;
  /**
   * The intent waiting for the panel, answered at once. The card of a `showCustomer` intent is the panel's
   * `lookupEmail`, which joins the lookup the click started.
   */
  takePanelIntent: { intent: PanelIntent } | null;
  /** Oldest first, at most 200; no credential, note or page text (lib/background/diagnostics.ts). */
  getDiagnostics: DiagnosticEvent[];
  clearDiagnostics: undefined;
  /** Which of the reported addresses are known customers (for highlight colours). */
  pageEmailsDetected: { known: string[]; ignored: string[] };
  showCustomerFromPage: undefined;
  detectionOptions: { phones: boolean };
}

export type RequestOutput<K extends RequestType> = ProtocolOutputs[K];

/** A request on the wire. */
export interface RequestMessage<K extends RequestType = RequestType> {
  type: K;
  input: RequestInput<K>;
}

/** The background's answer on the wire. */
export type ResponseMessage<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Events the background pushes to extension pages (runtime.sendMessage) and content scripts (tabs.sendMessage). */
export type PushEvent =
  | { event: 'pageChanged'; tabId: number }
  | { event: 'panelIntent'; intent: PanelIntent }
  | { event: 'outboxChanged'; items: OutboxItem[] }
  | { event: 'connectionChanged'; connections: OrgConnectionStatus[] }
  | { event: 'settingsChanged'; settings: Settings }
  | { event: 'knownEmails'; known: string[]; ignored: string[] }
  | { event: 'stopDetection' };

export type PushEventName = PushEvent['event'];
