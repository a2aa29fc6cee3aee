import type { Page } from '@playwright/test';
import { makeCorpusPage } from '../../bench/detection-corpus';
import type { LaunchedExtension } from '../support/launch-extension';
import type { StaticServer } from '../support/static-server';
import { expect, test } from './fixtures';
import { inContentScript, tabIdOf } from './hardening-helpers';

interface RecordedMessage {
  type?: string;
  input?: { emails?: string[]; url?: string; email?: string; how?: string };
}

/** Records every runtime message the service worker receives (the background may not handle them yet). */
async function recordMessages(extension: LaunchedExtension): Promise<void> {
  await extension.serviceWorker.evaluate(() => {
    const scope = globalThis as unknown as { recorded?: unknown[] };
    scope.recorded = [];
    chrome.runtime.onMessage.addListener((message) => {
      scope.recorded?.push(message);
      return undefined;
    });
  });
}

async function recorded(extension: LaunchedExtension, type: string): Promise<RecordedMessage[]> {
  const all = await extension.serviceWorker.evaluate(
    () => (globalThis as unknown as { recorded?: unknown[] }).recorded ?? [],
  );
  return (all as RecordedMessage[]).filter((message) => message.type === type);
}

async function lastReported(extension: LaunchedExtension): Promise<string[]> {
  const reports = await recorded(extension, 'pageEmailsDetected');
  return [...(reports.at(-1)?.input?.emails ?? [])].sort();
}

/** What the agent's "run once on this tab" does: executeScript of the content script into every frame. */
async function injectDetection(extension: LaunchedExtension, url: string): Promise<void> {
  await extension.serviceWorker.evaluate(async (target) => {
    const tab = (await chrome.tabs.query({})).find((candidate) => candidate.url === target);
    if (tab?.id === undefined) throw new Error(`No tab shows ${target}`);
    await chrome.scripting.executeScript({
      target: { tabId: tab.id, allFrames: true },
      files: ['content-scripts/content.js'],
    });
  }, url);
}

async function openWithDetection(extension: LaunchedExtension, pages: StaticServer, path: string): Promise<Page> {
  await recordMessages(extension);
  const page = await extension.context.newPage();
  const url = `${pages.origin}${path}`;
  await page.goto(url);
  await injectDetection(extension, url);
  return page;
}

/**
 * Texts of the addresses the overlay marks, read from the content script's isolated world: the test build keeps
 * them per document under `__ksMarked` (lib/page-scan/address-overlay.ts); the page's world has no way to read
 * them, and nothing of the marks is in the page's reach but the overlay's empty host. `frame` picks a
 * same-origin child frame, whose document the top page's scanner marks.
 */
async function markedTexts(extension: LaunchedExtension, page: Page, frame?: string): Promise<string[]> {
  const tabId = await tabIdOf(extension, page.url());
  return inContentScript(
    extension,
    tabId,
    (frameSelector) => {
      const marked = (globalThis as { __ksMarked?: Map<Document, () => string[]> }).__ksMarked;
      const target = frameSelector
        ? (document.querySelector(frameSelector) as HTMLIFrameElement | null)?.contentDocument
        : document;
      return (target && marked?.get(target)?.()) ?? [];
    },
    frame ?? null,
  );
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * The known-customer marks (tinted boxes, class `k`), read from the content script's isolated world: only an extension can open the
 * overlay's closed shadow root (`chrome.dom.openOrClosedShadowRoot`); the page's world cannot.
 */
async function knownMarks(extension: LaunchedExtension, page: Page): Promise<Box[]> {
  const tabId = await tabIdOf(extension, page.url());
  return inContentScript(
    extension,
    tabId,
    () => {
      const hosts = [...document.querySelectorAll('[data-kustomer-sidebar]')] as HTMLElement[];
      return hosts.flatMap((host) =>
        [...(chrome.dom.openOrClosedShadowRoot(host)?.querySelectorAll('.k') ?? [])].map((mark) => {
          const { left, top, right, bottom } = mark.getBoundingClientRect();
          return { left, top, right, bottom };
        }),
      );
    },
    null,
  );
}

/** Viewport boxes of the first occurrence of `text` inside `selector`, read from the page. */
function textBoxes(page: Page, selector: string, text: string): Promise<Box[]> {
  return page.evaluate(
    ([selector, text]) => {
      const node = document.querySelector(selector)?.firstChild as Text;
      const start = node.data.indexOf(text);
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + text.length);
      return [...range.getClientRects()].map(({ left, top, right, bottom }) => ({ left, top, right, bottom }));
    },
    [selector, text] as const,
  );
}

/** Whether `inner` lies within `outer`, to the pixel (layout rounds sub-pixel edges). */
const within = (inner: Box, outer: Box) =>
  inner.left >= outer.left - 1 &&
  inner.top >= outer.top - 1 &&
  inner.right <= outer.right + 1 &&
  inner.bottom <= outer.bottom + 1;

test('static text: highlights the addresses and skips code, form fields and editable areas', async ({
  extension,
  pages,
}) => {
  const page = await openWithDetection(extension, pages, '/detection/static.html');
  await expect.poll(() => markedTexts(extension, page)).toEqual(['Ada.Lovelace@Example.com', 'billing@acme.co.uk']);
  await expect.poll(() => lastReported(extension)).toEqual(['ada.lovelace@example.com', 'billing@acme.co.uk']);
  const [report] = await recorded(extension, 'pageEmailsDetected');
  expect(report?.input?.url).toBe(`${pages.origin}/detection/static.html`);
  expect(await page.locator('#ada').innerHTML()).toBe('Write to Ada.Lovelace@Example.com about the invoice.');
  // The page's own markup is untouched; the one element added is the empty host of the closed overlay,
  // after <body> where page frameworks do not render.
  await expect
    .poll(() =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-kustomer-sidebar]')].map((host) => ({
          parent: host.parentElement?.tagName,
          last: host === document.documentElement.lastElementChild,
          children: host.childNodes.length,
          openRoot: host.shadowRoot !== null,
        })),
      ),
    )
    .toEqual([{ parent: 'HTML', last: true, children: 0, openRoot: false }]);
});

test('clicking a highlighted address asks to show that customer', async ({ extension, pages }) => {
  const page = await openWithDetection(extension, pages, '/detection/static.html');
  await expect.poll(() => markedTexts(extension, page)).toHaveLength(2);
  const box = await page.evaluate(() => {
    const text = document.querySelector('#ada')?.firstChild as Text;
    const start = text.data.indexOf('Ada.');
    const range = document.createRange();
    range.setStart(text, start);
    range.setEnd(text, start + 'Ada.Lovelace@Example.com'.length);
    const rect = range.getBoundingClientRect();
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  });
  await page.mouse.click(box.x, box.y);
  await expect
    .poll(async () => (await recorded(extension, 'showCustomerFromPage')).map((message) => message.input))
    .toContainEqual({ email: 'ada.lovelace@example.com', how: 'click' });
});

test('injecting the content script twice leaves one scanner on the page', async ({ extension, pages }) => {
  const page = await openWithDetection(extension, pages, '/detection/static.html');
  await expect.poll(() => markedTexts(extension, page)).toHaveLength(2);
  await injectDetection(extension, page.url());
  await expect.poll(() => markedTexts(extension, page)).toHaveLength(2);
  // One overlay host per scanner: a second scanner would add a second. The page gets no style sheet at all.
  expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);
  await expect.poll(() => page.locator('[data-kustomer-sidebar]').count()).toBe(1);
});

test('the background marks known customers in the closed overlay and can stop detection, which removes every trace', async ({
  extension,
  pages,
}) => {
  const page = await openWithDetection(extension, pages, '/detection/static.html');
  await expect.poll(() => markedTexts(extension, page)).toHaveLength(2);
  await expect.poll(() => page.locator('[data-kustomer-sidebar]').count()).toBe(1);
  expect(await knownMarks(extension, page)).toEqual([]);
  const push = (event: unknown) =>
    extension.serviceWorker.evaluate(
      async ([target, message]) => {
        const tab = (await chrome.tabs.query({})).find((candidate) => candidate.url === target);
        if (tab?.id !== undefined) await chrome.tabs.sendMessage(tab.id, message);
      },
      [page.url(), event] as const,
    );
  await push({ event: 'knownEmails', known: ['billing@acme.co.uk'], ignored: ['ada.lovelace@example.com'] });
  // The known customer gets boxes that lie on its text; the ignored and unknown addresses get none.
  await expect.poll(async () => (await knownMarks(extension, page)).length).toBeGreaterThan(0);
  const billing = await textBoxes(page, 'p:nth-of-type(2)', 'billing@acme.co.uk');
  for (const mark of await knownMarks(extension, page)) {
    expect(
      billing.some((box) => within(mark, box)),
      JSON.stringify({ mark, billing }),
    ).toBe(true);
  }
  // Both stay marked (the dotted underline): known or ignored changes only the tint, inside the closed overlay.
  expect(await markedTexts(extension, page)).toEqual(['Ada.Lovelace@Example.com', 'billing@acme.co.uk']);
  // Marks follow their text when the page scrolls.
  await page.setViewportSize({ width: 600, height: 200 });
  await page.evaluate(() => {
    document.body.style.padding = '120px 0 400px';
    window.scrollTo(0, 150);
  });
  await expect
    .poll(async () => {
      const [marks, boxes] = [await knownMarks(extension, page), await textBoxes(page, 'p:nth-of-type(2)', 'billing')];
      return marks.length > 0 && marks.every((mark) => boxes.some((box) => Math.abs(mark.top - box.top) <= 1));
    })
    .toBe(true);
  await push({ event: 'stopDetection' });
  await expect.poll(() => page.locator('[data-kustomer-sidebar]').count()).toBe(0);
  expect(await markedTexts(extension, page)).toEqual([]);
  expect(await page.evaluate(() => [CSS.highlights.size, document.adoptedStyleSheets.length])).toEqual([0, 0]);
});

test('mailto links: reports every recipient and highlights the link', async ({ extension, pages }) => {
  const page = await openWithDetection(extension, pages, '/detection/mailto.html');
  await expect
    .poll(() => lastReported(extension))
    .toEqual(['cc@example.org', 'grace@example.net', 'sales@example.com']);
  expect(await markedTexts(extension, page)).toEqual(['Contact sales', 'Contact sales', 'Write to Grace']);
});

test('webmail-like sender chips: reads addresses from their attributes', async ({ extension, pages }) => {
  const page = await openWithDetection(extension, pages, '/detection/webmail.html');
  await expect.poll(() => lastReported(extension)).toEqual(['alan@example.com', 'ken@example.io', 'radia@example.org']);
  expect(await markedTexts(extension, page)).toEqual(['Alan Turing', 'Ken', 'Radia']);
});

test('content added a second after load is found', async ({ extension, pages }) => {
  const page = await openWithDetection(extension, pages, '/detection/late.html');
  await expect
    .poll(() => markedTexts(extension, page), { timeout: 5000 })
    .toEqual(['first@example.com', 'late@example.com']);
  await expect.poll(() => lastReported(extension)).toEqual(['first@example.com', 'late@example.com']);
});

test('shadow DOM: addresses in open shadow roots are marked, and the page’s shadow root is left alone', async ({
  extension,
  pages,
}) => {
  const page = await openWithDetection(extension, pages, '/detection/shadow.html');
  await expect.poll(() => markedTexts(extension, page)).toEqual(['shadow@example.com']);
  const adopted = await page.evaluate(
    () => document.querySelector('contact-card')?.shadowRoot?.adoptedStyleSheets.length ?? 0,
  );
  expect(adopted).toBe(0);
});

test('a same-origin iframe is scanned by the page’s scanner', async ({ extension, pages }) => {
  const page = await openWithDetection(extension, pages, '/detection/iframe.html');
  await expect.poll(() => lastReported(extension)).toEqual(['framed@example.com', 'parent@example.com']);
  expect(await markedTexts(extension, page)).toEqual(['parent@example.com']);
  const child = page.frames().find((frame) => frame.url().endsWith('/detection/frame-child.html'));
  expect(child).toBeDefined();
  await expect.poll(() => markedTexts(extension, page, 'iframe')).toEqual(['framed@example.com']);
  // The child frame's own copy of the script defers to the parent: every report comes from the top page.
  const urls = new Set((await recorded(extension, 'pageEmailsDetected')).map((message) => message.input?.url));
  expect([...urls]).toEqual([`${pages.origin}/detection/iframe.html`]);
});

test('a 1 MB page is scanned completely without changing its text', async ({ extension, pages }) => {
  const corpus = makeCorpusPage(1_000_000);
  pages.setPage('/detection/big.html', corpus.html);
  const page = await openWithDetection(extension, pages, '/detection/big.html');
  const textBefore = await page.evaluate(() => document.body.textContent?.length);
  await expect.poll(() => lastReported(extension), { timeout: 20_000 }).toEqual([...new Set(corpus.addresses)].sort());
  // Only addresses in view are marked (see docs/detection.md: cost follows the screen).
  const highlighted = await markedTexts(extension, page);
  expect(highlighted.length).toBeGreaterThan(0);
  expect(highlighted.length).toBeLessThan(corpus.addresses.length);
  expect(await page.evaluate(() => document.body.textContent?.length)).toBe(textBefore);
});
