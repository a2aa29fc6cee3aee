import type { ServerResponse } from 'node:http';
import { type IncomingRequest, parseBody, sendJson } from './server';
import { resetState, type SandboxFaults, type SandboxState } from './state';
import type { CollectionName } from './types';

const COLLECTIONS: CollectionName[] = [
  'customers',
  'companies',
  'conversations',
  'messages',
  'notes',
  'users',
  'klasses',
  'kobjects',
  'subStatuses',
  'bulkJobs',
  'auditLogs',
];

/** Validates a partial fault set; throws on anything out of range. */
export function checkFaults(input: unknown): Partial<SandboxFaults> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('faults must be an object');
  const faults: Partial<SandboxFaults> = {};
  for (const [key, value] of Object.entries(input)) {
    switch (key) {
      case 'latencyMs':
      case 'force429':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
          throw new Error(`${key} must be an integer >= 0`);
        faults[key] = value;
        break;
      case 'errorRate':
      case 'dropRate':
        if (typeof value !== 'number' || value < 0 || value > 1) throw new Error(`${key} must be a number from 0 to 1`);
        faults[key] = value;
        break;
      case 'down':
        if (typeof value !== 'boolean') throw new Error('down must be true or false');
        faults.down = value;
        break;
      default:
        throw new Error(`unknown fault ${key}`);
    }
  }
  return faults;
}

/** Expires every OAuth access token now (for "token expired mid-session" tests). */
export function expireOAuthTokens(state: SandboxState): number {
  let count = 0;
  const now = Date.now();
  for (const token of state.tokens.values()) {
    if (token.kind === 'oauth' && (token.expiresAt === null || token.expiresAt > now)) {
      token.expiresAt = now - 1;
      count += 1;
    }
  }
  return count;
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/** `/__sandbox/*`: control endpoints for tests and the demo running in another process. No auth; loopback only. */
export function handleAdmin(state: SandboxState, request: IncomingRequest, response: ServerResponse) {
  if (!isLoopback(response.socket?.remoteAddress)) return sendJson(response, 403, { error: 'loopback only' });
  const route = `${request.method} ${request.path}`;
  const collection = /^\/__sandbox\/store\/([A-Za-z]+)$/.exec(request.path)?.[1];
  try {
    if (route === 'POST /__sandbox/faults') {
      Object.assign(state.faults, checkFaults(parseBody('application/json', request.rawBody) ?? {}));
      return sendJson(response, 200, { faults: state.faults });
    }
    if (route === 'GET /__sandbox/faults') return sendJson(response, 200, { faults: state.faults });
    if (route === 'POST /__sandbox/reset') {
      resetState(state);
      return sendJson(response, 200, { ok: true });
    }
    if (route === 'POST /__sandbox/expire-tokens')
      return sendJson(response, 200, { expired: expireOAuthTokens(state) });
    if (route === 'GET /__sandbox/requests') return sendJson(response, 200, { requests: state.requests });
    if (route === 'DELETE /__sandbox/requests') {
      state.requests.length = 0;
      return sendJson(response, 204, undefined);
    }
    if (request.method === 'GET' && collection) {
      if (!COLLECTIONS.includes(collection as CollectionName)) {
        return sendJson(response, 404, { error: `unknown collection ${collection}`, collections: COLLECTIONS });
      }
      const data = state.store[collection as CollectionName];
      return sendJson(response, 200, { data: Array.isArray(data) ? data : [...data.values()] });
    }
    sendJson(response, 404, { error: `no admin route ${route}` });
  } catch (error) {
    sendJson(response, 400, { error: error instanceof Error ? error.message : String(error) });
  }
}
