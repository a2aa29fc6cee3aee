import { t } from '../i18n/t';
import { type Flavour, type ResolvedTarget, resolveTarget } from '../kustomer/connection-target';
import { isKustomerError } from '../kustomer/errors';
import { DEFAULT_OAUTH_SCOPE } from '../kustomer/oauth-scope';
import type { ConnectionInfo, ConnectionTarget, ErrorInfo, OrgConnectionStatus, OrgTag } from '../messaging/model';
import { ServiceError } from '../service-error';
import {
  addConnection,
  connectionKeys,
  moveConnection,
  newConnectionId,
  notConnected,
  reconnect,
  removeConnection,
  updateConnection,
} from './connections';
import type { CredentialStore } from './connections-credentials';
import type { ConnectionsStore, KeyValueStorage } from './connections-store';
import type {
  ConnectionColour,
  ConnectionDetails,
  ConnectionId,
  ConnectionsState,
  OrgConnection,
} from './connections-types';
import type { Credentials } from './credentials';
import { describeError } from './describe-error';
import type { Report } from './diagnostics';
import type { KustomerPort } from './kustomer-port';
import { type OAuthTokens, refreshOAuthTokens, signInWithOAuth } from './oauth';
import type { AlarmsApi, IdentityApi } from './platform';
import { describeMissingRoles, missingRoles } from './roles';

/** How the client gets its token: the signature `createKustomerClient` expects. */
export interface TokenAuth {
  getToken: () => Promise<string>;
  /** Called once on a 401: true when a fresh token is available and the call may be repeated. */
  onUnauthorized: () => Promise<boolean>;
}

export interface ConnectionDeps {
  flavour: Flavour;
  /** A client used only to verify a token before it is saved (the registry builds the working ones). */
  createClient: (baseUrl: string, auth: TokenAuth) => KustomerPort;
  identity: IdentityApi;
  fetch: typeof globalThis.fetch;
  alarms: AlarmsApi;
  now: () => number;
  randomBytes: (length: number) => Uint8Array;
  /** The list of connections (no secret). */
  store: ConnectionsStore;
  /** Each connection's secret, under its own id (connections-credentials.ts). */
  credentials: CredentialStore;
  /** Where each connection's problem is kept (`connectionKeys(id).problem`). */
  storage: KeyValueStorage;
  /** Tells open pages the list changed (never with a credential). */
  onChange?: (connections: OrgConnectionStatus[]) => void;
  /** The diagnostics log: why a token refresh failed, which the agent only sees as "sign in again". */
  report?: Report;
}

/** What a connect may choose besides the credential: the connection to sign in again, or the new one's looks. */
export interface ConnectChoice {
  /** Present: signs that connection in again (the same organisation). Absent: adds a connection. */
  connectionId?: ConnectionId;
  label?: string;
  colour?: ConnectionColour;
}

export interface ConnectionService {
  /** Every connection with its state and problem, in the agent's order. */
  list(): Promise<OrgConnectionStatus[]>;
  /** The stored connections (the store's in-memory copy: no credential is read). */
  state(): Promise<ConnectionsState>;
  /** One connection; rejects with `not_connected` (naming the id) when it is not, or no longer, connected. */
  find(id: ConnectionId): Promise<OrgConnection>;
  connectWithApiKey(input: { target: ConnectionTarget; apiKey: string } & ConnectChoice): Promise<OrgConnectionStatus>;
  connectWithOAuth(
    input: {
      target: ConnectionTarget;
      clientId: string;
      clientSecret?: string;
      /** Replaces DEFAULT_OAUTH_SCOPE (an empty string sends none). */
      scope?: string;
    } & ConnectChoice,
  ): Promise<OrgConnectionStatus>;
  testConnection(id: ConnectionId): Promise<OrgConnectionStatus>;
  updateConnection(
    id: ConnectionId,
    change: { label?: string; colour?: ConnectionColour },
  ): Promise<OrgConnectionStatus[]>;
  moveConnection(id: ConnectionId, index: number): Promise<OrgConnectionStatus[]>;
  /** Removes one connection: from the list first (the commit), then its secret, its data and its alarm. */
  signOut(id: ConnectionId): Promise<OrgConnectionStatus[]>;
  /** The credential to send for one connection, refreshed first when an OAuth token is about to expire. */
  credentialsOf(id: ConnectionId): Promise<Credentials | null>;
  /** Refreshes one connection's OAuth access token now (its refresh alarm calls this). */
  refreshAccessToken(id: ConnectionId): Promise<void>;
  /** A 401 for one connection: refreshes that one's token, else records that one's problem. */
  onUnauthorized(id: ConnectionId): Promise<boolean>;
  /** Told of a connection whose runtime must go (signed out, or signed in again). */
  onForget(listener: (id: ConnectionId) => void): void;
}

/** Prefix of each connection's OAuth refresh alarm: `kustomer-oauth-refresh:<id>`. */
export const REFRESH_ALARM = 'kustomer-oauth-refresh';
/** Refresh this long before the access token expires. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/** The alarm that refreshes one connection's OAuth token. */
export function refreshAlarm(id: ConnectionId): string {
  return `${REFRESH_ALARM}:${id}`;
}

/** The connection a refresh alarm is for, or null for another alarm. */
export function refreshAlarmConnection(name: string): ConnectionId | null {
  return name.startsWith(`${REFRESH_ALARM}:`) ? (name.slice(REFRESH_ALARM.length + 1) as ConnectionId) : null;
}

/** The connections to Kustomer: credentials checked before they are saved, each token kept fresh on its own. */
export function createConnectionService(deps: ConnectionDeps): ConnectionService {
  const refreshing = new Map<ConnectionId, Promise<Credentials | null>>();
  const forgetListeners: ((id: ConnectionId) => void)[] = [];

  const forget = (id: ConnectionId) => {
    for (const listener of forgetListeners) listener(id);
  };

  async function find(id: ConnectionId): Promise<OrgConnection> {
    const found = (await deps.store.read()).connections.find((connection) => connection.id === id);
    if (!found) throw notConnected(id);
    return found;
  }

  function refresh(id: ConnectionId): Promise<Credentials | null> {
    let running = refreshing.get(id);
    if (!running) {
      running = (async () => {
        const credentials = await deps.credentials.get(id);
        const connection = (await deps.store.read()).connections.find((candidate) => candidate.id === id);
        if (credentials?.method !== 'oauth' || !credentials.refreshToken || !connection) return null;
        const resolved = resolveTarget(connection.target, deps.flavour);
        const tokens = await refreshOAuthTokens(
          deps,
          { tokenUrl: resolved.tokenUrl, clientId: credentials.clientId, clientSecret: credentials.clientSecret },
          credentials.refreshToken,
        );
        // Signed out while the refresh travelled: its secret must not come back.
        if (!(await deps.store.read()).connections.some((candidate) => candidate.id === id)) return null;
        const next: Credentials = { ...credentials, ...tokens };
        await deps.credentials.set(id, next);
        await scheduleRefresh(id, next);
        return next;
      })().finally(() => refreshing.delete(id));
      refreshing.set(id, running);
    }
    return running;
  }

  async function scheduleRefresh(id: ConnectionId, credentials: Credentials): Promise<void> {
    if (credentials.method !== 'oauth' || !credentials.refreshToken) return;
    await deps.alarms.create(refreshAlarm(id), {
      when: Math.max(deps.now() + 30_000, credentials.expiresAt - REFRESH_MARGIN_MS),
    });
  }

  async function problemOf(id: ConnectionId): Promise<ErrorInfo | null> {
    return ((await deps.storage.get(connectionKeys(id).problem)) as ErrorInfo | undefined) ?? null;
  }

  async function statusOf(connection: OrgConnection, warning?: ErrorInfo): Promise<OrgConnectionStatus> {
    const [credentials, problem] = await Promise.all([deps.credentials.get(connection.id), problemOf(connection.id)]);
    const info = infoOf(connection, credentials);
    if (problem) return { state: 'error', error: problem, ...info };
    return warning ? { state: 'connected', warning, ...info } : { state: 'connected', ...info };
  }

  async function list(): Promise<OrgConnectionStatus[]> {
    return Promise.all((await deps.store.read()).connections.map((connection) => statusOf(connection)));
  }

  async function changed(): Promise<OrgConnectionStatus[]> {
    const current = await list();
    deps.onChange?.(current);
    return current;
  }

  /** Asks Kustomer who the token is and for which organisation; builds the details (and a roles warning). */
  async function verify(
    target: ConnectionTarget,
    resolved: ResolvedTarget,
    token: string,
  ): Promise<{ details: Omit<ConnectionDetails, 'method'>; warning?: ErrorInfo }> {
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
    const org = tokenInfo.relationships?.org?.data;
    const details: Omit<ConnectionDetails, 'method'> = {
      target,
      baseUrl: resolved.baseUrl,
      appUrl: resolved.appUrl,
    };
    // The token's answer names its organisation only by id: one organisation, one connection (connections.ts).
    if (org && !Array.isArray(org) && org.id) details.orgId = org.id;
    // The name shown and the app URL come from what the agent entered (resolveTarget).
    if (resolved.orgName) details.orgName = resolved.orgName;
    const userName = user?.attributes.displayName || user?.attributes.name;
    if (userName) details.userName = userName;
    if (user?.attributes.email) details.userEmail = user.attributes.email;
    if (user) details.userId = user.id;
    if (roles) details.roles = [...roles];
    if (!roles) return { details };
    const missing = missingRoles(roles);
    if (missing.some((need) => need.object === 'customer' && need.verb === 'read')) {
      throw new ServiceError({
        kind: 'forbidden',
        message: t('error.service.cannotReadCustomers'),
      });
    }
    return missing.length > 0
      ? { details, warning: { kind: 'forbidden', message: describeMissingRoles(missing) } }
      : { details };
  }

  /**
   * Saves a verified credential. The model's checks (the same organisation twice, another organisation on
   * reconnect, a label taken) run before the secret is written, so a refused connect changes nothing; the list
   * is the commit point.
   */
  async function save(
    credentials: Credentials,
    details: ConnectionDetails,
    choice: ConnectChoice,
    warning?: ErrorInfo,
  ): Promise<OrgConnectionStatus> {
    const { connectionId } = choice;
    const id = connectionId ?? newConnectionId(deps.randomBytes);
    const looks = {
      ...(choice.label === undefined ? {} : { label: choice.label }),
      ...(choice.colour === undefined ? {} : { colour: choice.colour }),
    };
    const apply = (state: ConnectionsState): ConnectionsState => {
      if (!connectionId) return addConnection(state, details, { id, now: deps.now(), ...looks }).state;
      const again = reconnect(state, id, details);
      return Object.keys(looks).length > 0 ? updateConnection(again, id, looks) : again;
    };
    apply(await deps.store.read());
    await deps.credentials.set(id, credentials);
    try {
      await deps.store.change((state) => ({ state: apply(state), result: undefined }));
    } catch (error) {
      if (!connectionId) await deps.credentials.remove(id);
      throw error;
    }
    await deps.storage.remove([connectionKeys(id).problem]);
    forget(id);
    await deps.alarms.clear(refreshAlarm(id));
    await scheduleRefresh(id, credentials);
    const current = await statusOf(await find(id), warning);
    deps.onChange?.(await list());
    return current;
  }

  async function recordProblem(id: ConnectionId, problem: ErrorInfo): Promise<void> {
    await deps.storage.set(connectionKeys(id).problem, problem);
    await changed();
  }

  async function credentialsOf(id: ConnectionId): Promise<Credentials | null> {
    const credentials = await deps.credentials.get(id);
    if (credentials?.method === 'oauth' && credentials.refreshToken && credentials.expiresAt - deps.now() < 60_000) {
      const fresh = await refresh(id);
      if (fresh) return fresh;
    }
    return credentials;
  }

  return {
    list,
    state: () => deps.store.read(),
    find,
    credentialsOf,
    async connectWithApiKey({ target, apiKey, ...choice }) {
      const resolved = resolveTarget(target, deps.flavour);
      const { details, warning } = await verify(target, resolved, apiKey);
      return save({ method: 'apiKey', apiKey }, { ...details, method: 'apiKey' }, choice, warning);
    },
    async connectWithOAuth({ target, clientId, clientSecret, scope, ...choice }) {
      const resolved = resolveTarget(target, deps.flavour);
      if (!resolved.authorizeUrl) {
        throw new ServiceError({
          kind: 'validation',
          message: t('error.service.oauthNeedsOrg'),
        });
      }
      const tokens: OAuthTokens = await signInWithOAuth(deps, {
        authorizeUrl: resolved.authorizeUrl,
        tokenUrl: resolved.tokenUrl,
        clientId,
        clientSecret,
        scope: scope ?? DEFAULT_OAUTH_SCOPE,
      });
      const { details, warning } = await verify(target, resolved, tokens.accessToken);
      const credentials: Credentials = { method: 'oauth', ...tokens, clientId };
      if (clientSecret) credentials.clientSecret = clientSecret;
      return save(credentials, { ...details, method: 'oauth', oauthClientId: clientId }, choice, warning);
    },
    async testConnection(id) {
      const saved = await find(id);
      try {
        const credentials = await credentialsOf(id);
        if (!credentials) throw notConnected(id);
        const token = credentials.method === 'apiKey' ? credentials.apiKey : credentials.accessToken;
        const { details, warning } = await verify(saved.target, resolveTarget(saved.target, deps.flavour), token);
        await deps.store.change((state) => ({
          state: reconnect(state, id, { ...details, method: saved.method, ...oauthClientOf(saved) }),
          result: undefined,
        }));
        await deps.storage.remove([connectionKeys(id).problem]);
        const current = await statusOf(await find(id), warning);
        deps.onChange?.(await list());
        return current;
      } catch (error) {
        const current: OrgConnectionStatus = {
          ...(await statusOf(saved)),
          state: 'error',
          error: describeError(error),
        } as OrgConnectionStatus;
        deps.onChange?.(await list());
        return current;
      }
    },
    async updateConnection(id, change) {
      await deps.store.change((state) => ({ state: updateConnection(state, id, change), result: undefined }));
      return changed();
    },
    async moveConnection(id, index) {
      await deps.store.change((state) => ({ state: moveConnection(state, id, index), result: undefined }));
      return changed();
    },
    async signOut(id) {
      const keys = await deps.store.change((state) => {
        const removed = removeConnection(state, id);
        return { state: removed.state, result: removed.keys };
      });
      await deps.credentials.remove(id);
      await deps.store.removeData(keys);
      forget(id);
      await deps.alarms.clear(refreshAlarm(id));
      return changed();
    },
    async refreshAccessToken(id) {
      await refresh(id);
    },
    async onUnauthorized(id) {
      const credentials = await deps.credentials.get(id);
      if (credentials?.method === 'oauth' && credentials.refreshToken) {
        const refreshed = await refresh(id).catch((error: unknown) => {
          deps.report?.('oauth', 'refresh', error);
          return null;
        });
        if (refreshed) return true;
      }
      // Still connected: the panel words the problem from the connection's method and label.
      if (credentials) await recordProblem(id, { kind: 'unauthorized', message: '', connectionId: id });
      return false;
    },
    onForget: (listener) => void forgetListeners.push(listener),
  };
}

/** The OAuth client id a connection was signed in with (kept when its details are read again). */
function oauthClientOf(connection: OrgConnection): Pick<OrgConnection, 'oauthClientId'> {
  return connection.oauthClientId ? { oauthClientId: connection.oauthClientId } : {};
}

/** What pages may know of a connection: who is connected where, never the credential. */
function infoOf(connection: OrgConnection, credentials: Credentials | null): OrgTag & ConnectionInfo {
  const info: OrgTag & ConnectionInfo = {
    id: connection.id,
    label: connection.label,
    colour: connection.colour,
    method: connection.method,
    target: connection.target,
    baseUrl: connection.baseUrl,
    appUrl: connection.appUrl ?? connection.baseUrl,
  };
  if (connection.userName) info.userName = connection.userName;
  if (connection.userEmail) info.userEmail = connection.userEmail;
  if (connection.userId) info.userId = connection.userId;
  if (connection.orgName) info.orgName = connection.orgName;
  if (connection.roles) info.roles = [...connection.roles];
  if (credentials?.method === 'oauth') info.expiresAt = credentials.expiresAt;
  return info;
}
