import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const BIOME = join(ROOT, 'node_modules/@biomejs/biome/bin/biome');

/**
 * Runs the repository's Biome rules (biome.json, `noRestrictedImports` for pages and content scripts) over
 * planted files in a scratch copy of the layout, so the tree itself is never touched. Answers the files Biome
 * refused for a restricted import.
 */
function refusedImports(files: Record<string, string>): string[] {
  const scratch = mkdtempSync(join(tmpdir(), 'ks-imports-'));
  scratches.push(scratch);
  const config = JSON.parse(readFileSync(join(ROOT, 'biome.json'), 'utf8'));
  // The scratch copy is no git work tree, and has no node_modules for the schema.
  delete config.$schema;
  config.vcs = { enabled: false };
  writeFileSync(join(scratch, 'biome.json'), JSON.stringify(config));
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), source);
  }
  let report: string;
  try {
    report = execFileSync(BIOME, ['lint', '--only=style/noRestrictedImports', '--reporter=json', '.'], {
      cwd: scratch,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    report = (error as { stdout: string }).stdout;
  }
  const { diagnostics } = JSON.parse(report) as { diagnostics: { category: string; location: { path: string } }[] };
  return diagnostics
    .filter((diagnostic) => diagnostic.category === 'lint/style/noRestrictedImports')
    .map((diagnostic) => diagnostic.location.path.replace(/\\/g, '/').replace(/^\.\//, ''))
    .sort();
}

const scratches: string[] = [];
afterAll(() => {
  for (const scratch of scratches) rmSync(scratch, { recursive: true, force: true });
});

const uses = (specifier: string) =>
  `import { credentialsItem } from '${specifier}';\n\nexport const held = credentialsItem;\n`;

describe('pages and content scripts cannot import background storage (biome.json)', () => {
  it('refuses a planted import of the credentials or background items from every UI and content-script folder', () => {
    expect(
      refusedImports({
        'components/planted.tsx': uses('../lib/background/credentials'),
        'lib/ui/planted.ts': uses('../background/storage-items'),
        'entrypoints/sidepanel/planted.tsx': uses('../../lib/background/credentials'),
        'entrypoints/options/planted.tsx': uses('../../lib/background/storage-items'),
        'entrypoints/content.ts': uses('../lib/background/credentials'),
        'lib/page-scan/planted.ts': uses('../background/credentials'),
        // Allowed: the background itself, and the pages' own items.
        'lib/background/planted.ts': uses('./credentials'),
        'entrypoints/background.ts': uses('../lib/background/credentials'),
        'components/allowed.tsx': uses('../lib/ui/app-drafts'),
      }),
    ).toEqual([
      'components/planted.tsx',
      'entrypoints/content.ts',
      'entrypoints/options/planted.tsx',
      'entrypoints/sidepanel/planted.tsx',
      'lib/page-scan/planted.ts',
      'lib/ui/planted.ts',
    ]);
  });
});
