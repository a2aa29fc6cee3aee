import { type Flavour, type ResolvedTarget, resolveTarget } from '../kustomer/connection-target';
import { isKustomerError } from '../kustomer/errors';
import { DEFAULT_OAUTH_SCOPE } from '../kustomer/oauth-scope';
import type { ConnectionInfo, ConnectionStatus, ConnectionTarget, ErrorInfo } from '../messaging/model';
import { ServiceError } from '../service-error';
import type { Credentials } from './credentials';
import { describeError } from './describe-error';
import type { Report } from './diagnostics';
import type { KustomerPort } from './kustomer-port';
import { type OAuthTokens, refreshOAuthTokens, signInWithOAuth } from './oauth';
import type { AlarmsApi, IdentityApi } from './platform';
import { describeMissingRoles, missingRoles } from './roles';
// Until this service holds several connections: the one it holds is `org-0` of the list (the bridge's doc).
import {
  singleConnectionItem as connectionItem,
  singleCredentialsItem as credentialsItem,
} from './single-connection-bridge';
import { connectionProblemItem, type SavedConnection } from './storage-items';

/** How the client gets its token: the signature `createKustomerClient` expects. */
export interface TokenAuth {
  getToken: () => Promise<string>;
  /** Called once on a 401: true when a fresh token is available and the call may be repeated. */
  onUnauthorized: () => Promise<boolean>;
}

export interface ConnectionDeps {
  flavour: Flavour;
  createClient: (baseUrl: string, auth: TokenAuth) => KustomerPort;
  identity: IdentityApi;
  fetch: typeof globalThis.fetch;
  alarms: AlarmsApi;
  now: () => number;
  randomBytes: (length: number) => Uint8Array;
  /** Tells open pages the status changed (never with a credential). */
  onChange?: (status: ConnectionStatus) => void;
  /** The diagnostics log: why a token refresh failed, which the agent only sees as "sign in again". */
  report?: Report;
}

export interface ConnectionService {
  /** The client for the saved connection; rejects with kind 'not_connected' before one exists. */
  client(): Promise<KustomerPort>;
  status(): Promise<ConnectionStatus>;
  /** Web app origin for links, once connected. */
  appUrl(): Promise<string>;
  connectWithApiKey(input: { target: ConnectionTarget; apiKey: string }): Promise<ConnectionStatus>;
  connectWithOAuth(input: {
    target: ConnectionTarget;
    clientId: string;
    clientSecret?: string;
    /** Replaces DEFAULT_OAUTH_SCOPE (an empty string sends none). */
    scope?: string;
  }): Promise<ConnectionStatus>;
  testConnection(): Promise<ConnectionStatus>;
  signOut(): Promise<ConnectionStatus>;
  /** Refreshes the OAuth access token now (the refresh alarm calls this). */
  refreshAccessToken(): Promise<void>;
  /** Token access for the client (exposed for tests and the alarm). */
  auth: TokenAuth;
}

/** Alarm that refreshes the OAuth access token before it expires. */
export const REFRESH_ALARM = 'kustomer-oauth-refresh';
/** Refresh this long before the access token expires. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

const NOT_CONNECTED: ErrorInfo = {
  kind: 'not_connected',
  message: 'Connect the extension to Kustomer first (side panel or options page).',
};

/** The connection to Kustomer: credentials checked before they are saved, the token kept fresh, one client. */
export function createConnectionService(deps: ConnectionDeps): ConnectionService {
  let cached: { baseUrl: string; client: KustomerPort } | undefined;
  let refreshing: Promise<Credentials | null> | undefined;

  async function currentCredentials(): Promise<Credentials> {
    const credentials = await credentialsItem.getValue();
    if (!credentials) throw new ServiceError(NOT_CONNECTED);
    return credentials;
  }

  async function refresh(): Promise<Credentials | null> {
    refreshing ??= (async () => {
      const credentials = await credentialsItem.getValue();
      const connection = await connectionItem.getValue();
      if (credentials?.method !== 'oauth' || !credentials.refreshToken || !connection) return null;
      const resolved = resolveTarget(connection.target, deps.flavour);
      const tokens = await refreshOAuthTokens(
        deps,
        { tokenUrl: resolved.tokenUrl, clientId: credentials.clientId, clientSecret: credentials.clientSecret },
        credentials.refreshToken,
      );
      const next: Credentials = { ...credentials, ...tokens };
      await credentialsItem.setValue(next);
      await scheduleRefresh(next);
      return next;
    })().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  async function scheduleRefresh(credentials: Credentials): Promise<void> {
    if (credentials.method !== 'oauth' || !credentials.refreshToken) return;
    await deps.alarms.create(REFRESH_ALARM, {
      when: Math.max(deps.now() + 30_000, credentials.expiresAt - REFRESH_MARGIN_MS),
    });
  }

  const auth: TokenAuth = {
    async getToken() {
      const credentials = await currentCredentials();
      if (credentials.method === 'apiKey') return credentials.apiKey;
      if (credentials.expiresAt - deps.now() < 60_000 && credentials.refreshToken) {
        const fresh = await refresh();
        if (fresh?.method === 'oauth') return fresh.accessToken;
      }
      return credentials.accessToken;
    },
    async onUnauthorized() {
      const credentials = await credentialsItem.getValue();
      if (credentials?.method === 'oauth' && credentials.refreshToken) {
        const refreshed = await refresh().catch((error: unknown) => {
          deps.report?.('oauth', 'refresh', error);
          return null;
        });
        if (refreshed) return true;
      }
      await reportProblem({
        kind: 'unauthorized',
        message:
          credentials?.method === 'oauth'
            ? 'Kustomer ended the sign-in. Sign in again.'
            : 'Kustomer no longer accepts the saved API key (it may have expired or been revoked). Connect again.',
      });
      return false;
    },
  };

  /** The saved connection stopped working: pages learn it at once, and from `status()` later. */
  async function reportProblem(problem: ErrorInfo): Promise<void> {
    await connectionProblemItem.setValue(problem);
    deps.onChange?.(await status());
  }

  function clientFor(baseUrl: string): KustomerPort {
    if (cached?.baseUrl !== baseUrl) cached = { baseUrl, client: deps.createClient(baseUrl, auth) };
    return cached.client;
  }

  /** Asks Kustomer who the token is; builds the status (and a roles warning) from the answers. */
  async function verify(
    target: ConnectionTarget,
    resolved: ResolvedTarget,
    token: string,
  ): Promise<{ saved: Omit<SavedConnection, 'method'>; warning?: ErrorInfo }> {
    const probe = deps.createClient(resolved.baseUrl, {
      getToken: async () => token,
      onUnauthorized: async () => false,
    });
    const tokenInfo = await probe.getCurrentToken();
    const user = await probe.getCurrentUser().catch((error: unknown) => {
      // The name is a nicety: a key that may describe itself but not read its user still works.
      if (isKustomerError(error, 'forbidden', 'not_found')) return null;
      throw error;
    });
    const roles = tokenInfo.attributes.roles;
    // The token's answer names its organisation only by id (relationships.org): the name shown and the app URL
    // come from what the agent entered (resolveTarget).
    const orgName = resolved.orgName;
    const saved: Omit<SavedConnection, 'method'> = { target, baseUrl: resolved.baseUrl, appUrl: resolved.appUrl };
    const userName = user?.attributes.displayName || user?.attributes.name;
    if (userName) saved.userName = userName;
    if (user?.attributes.email) saved.userEmail = user.attributes.email;
    if (user) saved.userId = user.id;
    if (orgName) saved.orgName = orgName;
    if (roles) saved.roles = [...roles];
    if (!roles) return { saved };
    const missing = missingRoles(roles);
    if (missing.some((need) => need.object === 'customer' && need.verb === 'read')) {
      throw new ServiceError({
        kind: 'forbidden',
        message: `This key cannot read customers (needs org.permission.customer.read), so the sidebar cannot work with it. Ask a Kustomer admin to add the role.`,
      });
    }
    return missing.length > 0
      ? { saved, warning: { kind: 'forbidden', message: describeMissingRoles(missing) } }
      : { saved };
  }

  async function save(
    credentials: Credentials,
    saved: SavedConnection,
    warning?: ErrorInfo,
  ): Promise<ConnectionStatus> {
    await credentialsItem.setValue(credentials);
    await connectionItem.setValue(saved);
    cached = undefined;
    await deps.alarms.clear(REFRESH_ALARM);
    await scheduleRefresh(credentials);
    const current = connected(saved, credentials, warning);
    deps.onChange?.(current);
    return current;
  }

  async function status(): Promise<ConnectionStatus> {
    const [saved, credentials, problem] = await Promise.all([
      connectionItem.getValue(),
      credentialsItem.getValue(),
      connectionProblemItem.getValue(),
    ]);
    if (!saved || !credentials) return { state: 'disconnected' };
    return problem ? { state: 'error', error: problem, ...infoOf(saved, credentials) } : connected(saved, credentials);
  }

  return {
    auth,
    async client() {
      const saved = await connectionItem.getValue();
      if (!saved || !(await credentialsItem.getValue())) throw new ServiceError(NOT_CONNECTED);
      return clientFor(saved.baseUrl);
    },
    status,
    async appUrl() {
      const saved = await connectionItem.getValue();
      if (!saved) throw new ServiceError(NOT_CONNECTED);
      return saved.appUrl ?? saved.baseUrl;
    },
    async connectWithApiKey({ target, apiKey }) {
      const resolved = resolveTarget(target, deps.flavour);
      const { saved, warning } = await verify(target, resolved, apiKey);
      return save({ method: 'apiKey', apiKey }, { ...saved, method: 'apiKey' }, warning);
    },
    async connectWithOAuth({ target, clientId, clientSecret, scope }) {
      const resolved = resolveTarget(target, deps.flavour);
      if (!resolved.authorizeUrl) {
        throw new ServiceError({
          kind: 'validation',
          message: 'Signing in with Kustomer needs your organisation name (the "acme" of acme.kustomerapp.com).',
        });
      }
      const tokens: OAuthTokens = await signInWithOAuth(deps, {
        authorizeUrl: resolved.authorizeUrl,
        tokenUrl: resolved.tokenUrl,
        clientId,
        clientSecret,
        scope: scope ?? DEFAULT_OAUTH_SCOPE,
      });
      const { saved, warning } = await verify(target, resolved, tokens.accessToken);
      const credentials: Credentials = { method: 'oauth', ...tokens, clientId };
      if (clientSecret) credentials.clientSecret = clientSecret;
      return save(credentials, { ...saved, method: 'oauth', oauthClientId: clientId }, warning);
    },
    async testConnection() {
      const [saved, credentials] = await Promise.all([connectionItem.getValue(), credentialsItem.getValue()]);
      if (!saved || !credentials) return { state: 'disconnected' };
      try {
        const token = await auth.getToken();
        const { saved: fresh, warning } = await verify(saved.target, resolveTarget(saved.target, deps.flavour), token);
        const next: SavedConnection = { ...saved, ...fresh };
        await connectionItem.setValue(next);
        await connectionProblemItem.setValue(null);
        const current = connected(next, (await credentialsItem.getValue()) ?? credentials, warning);
        deps.onChange?.(current);
        return current;
      } catch (error) {
        const current: ConnectionStatus = {
          state: 'error',
          error: describeError(error),
          ...infoOf(saved, credentials),
        };
        deps.onChange?.(current);
        return current;
      }
    },
    async signOut() {
      await connectionProblemItem.setValue(null);
      await credentialsItem.setValue(null);
      await connectionItem.setValue(null);
      await deps.alarms.clear(REFRESH_ALARM);
      cached = undefined;
      const current: ConnectionStatus = { state: 'disconnected' };
      deps.onChange?.(current);
      return current;
    },
    async refreshAccessToken() {
      await refresh();
    },
  };
}

/** A working connection; `warning` (missing roles) says what it cannot do. */
function connected(saved: SavedConnection, credentials: Credentials, warning?: ErrorInfo): ConnectionStatus {
  return warning
    ? { state: 'connected', warning, ...infoOf(saved, credentials) }
    : { state: 'connected', ...infoOf(saved, credentials) };
}

/** What pages may know of a saved connection: who is connected where, never the credential. */
function infoOf(saved: SavedConnection, credentials: Credentials): ConnectionInfo {
  const info: ConnectionInfo = {
    method: saved.method,
    target: saved.target,
    baseUrl: saved.baseUrl,
    appUrl: saved.appUrl ?? saved.baseUrl,
  };
  if (saved.userName) info.userName = saved.userName;
  if (saved.userEmail) info.userEmail = saved.userEmail;
  if (saved.userId) info.userId = saved.userId;
  if (saved.orgName) info.orgName = saved.orgName;
  if (saved.roles) info.roles = [...saved.roles];
  if (credentials.method === 'oauth') info.expiresAt = credentials.expiresAt;
  return info;
}
