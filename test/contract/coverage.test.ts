import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { methodNameForAction } from '../../lib/kustomer/action-names';
import { createKustomerClient } from '../../lib/kustomer/client';

interface Action {
  id: string;
  method: string;
  path: string;
  source: string;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Copied from the workplace's shared/kustomer/actions.json; tests never read outside the repo.
const COMMITTED_ACTIONS = join(REPO_ROOT, 'lib', 'kustomer', 'actions.json');
const CONTRACT_DIR = join(REPO_ROOT, 'test', 'contract');
const DOCS = join(REPO_ROOT, 'docs', 'kustomer-api.md');

function readActions(path: string): Action[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { actions: Action[] }).actions;
}

const actions = readActions(COMMITTED_ACTIONS);
const client = createKustomerClient({ baseUrl: 'http://127.0.0.1:9', getToken: async () => 'unused' });

interface Block {
  tests: number;
  /** Tests that expect a failure through the `rejection` helper. */
  errorPaths: number;
}

/** Each `describe('<action id>', …)` block of the contract tests, with the number of tests inside it. */
function contractBlocks(): Map<string, Block> {
  const blocks = new Map<string, Block>();
  for (const file of readdirSync(CONTRACT_DIR).filter((name) => name.endsWith('.test.ts'))) {
    const source = readFileSync(join(CONTRACT_DIR, file), 'utf8');
    const starts = [...source.matchAll(/^describe\('([a-z_]+)',/gm)];
    starts.forEach((match, index) => {
      const end = starts[index + 1]?.index ?? source.length;
      const body = source.slice(match.index, end);
      const tests = body.split(/^\s+it\(/m).slice(1);
      const previous = blocks.get(match[1] as string) ?? { tests: 0, errorPaths: 0 };
      blocks.set(match[1] as string, {
        tests: previous.tests + tests.length,
        errorPaths: previous.errorPaths + tests.filter((test) => test.includes('rejection(')).length,
      });
    });
  }
  return blocks;
}

describe('action coverage', () => {
  it('reads the 64 actions', () => {
    expect(actions).toHaveLength(64);
  });

  it.each(actions.map((action) => [action.id, methodNameForAction(action.id)]))(
    '%s has the client method %s',
    (_id, method) => {
      expect(typeof (client as unknown as Record<string, unknown>)[method]).toBe('function');
    },
  );

  it('has a contract describe block with a success and an error test for every action', () => {
    const blocks = contractBlocks();
    const missing = actions
      .filter((action) => {
        const block = blocks.get(action.id);
        return !block || block.errorPaths < 1 || block.tests - block.errorPaths < 1;
      })
      .map((action) => action.id);
    expect(missing).toEqual([]);
  });

  it('has no contract describe block named after an action that does not exist', () => {
    const ids = new Set(actions.map((action) => action.id));
    const unknown = [...contractBlocks().keys()].filter((id) => id.includes('_') && !ids.has(id));
    expect(unknown).toEqual([]);
  });
});

describe('docs/kustomer-api.md', () => {
  const rows = new Map(
    readFileSync(DOCS, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|').map((cell) => cell.trim()))
      .map((cells) => [cells[1]?.replaceAll('`', ''), cells] as const),
  );

  it.each(actions.map((action) => [action.id, action]))('documents %s as in actions.json', (id, action) => {
    const cells = rows.get(id);
    expect(cells, `no row for ${id}`).toBeDefined();
    expect(cells?.[2]).toBe(`\`${action.method} ${action.path}\``);
    expect(cells?.[3]).toBe(`\`${methodNameForAction(action.id)}\``);
    expect(cells?.[4]).toBe(action.source);
  });

  it('has no row for an action that does not exist', () => {
    const ids = new Set(actions.map((action) => action.id));
    expect([...rows.keys()].filter((id) => !ids.has(id ?? ''))).toEqual([]);
  });
});
