import { createHash, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { ALL_ROLES, type TokenInfo } from './auth';
import { AGENT } from './fixtures';
import { fixedIdIn } from './orgs';
import { registeredAppClient } from './routes/apps';
import { CORS_HEADERS, type IncomingRequest, parseBody, sendJson } from './server';
import { newId, type OAuthClient, type SandboxState } from './state';

/**
 * OAuth 2.0 authorization code grant with PKCE (S256) and rotating refresh tokens, as Kustomer's Apps Platform
 * documents it (developer.kustomer.com/docs/get-started/oauth): authorize on the app host, exchange at /oauth/token.
 * Token errors use RFC 6749 §5.2 bodies (`{ error, error_description }`); Kustomer's exact ones are not public.
 */

const CODE_TTL_MS = 60_000;

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );

function sendHtml(
  request: IncomingRequest,
  response: ServerResponse,
  status: number,
  title: string,
  main: string,
): void {
  request.record.status = status;
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'cache-control': 'no-store',
  });
  response.end(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2330; }
main { max-width: 28rem; margin: 4rem auto; padding: 2rem; background: #fff; border-radius: 8px; }
h1 { font-size: 1.4rem; margin-top: 0; }
.actions { display: flex; gap: 1rem; margin-top: 1.5rem; }
button { font: inherit; padding: 0.6rem 1.4rem; border-radius: 6px; border: 2px solid #1f4fd1; cursor: pointer; }
button[value="allow"] { background: #1f4fd1; color: #fff; }
button[value="deny"] { background: #fff; color: #1f4fd1; }
button:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
</style>
</head>
<body>
<main>
${main}
</main>
</body>
</html>`);
}

function redirect(
  request: IncomingRequest,
  response: ServerResponse,
  target: string,
  params: Record<string, string>,
): void {
  const url = new URL(target);
  for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value);
  request.record.status = 302;
  response.writeHead(302, { location: url.toString(), 'cache-control': 'no-store' });
  response.end();
}

function tokenError(
  request: IncomingRequest,
  response: ServerResponse,
  status: number,
  error: string,
  description: string,
): void {
  request.record.status = status;
  sendJson(response, status, { error, error_description: description }, { 'cache-control': 'no-store' });
}

function findClient(state: SandboxState, clientId: string | undefined): OAuthClient | undefined {
  // Clients given at start-up, then apps registered through the apps platform (routes/apps.ts).
  const client =
    state.options.oauthClients.find((item) => item.clientId === clientId) ?? registeredAppClient(state, clientId);
  // An app that is not installed in the org is refused like an unknown one (API.md: 400 "Invalid Client").
  return client && client.installed !== false ? client : undefined;
}

type Params = Record<string, string>;

/** Checks client and redirect URI; answers the error page itself and returns undefined when they are wrong. */
function checkAuthorizeRequest(
  state: SandboxState,
  request: IncomingRequest,
  response: ServerResponse,
  params: Params,
) {
  const client = findClient(state, params.client_id);
  if (!client) {
    sendHtml(
      request,
      response,
      400,
      'Invalid Client',
      '<h1>Invalid Client</h1><p>This app is unknown or not installed in this organization.</p>',
    );
    return undefined;
  }
  const redirectUri = params.redirect_uri ?? '';
  if (!client.redirectUris.includes(redirectUri)) {
    sendHtml(
      request,
      response,
      400,
      'Invalid redirect URI',
      '<h1>Invalid redirect URI</h1><p>The redirect_uri is not registered for this app.</p>',
    );
    return undefined;
  }
  const fail = (error: string, description: string) => {
    redirect(request, response, redirectUri, { error, error_description: description, state: params.state ?? '' });
    return undefined;
  };
  if (params.response_type !== 'code') return fail('unsupported_response_type', 'response_type must be code');
  if (!params.code_challenge || params.code_challenge_method !== 'S256') {
    return fail('invalid_request', 'PKCE is required: code_challenge with code_challenge_method=S256');
  }
  return { client, redirectUri };
}

const FORWARDED = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'code_challenge',
  'code_challenge_method',
  'scope',
];

function consentPage(request: IncomingRequest, response: ServerResponse, params: Params, org: string): void {
  const hidden = FORWARDED.filter((name) => params[name] !== undefined)
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params[name] ?? '')}">`)
    .join('\n');
  const scope = params.scope ? `<p>Requested access: <strong>${escapeHtml(params.scope)}</strong></p>` : '';
  sendHtml(
    request,
    response,
    200,
    'Authorize app',
    `<h1>Allow ${escapeHtml(params.client_id ?? '')} to use your Kustomer account?</h1>
<p>Signed in as ${escapeHtml(AGENT.name)} (${escapeHtml(AGENT.email)}) in the <strong>${escapeHtml(org)}</strong> organization.</p>
${scope}
<form method="post" action="/oauth/authorize">
${hidden}
<div class="actions">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</div>
</form>`,
  );
}

/**
 * Whether a grant asked for a refresh token. UNVERIFIED: public integrations request `offline_access` for one
 * (docs/kustomer-api.md, Unverified); a grant without any scope keeps the old behaviour and gets one too.
 */
const wantsRefreshToken = (scope: string) => scope.trim() === '' || scope.split(/\s+/).includes('offline_access');

function issueTokens(state: SandboxState, clientId: string, userId: string, refreshable = true) {
  const now = Date.now();
  const ttl = state.options.accessTokenTtlSeconds;
  const accessToken = `ksbx_at_${randomBytes(24).toString('hex')}`;
  const refreshToken = `ksbx_rt_${randomBytes(24).toString('hex')}`;
  const info: TokenInfo = {
    token: accessToken,
    id: newId(state, now),
    name: `oauth:${clientId}`,
    kind: 'oauth',
    userId,
    roles: ALL_ROLES,
    pod: state.options.org.pod,
    createdAt: now,
    expiresAt: now + ttl * 1000,
    lastAccessedAt: null,
  };
  state.tokens.set(accessToken, info);
  const tokens = { access_token: accessToken, expires_in: ttl, token_type: 'Bearer' };
  if (!refreshable) return tokens;
  state.oauth.refreshTokens.set(refreshToken, { clientId, userId, accessToken });
  return { ...tokens, refresh_token: refreshToken };
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

function handleToken(state: SandboxState, request: IncomingRequest, response: ServerResponse) {
  let params: Params;
  try {
    const parsed = parseBody(request.headers['content-type'], request.rawBody);
    params = Object.fromEntries(
      Object.entries((parsed ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
    );
  } catch {
    return tokenError(request, response, 400, 'invalid_request', 'Body must be form-encoded or JSON');
  }
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (basic) {
    const [id, secret] = Buffer.from(basic, 'base64').toString('utf8').split(':');
    params.client_id ??= decodeURIComponent(id ?? '');
    params.client_secret ??= decodeURIComponent(secret ?? '');
  }
  const client = findClient(state, params.client_id);
  if (!client) return tokenError(request, response, 400, 'invalid_client', 'Invalid Client');
  if (client.clientSecret !== undefined && params.client_secret !== client.clientSecret) {
    return tokenError(request, response, 401, 'invalid_client', 'Client authentication failed');
  }
  const ok = (body: object) => {
    request.record.status = 200;
    sendJson(response, 200, body, { 'cache-control': 'no-store', pragma: 'no-cache' });
  };

  if (params.grant_type === 'authorization_code') {
    const grant = state.oauth.codes.get(params.code ?? '');
    if (!grant || grant.clientId !== client.clientId)
      return tokenError(request, response, 400, 'invalid_grant', 'Unknown authorization code');
    if (grant.used) {
      // RFC 6749 §4.1.2: a reused code is refused, and tokens issued from it should be revoked.
      for (const [refresh, issued] of state.oauth.refreshTokens) {
        if (issued.accessToken === grant.issuedAccessToken) {
          state.oauth.refreshTokens.delete(refresh);
          state.tokens.delete(issued.accessToken);
        }
      }
      return tokenError(request, response, 400, 'invalid_grant', 'Authorization code already used');
    }
    if (grant.expiresAt <= Date.now())
      return tokenError(request, response, 400, 'invalid_grant', 'Authorization code expired');
    if (params.redirect_uri !== grant.redirectUri)
      return tokenError(request, response, 400, 'invalid_grant', 'redirect_uri does not match');
    if (!params.code_verifier || s256(params.code_verifier) !== grant.codeChallenge) {
      return tokenError(request, response, 400, 'invalid_grant', 'PKCE verification failed');
    }
    grant.used = true;
    const tokens = issueTokens(state, client.clientId, grant.userId, wantsRefreshToken(grant.scope));
    grant.issuedAccessToken = tokens.access_token;
    return ok({ ...tokens, scope: grant.scope });
  }
  if (params.grant_type === 'refresh_token') {
    const issued = state.oauth.refreshTokens.get(params.refresh_token ?? '');
    if (!issued || issued.clientId !== client.clientId)
      return tokenError(request, response, 400, 'invalid_grant', 'Invalid refresh token');
    // Rotation: the old refresh token stops working; the old access token lives until it expires.
    state.oauth.refreshTokens.delete(params.refresh_token ?? '');
    return ok(issueTokens(state, client.clientId, issued.userId));
  }
  tokenError(
    request,
    response,
    400,
    'unsupported_grant_type',
    'grant_type must be authorization_code or refresh_token',
  );
}

/** `/oauth/authorize` (GET consent page, POST decision) and `/oauth/token`. */
export function handleOAuth(state: SandboxState, request: IncomingRequest, response: ServerResponse) {
  const route = `${request.method} ${request.path}`;
  if (route === 'GET /oauth/authorize') {
    const params = Object.fromEntries(request.query);
    if (checkAuthorizeRequest(state, request, response, params))
      consentPage(request, response, params, state.options.org.slug);
    return;
  }
  if (route === 'POST /oauth/authorize') {
    const params = Object.fromEntries(new URLSearchParams(request.rawBody));
    const checked = checkAuthorizeRequest(state, request, response, params);
    if (!checked) return;
    if (params.decision !== 'allow') {
      return redirect(request, response, checked.redirectUri, { error: 'access_denied', state: params.state ?? '' });
    }
    const code = randomBytes(16).toString('hex');
    state.oauth.codes.set(code, {
      clientId: checked.client.clientId,
      redirectUri: checked.redirectUri,
      codeChallenge: params.code_challenge ?? '',
      userId: fixedIdIn(state.options.org, AGENT.id),
      scope: params.scope ?? '',
      expiresAt: Date.now() + CODE_TTL_MS,
      used: false,
      issuedAccessToken: null,
    });
    return redirect(request, response, checked.redirectUri, { code, state: params.state ?? '' });
  }
  if (route === 'POST /oauth/token') return handleToken(state, request, response);
  request.record.status = 404;
  sendJson(response, 404, { error: 'not_found', error_description: `Nothing at ${route}` }, CORS_HEADERS);
}
