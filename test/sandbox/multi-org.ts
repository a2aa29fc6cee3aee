import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadSpec } from '../spec/spec';
import { podMismatch } from './auth';
import type { ApiError } from './errors';
import { resolveOptions, type Sandbox, type SandboxOptions, sandboxHandle } from './index';
import { DEFAULT_ORG, type OrgIdentity, orgIdentity, SECOND_ORG_SLUG } from './orgs';
import { ROUTES } from './routes';
import { dispatch, type Listener, listen } from './serve';
import { sendJson } from './server';
import { createState, type RecordedRequest, type SandboxState } from './state';

/** One organisation of a multi-org sandbox: its own data (seed), limits, faults and OAuth clients. */
export interface OrgOptions extends Omit<SandboxOptions, 'port'> {
  /** Its subdomain; `sandbox` is the primary organisation every test knows (DEFAULT_ORG). */
  slug: string;
  /** prod1 (default), prod2, prod4. */
  pod?: string;
}

export interface MultiOrgOptions {
  /** Default: the primary organisation and `brightwave` (SECOND_ORG_SLUG), both in prod1. */
  orgs?: OrgOptions[];
}

/** A sandbox Kustomer with several organisations, each as separate as two real ones. */
export interface MultiOrgSandbox {
  /** In the order asked for; each serves its own organisation alone at its own `url` (its "own host"). */
  orgs: Sandbox[];
  /** The organisation with this slug; throws for an unknown one. */
  org(slug: string): Sandbox;
  identities: OrgIdentity[];
  /**
   * One origin for all of them, routed by host name as Kustomer's are (the `Host` header, or
   * `x-forwarded-host` from `fetch` below): `{slug}.api.kustomerapp.com` is that organisation;
   * `api.kustomerapp.com` (and any other host, e.g. 127.0.0.1) is the prod1 region, `api.prod2.kustomerapp.com`
   * prod2, `api.prod4.kustomerapp.com` prod4, where the token says which organisation is meant.
   */
  gatewayUrl: string;
  /**
   * `fetch` as if Kustomer's hosts resolved to the gateway: `https://*.kustomerapp.com/…` goes to `gatewayUrl`
   * naming its host in `x-forwarded-host` (Node's fetch does not let a caller set `Host`); other URLs are fetched
   * as they are.
   */
  fetch: typeof globalThis.fetch;
  /** Requests the gateway could give to no organisation (unknown host, unknown token, wrong region). */
  unrouted: RecordedRequest[];
  /** Resets every organisation (reseed, clear requests, faults, grants, rate-limit windows). */
  reset(): void;
  close(): Promise<void>;
}

const REGION_PODS: Record<string, string> = {
  'api.kustomerapp.com': 'prod1',
  'api.prod2.kustomerapp.com': 'prod2',
  'api.prod4.kustomerapp.com': 'prod4',
};
const ORG_HOST = /^([a-z0-9][a-z0-9-]*)(?:\.api)?\.kustomerapp\.com$/;

/** Where a host name sends a request: one organisation, a region (token decides), or nowhere. */
export type HostRoute = { kind: 'org'; slug: string } | { kind: 'region'; pod: string } | { kind: 'unknown' };

/** Reads a host name (with or without port) as Kustomer's DNS would. */
export function routeForHost(host: string): HostRoute {
  const name = host.toLowerCase().replace(/:\d+$/, '');
  const pod = REGION_PODS[name];
  if (pod) return { kind: 'region', pod };
  const slug = ORG_HOST.exec(name)?.[1];
  if (slug && slug !== 'api' && slug !== 'app') return { kind: 'org', slug };
  if (name === '127.0.0.1' || name === 'localhost' || name === '[::1]') return { kind: 'region', pod: 'prod1' };
  return { kind: 'unknown' };
}

/** Starts several organisations (default: the primary one and `brightwave`) and a gateway over them. */
export async function startMultiOrgSandbox(options: MultiOrgOptions = {}): Promise<MultiOrgSandbox> {
  loadSpec();
  const specs = options.orgs ?? [{ slug: DEFAULT_ORG.slug }, { slug: SECOND_ORG_SLUG }];
  const slugs = specs.map((spec) => spec.slug);
  if (new Set(slugs).size !== slugs.length) throw new Error(`organisation slugs must differ: ${slugs.join(', ')}`);
  const states = specs.map((spec, index) => {
    const { slug, pod, ...rest } = spec;
    const identity = orgIdentity(slug, pod ? { pod } : {});
    if (pod && identity.pod !== pod) throw new Error(`the primary organisation lives in ${identity.pod}`);
    // Each organisation its own seed unless told: their generated customers differ too.
    return createState(resolveOptions({ seed: 42 + index, ...rest }, identity), ROUTES);
  });
  const listeners: Listener[] = [];
  try {
    for (const state of states) listeners.push(await listen((request, response) => dispatch(state, request, response)));
    const unrouted: RecordedRequest[] = [];
    const gateway = await listen((request, response) => routeThroughGateway(states, unrouted, request, response));
    listeners.push(gateway);
    const orgs = states.map((state, index) => sandboxHandle(state, listeners[index] as Listener));
    return {
      orgs,
      org(slug) {
        const index = slugs.indexOf(slug);
        const org = orgs[index];
        if (!org) throw new Error(`no organisation ${slug} in this sandbox (${slugs.join(', ')})`);
        return org;
      },
      identities: states.map((state) => state.options.org),
      gatewayUrl: gateway.url,
      fetch: gatewayFetch(gateway.url),
      unrouted,
      reset() {
        for (const org of orgs) org.reset();
        unrouted.length = 0;
      },
      close: async () => {
        await Promise.all(listeners.map((listener) => listener.close()));
      },
    };
  } catch (error) {
    await Promise.all(listeners.map((listener) => listener.close()));
    throw error;
  }
}

function bearer(request: IncomingMessage): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
}

async function routeThroughGateway(
  states: SandboxState[],
  unrouted: RecordedRequest[],
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const forwarded = request.headers['x-forwarded-host'];
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded) ?? request.headers.host ?? '';
  const route = routeForHost(host);
  const refuse = (status: number, body: unknown) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    unrouted.push({
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { host },
      body: null,
      status,
      at: Date.now(),
    });
    request.resume();
    sendJson(response, status, body);
  };
  const simple = (error: ApiError) => refuse(error.status, error.body);
  if (route.kind === 'org') {
    const state = states.find((candidate) => candidate.options.org.slug === route.slug);
    if (state) return dispatch(state, request, response);
    return refuse(404, { errors: [{ code: 'not_found', message: `No organisation at ${host}`, meta: {} }] });
  }
  if (route.kind === 'unknown') {
    return refuse(404, { errors: [{ code: 'not_found', message: `Not a Kustomer host: ${host}`, meta: {} }] });
  }
  // A region host serves every organisation of its pod: the token says which one.
  const token = bearer(request);
  const owner = token ? states.find((state) => state.tokens.has(token)) : undefined;
  if (!owner) {
    return refuse(401, {
      errors: [{ code: 'unauthorized', message: 'Invalid token', meta: { reason: token ? 'invalid' : 'missing' } }],
    });
  }
  if (owner.options.org.pod !== route.pod) return simple(podMismatch(owner.options.org.pod, route.pod));
  return dispatch(owner, request, response);
}

function gatewayFetch(gatewayUrl: string): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const host = url.hostname.toLowerCase();
    if (host !== 'kustomerapp.com' && !host.endsWith('.kustomerapp.com')) return fetch(request);
    const headers = new Headers(request.headers);
    headers.set('x-forwarded-host', url.host);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    return fetch(new URL(`${url.pathname}${url.search}`, gatewayUrl), {
      method: request.method,
      headers,
      body,
      redirect: request.redirect,
      signal: request.signal,
    });
  };
}
