import { type Resource, relation } from './envelope';
import { simpleError } from './errors';
import { MACHINE_USER, SANDBOX_ORG_ID, SANDBOX_POD } from './fixtures';
import { DEFAULT_ORG, fixedIdIn, type OrgIdentity } from './orgs';

export type RoleVerb = 'create' | 'read' | 'update' | 'delete';

/** What an action needs: any one of `org.permission.<object>.<verb>`, `org.user.<object>.<read|write>`, `org.admin.<object>`. */
export interface RequiredRole {
  object: string;
  verb: RoleVerb;
  /** The legacy role when it is not `org.user.<object>.<read|write>` (search: `org.user.search.read`). */
  legacy?: string;
}

/**
 * Customer search: the search object's create role, legacy `org.user.search.read` (developer.kustomer.com
 * "Customer search" roles table), not customer read.
 */
export const SEARCH_ROLE: RequiredRole = { object: 'search', verb: 'create', legacy: 'org.user.search.read' };

/** Objects the sandbox's roles name. Kustomer's exact object names for sub-statuses, bulk and audit logs are not public. */
export const ROLE_OBJECTS = [
  'customer',
  'company',
  'conversation',
  'message',
  'note',
  'user',
  'klass',
  'kobject',
  'substatus',
  'bulk',
  'auditlog',
  'search',
] as const;
const VERBS: RoleVerb[] = ['create', 'read', 'update', 'delete'];

export interface TokenInfo {
  token: string;
  /** Id of the token record (what /v1/auth/tokens/current answers with). */
  id: string;
  name: string;
  kind: 'apiKey' | 'oauth';
  userId: string;
  roles: string[];
  /** The pod that issued it; any other than the organisation's is refused, naming it. */
  pod: string;
  createdAt: number;
  /** Epoch ms, or null for a key without expiry. */
  expiresAt: number | null;
  lastAccessedAt: number | null;
}

export const ALL_ROLES = ROLE_OBJECTS.flatMap((object) => VERBS.map((verb) => `org.permission.${object}.${verb}`));
// Reading customers does not grant search (its role is org.permission.search.create): this key cannot search.
export const READ_ROLES = ROLE_OBJECTS.map((object) => `org.permission.${object}.read`);
const LEGACY_ROLES = ROLE_OBJECTS.flatMap((object) => [`org.user.${object}.read`, `org.user.${object}.write`]);

/** What Kustomer asks of a key that registers and installs apps (developer.kustomer.com "Register and install"). */
export const APPS_ADMIN_ROLES = ['org.admin.apps', 'org.permission.apps'];

/** Registering and installing apps: `org.admin.apps` grants it (the sandbox's reading of the apps pages). */
export const APPS_ROLE: RequiredRole = { object: 'apps', verb: 'create' };

/** Roles any one of which grants `required`. */
export function acceptedRoles(required: RequiredRole): string[] {
  const legacyVerb = required.verb === 'read' ? 'read' : 'write';
  return [
    `org.permission.${required.object}.${required.verb}`,
    required.legacy ?? `org.user.${required.object}.${legacyVerb}`,
    `org.admin.${required.object}`,
  ];
}

/**
 * `GET /v1/auth/tokens/current` as Kustomer documents it: the token's own attributes (`name`, `roles`,
 * `lastTokenChars`, …) and its organisation and user as relationships. The organisation's name is not part of it.
 */
export function currentTokenResource(token: TokenInfo): Resource {
  const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
  return {
    type: 'auth_token',
    id: token.id,
    attributes: {
      name: token.name,
      roles: token.roles,
      tokenType: token.kind === 'oauth' ? 'oauth' : 'api',
      lastTokenChars: token.token.slice(-4),
      lastAccessedAt: iso(token.lastAccessedAt),
      createdAt: iso(token.createdAt),
      expiresAt: iso(token.expiresAt),
    },
    relationships: {
      user: relation('user', token.userId, '/v1/users'),
      org: { data: { type: 'org', id: SANDBOX_ORG_ID } },
    },
    links: { self: `/v1/auth/tokens/${token.id}` },
  };
}

export function hasRole(roles: readonly string[], required: RequiredRole): boolean {
  const accepted = acceptedRoles(required);
  return roles.some((role) => accepted.includes(role) || role === 'org.admin' || role === 'org.admin.*');
}

/** The API keys of an organisation (every sandbox has DEFAULT_ORG's), keyed by token. */
export function apiKeyTokens(now: number, org: OrgIdentity = DEFAULT_ORG): Map<string, TokenInfo> {
  const keys = org.keys;
  // A key the other pod issued: prod2 for an organisation in prod1, prod1 for any other.
  const otherPod = org.pod === SANDBOX_POD ? 'prod2' : SANDBOX_POD;
  const key = (
    token: string,
    id: string,
    name: string,
    roles: string[],
    extra: Partial<TokenInfo> = {},
  ): TokenInfo => ({
    token,
    id: fixedIdIn(org, id),
    name,
    kind: 'apiKey',
    userId: fixedIdIn(org, MACHINE_USER.id),
    roles,
    pod: org.pod,
    createdAt: now - 30 * 86_400_000,
    expiresAt: null,
    lastAccessedAt: null,
    ...extra,
  });
  const tokens = [
    key(keys.full, '5f1a0ada00000000000001a1', 'sidebar-full', ALL_ROLES),
    key(keys.readOnly, '5f1a0ada00000000000001a2', 'sidebar-read-only', READ_ROLES),
    key(keys.expired, '5f1a0ada00000000000001a3', 'sidebar-expired', ALL_ROLES, {
      expiresAt: now - 86_400_000,
    }),
    key(keys.otherPod, '5f1a0ada00000000000001a4', 'sidebar-eu', ALL_ROLES, { pod: otherPod }),
    key(
      keys.noNotes,
      '5f1a0ada00000000000001a5',
      'sidebar-no-notes',
      ALL_ROLES.filter((role) => role !== 'org.permission.note.create' && role !== 'org.permission.note.update'),
    ),
    key(keys.legacy, '5f1a0ada00000000000001a6', 'sidebar-legacy', LEGACY_ROLES),
    key(keys.appsAdmin, '5f1a0ada00000000000001a7', 'sidebar-apps-admin', APPS_ADMIN_ROLES),
  ];
  return new Map(tokens.map((token) => [token.token, token]));
}

/** The token of an `Authorization: Bearer` header, or a 401 like Kustomer's; `pod` is the one handling it. */
export function authenticate(
  header: string | undefined,
  tokens: Map<string, TokenInfo>,
  now: number,
  pod: string = SANDBOX_POD,
): TokenInfo {
  const unauthorized = (message: string, reason: string, meta: Record<string, unknown> = {}) =>
    simpleError(401, 'unauthorized', message, { reason, ...meta });
  if (!header) throw unauthorized('Authorization header is missing', 'missing');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw unauthorized('Authorization header must be "Bearer <token>"', 'malformed');
  const info = tokens.get(match[1]);
  if (!info) throw unauthorized('Invalid token', 'invalid');
  if (info.pod !== pod) throw podMismatch(info.pod, pod);
  if (info.expiresAt !== null && info.expiresAt <= now) throw unauthorized('Token expired', 'expired');
  info.lastAccessedAt = now;
  return info;
}

/** 401 for a token of another pod. Wording from developer.kustomer.com/docs/get-started/regions-and-base-urls. */
export function podMismatch(tokenPod: string, handlingPod: string) {
  return simpleError(
    401,
    'unauthorized',
    `Auth token associated with pod ${tokenPod} but request is being handled by ${handlingPod}`,
    {
      reason: 'pod_mismatch',
      pod: tokenPod,
    },
  );
}
