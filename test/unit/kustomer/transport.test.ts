import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { agentMessage } from '../../../lib/kustomer/agent-message';
import { abortableSleep, createRateLimiter } from '../../../lib/kustomer/limiter';
import { createTransport, type TransportConfig } from '../../../lib/kustomer/transport';
import { failure, fakeFetch, json } from './fake-fetch';

/** A real HTTP server on 127.0.0.1 whose answers the test scripts (Node's own fetch talks to it). */
interface ScriptedServer {
  url: string;
  hits: { method: string; url: string; headers: IncomingMessage['headers'] }[];
}

let servers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
  servers = [];
});

async function serve(answer: (request: IncomingMessage, response: ServerResponse) => void): Promise<ScriptedServer> {
  const hits: ScriptedServer['hits'] = [];
  const server = createServer((request, response) => {
    hits.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    answer(request, response);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

function transport(baseUrl: string, overrides: Partial<TransportConfig> = {}) {
  const limiter = createRateLimiter();
  return createTransport({
    baseUrl,
    getToken: async () => 'sk-secret',
    timeoutMs: 300,
    maxRetries: 3,
    maxTotalWaitMs: 60_000,
    now: Date.now,
    sleep: abortableSleep,
    random: () => 0.5,
    limiters: { default: limiter, search: limiter },
    isOffline: () => false,
    ...overrides,
  });
}

describe('transport on plain fetch', () => {
  it('sends the query, a JSON body with its content type, and parses the JSON answer', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { data: { id: 'c1' } }));
    const send = transport('https://acme.api.kustomerapp.com', { fetch });
    const answer = await send<{ data: { id: string } }>({
      method: 'POST',
      path: '/v1/customers',
      query: { page: 2, skip: undefined, none: null, flag: false },
      body: { name: 'Ada' },
    });
    expect(answer).toMatchObject({ status: 200, data: { data: { id: 'c1' } } });
    expect(calls[0]?.url.search).toBe('?page=2&flag=false');
    expect(calls[0]?.headers.get('content-type')).toBe('application/json');
    expect(calls[0]?.body).toEqual({ name: 'Ada' });
  });

  it('labels a body with the content type the request names (JSON Patch)', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { data: {} }));
    await transport('https://acme.api.kustomerapp.com', { fetch })({
      method: 'PATCH',
      path: '/v1/conversations/x',
      body: [{ op: 'replace', path: '/status', value: 'done' }],
      contentType: 'application/json-patch+json',
    });
    expect(calls[0]?.headers.get('content-type')).toBe('application/json-patch+json');
  });

  it('sends no content type without a body, and keeps a non-JSON error page as text', async () => {
    const { fetch, calls } = fakeFetch(
      () => new Response('<h1>Bad gateway</h1>', { status: 502, headers: { 'content-type': 'text/html' } }),
    );
    const error = await failure(
      transport('https://acme.api.kustomerapp.com', { fetch, maxRetries: 0 })({ method: 'GET', path: '/v1/x' }),
    );
    expect(error).toMatchObject({ kind: 'server', status: 502 });
    expect(calls[0]?.headers.get('content-type')).toBeNull();
  });
});

describe('a hostile API', () => {
  it.each([302, 307])('never follows a %i redirect to another origin, and says so in words', async (status) => {
    const elsewhere = await serve((_request, response) => response.writeHead(401).end());
    const api = await serve((_request, response) =>
      response.writeHead(status, { location: `${elsewhere.url}/v1/customers/email=ada%40example.com` }).end(),
    );
    const error = await failure(transport(api.url)({ method: 'GET', path: '/v1/customers/email=ada%40example.com' }));
    expect(elsewhere.hits).toHaveLength(0);
    expect(api.hits).toHaveLength(1);
    expect(error).toMatchObject({ kind: 'network', reason: 'redirected' });
    expect(agentMessage(error)).toMatch(/redirect to another address, which the extension never follows/);
  });

  it('fails a trickling answer at the deadline, body included, and does not ask again', async () => {
    const api = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"data":');
      const drip = setInterval(() => response.write(' '), 40);
      response.on('close', () => clearInterval(drip));
    });
    const started = Date.now();
    const error = await failure(transport(api.url, { timeoutMs: 300 })({ method: 'GET', path: '/v1/customers/c1' }));
    const elapsed = Date.now() - started;
    expect(error).toMatchObject({ kind: 'timeout', timeoutMs: 300 });
    expect(error.message).toBe('The answer did not arrive in full within 300 ms');
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(600);
    expect(api.hits).toHaveLength(1);
  });
});
