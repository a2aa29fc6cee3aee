/**
 * Several organisations (issue 18): one lookup asked of two connected organisations at once against the same
 * lookup asked of one, with +200 ms of API latency on each, through the connections registry and the fan-out
 * (lib/background/connections-*.ts) and the real Kustomer client, against the multi-org sandbox. The two are
 * measured in alternation in the same run, so the machine's load weighs on both alike; the goal is ≤ 1.1×,
 * because the organisations are asked in parallel.
 * Run alone: `npx tsx bench/multi-org.ts`.
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { addConnection } from '../lib/background/connections';
import { createCredentialStore } from '../lib/background/connections-credentials';
import { lookupEmailEverywhere } from '../lib/background/connections-fan-out';
import { createOrgRegistry, type OrgRuntime } from '../lib/background/connections-registry';
import { createConnectionsStore, type KeyValueStorage } from '../lib/background/connections-store';
import type { ConnectionId } from '../lib/background/connections-types';
import { createKustomerPort } from '../lib/background/kustomer-port';
import { createLookupService } from '../lib/background/lookup';
import type { CachedCard, LookupCache } from '../lib/background/lookup-cache';
import type { Settings } from '../lib/messaging/model';
import { ADA } from '../test/sandbox/fixtures';
import { type MultiOrgSandbox, startMultiOrgSandbox } from '../test/sandbox/multi-org';
import { type BenchRow, summarize } from './report';

const LATENCY_MS = 200;
/** Pairs of (one org, two orgs) lookups; more on a busy machine: `KS_BENCH_REPETITIONS=30`. */
const REPETITIONS = Math.max(3, Number(process.env.KS_BENCH_REPETITIONS) || 15);

/** Storage in memory: the bench runs in Node, where the worker's `storage.*` areas do not exist. */
function memoryStorage(): KeyValueStorage {
  const values = new Map<string, unknown>();
  return {
    get: async (key) => values.get(key),
    set: async (key, value) => {
      values.set(key, structuredClone(value));
    },
    remove: async (keys) => {
      for (const key of keys) values.delete(key);
    },
  };
}

// lib/storage.ts (DEFAULT_SETTINGS) reads the build's `import.meta.env`, which Node has not: the same defaults here.
const SETTINGS: Settings = { neverLookUpDomains: [], paused: false, enabledSites: [], oauthClientId: '' };

/** A cache that never answers: every lookup of the bench goes to Kustomer. */
const NO_CACHE: LookupCache = {
  get: async (): Promise<CachedCard | undefined> => undefined,
  set: async () => undefined,
  delete: async () => undefined,
  clear: async () => undefined,
};

/** Connects the first `count` organisations of the sandbox, each at its own host with its own key. */
async function connect(multi: MultiOrgSandbox, count: number): Promise<OrgRuntime[]> {
  const storage = memoryStorage();
  const store = createConnectionsStore(storage);
  const credentials = createCredentialStore(storage, null);
  for (const [index, org] of multi.orgs.slice(0, count).entries()) {
    const id: ConnectionId = `org-${index}`;
    await credentials.set(id, { method: 'apiKey', apiKey: org.apiKey });
    const details = {
      method: 'apiKey' as const,
      target: { kind: 'custom' as const, baseUrl: org.url },
      baseUrl: org.url,
    };
    await store.change((state) => ({ state: addConnection(state, details, { id, now: Date.now() }).state, result: 0 }));
  }
  const registry = createOrgRegistry({
    store,
    credentials,
    createPort: (baseUrl, auth) => createKustomerPort({ baseUrl, ...auth }),
    createLookup: (connection, port) =>
      createLookupService({
        connectionId: connection.id,
        client: async () => port,
        appUrl: async () => connection.baseUrl,
        settings: async () => SETTINGS,
        cache: NO_CACHE,
      }),
  });
  return registry.all();
}

async function timed(orgs: OrgRuntime[], expectKnownIn: number): Promise<number> {
  const started = performance.now();
  const answer = await lookupEmailEverywhere(orgs, ADA.email, { refresh: true });
  const elapsed = performance.now() - started;
  const known = answer.answers.filter((one) => one.status === 'known').length;
  if (known !== expectKnownIn) throw new Error(`expected Ada known in ${expectKnownIn} orgs, got ${known}`);
  return elapsed;
}

/** The table rows: two organisations against one, at +200 ms. */
export async function benchMultiOrg(): Promise<BenchRow[]> {
  const multi = await startMultiOrgSandbox({
    orgs: [
      { slug: 'sandbox', faults: { latencyMs: LATENCY_MS } },
      { slug: 'brightwave', faults: { latencyMs: LATENCY_MS } },
    ],
  });
  try {
    const [one, two] = await Promise.all([connect(multi, 1), connect(multi, 2)]);
    // Warm-up: connections opened, code paths compiled.
    await timed(one, 1);
    await timed(two, 2);
    const oneOrg: number[] = [];
    const twoOrgs: number[] = [];
    for (let round = 0; round < REPETITIONS; round++) {
      oneOrg.push(await timed(one, 1));
      twoOrgs.push(await timed(two, 2));
    }
    const single = summarize(oneOrg);
    const double = summarize(twoOrgs);
    const ratio = double.median / single.median;
    return [
      {
        section: `several organisations, API latency +${LATENCY_MS} ms (load ${loadavg()[0]?.toFixed(1)})`,
        name: `lookup asked of 2 orgs at once (median of ${REPETITIONS})`,
        value: double.median,
        spread: double.spread,
        unit: 'ms',
        baselineName: '1 org',
        baseline: single.median,
        ratio,
        goal: '≤ 1.1×',
        pass: ratio <= 1.1,
      },
    ];
  } finally {
    await multi.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { renderTable } = await import('./report');
  console.log(renderTable(await benchMultiOrg()));
}
