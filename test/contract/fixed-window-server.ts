import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixedWindowServer {
  url: string;
  /** Answers per status code. */
  statuses: Map<number, number>;
  /** Requests counted per window index. */
  perWindow: Map<number, number>;
  close(): Promise<void>;
}

/**
 * A tiny Kustomer-like server for the burst test: `limit` requests per fixed window of `windowMs` (aligned to
 * whole seconds, so `x-ratelimit-reset` is exact in epoch seconds), 429 with Retry-After beyond it.
 * The sandbox's window is fixed at 60 s, too long for a fast test.
 */
export async function startFixedWindowServer(limit: number, windowMs: number): Promise<FixedWindowServer> {
  const statuses = new Map<number, number>();
  const perWindow = new Map<number, number>();
  const server = createServer((request, response) => {
    const now = Date.now();
    const window = Math.floor(now / windowMs);
    const used = (perWindow.get(window) ?? 0) + 1;
    perWindow.set(window, used);
    const resetAt = (window + 1) * windowMs;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - used)),
      'x-ratelimit-reset': String(Math.ceil(resetAt / 1000)),
    };
    const status = used > limit ? 429 : 200;
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (status === 429) headers['retry-after'] = String(Math.max(1, Math.ceil((resetAt - now) / 1000)));
    response.writeHead(status, headers);
    response.end(
      JSON.stringify(
        status === 429
          ? { errors: [{ code: 'too_many_requests', message: 'Rate limit exceeded', meta: {} }] }
          : { data: { type: 'customer', id: request.url?.split('/').pop() ?? '', attributes: {} } },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    statuses,
    perWindow,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
