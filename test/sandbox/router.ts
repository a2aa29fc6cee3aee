import type { RequiredRole, TokenInfo } from './auth';
import type { SandboxState } from './state';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteContext {
  state: SandboxState;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  token: TokenInfo;
  method: string;
  path: string;
  now: number;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Segments: literal, `:param`, or `prefix=:param` (e.g. `email=:email`). */
  pattern: string;
  /** The role the action needs; null for "any valid token". May depend on the path (klass vs KObject). */
  role: RequiredRole | null | ((ctx: Pick<RouteContext, 'params' | 'state'>) => RequiredRole | null);
  /** Also counted against the lower search limit. */
  searchLimited?: boolean;
  handler(ctx: RouteContext): Reply | Promise<Reply>;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'none' };

function matchPattern(pattern: string, segments: string[]): Record<string, string> | null {
  const parts = pattern.split('/').filter(Boolean);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] ?? '';
    const marker = part.indexOf(':');
    if (marker === -1) {
      if (part !== segment) return null;
      continue;
    }
    const prefix = part.slice(0, marker);
    if (!segment.startsWith(prefix) || segment.length === prefix.length) return null;
    try {
      params[part.slice(marker + 1)] = decodeURIComponent(segment.slice(prefix.length));
    } catch {
      return null;
    }
  }
  return params;
}

/** First route whose pattern and method match; routes are tried in order, so literals go before `:param`. */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const segments = path.split('/').filter(Boolean);
  const allowed: string[] = [];
  for (const route of routes) {
    const params = matchPattern(route.pattern, segments);
    if (!params) continue;
    if (route.method === method) return { kind: 'found', route, params };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { kind: 'method-not-allowed', allowed: [...new Set(allowed)] } : { kind: 'none' };
}
