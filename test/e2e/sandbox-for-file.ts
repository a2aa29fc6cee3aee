import { type Sandbox, startSandbox } from '../sandbox';
import { test } from './fixtures';

/**
 * One sandbox for the test file, started before its tests and closed after them; with `resetBeforeEach`
 * its data is reseeded before every test. The sandbox exists only once `beforeAll` has run, so this
 * returns a stand-in that forwards to it, and tests keep writing `sandbox.url`.
 */
export function sandboxForFile(options: { resetBeforeEach: boolean }): Sandbox {
  let started: Sandbox | undefined;
  test.beforeAll(async () => {
    started = await startSandbox();
  });
  test.afterAll(() => started?.close());
  if (options.resetBeforeEach) test.beforeEach(() => started?.reset());
  return new Proxy({} as Sandbox, {
    get: (_standIn, key) => {
      if (!started) throw new Error('The sandbox starts in beforeAll: use it inside tests and hooks');
      return Reflect.get(started, key);
    },
  });
}
