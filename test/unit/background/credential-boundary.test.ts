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

  it('only the upgrade at worker start touches the stored credential of the single connection', () => {
    // The secret of the one connection of before is read once more, to move it to the first organisation's key
    // (connections-upgrade.ts, called from the entrypoint). connection.ts holds `org-0`'s through the bridge.
    const users = files
      .filter((file) =>
        /import\s*{[^}]*\bcredentialsItem\b[^}]*}\s*from\s*'[./]*(lib\/background\/)?credentials'/.test(
          readFileSync(file, 'utf8'),
        ),
      )
      .map((file) => relative(ROOT, file))
      .sort();
    expect(users).toEqual(['entrypoints/background.ts']);
  });

  it('only the connection service and the upgrade hold a secret of the list of connections', () => {
    const users = files
      .filter((file) => /\bcreateCredentialStore\(|\bsingleCredentialsItem\b/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file))
      .sort();
    expect(users).toEqual([
      'lib/background/connection.ts',
      'lib/background/connections-credentials.ts',
      'lib/background/connections-upgrade.ts',
      'lib/background/single-connection-bridge.ts',
    ]);
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
