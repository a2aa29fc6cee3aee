import { type Resource, relation } from './envelope';
import { simpleError } from './errors';
import { MACHINE_USER, SANDBOX_KEYS, SANDBOX_ORG_ID, SANDBOX_POD } from './fixtures';

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
  /** The pod that issued it; any other than SANDBOX_POD is refused, naming it. */
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

/** The API keys every sandbox knows, keyed by token. */
export function apiKeyTokens(now: number): Map<string, TokenInfo> {
  const key = (
    token: string,
    id: string,
    name: string,
    roles: string[],
    extra: Partial<TokenInfo> = {},
  ): TokenInfo => ({
    token,
    id,
    name,
    kind: 'apiKey',
    userId: MACHINE_USER.id,
    roles,
    pod: SANDBOX_POD,
    createdAt: now - 30 * 86_400_000,
    expiresAt: null,
    lastAccessedAt: null,
    ...extra,
  });
  const tokens = [
    key(SANDBOX_KEYS.full, '5f1a0ada00000000000001a1', 'sidebar-full', ALL_ROLES),
    key(SANDBOX_KEYS.readOnly, '5f1a0ada00000000000001a2', 'sidebar-read-only', READ_ROLES),
    key(SANDBOX_KEYS.expired, '5f1a0ada00000000000001a3', 'sidebar-expired', ALL_ROLES, {
      expiresAt: now - 86_400_000,
    }),
    key(SANDBOX_KEYS.otherPod, '5f1a0ada00000000000001a4', 'sidebar-eu', ALL_ROLES, { pod: 'prod2' }),
    key(
      SANDBOX_KEYS.noNotes,
      '5f1a0ada00000000000001a5',
      'sidebar-no-notes',
      ALL_ROLES.filter((role) => role !== 'org.permission.note.create' && role !== 'org.permission.note.update'),
    ),
    key(SANDBOX_KEYS.legacy, '5f1a0ada00000000000001a6', 'sidebar-legacy', LEGACY_ROLES),
    key(SANDBOX_KEYS.appsAdmin, '5f1a0ada00000000000001a7', 'sidebar-apps-admin', APPS_ADMIN_ROLES),
  ];
  return new Map(tokens.map((token) => [token.token, token]));
}

/** The token of an `Authorization: Bearer` header, or a 401 like Kustomer's. */
export function authenticate(header: string | undefined, tokens: Map<string, TokenInfo>, now: number): TokenInfo {
  const unauthorized = (message: string, reason: string, meta: Record<string, unknown> = {}) =>
    simpleError(401, 'unauthorized', message, { reason, ...meta });
  if (!header) throw unauthorized('Authorization header is missing', 'missing');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw unauthorized('Authorization header must be "Bearer <token>"', 'malformed');
  const info = tokens.get(match[1]);
  if (!info) throw unauthorized('Invalid token', 'invalid');
  if (info.pod !== SANDBOX_POD) {
    // Wording from https://developer.kustomer.com/docs/get-started/regions-and-base-urls ("Region mismatch").
    throw unauthorized(
      `Auth token associated with pod ${info.pod} but request is being handled by ${SANDBOX_POD}`,
      'pod_mismatch',
      {
        pod: info.pod,
      },
    );
  }
  if (info.expiresAt !== null && info.expiresAt <= now) throw unauthorized('Token expired', 'expired');
  info.lastAccessedAt = now;
  return info;
}
