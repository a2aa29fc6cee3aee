import { APPS_ROLE, type RequiredRole } from '../auth';
import { type Resource, relation } from '../envelope';
import { invalidAttribute, jsonApiError } from '../errors';
import { SANDBOX_ORG_ID } from '../fixtures';
import type { Route, RouteContext } from '../router';
import { newId, type OAuthClient, type RegisteredApp, type SandboxState } from '../state';
import { asBody, readString, readStringArray } from '../validate';
import { findOr404, single } from './helpers';

/**
 * Kustomer's apps platform, as far as sign-in needs it (developer.kustomer.com "OAuth for apps", "OAuth 2.0",
 * "Register and install"): an app definition is registered with `POST /v1/apps/available` and its answer carries
 * `attributes.clientId`; the app is then installed in the org (`POST /v1/apps/install`), and only then can it be an
 * OAuth client there (otherwise authorize answers 400 "Invalid Client"). Its `redirectUris` are the only redirect
 * URIs authorize accepts. None of these routes is in Kustomer's OpenAPI spec: the conformance report lists them as
 * not covered. UNVERIFIED (docs/kustomer-api.md): the install body `{ app, version }`, the answers' shapes beyond
 * `attributes.clientId`, one client ID per app across its versions, and `GET /v1/apps/available/{app}-{version}`.
 */

const APP_NAME = /^[a-z][a-z0-9_]{1,62}$/;
const VERSION = /^\d+\.\d+\.\d+$/;
const READ_APPS: RequiredRole = { ...APPS_ROLE, verb: 'read' };

const appId = (app: string, version: string) => `${app}-${version}`;

function appResource(registered: RegisteredApp): Resource {
  const id = appId(registered.app, registered.version);
  return {
    type: 'app',
    id,
    attributes: {
      app: registered.app,
      version: registered.version,
      title: registered.title,
      visibility: registered.visibility,
      redirectUris: [...registered.redirectUris],
      clientId: registered.clientId,
      installed: registered.installed,
      createdAt: registered.createdAt,
      updatedAt: registered.updatedAt,
    },
    relationships: { org: relation('org', SANDBOX_ORG_ID, '/v1/orgs') },
    links: { self: `/v1/apps/available/${id}` },
  };
}

function readRedirectUris(body: Record<string, unknown>): string[] {
  const uris = readStringArray(body, 'redirectUris', 20) ?? [];
  for (const uri of uris) {
    let parsed: URL;
    try {
      parsed = new URL(uri);
    } catch {
      throw invalidAttribute('redirectUris', 'invalid_value', `${uri} is not an absolute URL`);
    }
    if (parsed.protocol !== 'https:' && parsed.hostname !== '127.0.0.1') {
      throw invalidAttribute('redirectUris', 'invalid_value', `${uri} must use https`);
    }
  }
  return uris;
}

function register(ctx: RouteContext) {
  const body = asBody(ctx.body);
  const app = readString(body, 'app', { required: true, max: 63 });
  if (!APP_NAME.test(app)) {
    throw invalidAttribute('app', 'invalid_name', 'app must be lower case letters, digits and underscores');
  }
  const version = readString(body, 'version', { required: true, max: 32 });
  if (!VERSION.test(version)) throw invalidAttribute('version', 'invalid_value', 'version must be semver (1.0.0)');
  const title = readString(body, 'title', { required: true, max: 256 });
  const visibility = readString(body, 'visibility', { max: 16 }) ?? 'private';
  if (visibility !== 'private' && visibility !== 'public') {
    throw invalidAttribute('visibility', 'invalid_value', 'visibility must be private or public');
  }
  const id = appId(app, version);
  // Registered versions are permanent ("Register and install"): the same version twice is a conflict.
  if (ctx.state.apps.has(id)) throw jsonApiError(409, 'duplicate_version', `${id} is already registered`);
  const sibling = [...ctx.state.apps.values()].find((other) => other.app === app);
  const at = new Date(ctx.now).toISOString();
  const registered: RegisteredApp = {
    app,
    version,
    title,
    visibility,
    redirectUris: readRedirectUris(body),
    clientId: sibling?.clientId ?? newId(ctx.state, ctx.now),
    installed: false,
    createdAt: at,
    updatedAt: at,
  };
  ctx.state.apps.set(id, registered);
  return single(appResource(registered), 201);
}

function install(ctx: RouteContext) {
  const body = asBody(ctx.body);
  const app = readString(body, 'app', { required: true, max: 63 });
  const version = readString(body, 'version', { required: true, max: 32 });
  const registered = findOr404(ctx.state.apps, appId(app, version), 'app');
  // One version of an app is installed at a time: installing another moves the org to it.
  for (const other of ctx.state.apps.values()) {
    if (other.app === app && other.installed) {
      other.installed = false;
      other.updatedAt = new Date(ctx.now).toISOString();
    }
  }
  registered.installed = true;
  registered.updatedAt = new Date(ctx.now).toISOString();
  return single(appResource(registered));
}

export const appRoutes: Route[] = [
  { method: 'POST', pattern: '/v1/apps/available', role: APPS_ROLE, handler: register },
  {
    method: 'GET',
    pattern: '/v1/apps/available/:id',
    role: READ_APPS,
    handler: (ctx) => single(appResource(findOr404(ctx.state.apps, ctx.params.id ?? '', 'app'))),
  },
  { method: 'POST', pattern: '/v1/apps/install', role: APPS_ROLE, handler: install },
];

/**
 * The OAuth client a registered app is in this org: its installed version's redirect URIs, or `installed: false`
 * when it is registered but not installed (authorize then answers "Invalid Client").
 */
export function registeredAppClient(state: SandboxState, clientId: string | undefined): OAuthClient | undefined {
  const versions = [...state.apps.values()].filter((registered) => registered.clientId === clientId);
  if (versions.length === 0 || !clientId) return undefined;
  const live = versions.find((registered) => registered.installed);
  return { clientId, redirectUris: live ? [...live.redirectUris] : [], installed: live !== undefined };
}
