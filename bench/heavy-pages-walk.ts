/**
 * The scanner's walk in an isolated world (as a content script's), on the 60,000-row table and the 300,000-node
 * page of the heavy-pages bench, in plain Chromium. Three walks, alternating, 3 rounds, with the load:
 * - `all`: a TreeWalker over elements and text, reading every text node;
 * - `leaf`: what `lib/page-scan/page-scanner.ts` does: an element without element children is read whole
 *   (`textContent`) and its text nodes are stepped over when they hold no '@';
 * - `hold`: `leaf`, keeping every node it was given alive to the end (no wrapper can be collected);
 * - `filter`: `leaf`, but an element with 256 or more element children is a list: its children are filtered
 *   512 at a time by XPath (`./node()[position() > a and position() <= b][…]`), each query one step, and only
 *   the children it returns are walked. `KS_WALK_CARRIERS=1` adds what a scanner would also have to keep: a
 *   descendant with an address attribute, a `mailto:` or a frame (`descendant-or-self::*[…]`).
 * Prints the nodes returned (each gets a wrapper in the isolated world), total ms, the single steps over 2 and
 * 5 ms, and where the steps over 2 ms fell (`node number:ms`).
 *
 * What it showed (issue 14): with `hold`, the long steps fall at 8,188, 16,380, 32,764, 65,532 and 131,067
 * nodes, doubling, and grow with it (30–41 ms at 131,067, load 2.6–4.5): the isolated world's wrapper table
 * rehashing as it grows. Without `hold` they fall between too, as collected wrappers leave room. A main-world
 * walk has no such steps (its wrappers live in the nodes). No trace event covers them (no GC, style or layout).
 * `filter` returns 27,283 and 650 nodes instead of 245,464 and 180,168, at 3–6 ms per query; with the carriers,
 * 4–15 ms per query and 0.5–1.5 s in all (docs/detection.md, "Tried and not adopted").
 * Not part of `npm run bench`. Run: `npx tsx bench/heavy-pages-walk.ts`.
 */
import { loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../test/support/static-server';
import { makeFlatPage, makeTablePage } from './heavy-pages-corpus';

const MODES = ['all', 'leaf', 'hold', 'filter'] as const;
const CARRIERS =
  " or descendant-or-self::*[@email or @data-email or @data-hovercard-id or contains(@title,'@') or " +
  "contains(@href,'@') or contains(@href,'%40') or self::iframe or self::frame]";
const PREDICATE = `contains(.,'@')${process.env.KS_WALK_CARRIERS ? CARRIERS : ''}`;
const server = await startStaticServer(process.cwd());
const pool = Array.from({ length: 300 }, (_, i) => `p${i}@example.org`);
server.setPage('/t.html', makeTablePage(60_000, pool).html);
server.setPage('/f.html', makeFlatPage(300_000, pool).html);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const WALK = (mode: (typeof MODES)[number]) => `(() => {
  const leaf = ${mode !== 'all'}, hold = ${mode === 'hold'}, filter = ${mode === 'filter'};
  let w = document.createTreeWalker(document, 5);
  const outer = []; const found = []; let chunks = 0;
  const held = []; const steps = []; const where = []; let n = 0; let at = 0; const start = performance.now();
  let skip = false;
  for (;;) {
    const a = performance.now();
    let node;
    if (skip) { skip = false; node = null; for (;;) { const s = w.nextSibling(); if (s) { node = s; break; } if (!w.parentNode()) break; } }
    else node = w.nextNode();
    if (!node && found.length) { w = document.createTreeWalker(found.shift(), 5); node = w.currentNode; }
    else if (!node && outer.length) { w = outer.pop(); skip = true; continue; }
    if (!node) break;
    if (filter && node.nodeType === 1 && node.childElementCount >= 256) {
      // One step per query: the list's children that may hold an address, each walked afterwards.
      const count = node.childNodes.length;
      for (let from = 0; from < count; from += 512) {
        const q = performance.now();
        const r = document.evaluate('./node()[position()>' + from + ' and position()<=' + (from + 512) + '][' + ${JSON.stringify(PREDICATE)} + ']', node, null, 7, null);
        for (let i = 0; i < r.snapshotLength; i++) found.push(r.snapshotItem(i));
        const d = performance.now() - q; chunks++;
        if (d > 2) { steps.push(d); where.push(n + ':' + d.toFixed(0)); }
      }
      outer.push(w); w = document.createTreeWalker(document.createTextNode(''), 5);
      continue;
    }
    if (hold) held.push(node);
    if (node.nodeType === 3) { if (node.data.includes('@')) at++; }
    else if (leaf && !node.firstElementChild && node.hasChildNodes()) { const t = node.textContent; if (!t.includes('@')) skip = true; }
    const d = performance.now() - a; n++;
    if (d > 2) { steps.push(d); where.push(n + ':' + d.toFixed(0)); }
  }
  return { n, at, chunks, total: +(performance.now() - start).toFixed(0), over2: steps.length, over5: steps.filter((d) => d > 5).length, max: +Math.max(0, ...steps).toFixed(1), held: held.length, where: where.join(' ') };
})()`;
for (const path of ['/t.html', '/f.html']) {
  for (let round = 0; round < 3; round++) {
    for (const mode of MODES) {
      const page = await browser.newPage();
      await page.goto(`${server.origin}${path}`);
      await page.waitForTimeout(300);
      const cdp = await page.context().newCDPSession(page);
      const { frameTree } = await cdp.send('Page.getFrameTree');
      const { executionContextId } = await cdp.send('Page.createIsolatedWorld', {
        frameId: frameTree.frame.id,
        worldName: 'probe',
      });
      const result = (
        await cdp.send('Runtime.evaluate', {
          expression: WALK(mode),
          contextId: executionContextId,
          returnByValue: true,
        })
      ).result.value;
      console.log(path, mode.padEnd(4), JSON.stringify(result), 'load', loadavg()[0]?.toFixed(1));
      await page.close();
    }
  }
}
await browser.close();
await server.close();
