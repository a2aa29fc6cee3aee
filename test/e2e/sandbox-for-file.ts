import { type ConformanceReport, type Sandbox, type SandboxOptions, startSandbox } from '../sandbox';
import { expect, test } from './fixtures';

export interface SandboxForFileOptions {
  /** Reseed the data before every test. */
  resetBeforeEach: boolean;
  /**
   * Set only in a file that makes the sandbox receive off-spec bodies on purpose, to the reason why: its off-spec
   * requests are then printed, not failed. Off-spec answers always fail the file.
   */
  offSpecRequestsOnPurpose?: string;
  /** Options of the file's sandbox (a lower rate limit, latency). */
  sandbox?: SandboxOptions;
}

function printConformance(file: string, report: ConformanceReport): void {
  const lines = [
    `operations covered: ${report.operationsCovered.length}, requests checked: ${report.requestsChecked}, answers checked: ${report.answersChecked}`,
    `off-spec requests: ${report.offSpecRequests.length}, off-spec answers: ${report.offSpecAnswers.length}`,
    ...[...report.offSpecRequests, ...report.offSpecAnswers].map(
      (entry) => `  ${entry.method} ${entry.path} ${entry.status ?? ''}: ${entry.problems.join('; ')}`,
    ),
  ];
  console.info(`[conformance] ${file}\n${lines.join('\n')}`);
}

/**
 * One sandbox for the test file, started before its tests and closed after them; with `resetBeforeEach`
 * its data is reseeded before every test. The sandbox exists only once `beforeAll` has run, so this
 * returns a stand-in that forwards to it, and tests keep writing `sandbox.url`.
 *
 * After the file, every request the sandbox received during it (what the built extension sent) and every answer it
 * gave is checked against Kustomer's spec (sandbox.conformance(), see docs/sandbox.md): the counts are printed and
 * the file fails on any off-spec request or answer.
 */
export function sandboxForFile(options: SandboxForFileOptions): Sandbox {
  let started: Sandbox | undefined;
  test.beforeAll(async () => {
    started = await startSandbox(options.sandbox);
  });
  test.afterAll(async () => {
    if (!started) return;
    const file = test.info().file;
    const report = started.conformance();
    await started.close();
    printConformance(file.split('/').pop() ?? file, report);
    if (!options.offSpecRequestsOnPurpose) expect(report.offSpecRequests, 'off-spec requests').toEqual([]);
    expect(report.offSpecAnswers, 'off-spec answers').toEqual([]);
  });
  if (options.resetBeforeEach) test.beforeEach(() => started?.reset());
  return new Proxy({} as Sandbox, {
    get: (_standIn, key) => {
      if (!started) throw new Error('The sandbox starts in beforeAll: use it inside tests and hooks');
      return Reflect.get(started, key);
    },
  });
}
