import { KustomerError } from '../../../lib/kustomer/errors';

/** A stand-in for `fetch` that records requests and answers from a handler. */
export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

export type Handler = (request: RecordedRequest, count: number, signal?: AbortSignal) => Response | Promise<Response>;

export function fakeFetch(handler: Handler) {
  const calls: RecordedRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const request = { method: init?.method ?? 'GET', url, headers: new Headers(init?.headers), body };
    calls.push(request);
    return handler(request, calls.length, init?.signal ?? undefined);
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** Never answers; rejects when the request is aborted (as fetch does). */
export function hang(signal?: AbortSignal): Promise<Response> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason ?? new DOMException('aborted', 'AbortError')), {
      once: true,
    });
  });
}

/** The KustomerError a call fails with (any other outcome fails the test). */
export async function failure(promise: Promise<unknown>): Promise<KustomerError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KustomerError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
