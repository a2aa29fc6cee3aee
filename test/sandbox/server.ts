import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Issue } from '../spec/checker';
import { acceptedRoles, authenticate, hasRole } from './auth';
import { recordAnswer, recordRequest } from './conformance';
import { ApiError, type ErrorBody, type JsonApiError, jsonApiError, simpleError } from './errors';
import { SANDBOX_ORG_ID } from './fixtures';
import type { OrgIdentity } from './orgs';
import { type RateLimitState, rateLimitHeaders } from './rate-limit';
import { matchRoute, type Reply, type RouteContext } from './router';
import type { RecordedRequest, SandboxState } from './state';

const MAX_BODY_BYTES = 1_048_576;

export const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, accept',
  'access-control-expose-headers': 'x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset, retry-after',
  'access-control-max-age': '600',
};

export interface IncomingRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  rawBody: string;
  record: RecordedRequest;
}

export function readRawBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = body === undefined || status === 204 ? undefined : JSON.stringify(body);
  response.writeHead(status, {
    ...CORS_HEADERS,
    ...(payload === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    ...headers,
  });
  response.end(payload);
}

/** Parses a body as JSON when its content type says JSON (or says nothing), as a form when it says so. */
export function parseBody(contentType: string | undefined, raw: string): unknown {
  if (raw.length === 0) return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  return JSON.parse(raw);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Destroys the socket without an answer (faults `down` and `dropRate`). */
export function dropConnection(request: IncomingRequest, response: ServerResponse): void {
  request.record.status = 0;
  response.socket?.destroy();
}

function retryAfterSeconds(limit: RateLimitState, now: number): number {
  return Math.max(1, limit.reset - Math.floor(now / 1000));
}

/** The /v1 pipeline: faults, authentication, route, role, rate limit, body, handler (Kustomer's documented order). */
export async function handleApi(
  state: SandboxState,
  request: IncomingRequest,
  response: ServerResponse,
): Promise<void> {
  const { faults } = state;
  if (faults.down) return dropConnection(request, response);
  if (faults.dropRate > 0 && state.faultRandom.next() < faults.dropRate) return dropConnection(request, response);
  if (faults.latencyMs > 0) await sleep(faults.latencyMs);

  let limitHeaders = rateLimitHeaders(state.limiter.peek(Date.now()));
  const reply = (status: number, answer: unknown, headers: Record<string, string> = {}) => {
    request.record.status = status;
    const body = inOrg(state.options.org, answer);
    // Checked as the client receives it (after JSON serialisation).
    const wire = body === undefined || status === 204 ? undefined : JSON.parse(JSON.stringify(body));
    recordAnswer(state.conformance, request, status, wire);
    sendJson(response, status, body, { ...limitHeaders, ...headers });
  };
  const fail = (error: ApiError) => reply(error.status, error.body, error.headers);

  if (faults.force429 > 0) {
    faults.force429 -= 1;
    const now = Date.now();
    limitHeaders = rateLimitHeaders({
      limit: state.options.rateLimitPerMinute,
      remaining: 0,
      reset: Math.ceil(now / 1000) + 1,
    });
    return fail(rateLimited(1));
  }
  if (faults.errorRate > 0 && state.faultRandom.next() < faults.errorRate) {
    return fail(
      simpleError(500, 'internal_error', 'An unexpected error occurred (sandbox fault)', { fault: 'errorRate' }),
    );
  }

  try {
    const now = Date.now();
    const token = authenticate(request.headers.authorization, state.tokens, now, state.options.org.pod);
    const match = matchRoute(state.routes, request.method, request.path);
    if (match.kind === 'none') throw jsonApiError(404, 'not_found', `No route for ${request.method} ${request.path}`);
    if (match.kind === 'method-not-allowed') {
      const error = jsonApiError(405, 'method_not_allowed', `${request.method} is not allowed on ${request.path}`);
      return reply(405, error.body, { allow: match.allowed.join(', ') });
    }
    const { route, params } = match;
    const required = typeof route.role === 'function' ? route.role({ params, state }) : route.role;
    if (required && !hasRole(token.roles, required)) {
      const roles = acceptedRoles(required);
      throw simpleError(403, 'forbidden', `Missing role: this action needs one of ${roles.join(', ')}`, {
        requiredRoles: roles,
      });
    }
    const limit = state.limiter.hit(now);
    limitHeaders = rateLimitHeaders(limit);
    if (!limit.allowed) return fail(rateLimited(retryAfterSeconds(limit, now)));
    if (route.searchLimited) {
      const searchLimit = state.searchLimiter.hit(now);
      limitHeaders = rateLimitHeaders(searchLimit);
      if (!searchLimit.allowed) return fail(rateLimited(retryAfterSeconds(searchLimit, now)));
    }
    let body: unknown;
    try {
      body = parseBody(request.headers['content-type'], request.rawBody);
    } catch {
      throw simpleError(400, 'bad_request', 'The request body is not valid JSON');
    }
    const outcome = recordRequest(state.conformance, {
      method: request.method,
      path: request.path,
      query: request.query,
      contentType: request.headers['content-type'],
      body,
    });
    if (outcome.kind === 'off-spec') throw offSpecError(outcome.operationId, outcome.issues, body, request.method);
    const context: RouteContext = {
      state,
      params,
      query: request.query,
      body,
      token,
      method: request.method,
      path: request.path,
      now,
    };
    const result: Reply = await route.handler(context);
    reply(result.status, result.body, result.headers);
  } catch (error) {
    if (error instanceof ApiError) return fail(error);
    const message = error instanceof Error ? error.message : String(error);
    fail(simpleError(500, 'internal_error', message));
  }
}

/**
 * An answer as the organisation `org` sends it: resources name their organisation (`relationships.org`), and the
 * resource builders write the primary one's id, so that none of them needs to know which organisation asks.
 */
function inOrg(org: OrgIdentity, answer: unknown): unknown {
  if (answer === undefined || org.id === SANDBOX_ORG_ID) return answer;
  return JSON.parse(JSON.stringify(answer).replaceAll(SANDBOX_ORG_ID, org.id));
}

function rateLimited(retryAfter: number): ApiError {
  const body: ErrorBody = {
    errors: [{ code: 'too_many_requests', message: 'Rate limit exceeded, retry later', meta: { retryAfter } }],
  };
  return new ApiError(429, body, { 'retry-after': String(retryAfter) });
}

const ISSUE_CODES: Record<string, string> = {
  required: 'required',
  minLength: 'min_length',
  maxLength: 'max_length',
  maxItems: 'max_items',
  minItems: 'min_items',
  type: 'invalid_type',
  enum: 'invalid_value',
  additionalProperties: 'unknown_attribute',
  contentType: 'invalid_content_type',
};

/** The value at a JSON pointer of the body ('' = the body). */
function valueAt(body: unknown, pointer: string): unknown {
  let value = body;
  for (const part of pointer.split('/').slice(1)) value = (value as Record<string, unknown> | undefined)?.[part];
  return value;
}

/**
 * 400 for a body off the spec, in the error shape of the operation's family (see errors.ts): `{ code, message, meta }`
 * for search and bulk requests, JSON:API with one error per problem elsewhere.
 */
function offSpecError(operationId: string, issues: Issue[], body: unknown, method: string): ApiError {
  if (operationId === 'CustomerSearch' || operationId.startsWith('Bulk')) {
    const message = issues.map((issue) => `${issue.pointer || 'body'} ${issue.message}`).join('; ');
    return simpleError(400, 'bad_request', message, { problems: issues });
  }
  const errors: JsonApiError[] = issues.map((issue) => {
    const name = issue.pointer.slice(1).replaceAll('/', '.');
    // An empty string on a create is a missing value (code `required`), on an update a too-short one, as the
    // sandbox always answered.
    const empty = issue.keyword === 'minLength' && valueAt(body, issue.pointer) === '' && method === 'POST';
    const missing = issue.keyword === 'required' || empty;
    return {
      status: '400',
      code: missing ? 'required' : (ISSUE_CODES[issue.keyword] ?? 'invalid_value'),
      title: 'Bad Request',
      detail: missing ? `${name} is required` : `${name ? `${name} ` : ''}${issue.message}`,
      ...(issue.keyword === 'contentType' ? {} : { source: { pointer: `/data/attributes${issue.pointer}` } }),
    };
  });
  return new ApiError(400, { errors });
}
