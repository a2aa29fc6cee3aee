import { parseArgs } from 'node:util';
import { ADA, UNKNOWN_EMAIL } from './fixtures';
import { startSandbox } from './index';
import { startMultiOrgSandbox } from './multi-org';

/** `npm run sandbox -- --port 4010 --rate-limit 300 --latency 200 --error-rate 0.1 --seed 7` */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    'rate-limit': { type: 'string' },
    latency: { type: 'string' },
    'error-rate': { type: 'string' },
    seed: { type: 'string' },
    orgs: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(
    'Usage: npm run sandbox -- [--port N] [--rate-limit N] [--latency MS] [--error-rate 0..1] [--seed N] [--orgs sandbox,brightwave]',
  );
  process.exit(0);
}

const number = (name: string, raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) {
    console.error(`--${name} must be a number, got ${raw}`);
    process.exit(2);
  }
  return value;
};

const faults = {
  latencyMs: number('latency', values.latency) ?? 0,
  errorRate: number('error-rate', values['error-rate']) ?? 0,
};

if (values.orgs) {
  // Several organisations (docs/sandbox.md, "Several organisations"): each on a free port, plus the gateway.
  const multi = await startMultiOrgSandbox({
    orgs: values.orgs.split(',').map((slug, index) => ({
      slug: slug.trim(),
      rateLimitPerMinute: number('rate-limit', values['rate-limit']),
      faults,
      ...(values.seed ? { seed: (number('seed', values.seed) ?? 42) + index } : {}),
    })),
  });
  for (const [index, org] of multi.orgs.entries()) {
    console.log(`${multi.identities[index]?.slug}: ${org.url}  API key: ${org.apiKey}`);
  }
  console.log(`Gateway (Host: {org}.api.kustomerapp.com or a region host): ${multi.gatewayUrl}`);
  console.log(`Known in every org: ${ADA.email}. Ctrl+C to stop.`);
  const stopAll = async () => {
    await multi.close();
    process.exit(0);
  };
  process.once('SIGINT', stopAll);
  process.once('SIGTERM', stopAll);
} else {
  const sandbox = await startSandbox({
    port: number('port', values.port),
    seed: number('seed', values.seed),
    rateLimitPerMinute: number('rate-limit', values['rate-limit']),
    faults,
  });

  console.log(`Kustomer sandbox listening on ${sandbox.url}`);
  console.log(`API key (all roles): ${sandbox.apiKey}`);
  console.log(`Read-only key:       ${sandbox.keys.readOnly}`);
  console.log(
    `Try: curl -H "Authorization: Bearer ${sandbox.apiKey}" ${sandbox.url}/v1/customers/email=${encodeURIComponent(ADA.email)}`,
  );
  console.log(
    `Unknown address: ${UNKNOWN_EMAIL}. Admin: POST ${sandbox.url}/__sandbox/faults | /__sandbox/reset. Ctrl+C to stop.`,
  );

  const stop = async () => {
    await sandbox.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
