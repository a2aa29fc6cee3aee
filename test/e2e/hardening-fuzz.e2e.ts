import { ADA } from '../sandbox/fixtures';
import { CONTENT_SCRIPT_REQUESTS, REQUEST_TYPES } from '../support/request-types';
import { expect, test } from './fixtures';
import {
  collectConsole,
  connectWithKey,
  currentWorker,
  inContentScript,
  openWithDetection,
  send,
} from './hardening-helpers';
import { sandboxForFile } from './sandbox-for-file';

/**
 * Message fuzzing: over a thousand malformed, oversized, unknown and non-JSON messages reach the
 * background from a content script (and some from an extension page). Each is refused or rejected as
 * invalid (non-request shapes get no answer); the worker never crashes and still works afterwards.
 */

const sandbox = sandboxForFile({ resetBeforeEach: false });

const CONTENT_MESSAGES = 1050;
const PAGE_MESSAGES = 150;

interface Outcome {
  /** Index of the generated message and its family. */
  index: number;
  family: string;
  /** What the sender meant: `event` shape without a type expects no answer. */
  expectsNoAnswer: boolean;
  type: string | null;
  answer: unknown;
  /** The browser refused to send it (not serialisable); nothing reached the background. */
  sendError?: string;
  /** Round trip in ms. */
  ms: number;
}

/**
 * Generates and sends the messages inside the sender's context, so that non-JSON values (functions,
 * BigInt, cycles) exist for real. Runs as source in another world: everything it needs is inside it.
 */
const fuzz = async ({
  count,
  seed,
  types,
  pageSafe,
}: {
  count: number;
  seed: number;
  types: string[];
  pageSafe: boolean;
}) => {
  let state = seed >>> 0;
  const random = () => {
    // mulberry32: deterministic, so a failure can be replayed with the same seed.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const text = (length: number) =>
    Array.from({ length }, () =>
      String.fromCharCode(pick([32, 48, 64, 65, 97, 0x202e, 0xd800, 0x1f600, 60, 34]) + Math.floor(random() * 10)),
    ).join('');
  const deep = (depth: number) => {
    let value: unknown = { leaf: true };
    for (let level = 0; level < depth; level += 1) value = random() < 0.5 ? { next: value } : [value];
    return value;
  };
  const scalar = (): unknown =>
    pick([
      () => null,
      () => true,
      () => -1,
      () => 1e308,
      () => Number.NaN,
      () => Number.POSITIVE_INFINITY,
      () => '',
      () => text(1 + Math.floor(random() * 40)),
      () => 'ada.lovelace@example.com',
      () => '../../etc/passwd',
      () => 'javascript:alert(1)',
      () => '<img src=x onerror=alert(1)>',
    ])();
  const value = (depth = 0): unknown => {
    if (depth > 3 || random() < 0.4) return scalar();
    if (random() < 0.5) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
    const object: Record<string, unknown> = {};
    for (let key = 0; key < Math.floor(random() * 4); key += 1) {
      object[pick(['email', 'tabId', 'input', 'type', 'write', 'patch', 'origin', 'id', text(5)])] = value(depth + 1);
    }
    return object;
  };
  const polluting = () =>
    JSON.parse(
      pick([
        '{"__proto__":{"polluted":"yes","isAdmin":true}}',
        '{"constructor":{"prototype":{"polluted":"yes"}}}',
        '{"email":"a@b.co","__proto__":{"how":"click"}}',
        '{"write":{"kind":"createNote","__proto__":{"body":"x"}}}',
        '{"patch":{"__proto__":{"paused":true}}}',
      ]),
    );
  const nonJson = (): unknown =>
    pick([
      () => () => 1,
      () => Symbol('s'),
      () => BigInt(9),
      () => undefined,
      () => new Date(0),
      () => /re/g,
      () => new Map([[1, 2]]),
      () => new Set([1]),
      () => new Uint8Array(4),
      () => {
        const cycle: Record<string, unknown> = {};
        cycle.self = cycle;
        return cycle;
      },
      () => new Error('boom'),
    ])();

  const families: Record<string, () => { message: unknown; expectsNoAnswer: boolean }> = {
    randomType: () => ({
      message: { type: text(1 + Math.floor(random() * 30)), input: value() },
      expectsNoAnswer: false,
    }),
    knownTypeBadInput: () => {
      let input = value();
      // From an extension page, `{}`/undefined would be valid for requests without input; keep it malformed.
      if (
        pageSafe &&
        (input === undefined || input === null || typeof input !== 'object' || Object.keys(input).length === 0)
      ) {
        input = { unexpected: input ?? 'x' };
      }
      return { message: { type: pick(types), input }, expectsNoAnswer: false };
    },
    prototypePollution: () => {
      // valibot skips `__proto__`, `prototype` and `constructor` keys (never copies them), so an input made
      // only of them reads as `{}`, which is valid for requests without input: from a page, add a real stray key.
      const input = pageSafe ? { ...polluting(), unexpected: 1 } : polluting();
      return {
        message:
          random() < 0.5
            ? { type: pick(types), input }
            : { ...polluting(), type: pick(types), ...(pageSafe ? { input: { unexpected: 1 } } : {}) },
        expectsNoAnswer: false,
      };
    },
    wrongTypes: () => ({
      message: pick<unknown>([
        { type: 42, input: {} },
        { type: ['getConnections'], input: {} },
        { type: { toString: 'getConnections' }, input: {} },
        { type: null },
        { type: 'getConnections', input: 'string' },
        { type: 'lookupEmail', input: { email: 12 } },
        { type: 'getPageCustomers', input: { tabId: '1' } },
        { type: 'pageEmailsDetected', input: { emails: 'ada@example.com', url: 1 } },
        { type: 'showCustomerFromPage', input: { email: 'ada.lovelace@example.com', how: 'eval' } },
        'getConnections',
        42,
        null,
        [1, 2, 3],
        true,
      ]),
      expectsNoAnswer: false,
    }),
    hugeString: () => ({
      message: {
        type: pick(['lookupEmail', 'pageEmailsDetected', 'searchCustomers', 'showCustomerFromPage']),
        input: { email: 'a'.repeat(pick([300, 5_000, 100_000, 600_000])), url: 'x', query: 'q', how: 'click' },
      },
      expectsNoAnswer: false,
    }),
    hugeArray: () => ({
      message: {
        type: 'pageEmailsDetected',
        input: {
          emails: Array.from({ length: pick([2_001, 2_001, 5_000, 40_000]) }, (_, i) => `u${i}@x.io`),
          url: 'x',
        },
      },
      expectsNoAnswer: false,
    }),
    nested: () => ({
      message: { type: pick(types), input: deep(pick([20, 200, 2_000, 10_000])) },
      expectsNoAnswer: false,
    }),
    nonJson: () => ({
      message: { type: pick(types), input: { email: nonJson(), value: nonJson() } },
      expectsNoAnswer: false,
    }),
    notARequest: () => ({
      message: pick<unknown>([
        { event: 'pageChanged', tabId: 1 },
        { event: 'connectionChanged', status: { state: 'connected' } },
        { event: 'stopDetection' },
        { event: text(8) },
      ]),
      expectsNoAnswer: true,
    }),
  };
  const names = Object.keys(families);
  const outcomes: unknown[] = [];
  for (let index = 0; index < count; index += 1) {
    // Heavy families are rarer so the run stays bounded.
    let family = names[index % names.length] as string;
    if ((family === 'hugeString' || family === 'hugeArray' || family === 'nested') && random() < 0.8)
      family = 'randomType';
    const { message, expectsNoAnswer } = (families[family] as () => { message: unknown; expectsNoAnswer: boolean })();
    const type =
      typeof message === 'object' && message !== null && typeof (message as { type?: unknown }).type === 'string'
        ? (message as { type: string }).type
        : null;
    const outcome: Record<string, unknown> = { index, family, expectsNoAnswer, type: type?.slice(0, 60) ?? null };
    const sentAt = performance.now();
    try {
      outcome.answer = (await chrome.runtime.sendMessage(message)) ?? null;
    } catch (error) {
      outcome.sendError = String(error).slice(0, 200);
    }
    outcome.ms = Math.round(performance.now() - sentAt);
    outcomes.push(outcome);
  }
  return outcomes;
};

test('over a thousand malformed messages are refused one by one, and the extension still works', async ({
  extension,
  pages,
}) => {
  test.setTimeout(90_000);
  const consoleLines = collectConsole(extension);
  const options = await extension.openExtensionPage('options.html');
  expect(await connectWithKey(options, sandbox)).toMatchObject({ ok: true });
  const { tabId } = await openWithDetection(extension, options, `${pages.origin}/hostile/attacker.html#x`);
  const worker = await currentWorker(extension);
  await worker.evaluate(() => Object.assign(globalThis, { __fuzzMarker: 'same worker' }));

  const started = Date.now();
  const fromContent = (await inContentScript(extension, tabId, fuzz, {
    count: CONTENT_MESSAGES,
    seed: 9,
    types: [...REQUEST_TYPES],
    pageSafe: false,
  })) as Outcome[];
  const fromPage = (await options.evaluate(
    `(${fuzz.toString()})(${JSON.stringify({
      count: PAGE_MESSAGES,
      seed: 10,
      types: [...REQUEST_TYPES],
      pageSafe: true,
    })})`,
  )) as Outcome[];
  const elapsedMs = Date.now() - started;
  test.info().annotations.push({
    type: 'fuzz',
    description: `${fromContent.length + fromPage.length} messages in ${elapsedMs} ms`,
  });
  console.log(`fuzz: ${fromContent.length + fromPage.length} messages in ${elapsedMs} ms`);
  expect(elapsedMs).toBeLessThan(45_000);
  expect(fromContent).toHaveLength(CONTENT_MESSAGES);
  expect(fromPage).toHaveLength(PAGE_MESSAGES);

  const sent = [...fromContent, ...fromPage].filter((outcome) => outcome.sendError === undefined);
  // Only values the browser cannot serialise stay behind; at least a thousand messages reached the worker.
  expect(sent.length).toBeGreaterThanOrEqual(1000);
  for (const outcome of [...fromContent, ...fromPage].filter((o) => o.sendError !== undefined)) {
    expect(outcome.family, outcome.sendError).toMatch(/nonJson|nested|hugeArray|hugeString/);
  }

  const describe = (outcome: Outcome) =>
    `#${outcome.index} ${outcome.family} ${outcome.type}: ${JSON.stringify(outcome.answer)?.slice(0, 200)}`;
  for (const outcome of fromContent.filter((o) => o.sendError === undefined)) {
    if (outcome.expectsNoAnswer) {
      expect(outcome.answer, describe(outcome)).toBeNull();
      continue;
    }
    const answer = outcome.answer as { ok?: boolean; error?: { kind?: string; message?: string } };
    if (answer?.ok === true) {
      // Only a content script's own requests can succeed, and only with a valid input.
      expect(CONTENT_SCRIPT_REQUESTS, describe(outcome)).toContain(outcome.type);
      continue;
    }
    expect(answer, describe(outcome)).toMatchObject({
      ok: false,
      error: { kind: expect.stringMatching(/^(refused|invalid_message)$/) },
    });
    expect(answer.error?.message?.length, describe(outcome)).toBeGreaterThan(5);
    if (
      outcome.type &&
      !CONTENT_SCRIPT_REQUESTS.includes(outcome.type) &&
      REQUEST_TYPES.includes(outcome.type as never)
    ) {
      // A page-only request from a content script is refused before its input is even read… unless too large.
      expect(answer.error?.kind, describe(outcome)).toMatch(/refused|invalid_message/);
    }
  }
  for (const outcome of fromPage.filter((o) => o.sendError === undefined && !o.expectsNoAnswer)) {
    const answer = outcome.answer as { ok?: boolean; error?: { kind?: string } };
    expect(answer, describe(outcome)).toMatchObject({
      ok: false,
      error: { kind: expect.stringMatching(/^(refused|invalid_message)$/) },
    });
  }
  const kinds = new Set(sent.map((o) => (o.answer as { error?: { kind?: string } } | null)?.error?.kind ?? 'none'));
  expect([...kinds].sort()).toEqual(expect.arrayContaining(['invalid_message', 'refused']));

  // No crash, no restart, no prototype pollution, nothing logged as an error.
  const after = await currentWorker(extension);
  expect(await after.evaluate(() => (globalThis as { __fuzzMarker?: string }).__fuzzMarker)).toBe('same worker');
  expect(
    await after.evaluate(() => ({
      polluted: ({} as Record<string, unknown>).polluted,
      admin: ({} as Record<string, unknown>).isAdmin,
    })),
  ).toEqual({});
  expect(consoleLines.filter((line) => line.startsWith('worker') && / error: /.test(line))).toEqual([]);

  // Still works: settings untouched, a lookup goes through the protocol, the page list answers.
  expect(await send(options, 'getSettings')).toMatchObject({ ok: true, value: { paused: false, enabledSites: [] } });
  expect(await send(options, 'lookupEmail', { email: ADA.email, refresh: true })).toMatchObject({
    ok: true,
    value: { status: 'known', answers: [{ card: { customer: { id: ADA.id } } }] },
  });
  expect(await send(options, 'getPageCustomers', { tabId })).toMatchObject({
    ok: true,
    value: { detectionActive: true },
  });
  const panel = await extension.openExtensionPage('sidepanel.html');
  await panel.getByRole('searchbox', { name: 'Search customers' }).fill('Ada');
  await panel.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(
    panel.getByRole('list', { name: 'Search results' }).getByRole('button', { name: /Ada Lovelace/ }),
  ).toBeVisible();
});
