/**
 * `npm run bench`: every benchmark in one run, printed as one table and written to bench/results.json.
 * Timings are ratios against baselines measured in the same run; budgets on bundle sizes are enforced
 * by `npm test` (test/e2e/bundle-budget.e2e.ts), not here.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { measureBundles } from './bundle-sizes';
import { benchBurst } from './burst';
import { benchDetection } from './detection';
import { benchHeavyPages } from './heavy-pages';
import { benchLookupLatency } from './lookup-latency';
import { benchMultiOrg } from './multi-org';
import { benchPhoneScan } from './phone-scan';
import { type BenchRow, renderTable } from './report';
import { benchWorkerStart } from './worker-start';

const PRODUCTION_DIR = fileURLToPath(new URL('../.output/chrome-mv3', import.meta.url));
const RESULTS_FILE = fileURLToPath(new URL('./results.json', import.meta.url));

function bundleRows(): BenchRow[] {
  return measureBundles(PRODUCTION_DIR).map((bundle) => ({
    section: 'bundle (gzip, production)',
    name: bundle.entrypoint,
    value: Math.round(bundle.gzipBytes / 102.4) / 10,
    unit: 'KB',
    ...(bundle.budgetBytes === undefined
      ? {}
      : {
          baselineName: 'budget',
          baseline: bundle.budgetBytes / 1024,
          ratio: bundle.gzipBytes / bundle.budgetBytes,
          goal: `≤ ${bundle.budgetBytes / 1024} KB`,
          pass: bundle.gzipBytes <= bundle.budgetBytes,
        }),
  }));
}

async function main(): Promise<void> {
  const started = Date.now();
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const sections: [string, () => BenchRow[] | Promise<BenchRow[]>][] = [
    ['bundles', bundleRows],
    ['detection', benchDetection],
    ['phone scan', benchPhoneScan],
    ['heavy pages', benchHeavyPages],
    ['lookup latency', benchLookupLatency],
    ['several organisations', benchMultiOrg],
    ['worker start', benchWorkerStart],
    ['burst', benchBurst],
  ];
  // `npm run bench -- "lookup latency" "worker start"` runs only the sections named.
  const only = process.argv.slice(2);
  const unknown = only.filter((name) => !sections.some(([known]) => known === name));
  if (unknown.length > 0) throw new Error(`Unknown bench section(s): ${unknown.join(', ')}`);
  const chosen = only.length > 0 ? sections.filter(([name]) => only.includes(name)) : sections;
  const rows: BenchRow[] = [];
  // A section that throws must not throw away the rows the others measured (a heavy-pages run takes minutes).
  const failed: string[] = [];
  for (const [name, run] of chosen) {
    const sectionStarted = Date.now();
    console.error(`bench: ${name}…`);
    try {
      rows.push(...(await run()));
      console.error(`bench: ${name} done in ${((Date.now() - sectionStarted) / 1000).toFixed(1)} s`);
    } catch (error) {
      failed.push(name);
      console.error(`bench: ${name} FAILED after ${((Date.now() - sectionStarted) / 1000).toFixed(1)} s`, error);
    }
  }
  const table = renderTable(rows);
  console.log(`\nKustomer Sidebar benchmarks — ${new Date().toISOString().slice(0, 10)} — ${machine}\n`);
  console.log(table);
  console.log(
    `\nTotal ${((Date.now() - started) / 1000).toFixed(0)} s. ${only.length === 0 ? 'Results written to bench/results.json.' : 'Partial run: bench/results.json kept.'}`,
  );
  // Only a full run replaces the recorded results; a partial one would drop the other sections' rows.
  if (only.length === 0)
    writeFileSync(RESULTS_FILE, `${JSON.stringify({ date: new Date().toISOString(), machine, rows }, null, 2)}\n`);
  if (failed.length > 0) {
    console.error(`bench: ${failed.length} section(s) failed: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
