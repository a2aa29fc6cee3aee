import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Kustomer's published OpenAPI spec (the copy in this folder, see README.md) and the operations it lists.
 * Paths in the spec are relative to its server `https://api.kustomerapp.com/v1`; requests are matched here by
 * their `/v1/...` path.
 */

export type JsonSchema = Record<string, unknown>;

export interface SpecOperation {
  /** e.g. 'CreateNote' */
  id: string;
  method: string;
  /** The spec's template, with `/v1`: '/v1/customers/email={email}'. */
  template: string;
  /** Media type → schema of the request body; absent when the operation takes no body. */
  requestBody?: { required: boolean; content: Record<string, JsonSchema | undefined> };
  /** Status → media type → schema. */
  responses: Record<string, Record<string, JsonSchema | undefined>>;
}

interface RawOperation {
  operationId: string;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

// A path, not a URL object: under a DOM test environment the global URL is not Node's.
const SPEC_FILE = join(dirname(fileURLToPath(import.meta.url)), 'kustomer-openapi.json');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** A segment of a path template: literal text, a whole parameter, or a literal prefix then a parameter. */
type Segment = { kind: 'literal'; text: string } | { kind: 'param'; prefix: string; name: string };

interface PathEntry {
  template: string;
  segments: Segment[];
  operations: Map<string, SpecOperation>;
}

function parseSegment(text: string): Segment {
  // '{email}', 'email={email}', and the spec's one Express-style 'externalid=:externalId'.
  const match = /^(.*?)(?:\{([^}]+)\}|:([A-Za-z]+))$/.exec(text);
  if (!match) return { kind: 'literal', text };
  return { kind: 'param', prefix: match[1] ?? '', name: match[2] ?? match[3] ?? '' };
}

/** Replaces internal `$ref`s (`#/components/...`) by what they point at (the copy has none today; kept for updates). */
function resolveRefs(node: unknown, root: Record<string, unknown>, seen: Set<string> = new Set()): unknown {
  if (Array.isArray(node)) return node.map((item) => resolveRefs(item, root, seen));
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  const ref = record.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    if (seen.has(ref)) throw new Error(`Recursive $ref ${ref} is not supported`);
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) target = (target as Record<string, unknown> | undefined)?.[part];
    if (target === undefined) throw new Error(`Unresolved $ref ${ref}`);
    return resolveRefs(target, root, new Set([...seen, ref]));
  }
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, resolveRefs(value, root, seen)]));
}

function toOperation(method: string, template: string, raw: RawOperation): SpecOperation {
  const content = (entries: Record<string, { schema?: JsonSchema }> | undefined) =>
    Object.fromEntries(Object.entries(entries ?? {}).map(([type, media]) => [type, media.schema]));
  const operation: SpecOperation = {
    id: raw.operationId,
    method: method.toUpperCase(),
    template,
    responses: Object.fromEntries(
      Object.entries(raw.responses ?? {}).map(([status, response]) => [status, content(response.content)]),
    ),
  };
  if (raw.requestBody) {
    operation.requestBody = { required: raw.requestBody.required === true, content: content(raw.requestBody.content) };
  }
  return operation;
}

function loadPaths(): PathEntry[] {
  const text = readFileSync(SPEC_FILE, 'utf8');
  const spec = JSON.parse(text) as Record<string, unknown>;
  // Walking 4 MB to resolve references costs a few hundred ms; the copy has none today.
  const paths = (text.includes('"$ref"') ? resolveRefs(spec.paths, spec) : spec.paths) as Record<
    string,
    Record<string, RawOperation>
  >;
  return Object.entries(paths).map(([path, item]) => {
    const template = `/v1${path}`;
    const operations = new Map<string, SpecOperation>();
    for (const method of METHODS) {
      const raw = item[method];
      if (raw) operations.set(method.toUpperCase(), toOperation(method, template, raw));
    }
    return { template, segments: path.split('/').filter(Boolean).map(parseSegment), operations };
  });
}

let cached: PathEntry[] | undefined;
function paths(): PathEntry[] {
  cached ??= loadPaths();
  return cached;
}

/** Loads the spec now (the sandbox does at start, so that its first request is not the slow one). */
export function loadSpec(): void {
  paths();
}

/** Every operation of the spec. */
export function specOperations(): SpecOperation[] {
  return paths().flatMap((entry) => [...entry.operations.values()]);
}

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/**
 * How well a template fits a concrete path, segment by segment (higher is more specific), or null.
 * A literal segment beats `prefix={param}`, which beats a bare `{param}`. Two bare parameters in the same place
 * (`/klasses/{id}` and `/klasses/{name}`) are told apart by the value: an object id goes to `{id}`.
 */
function fitScore(segments: Segment[], concrete: string[]): number[] | null {
  if (segments.length !== concrete.length) return null;
  const score: number[] = [];
  for (const [index, segment] of segments.entries()) {
    const value = concrete[index] ?? '';
    if (segment.kind === 'literal') {
      if (segment.text !== value) return null;
      score.push(4);
    } else if (segment.prefix) {
      if (!value.startsWith(segment.prefix) || value.length === segment.prefix.length) return null;
      score.push(3);
    } else if (segment.name === 'id') {
      score.push(OBJECT_ID.test(value) ? 2 : 0);
    } else {
      score.push(1);
    }
  }
  return score;
}

function compareScores(a: number[], b: number[]): number {
  for (let index = 0; index < a.length; index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

export type OperationMatch =
  | { kind: 'operation'; operation: SpecOperation }
  /** The most specific path of the spec that fits has no such method (e.g. DELETE /v1/conversations/bulk). */
  | { kind: 'method-not-in-spec'; template: string }
  /** No path of the spec fits (users, sub-statuses, auth tokens, bulk job status, ...). */
  | { kind: 'path-not-in-spec' };

/**
 * The spec's operation for a method and a concrete path such as `/v1/customers/email=a%40b.c`. The most specific
 * fitting template wins; among equally specific ones, one that has the method.
 */
export function findOperation(method: string, path: string): OperationMatch {
  if (!path.startsWith('/v1/')) return { kind: 'path-not-in-spec' };
  const concrete = path.slice('/v1'.length).split('/').filter(Boolean);
  let best: { score: number[]; entries: PathEntry[] } | undefined;
  for (const entry of paths()) {
    const score = fitScore(entry.segments, concrete);
    if (!score) continue;
    const order = best ? compareScores(score, best.score) : 1;
    if (order > 0) best = { score, entries: [entry] };
    else if (order === 0) best?.entries.push(entry);
  }
  if (!best) return { kind: 'path-not-in-spec' };
  const upper = method.toUpperCase();
  for (const entry of best.entries) {
    const operation = entry.operations.get(upper);
    if (operation) return { kind: 'operation', operation };
  }
  return { kind: 'method-not-in-spec', template: best.entries[0]?.template ?? path };
}
