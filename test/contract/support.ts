import { afterAll, beforeAll, expect } from 'vitest';
import { createKustomerClient, type KustomerClient, type KustomerClientOptions } from '../../lib/kustomer/client';
import { KustomerError, type KustomerErrorKind } from '../../lib/kustomer/errors';
import { type Sandbox, type SandboxOptions, startSandbox } from '../sandbox/index';

export interface SandboxHandle {
  /** The running sandbox (valid inside tests). */
  readonly sandbox: Sandbox;
  /** A client against the sandbox with the full key, or another key. */
  client(token?: string, options?: Partial<KustomerClientOptions>): KustomerClient;
}

/** Starts one sandbox for the test file and closes it afterwards. */
export function useSandbox(options: SandboxOptions = {}): SandboxHandle {
  let running: Sandbox | undefined;
  beforeAll(async () => {
    running = await startSandbox(options);
  });
  afterAll(async () => {
    await running?.close();
  });
  const handle: SandboxHandle = {
    get sandbox() {
      if (!running) throw new Error('The sandbox is not running');
      return running;
    },
    client(token, clientOptions = {}) {
      const key = token ?? handle.sandbox.apiKey;
      return createKustomerClient({ baseUrl: handle.sandbox.url, getToken: async () => key, ...clientOptions });
    },
  };
  return handle;
}

/** Awaits a call that must fail and returns its KustomerError after checking its kind (and status). */
export async function rejection(
  promise: Promise<unknown>,
  kind: KustomerErrorKind,
  status?: number,
): Promise<KustomerError> {
  let outcome: unknown;
  try {
    outcome = await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(KustomerError);
    const kustomerError = error as KustomerError;
    expect({ kind: kustomerError.kind, status: kustomerError.status }).toEqual({
      kind,
      status: status ?? kustomerError.status,
    });
    return kustomerError;
  }
  throw new Error(`Expected a ${kind} error, got ${JSON.stringify(outcome)?.slice(0, 200)}`);
}

/** Requests the sandbox received on `path` (exact) since `from`. */
export function requestsTo(sandbox: Sandbox, method: string, path: string, from = 0) {
  return sandbox.requests.slice(from).filter((request) => request.method === method && request.path === path);
}
