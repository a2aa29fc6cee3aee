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

  it('only the connection service touches the stored credentials', () => {
    const users = files
      .filter((file) => /\bcredentialsItem\b/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file))
      .sort();
    expect(users).toEqual(['lib/background/connection.ts', 'lib/background/credentials.ts']);
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
