/**
 * Burst: 500 customer lookups against a sandbox limited to 300 requests per minute, once with the
 * client's limiter and once with a naive client (no limiter, same retries) as the baseline. Each run
 * gets its own sandbox so that the two share no budget; they run side by side.
 */
import { pathToFileURL } from 'node:url';
import { createKustomerClient, createRateLimiter, type KustomerClient, type RateLimiter } from '../lib/kustomer';
import { startSandbox } from '../test/sandbox';
import type { BenchRow } from './report';

const CALLS = 500;
const LIMIT_PER_MINUTE = 300;
const CONCURRENCY = 50;

/** The baseline: a client that ignores the budget headers and only reacts to each 429 on its own. */
const UNLIMITED: RateLimiter = {
  acquire: async () => () => undefined,
  observe: () => undefined,
  pause: () => undefined,
  snapshot: () => ({}),
};

interface BurstOutcome {
  seconds: number;
  tooManyRequests: number;
  failures: number;
  requests: number;
}

async function runBurst(withLimiter: boolean): Promise<BurstOutcome> {
  const sandbox = await startSandbox({ rateLimitPerMinute: LIMIT_PER_MINUTE });
  try {
    const client: KustomerClient = createKustomerClient({
      baseUrl: sandbox.url,
      getToken: async () => sandbox.apiKey,
      maxRetries: 5,
      maxTotalWaitMs: 120_000,
      limiter: withLimiter ? createRateLimiter() : UNLIMITED,
    });
    const emails = Array.from({ length: CALLS }, (_, index) => `burst-${index}@example.com`);
    const started = performance.now();
    let failures = 0;
    let next = 0;
    const worker = async () => {
      while (next < emails.length) {
        const email = emails[next++] as string;
        await client.getCustomerByEmail(email).catch(() => {
          failures += 1;
        });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return {
      seconds: (performance.now() - started) / 1000,
      tooManyRequests: sandbox.requests.filter((request) => request.status === 429).length,
      failures,
      requests: sandbox.requests.length,
    };
  } finally {
    await sandbox.close();
  }
}

/** Runs both bursts side by side and returns the table rows. */
export async function benchBurst(): Promise<BenchRow[]> {
  const [limited, naive] = await Promise.all([runBurst(true), runBurst(false)]);
  const section = `burst ${CALLS} lookups @ ${LIMIT_PER_MINUTE}/min`;
  return [
    {
      section,
      name: '429 answers seen',
      value: limited.tooManyRequests,
      unit: '',
      baselineName: 'no limiter',
      baseline: naive.tooManyRequests,
      ...(naive.tooManyRequests > 0 ? { ratio: limited.tooManyRequests / naive.tooManyRequests } : {}),
      goal: '≤ 5 (no storm)',
      pass: limited.tooManyRequests <= 5,
    },
    {
      section,
      name: 'failed lookups',
      value: limited.failures,
      unit: '',
      baselineName: 'no limiter',
      baseline: naive.failures,
      goal: '0',
      pass: limited.failures === 0,
    },
    {
      section,
      name: 'total time',
      value: limited.seconds,
      unit: 's',
      baselineName: 'no limiter',
      baseline: naive.seconds,
      ratio: limited.seconds / naive.seconds,
    },
    {
      section,
      name: 'HTTP requests sent',
      value: limited.requests,
      unit: '',
      baselineName: 'no limiter',
      baseline: naive.requests,
      ratio: limited.requests / naive.requests,
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { renderTable } = await import('./report');
  console.log(renderTable(await benchBurst()));
}
