import * as v from 'valibot';
import { canonicalDomain } from '../email/domain-list';
import { phoneKey } from '../phone/candidates';
import { parseUrl, siteOriginOf } from '../url';
import { MAX_EMAIL_LENGTH, MAX_NOTE_LENGTH, MAX_NOTE_MENTIONS } from './limits';
import { CONNECTION_COLOURS, type ConnectionId } from './org';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128));
export const emailSchema = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.minLength(3),
  v.maxLength(MAX_EMAIL_LENGTH),
  v.regex(/^[^\s@]+@[^\s@]+$/, 'Not an email address'),
);
/** A connection's id (`org-` and 1–32 lower-case letters or digits), safe inside a storage key. */
export const connectionIdSchema = v.custom<ConnectionId>(
  (value) => typeof value === 'string' && /^org-[a-z0-9]{1,32}$/.test(value),
  'Not an organisation of this extension',
);
/** The agent's short name for an organisation (the connections model checks length and uniqueness). */
export const connectionLabelSchema = v.pipe(v.string(), v.maxLength(100));
export const connectionColourSchema = v.picklist(CONNECTION_COLOURS);
const shortText = (max: number) => v.pipe(v.string(), v.maxLength(max));
const requiredText = (max: number, what: string) =>
  v.pipe(v.string(), v.trim(), v.minLength(1, `${what} is required`), v.maxLength(max, `${what} is too long`));
type AttributeValue = string | number | boolean | null;
type AttributeChanges = Record<string, AttributeValue>;
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

// A hand check instead of v.record(v.union(...)): the two schemas cost the background 0.2 KB gzip for this one field.
function isAttributeChanges(value: unknown, least = 1): value is AttributeChanges {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length >= least &&
    entries.length <= 50 &&
    entries.every(
      ([name, field]) =>
        ATTRIBUTE_NAME.test(name) &&
        (field === null ||
          (typeof field === 'number' && Number.isFinite(field)) ||
          typeof field === 'boolean' ||
          (typeof field === 'string' && field.length <= 10_000)),
    )
  );
}

type KindSchema = v.StrictObjectSchema<v.ObjectEntries, undefined>;

/**
 * One of several objects told apart by their literal `kind`, validated against that kind's schema only, so an
 * error names the field that is wrong. Does what v.variant does for these flat unions; v.lazy is 0.2 KB
 * gzip lighter in the background (issue 8's budget).
 */
function oneOfKind<const T extends readonly KindSchema[]>(options: T): v.LazySchema<T[number]> {
  const byKind = new Map(options.map((option) => [(option.entries.kind as { literal?: unknown }).literal, option]));
  // Never accepts anything (every known kind is in byKind): it is there to say which kinds exist.
  const unknownKind = v.strictObject({ kind: v.picklist([...byKind.keys()].map(String)) }) as unknown as T[number];
  return v.lazy((input) => {
    const kind = typeof input === 'object' && input !== null ? (input as { kind?: unknown }).kind : undefined;
    return byKind.get(kind) ?? unknownKind;
  });
}

const conversationStatus = v.picklist(['open', 'snoozed', 'done']);
const attributeChanges = v.custom<AttributeChanges>(
  (value) => isAttributeChanges(value),
  'Attribute changes need 1 to 50 known-shaped values',
);
/** A date-time the spec's `format: date-time` accepts, as `Date#toISOString` writes it. */
const isoTime = v.pipe(v.string(), v.regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, 'Not a date and time'));
const priority = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5));
// What v.url() checks, through the extension's one URL reader (lib/url.ts): smaller than valibot's own.
const httpUrl = v.pipe(
  v.string(),
  v.maxLength(2048),
  v.check((value) => parseUrl(value) !== null, 'Not a web address'),
);

/** Where the Kustomer API lives; `ConnectionTarget` (lib/messaging/model.ts) is what this schema outputs. */
export const connectionTargetSchema = oneOfKind([
  v.strictObject({ kind: v.literal('region'), region: v.picklist(['us', 'eu', 'in']) }),
  v.strictObject({ kind: v.literal('org'), org: v.pipe(v.string(), v.trim(), v.regex(/^[a-z0-9][a-z0-9-]{0,62}$/i)) }),
  v.strictObject({ kind: v.literal('custom'), baseUrl: httpUrl }),
]);

/** A write the agent asks for; `WriteRequest` (lib/messaging/model.ts) is what this schema outputs. */
export const writeRequestSchema = oneOfKind([
  v.strictObject({
    kind: v.literal('createNote'),
    customerId: id,
    conversationId: v.optional(id),
    body: requiredText(MAX_NOTE_LENGTH, 'Note'),
    /**
     * Users and teams mentioned (Kustomer's `userMentions`); together they may not pass MAX_NOTE_MENTIONS,
     * which the outbox checks.
     */
    userMentionIds: v.optional(v.pipe(v.array(id), v.maxLength(MAX_NOTE_MENTIONS))),
    teamMentionIds: v.optional(v.pipe(v.array(id), v.maxLength(MAX_NOTE_MENTIONS))),
  }),
  v.strictObject({
    kind: v.literal('createConversation'),
    customerId: id,
    subject: requiredText(255, 'Subject'),
    priority: v.optional(priority),
    status: v.optional(conversationStatus),
    tags: v.optional(v.pipe(v.array(shortText(100)), v.maxLength(50))),
  }),
  v.strictObject({
    kind: v.literal('createMessage'),
    conversationId: id,
    customerId: v.optional(id),
    channel: requiredText(64, 'Channel'),
    app: requiredText(128, 'App'),
    direction: v.picklist(['in', 'out']),
    subject: v.optional(shortText(998)),
    preview: requiredText(MAX_NOTE_LENGTH, 'Message'),
  }),
  v.strictObject({
    kind: v.literal('updateConversation'),
    conversationId: id,
    changes: v.strictObject({
      status: v.optional(conversationStatus),
      // No null: the spec's subStatus is an id and Kustomer documents no way to clear it (docs/kustomer-api.md).
      subStatusId: v.optional(id),
      priority: v.optional(priority),
      assigneeIds: v.optional(v.pipe(v.array(id), v.maxLength(10))),
      /** With status `snoozed`: when it opens again (ISO), sent as Kustomer's `snooze.time`. */
      snoozeUntil: v.optional(isoTime),
    }),
  }),
  v.strictObject({
    kind: v.literal('updateCustomerAttributes'),
    customerId: id,
    changes: attributeChanges,
  }),
  // An email, a phone or both (a customer created from a phone number alone has no email): the outbox
  // refuses a customer with neither (oneOfKind takes plain objects).
  v.strictObject({
    kind: v.literal('createCustomer'),
    name: requiredText(255, 'Name'),
    email: v.optional(emailSchema),
    phone: v.optional(shortText(64)),
  }),
  // A phone call, logged as a message on channel `voice` (issue 15) in a new conversation; without
  // `customerId` a customer is created first with the number (E.164).
  v.strictObject({
    kind: v.literal('logCall'),
    // Any written form; the background stores it in E.164 (read in the agent's country) or refuses it.
    phone: v.pipe(
      shortText(64),
      v.check((value) => phoneKey(value).length >= 7, 'Not a phone number'),
    ),
    customerId: v.optional(id),
    name: v.optional(shortText(255)),
    direction: v.picklist(['in', 'out']),
    notes: requiredText(MAX_NOTE_LENGTH, 'Call notes'),
  }),
  v.strictObject({
    kind: v.literal('updateNote'),
    noteId: id,
    conversationId: id,
    body: requiredText(MAX_NOTE_LENGTH, 'Note'),
  }),
  v.strictObject({ kind: v.literal('deleteNote'), noteId: id, conversationId: id }),
  v.strictObject({ kind: v.literal('updateCompanyAttributes'), companyId: id, changes: attributeChanges }),
  v.strictObject({
    kind: v.literal('createKObject'),
    customerId: id,
    klassName: v.pipe(v.string(), v.regex(/^[0-9a-zA-Z_-]{1,255}$/)),
    title: requiredText(256, 'Title'),
    data: v.custom<AttributeChanges>((value) => isAttributeChanges(value, 0), 'Up to 50 known-shaped values'),
  }),
  v.strictObject({
    kind: v.literal('bulkUpdateConversations'),
    customerId: id,
    // Kustomer takes at most 100 items in one bulk request.
    conversationIds: v.pipe(v.array(id), v.minLength(1), v.maxLength(100)),
    changes: v.strictObject({
      status: v.optional(conversationStatus),
      priority: v.optional(priority),
      assigneeIds: v.optional(v.pipe(v.array(id), v.maxLength(10))),
    }),
    /** Kustomer's bulk job, once it was created: later attempts follow it instead of starting another. */
    jobId: v.optional(id),
  }),
]);

/** Longest never-look-up entry accepted, in UTF-16 code units (a domain name has at most 253 bytes). */
const MAX_DOMAIN_INPUT = 253;

export const settingsPatchSchema = v.strictObject({
  neverLookUpDomains: v.optional(
    v.pipe(
      v.array(
        v.pipe(
          v.string(),
          v.maxLength(MAX_DOMAIN_INPUT),
          v.trim(),
          // Any spelling a person types (Unicode, punycode, fullwidth) is stored in the canonical form that
          // lookups compare addresses in (lib/email/domain-list.ts): `bücher.example` → `xn--bcher-kva.example`.
          v.transform(canonicalDomain),
          v.string('Not a domain'),
        ),
      ),
      v.maxLength(500),
    ),
  ),
  paused: v.optional(v.boolean()),
  oauthClientId: v.optional(shortText(256)),
  phoneDetection: v.optional(v.boolean()),
  phoneOffSites: v.optional(v.pipe(v.array(siteOrigin()), v.maxLength(500))),
  phoneCountry: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'Not a country code'))),
  // A custom attribute's name as Kustomer spells it (`orderNumberStr`); empty: search by none.
  searchAttribute: v.optional(
    v.pipe(v.string(), v.trim(), v.regex(/^([A-Za-z][A-Za-z0-9]{0,63})?$/, 'Not an attribute name')),
  ),
  /** One site's default organisation: set, or cleared with null (the other sites' stay). */
  siteDefaultOrg: v.optional(v.strictObject({ origin: siteOrigin(), connectionId: v.nullable(connectionIdSchema) })),
  neverLookUpPhones: v.optional(
    v.pipe(
      v.array(
        v.pipe(
          v.string(),
          v.maxLength(64),
          v.trim(),
          v.check((value) => phoneKey(value).length >= 7, 'Not a phone number'),
        ),
      ),
      v.maxLength(500),
    ),
  ),
});

function siteOrigin() {
  return v.pipe(
    v.string(),
    v.maxLength(2048),
    v.check((value) => siteOriginOf(value) !== null, 'Only http and https sites can be enabled'),
    v.transform((value) => siteOriginOf(value) ?? value),
  );
}

export const siteOriginSchema = siteOrigin();

export const schemas = {
  id,
  email: emailSchema,
  requiredText,
  shortText,
  priority,
  conversationStatus,
};
