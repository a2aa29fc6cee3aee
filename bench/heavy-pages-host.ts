/**
 * What inserting an overlay host costs the frame after it, on the 60,000-row bench table in plain Chromium (no
 * extension): each variant is inserted into a fresh copy of the page, and the next frames' rendering steps are
 * summed from the trace in CPU time. Not part of `npm run bench`: a probe for choosing how the overlay's host is
 * placed (`lib/page-scan/address-overlay.ts`). Run: `npx tsx bench/heavy-pages-host.ts` (variants by name with
 * `KS_HOST_VARIANTS=a,b`).
 */
import { loadavg } from 'node:os';
import { chromium, type Page } from 'playwright-core';
import { startStaticServer } from '../test/support/static-server';
import { makeTablePage } from './heavy-pages-corpus';
import { STEPS as RENDER_STEPS, recordTrace } from './heavy-pages-trace';

const { style, layout, prePaint, paint, layerize, commit } = RENDER_STEPS;
const STEPS: Record<string, readonly string[]> = { style, layout, prePaint, paint, layerize, commit };

/** Each variant inserts a host (and a box inside its closed shadow root) when called in the page. */
const VARIANTS: Record<string, string> = {
  // The overlay as it is: a 0×0 absolute, contained host at z-index 0, appended to <html>.
  current: `host('position:absolute;top:0;left:0;width:0;height:0;contain:size layout style;z-index:0', 'append')`,
  // The same host before <body> (first child of <html>).
  prepend: `host('position:absolute;top:0;left:0;width:0;height:0;contain:size layout style;z-index:0', 'prepend')`,
  // Fixed, viewport-sized, strictly contained.
  fixedStrict: `host('position:fixed;top:0;left:0;width:100vw;height:100vh;contain:strict;z-index:0', 'append')`,
  // No stacking context of its own.
  autoZ: `host('position:absolute;top:0;left:0;width:0;height:0;contain:size layout style', 'append')`,
  // Any element at all: an empty span at the end of <body>'s last cell.
  spanInCell: `(() => { const cells = document.querySelectorAll('td'); cells[cells.length - 1].append(document.createElement('span')); })()`,
  // An element that takes no box.
  displayNone: `host('display:none', 'append')`,
  // Its own compositing layer.
  composited: `host('position:absolute;top:0;left:0;width:0;height:0;contain:size layout style;z-index:0;will-change:transform', 'append')`,
  // Fixed, 0×0, its own layer.
  fixedComposited: `host('position:fixed;top:0;left:0;width:0;height:0;contain:strict;z-index:0;will-change:transform', 'append')`,
  // In <body>, last.
  inBody: `host('position:absolute;top:0;left:0;width:0;height:0;contain:size layout style;z-index:0', 'body')`,
  // The top layer (a manual popover shown at once).
  popover: `host('position:fixed;top:0;left:0;width:0;height:0;contain:strict;z-index:0;margin:0;padding:0;border:0;overflow:visible', 'popover')`,
  // Nothing inserted: the frames' own cost.
  nothing: `0`,
  // content-visibility on the host.
  contentVisibility: `host('position:absolute;top:0;left:0;width:0;height:0;contain:size layout style;z-index:0;content-visibility:auto', 'append')`,
};

const HELPER = `window.host = (style, where) => {
  const element = document.createElement('div');
  const root = element.attachShadow({ mode: 'closed' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(':host{all:initial!important;pointer-events:none!important;' + style.replace(/;/g, '!important;') + '!important}' +
    '.l{position:absolute;top:0;left:0;width:0;height:0;contain:size layout style}.l>div{position:absolute;border-bottom:2px dotted #9a6700}');
  root.adoptedStyleSheets = [sheet];
  const layer = document.createElement('div');
  layer.className = 'l';
  const box = document.createElement('div');
  box.style.cssText = 'left:10px;top:10px;width:100px;height:14px';
  layer.append(box);
  root.append(layer);
  window.layer = layer;
  if (where === 'prepend') document.documentElement.prepend(element);
  else if (where === 'body') document.body.append(element);
  else if (where === 'popover') { element.popover = 'manual'; document.documentElement.append(element); element.showPopover(); }
  else document.documentElement.append(element);
  window.inserted = element;
};
window.addBox = () => {
  const box = document.createElement('div');
  box.style.cssText = 'left:10px;top:40px;width:100px;height:14px';
  window.layer.append(box);
};`;

/**
 * Variants whose host is inserted before the measured step: by a script at the top of the page's <head>,
 * before <body> exists and before the first layout (as a content script at document_start could: first in
 * tree order, so z-index 1 stacks as z-index 0 does last), or after load, 500 ms before. The step measured is
 * the overlay's first box.
 */
const EARLY = "host('position:absolute;top:0;left:0;width:0;height:0;contain:size layout style;z-index:1', 'append')";
const PRESET: Record<string, 'early' | 'late'> = { boxInEarlyHost: 'early', boxInLateHost: 'late' };
VARIANTS.boxInEarlyHost = 'addBox()';
/** What an early host costs the page's own load: the table loaded with the early host's script, against without. */
const LOADS: Record<string, string> = { loadPlain: '/table.html', loadEarlyHost: '/table-early.html' };
VARIANTS.loadPlain = '';
VARIANTS.loadEarlyHost = '';
VARIANTS.boxInLateHost = 'addBox()';

async function measure(page: Page, action: () => Promise<unknown>): Promise<Record<string, number>> {
  const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'];
  const events = await recordTrace(page, categories, async () => {
    await page.evaluate(() => performance.mark('host-trace'));
    await action();
  });
  const mark = events.find((event) => event.name === 'host-trace');
  const tid = events.find(
    (event) =>
      event.pid === mark?.pid &&
      event.ph === 'M' &&
      event.name === 'thread_name' &&
      event.args?.name === 'CrRendererMain',
  )?.tid;
  const sums: Record<string, number> = {};
  for (const [step, names] of Object.entries(STEPS)) {
    sums[step] = events
      .filter((event) => event.pid === mark?.pid && event.tid === tid && event.ph === 'X' && names.includes(event.name))
      .reduce((sum, event) => sum + (event.tdur ?? event.dur ?? 0) / 1000, 0);
  }
  return sums;
}

const server = await startStaticServer(process.cwd());
const pool = Array.from({ length: 300 }, (_, i) => `person${i}@example.org`);
const table = makeTablePage(60_000, pool).html;
server.setPage('/table.html', table);
server.setPage('/table-early.html', table.replace('<head>', `<head><script>${HELPER}; ${EARLY};</script>`));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const names = process.env.KS_HOST_VARIANTS?.split(',') ?? Object.keys(VARIANTS);
const repeats = Number(process.env.KS_HOST_REPEATS) || 2;
try {
  for (let round = 0; round < repeats; round++) {
    for (const name of names) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      const early = PRESET[name] === 'early';
      await page.goto(`${server.origin}/table${early ? '-early' : ''}.html`, { waitUntil: 'load', timeout: 60_000 });
      await page.waitForTimeout(500);
      if (PRESET[name] === 'late') {
        await page.evaluate(
          `${HELPER}; host('position:absolute;top:0;left:0;width:0;height:0;contain:size layout style;z-index:0', 'append')`,
        );
        await page.waitForTimeout(500);
      }
      await page.evaluate(() => scrollTo(0, 3000));
      await page.waitForTimeout(300);
      const steps = await measure(page, async () => {
        if (LOADS[name]) {
          // The whole load of the page (same origin, same renderer), and a second after it.
          await page.goto(`${server.origin}${LOADS[name]}`, { waitUntil: 'load', timeout: 120_000 });
          await page.waitForTimeout(1_000);
          return;
        }
        await page.evaluate(
          `${PRESET[name] ? '' : `${HELPER};`} (${VARIANTS[name]}); new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100))))`,
        );
      });
      const line = Object.entries(steps)
        .map(([step, ms]) => `${step} ${ms.toFixed(1)}`)
        .join(', ');
      console.log(`${name.padEnd(18)} ${line}  (load ${loadavg()[0]?.toFixed(2)})`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
