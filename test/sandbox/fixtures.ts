import { createHmac } from 'node:crypto';

/**
 * Well-known records and credentials that exist in every sandbox, whatever the seed.
 * Tests and the demo may rely on these; everything else in the seed is generated.
 */

export const SANDBOX_ORG_NAME = 'sandbox';
export const SANDBOX_ORG_ID = '5f1a0c0de0000000000000a1';
/** The pod (region) the sandbox pretends to be. */
export const SANDBOX_POD = 'prod1';

/** An address no customer has: lookups answer 404. */
export const UNKNOWN_EMAIL = 'nobody@unknown.example';
/** A valid number (GB) that no customer has. */
export const UNKNOWN_PHONE = '+44 20 7946 0999';

export const ADA = {
  id: '5f1a0ada0000000000000c01',
  name: 'Ada Lovelace',
  email: 'ada.lovelace@example.com',
  secondEmail: 'countess@analytical-engine.example',
  phone: '+44 20 7946 0018',
  phoneE164: '+442079460018',
  externalId: 'crm-ada-1815',
  companyId: '5f1a0ada0000000000000b01',
  companyName: 'Analytical Engines Ltd',
  /** Open, priority 4, assigned to AGENT. */
  openConversationId: '5f1a0ada0000000000000d01',
  /** Open, priority 2, unassigned. */
  secondOpenConversationId: '5f1a0ada0000000000000d02',
  doneConversationId: '5f1a0ada0000000000000d03',
  orderIds: ['5f1a0ada0000000000000e01', '5f1a0ada0000000000000e02'],
  /** External ids (the shop's order numbers) of the two orders, in the same order. */
  orderExternalIds: ['SO-18150001', 'SO-18150002'],
  /** A customer custom attribute an org may search by (options: "Search also by"). */
  lastOrderAttribute: 'lastOrderNumberStr',
  lastOrderNumber: 'W-181512',
} as const;

export const GRACE = {
  id: '5f1a0ada0000000000000c02',
  name: 'Grace Hopper',
  email: 'grace.hopper@example.org',
  /** Stored in US national form, without the country code, as orgs that import from a US CRM have it. */
  phone: '(212) 555-0142',
  phoneE164: '+12125550142',
  companyId: '5f1a0ada0000000000000b02',
  companyName: 'Compiler Works Inc',
  snoozedConversationId: '5f1a0ada0000000000000d04',
  doneConversationId: '5f1a0ada0000000000000d05',
} as const;

/** Known customer without any conversation (empty timeline). */
export const ALAN = {
  id: '5f1a0ada0000000000000c03',
  name: 'Alan Turing',
  email: 'alan.turing@example.net',
  /** Stored with the German trunk prefix in brackets: its digits are not the E.164 digits. */
  phone: '+49 (0)30 1234567',
  phoneE164: '+49301234567',
} as const;

/** Stored with mixed case: lookups must match case-insensitively. */
export const KATHERINE = {
  id: '5f1a0ada0000000000000c04',
  name: 'Katherine Johnson',
  storedEmail: 'Katherine.Johnson@Example.com',
  email: 'katherine.johnson@example.com',
  /** Stored in French national form, dotted. */
  phone: '06.12.34.56.78',
  phoneE164: '+33612345678',
} as const;

/** Has MARGARET.conversationCount conversations: enough for three pages of 25. */
export const MARGARET = {
  id: '5f1a0ada0000000000000c05',
  name: 'Margaret Hamilton',
  email: 'margaret.hamilton@example.com',
  phone: '+81 3-1234-5678',
  phoneE164: '+81312345678',
  conversationCount: 60,
} as const;

/** The human agent: OAuth tokens act as this user; AGENT is assigned to ADA's open conversation. */
export const AGENT = {
  id: '5f1a0ada0000000000000a01',
  name: 'Sam Rivera',
  email: 'sam.rivera@sandbox-support.example',
} as const;

/** The machine user behind every API key. */
export const MACHINE_USER = {
  id: '5f1a0ada0000000000000a02',
  name: 'kustomer-sidebar (API key)',
  email: 'kustomer-sidebar@machine.sandbox.example',
} as const;

export const ORDER_KLASS = { id: '5f1a0ada0000000000000f01', name: 'order' } as const;
export const SUBSCRIPTION_KLASS = { id: '5f1a0ada0000000000000f02', name: 'subscription' } as const;
/** A klass with attribute definitions (`jsonSchema`) and no KObjects yet: the panel's "log a return" form. */
export const RETURN_KLASS = { id: '5f1a0ada0000000000000f03', name: 'return' } as const;

/** Default OAuth client: the test build of the extension (pinned id jndjnofdpedebllphnccggnmpbpmmije). */
export const DEFAULT_OAUTH_CLIENT = {
  clientId: 'kustomer-sidebar-dev',
  redirectUris: ['https://jndjnofdpedebllphnccggnmpbpmmije.chromiumapp.org/'],
} as const;

/** Looks like a Kustomer API key (a JWT naming its organisation); the sandbox only compares the whole string. */
function fakeJwt(name: string, orgId: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'HS256', typ: 'JWT' });
  const payload = encode({ org: orgId, user: MACHINE_USER.id, name, iat: 1767225600 });
  const signature = createHmac('sha256', 'kustomer-sandbox').update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** The API keys every organisation of a sandbox has, each a different string per organisation. */
export interface SandboxKeys {
  /** Every role. */
  full: string;
  /** Only `org.permission.*.read` roles. */
  readOnly: string;
  /** Expired: every request answers 401 "Token expired". */
  expired: string;
  /** Issued in another pod (prod2 for an org in prod1): every request answers 401 naming that pod. */
  otherPod: string;
  /** Every role except note create/update. */
  noNotes: string;
  /** Only legacy `org.user.<object>.read|write` roles. */
  legacy: string;
  /**
   * An admin's key for the apps platform: only `org.admin.apps` and `org.permission.apps`, the roles Kustomer's
   * "Register and install" and "OAuth 2.0 Provider" pages ask for. Registers and installs apps; nothing else.
   */
  appsAdmin: string;
}

/** The keys of the organisation `orgId` (test/sandbox/orgs.ts gives each organisation its own). */
export function keysForOrg(orgId: string): SandboxKeys {
  return {
    full: fakeJwt('full', orgId),
    readOnly: fakeJwt('read-only', orgId),
    expired: fakeJwt('expired', orgId),
    otherPod: fakeJwt('other-pod', orgId),
    noNotes: fakeJwt('no-notes', orgId),
    legacy: fakeJwt('legacy', orgId),
    appsAdmin: fakeJwt('apps-admin', orgId),
  };
}

/** API keys of the sandbox's (first) organisation: the same strings in every sandbox. */
export const SANDBOX_KEYS: Readonly<SandboxKeys> = Object.freeze(keysForOrg(SANDBOX_ORG_ID));
