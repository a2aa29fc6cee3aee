/**
 * The scanner's walk in an isolated world (as a content script's), on the 60,000-row table and the 300,000-node
 * page of the heavy-pages bench, in plain Chromium: a TreeWalker over elements and text reading every text
 * node (`all`), against one that reads an element without element children whole (`textContent`) and steps
 * over its text nodes when they hold no '@' (`leaf`, what `lib/page-scan/page-scanner.ts` does). Prints nodes
 * returned, total ms, and the single steps over 2 and 5 ms (the isolated world's wrapper table growing, and
 * scavenges of wrappers), alternating the two, 3 rounds, with the load. Not part of `npm run bench`.
 * Run: `npx tsx bench/heavy-pages-walk.ts`.
 */
import { loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../test/support/static-server';
import { makeFlatPage, makeTablePage } from './heavy-pages-corpus';

const server = await startStaticServer(process.cwd());
const pool = Array.from({ length: 300 }, (_, i) => `p${i}@example.org`);
server.setPage('/t.html', makeTablePage(60_000, pool).html);
server.setPage('/f.html', makeFlatPage(300_000, pool).html);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const WALK = (leaf: boolean) => `(() => {
  const w = document.createTreeWalker(document, 5);
  const steps = []; let n = 0; let at = 0; const start = performance.now();
  let skip = false;
  for (;;) {
    const a = performance.now();
    let node;
    if (skip) { skip = false; node = null; for (;;) { const s = w.nextSibling(); if (s) { node = s; break; } if (!w.parentNode()) break; } }
    else node = w.nextNode();
    if (!node) break;
    if (node.nodeType === 3) { if (node.data.includes('@')) at++; }
    else if (${leaf} && !node.firstElementChild && node.hasChildNodes()) { const t = node.textContent; if (!t.includes('@')) skip = true; }
    const d = performance.now() - a; n++; if (d > 2) steps.push(d);
  }
  return { n, at, total: +(performance.now() - start).toFixed(0), over2: steps.length, over5: steps.filter((d) => d > 5).length, max: +Math.max(0, ...steps).toFixed(1), sumOver2: +steps.reduce((a, b) => a + b, 0).toFixed(0) };
})()`;
for (const path of ['/t.html', '/f.html']) {
  for (let round = 0; round < 3; round++) {
    for (const leaf of [false, true]) {
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
          expression: WALK(leaf),
          contextId: executionContextId,
          returnByValue: true,
        })
      ).result.value;
      console.log(path, leaf ? 'leaf' : 'all ', JSON.stringify(result), 'load', loadavg()[0]?.toFixed(1));
      await page.close();
    }
  }
}
await browser.close();
await server.close();
