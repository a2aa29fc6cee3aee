/**
 * Generated pages for the heavy-pages bench (bench/heavy-pages.ts): never committed, built in memory per run.
 * Every page carries the frame-rate and Long Animation Frames probe (`FRAME_PROBE`) in its <head>, so it runs
 * in the page's own world before anything else.
 */

/** A bench page and what the extension should find on it. */
export interface HeavyPage {
  name: string;
  html: string;
  /** Distinct addresses on the page. */
  addresses: string[];
  /** Occurrences of addresses (text). */
  occurrences: number;
  nodes: number;
}

/**
 * The page's own probe: records every long animation frame (buffered from the start) and scrolls itself for a
 * given time, counting its own frames. Exposed as `window.heavyBench`. A string, not a function, so that no
 * bundler helper leaks into the page.
 */
export const FRAME_PROBE = `
  window.heavyBench = (() => {
    const frames = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) frames.push({
        start: entry.startTime, duration: entry.duration, blocking: entry.blockingDuration,
        render: entry.renderStart ? entry.startTime + entry.duration - entry.renderStart : 0,
        scripts: entry.scripts.map((script) => ({ url: script.sourceURL, duration: script.duration,
          layout: script.forcedStyleAndLayoutDuration, invoker: script.invoker })),
      });
    }).observe({ type: 'long-animation-frame', buffered: true });
    return {
      /** Long animation frames that started at or after \`since\` (performance.now()). */
      framesSince: (since) => frames.filter((frame) => frame.start >= since),
      /** Scrolls down (wrapping to the top) one step per frame for \`ms\`; returns frames per second. */
      scroll: (ms, step) => new Promise((resolve) => {
        const started = performance.now();
        let count = 0;
        const tick = (now) => {
          count++;
          if (now - started >= ms) return resolve({ fps: (count * 1000) / (now - started), started });
          const bottom = document.documentElement.scrollHeight - innerHeight;
          if (scrollY + step > bottom) scrollTo(0, 0); else scrollBy(0, step);
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    };
  })();
`;

const page = (title: string, style: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>${style}</style>` +
  `<script>${FRAME_PROBE}</script></head><body>${body}</body></html>`;

/**
 * A flat page of `nodes` nodes (rows of `<div><span>…</span><span>…</span></div>`, 5 nodes each) with the
 * first `inView` addresses in the first rows (in view on load) and one more every `every` rows.
 */
export function makeFlatPage(nodes: number, pool: readonly string[], inView = 12, every = 400): HeavyPage {
  const rows: string[] = [];
  const used = new Set<string>();
  let occurrences = 0;
  const rowCount = Math.ceil(nodes / 5);
  for (let i = 0; i < rowCount; i++) {
    const email = i < inView ? pool[i % pool.length] : i % every === 0 ? pool[(i / every) % pool.length] : undefined;
    if (email) {
      used.add(email);
      occurrences++;
    }
    rows.push(
      `<div><span>Row ${i}</span><span>${email ? `Contact ${email} today` : `status ${i % 7} updated`}</span></div>`,
    );
  }
  return {
    name: `${nodes.toLocaleString('en')} nodes`,
    html: page('Flat', 'body{font:14px sans-serif}', rows.join('')),
    addresses: [...used],
    occurrences,
    nodes: rowCount * 5,
  };
}

/**
 * An admin table of `rows` rows in narrow columns with an address in every `every`-th row, cycling through the
 * whole pool (300 addresses: 5,455 occurrences over 60,000 rows at every = 11).
 */
export function makeTablePage(rows: number, pool: readonly string[], every = 11): HeavyPage {
  const cells: string[] = [];
  let occurrences = 0;
  for (let i = 0; i < rows; i++) {
    const email = i % every === 0 ? pool[(i / every) % pool.length] : undefined;
    if (email) occurrences++;
    cells.push(`<tr><td>${i}</td><td>${email ?? `user ${i % 97}`}</td><td>open</td></tr>`);
  }
  return {
    name: `${rows.toLocaleString('en')} rows, ${occurrences.toLocaleString('en')} occurrences of ${pool.length} addresses`,
    html: page(
      'Table',
      'body{font:13px sans-serif}table{border-collapse:collapse}td{padding:1px 4px;width:9em;max-width:9em;overflow-wrap:anywhere}',
      `<table><tbody>${cells.join('')}</tbody></table>`,
    ),
    addresses: [...pool],
    occurrences,
    nodes: rows * 7 + 3,
  };
}
