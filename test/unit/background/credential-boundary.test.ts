import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const SOURCE_FOLDERS = ['lib', 'components', 'entrypoints'];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('the credential boundary', () => {
  const files = SOURCE_FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)));

  const users = (pattern: RegExp) =>
    files
      .filter((file) => pattern.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file))
      .sort();

  it('only connections-credentials.ts builds the key of a connection’s secret', () => {
    expect(users(/\bcredentialKey\(/)).toEqual(['lib/background/connections-credentials.ts']);
  });

  it('only these modules may reach a secret: each asks for it by its own connection id', () => {
    // The store of secrets (connections-credentials.ts) is built once, in services.ts; the connection service
    // writes a verified secret and refreshes a token, the registry's clients read their own connection's at
    // every request, and the upgrade moves the single connection's secret to org-0.
    expect(users(/from '\.\/connections-credentials'|from '\.\/credentials'/)).toEqual([
      'lib/background/connection.ts',
      'lib/background/connections-credentials.ts',
      'lib/background/connections-registry.ts',
      'lib/background/connections-upgrade.ts',
      'lib/background/services.ts',
    ]);
  });

  it('the single connection’s secret of before is read by the upgrade’s caller only', () => {
    const allowed = ['entrypoints/background.ts', 'lib/background/credentials.ts'];
    const reading = users(/\bcredentialsItem\b/);
    expect(reading).toContain('lib/background/credentials.ts');
    expect(reading.filter((file) => !allowed.includes(file))).toEqual([]);
  });

  it('nothing outside the background imports background internals', () => {
    const offenders = files
      .filter(
        (file) => !relative(ROOT, file).startsWith('lib/background/') && !file.endsWith('entrypoints/background.ts'),
      )
      .filter((file) => /from ['"][./]*(lib\/)?background\//.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });

  it('the background never writes to the console (a token could end up in a log)', () => {
    const logging = files
      .filter(
        (file) => relative(ROOT, file).startsWith('lib/background/') || file.endsWith('entrypoints/background.ts'),
      )
      .filter((file) => /\bconsole\.\w+\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(logging).toEqual([]);
  });
});
