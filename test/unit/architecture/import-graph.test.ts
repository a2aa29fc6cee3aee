import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Each source file's relative imports (type-only ones too: they say who depends on whom). */
function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const imports = [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s*['"](\.[^'"]+)['"]/g)];
    const targets = imports
      .map(([, specifier = '']) => resolve(dirname(file), specifier))
      .map((base) => [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((path) => existsSync(path)))
      .filter((path): path is string => path !== undefined);
    graph.set(file, targets);
  }
  return graph;
}

/** The import cycles of a graph, each as the files around it. */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push(path.slice(path.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

describe('the import graph', () => {
  it('has no cycles, so it tells which module depends on which', () => {
    const files = ['lib', 'components', 'entrypoints'].flatMap((folder) => sourceFiles(join(ROOT, folder)));
    const cycles = cyclesOf(importGraph(files)).map((cycle) => cycle.map((file) => relative(ROOT, file)));
    expect(cycles).toEqual([]);
  });

  it('finds a planted cycle', () => {
    const graph = new Map([
      ['site-access.ts', ['settings.ts']],
      ['settings.ts', ['page-detections.ts']],
      ['page-detections.ts', ['site-access.ts']],
      ['lookup.ts', ['settings.ts']],
    ]);
    expect(cyclesOf(graph)).toEqual([['site-access.ts', 'settings.ts', 'page-detections.ts']]);
  });
});
