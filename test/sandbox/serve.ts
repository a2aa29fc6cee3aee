import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdmin } from './admin';
import { handleOAuth } from './oauth';
import { CORS_HEADERS, handleApi, type IncomingRequest, readRawBody, sendJson, sleep } from './server';
import type { RecordedRequest, SandboxState } from './state';

/** A server listening on 127.0.0.1. */
export interface Listener {
  /** 'http://127.0.0.1:<port>' */
  url: string;
  /** Also closes keep-alive connections. */
  close(): Promise<void>;
}

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

function headerRecord(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function recordedBody(contentType: string | undefined, raw: string): unknown {
  if (raw.length === 0) return null;
  if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Serves one request for the organisation whose state is `state`. */
export async function dispatch(state: SandboxState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const method = (request.method ?? 'GET').toUpperCase();
  if (method === 'OPTIONS') {
    // The extension's background does not need CORS (host permission), but preflights are answered permissively.
    response.writeHead(204, CORS_HEADERS);
    response.end();
    return;
  }
  const headers = headerRecord(request);
  const record: RecordedRequest = {
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body: null,
    status: 0,
    at: Date.now(),
  };
  const isAdmin = url.pathname.startsWith('/__sandbox/');
  // Recorded on arrival, before the body is read, so a request the client aborts early still shows up.
  if (!isAdmin) state.requests.push(record);
  let rawBody: string;
  try {
    rawBody = await readRawBody(request);
  } catch {
    record.status = 413;
    return sendJson(response, 413, { errors: [{ code: 'payload_too_large', message: 'Body over 1 MB', meta: {} }] });
  }
  record.body = recordedBody(headers['content-type'], rawBody);
  const incoming: IncomingRequest = { method, path: url.pathname, query: url.searchParams, headers, rawBody, record };
  if (isAdmin) return handleAdmin(state, incoming, response);
  if (url.pathname === '/v1' || url.pathname.startsWith('/v1/')) return handleApi(state, incoming, response);
  if (url.pathname.startsWith('/oauth/')) {
    if (state.faults.latencyMs > 0) await sleep(state.faults.latencyMs);
    return handleOAuth(state, incoming, response);
  }
  record.status = 404;
  sendJson(response, 404, { errors: [{ code: 'not_found', message: `Nothing at ${url.pathname}`, meta: {} }] });
}

/** Listens on 127.0.0.1 (port 0 = a free one); a handler that throws answers 500. */
export async function listen(handler: RequestHandler, port = 0): Promise<Listener> {
  const server = createServer((request, response) => {
    handler(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendJson(response, 500, { errors: [{ code: 'internal_error', message: String(error), meta: {} }] });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
