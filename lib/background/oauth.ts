import { ServiceError } from '../service-error';
import type { IdentityApi } from './platform';
import { writeWithRoom } from './session-room';
import { oauthPendingItem } from './storage-items';

/** Tokens from Kustomer's token endpoint; `expiresAt` is epoch ms. */
export interface OAuthTokens {
  accessToken: string;
  refreshToken?: string;
  expiresAt: number;
}

export interface OAuthClientConfig {
  /** On the organisation's web app host (`https://{org}.kustomerapp.com/oauth/authorize`), not the API host. */
  authorizeUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret?: string;
  /** Space-separated; sent on the authorize request when not empty (lib/kustomer/oauth-scope.ts). */
  scope?: string;
}

export interface OAuthDeps {
  identity: IdentityApi;
  fetch: typeof globalThis.fetch;
  now: () => number;
  randomBytes: (length: number) => Uint8Array;
  subtle?: SubtleCrypto;
}

// Kustomer documents access tokens lasting about 24 hours (API.md, OAuth 2.0) but not `expires_in`
// being always present: assume an hour when it is missing, so the token is refreshed early, not late.
const DEFAULT_LIFETIME_S = 3600;

/** RFC 4648 §5 base64url without padding. */
export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** PKCE S256 challenge of a verifier (RFC 7636 §4.2). */
export async function pkceChallenge(verifier: string, subtle: SubtleCrypto = crypto.subtle): Promise<string> {
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

/** The authorization URL of a code + PKCE sign-in. */
export function buildAuthorizeUrl(
  config: OAuthClientConfig,
  redirectUri: string,
  state: string,
  challenge: string,
): string {
  const url = new URL(config.authorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  const scope = config.scope?.trim().split(/\s+/).filter(Boolean).join(' ');
  if (scope) url.searchParams.set('scope', scope);
  return url.toString();
}

function failure(
  kind: 'unauthorized' | 'aborted' | 'network' | 'validation' | 'server',
  message: string,
  status?: number,
  /** Kustomer's own words (`error_description`): quoted apart by the UI, never part of our sentence. */
  detail?: string | null,
) {
  return new ServiceError({
    kind,
    message,
    ...(status === undefined ? {} : { status }),
    ...(detail ? { detail } : {}),
  });
}

/**
 * Signs in with the authorization code flow and PKCE through `identity.launchWebAuthFlow`: the state
 * is checked and the code exchanged at the token endpoint. The verifier waits in session storage so
 * it never reaches a page.
 */
export async function signInWithOAuth(deps: OAuthDeps, config: OAuthClientConfig): Promise<OAuthTokens> {
  const redirectUri = deps.identity.getRedirectURL();
  const verifier = base64Url(deps.randomBytes(32));
  const state = base64Url(deps.randomBytes(16));
  await writeWithRoom(() => oauthPendingItem.setValue({ state, verifier, redirectUri }));
  try {
    const challenge = await pkceChallenge(verifier, deps.subtle);
    let answer: string | undefined;
    try {
      answer = await deps.identity.launchWebAuthFlow({
        url: buildAuthorizeUrl(config, redirectUri, state, challenge),
        interactive: true,
      });
    } catch (error) {
      const detail = error instanceof Error ? error.message : '';
      throw failure('aborted', `Sign-in with Kustomer did not finish${detail ? ` (${detail})` : ''}.`);
    }
    if (!answer) throw failure('aborted', 'Sign-in with Kustomer was cancelled.');
    const params = new URL(answer).searchParams;
    if (params.get('state') !== state) {
      throw failure(
        'unauthorized',
        'The sign-in answer did not match this request (state mismatch), so it was refused. Try again.',
      );
    }
    const error = params.get('error');
    if (error) {
      const description = params.get('error_description');
      throw failure('unauthorized', `Kustomer refused the sign-in (${error.slice(0, 60)}).`, undefined, description);
    }
    const code = params.get('code');
    if (!code) throw failure('unauthorized', 'Kustomer did not return an authorization code.');
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: config.clientId,
      code_verifier: verifier,
    });
    if (config.clientSecret) body.set('client_secret', config.clientSecret);
    return await requestTokens(deps, config.tokenUrl, body);
  } finally {
    await oauthPendingItem.setValue(null);
  }
}

/** Exchanges a refresh token for new tokens; keeps the old refresh token when none is returned. */
export async function refreshOAuthTokens(
  deps: Pick<OAuthDeps, 'fetch' | 'now'>,
  config: Pick<OAuthClientConfig, 'tokenUrl' | 'clientId' | 'clientSecret'>,
  refreshToken: string,
): Promise<OAuthTokens> {
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: config.clientId,
  });
  if (config.clientSecret) body.set('client_secret', config.clientSecret);
  const tokens = await requestTokens(deps, config.tokenUrl, body);
  return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken };
}

async function requestTokens(
  deps: Pick<OAuthDeps, 'fetch' | 'now'>,
  tokenUrl: string,
  body: URLSearchParams,
): Promise<OAuthTokens> {
  let response: Response;
  try {
    response = await deps.fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: body.toString(),
    });
  } catch {
    throw failure('network', `Can't reach Kustomer at ${new URL(tokenUrl).host} to finish signing in.`);
  }
  const payload = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const code = typeof payload.error === 'string' ? payload.error : '';
    const description = typeof payload.error_description === 'string' ? payload.error_description : '';
    if (/invalid_client/i.test(`${code} ${description}`)) {
      throw failure(
        'unauthorized',
        'Kustomer does not know this OAuth client (Invalid Client): check the client id, and that the app is installed in your organisation.',
        response.status,
      );
    }
    if (response.status >= 500)
      throw failure('server', `Kustomer had a problem signing in (${response.status}).`, response.status);
    throw failure(
      'unauthorized',
      `Kustomer refused the sign-in${code ? ` (${code.slice(0, 60)})` : ''}. Sign in again.`,
      response.status,
      description,
    );
  }
  const accessToken = payload.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw failure('server', 'Kustomer answered the sign-in without an access token.');
  }
  const lifetime =
    typeof payload.expires_in === 'number' && payload.expires_in > 0 ? payload.expires_in : DEFAULT_LIFETIME_S;
  const tokens: OAuthTokens = { accessToken, expiresAt: deps.now() + lifetime * 1000 };
  if (typeof payload.refresh_token === 'string' && payload.refresh_token !== '')
    tokens.refreshToken = payload.refresh_token;
  return tokens;
}
