/**
 * One error type for everything that can go wrong talking to Kustomer, normalised from both error
 * shapes Kustomer answers with:
 *   `{ errors: [{ code, message, meta }] }` and JSON:API `{ errors: [{ status, code, title, detail, source: { pointer | parameter } }] }`.
 * Kinds (what the caller should do): unauthorized (401: key wrong, expired or wrong region; see `reason`),
 * forbidden (403: key lacks a role; see `roles`), not_found (404/410), validation (400/422 and other 4xx),
 * conflict (409), rate_limited (429), server (5xx), network, timeout, aborted.
 */

export type KustomerErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'validation'
  | 'conflict'
  | 'rate_limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'aborted';

/** Finer cause of an `unauthorized` error (or a `network` one the API redirected): the agent fixes each differently. */
export type KustomerErrorReason = 'expired' | 'wrong_region' | 'redirected';

/** One entry of Kustomer's `errors` array, whichever shape it came in. */
export interface KustomerIssue {
  status?: number;
  code?: string;
  title?: string;
  detail?: string;
  /** JSON pointer (`/data/attributes/body`) or query parameter name. */
  pointer?: string;
  /** Roles listed in `meta` (e.g. `requiredRoles`), any one of which would do. */
  roles?: string[];
}

/** Plain, structured-clone safe description of a {@link KustomerError} (what crosses extension messaging). */
export interface KustomerErrorInfo {
  kind: KustomerErrorKind;
  /** Sentence for the agent (from `agentMessage`). */
  message: string;
  status?: number;
  code?: string;
  detail?: string;
  pointer?: string;
  /** Last segment of `pointer`, e.g. `body`. */
  field?: string;
  retryAfterMs?: number;
  reason?: KustomerErrorReason;
  /** Pod (region) the token belongs to, from a wrong-region answer, e.g. `prod2`. */
  pod?: string;
  /** Roles named by a 403 answer, e.g. `org.permission.note.create`. */
  roles?: string[];
}

/** What a {@link KustomerError} is built from: the plain facts (its `field` is derived from `pointer`) and more. */
export interface KustomerErrorInit extends Omit<KustomerErrorInfo, 'field'> {
  issues?: KustomerIssue[];
  /** Network errors: `navigator.onLine` was false when it happened. */
  offline?: boolean;
  /** Host that was called (never a URL with a query or credential). */
  host?: string;
  timeoutMs?: number;
  cause?: unknown;
}

/** The error every client method rejects with. */
export class KustomerError extends Error {
  override readonly name = 'KustomerError';
  // Declared, not defined: the constructor copies the facts it was given, so absent ones stay absent.
  declare readonly kind: KustomerErrorKind;
  declare readonly status?: number;
  declare readonly code?: string;
  declare readonly detail?: string;
  declare readonly pointer?: string;
  declare readonly field?: string;
  declare readonly retryAfterMs?: number;
  declare readonly reason?: KustomerErrorReason;
  declare readonly pod?: string;
  declare readonly roles?: string[];
  readonly issues: KustomerIssue[];
  declare readonly offline?: boolean;
  declare readonly host?: string;
  declare readonly timeoutMs?: number;

  constructor({ message, cause, issues, ...facts }: KustomerErrorInit) {
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, facts, { field: fieldFromPointer(facts.pointer) });
    this.issues = issues ?? [];
  }
}

/** True when `error` is a {@link KustomerError} (optionally of one of `kinds`). */
export function isKustomerError(error: unknown, ...kinds: KustomerErrorKind[]): error is KustomerError {
  return error instanceof KustomerError && (kinds.length === 0 || kinds.includes(error.kind));
}

/** Maps an HTTP status to the kind of error it means. */
export function kindForStatus(status: number): KustomerErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status === 408) return 'timeout';
  if (status >= 400 && status < 500) return 'validation';
  return 'server';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function issueFrom(entry: unknown): KustomerIssue | undefined {
  if (typeof entry === 'string') return { detail: entry };
  if (!isRecord(entry)) return undefined;
  const source = isRecord(entry.source) ? entry.source : {};
  const meta = isRecord(entry.meta) ? entry.meta : {};
  const status = Number(entry.status);
  const metaRoles = [meta.requiredRoles, meta.roles].find(Array.isArray)?.filter((role) => typeof role === 'string');
  return {
    status: Number.isInteger(status) && status > 0 ? status : undefined,
    code: text(entry.code) ?? (typeof entry.code === 'number' ? String(entry.code) : undefined),
    title: text(entry.title),
    detail: text(entry.detail) ?? text(entry.message) ?? text(entry.title),
    pointer:
      text(source.pointer) ?? text(source.parameter) ?? text(meta.pointer) ?? text(meta.field) ?? text(meta.parameter),
    ...(metaRoles && metaRoles.length > 0 ? { roles: metaRoles } : {}),
  };
}

/** Reads Kustomer's `errors` array (either shape) or a bare `{ message }` / text body into issues. */
export function parseErrorBody(body: unknown): KustomerIssue[] {
  if (typeof body === 'string') {
    const trimmed = body.trim();
    // An HTML error page from a proxy says nothing the agent can use.
    return trimmed === '' || trimmed.startsWith('<') ? [] : [{ detail: trimmed.slice(0, 500) }];
  }
  if (!isRecord(body)) return [];
  if (Array.isArray(body.errors)) {
    return body.errors.map(issueFrom).filter((issue): issue is KustomerIssue => issue !== undefined);
  }
  const single = issueFrom(isRecord(body.error) ? body.error : body);
  if (single?.detail === undefined && text(body.error) !== undefined) return [{ detail: text(body.error) }];
  return single && (single.detail || single.code) ? [single] : [];
}

// Kustomer answers a token used on another region's host with e.g.
// "token associated with pod prod2" (see the workplace's shared/kustomer/API.md, Hosts and auth).
const POD_PATTERN = /\bpod\s*[:=]?\s*["']?(prod\d+|[a-z]+\d+)\b/i;
const ROLE_PATTERN = /\borg\.(?:permission|user|admin)(?:\.[A-Za-z0-9_*-]+)+/g;

/** The pod named in a wrong-region answer, if any. */
export function podFromText(message: string | undefined): string | undefined {
  return message?.match(POD_PATTERN)?.[1]?.toLowerCase();
}

/** Role names (`org.permission.note.create`, …) mentioned in a 403 answer. */
export function rolesFromText(message: string | undefined): string[] {
  return [...new Set(message?.match(ROLE_PATTERN) ?? [])];
}

function fieldFromPointer(pointer: string | undefined): string | undefined {
  if (pointer === undefined) return undefined;
  const last = pointer.split('/').filter(Boolean).pop();
  return last === undefined ? undefined : last.replace(/~1/g, '/').replace(/~0/g, '~');
}

export interface ResponseErrorInput {
  status: number;
  body: unknown;
  retryAfterMs?: number;
  host?: string;
}

/** Builds the error for an HTTP answer that is not 2xx. */
export function errorFromResponse({ status, body, retryAfterMs, host }: ResponseErrorInput): KustomerError {
  const issues = parseErrorBody(body);
  const first = issues[0] ?? {};
  const allText = issues.map((issue) => [issue.title, issue.detail].filter(Boolean).join(' ')).join(' ');
  let kind = kindForStatus(status);
  const pod = status === 401 || status === 403 ? podFromText(allText) : undefined;
  let reason: KustomerErrorReason | undefined;
  if (pod !== undefined) {
    kind = 'unauthorized';
    reason = 'wrong_region';
  } else if (status === 401 && /expired/i.test(allText)) {
    reason = 'expired';
  }
  const roles =
    kind === 'forbidden'
      ? [...new Set([...issues.flatMap((issue) => issue.roles ?? []), ...rolesFromText(allText)])]
      : [];
  const detail = first.detail;
  return new KustomerError({
    kind,
    message: `Kustomer answered ${status}${first.code ? ` ${first.code}` : ''}${detail ? `: ${detail}` : ''}`,
    status,
    code: first.code,
    detail,
    pointer: issues.find((issue) => issue.pointer !== undefined)?.pointer,
    retryAfterMs: kind === 'rate_limited' || status === 503 ? retryAfterMs : undefined,
    reason,
    pod,
    roles: roles.length > 0 ? roles : undefined,
    issues,
    host,
  });
}
