import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** True when the file binds the name `name` (a variable, a parameter) or uses it as a shorthand property. */
function bindsName(source: string, name: string): boolean {
  const file = ts.createSourceFile('file.ts', source, ts.ScriptTarget.Latest, true);
  let found = false;
  const visit = (node: ts.Node): void => {
    if (
      (ts.isParameter(node) || ts.isVariableDeclaration(node)) &&
      ts.isIdentifier(node.name) &&
      node.name.text === name
    ) {
      found = true;
    }
    if (ts.isShorthandPropertyAssignment(node) && node.name.text === name) found = true;
    node.forEachChild(visit);
  };
  visit(file);
  return found;
}

/**
 * WXT auto-imports `storage` (@wxt-dev/storage) into a module that names a bare `storage`, even one it binds
 * itself as a parameter: the connections store's `storage` parameter pulled 2,747 B gzip into the worker, which
 * has its own storage items (lib/storage-item.ts). The worker binds no such name.
 */
describe('names WXT would auto-import', () => {
  it('no module of the worker binds the name storage', () => {
    const files = [...sourceFiles(join(ROOT, 'lib/background')), join(ROOT, 'entrypoints/background.ts')];
    const binding = files
      .filter((file) => bindsName(readFileSync(file, 'utf8'), 'storage'))
      .map((file) => relative(ROOT, file));
    expect(binding).toEqual([]);
  });

  it('finds a planted parameter', () => {
    expect(bindsName('export function f(storage: unknown) { return storage; }', 'storage')).toBe(true);
    expect(bindsName('export const o = { storage: 1 };', 'storage')).toBe(false);
  });
});
