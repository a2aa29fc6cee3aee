import type { Page } from '@playwright/test';
import { GRACE } from '../sandbox/fixtures';
import type { LaunchedExtension } from '../support/launch-extension';
import { expect, test } from './fixtures';
import { currentWorker, tabIdOf } from './hardening-helpers';

/**
 * Issue 21, finding 3: a page must not choose the customer the agent's click opens. A click opens a customer
 * only when it lands on the visible glyphs of a highlighted address, or on a visible, normal-sized link whose
 * text or `mailto:` is that address (lib/page-scan/hit-test.ts). Each attack below puts GRACE's address
 * somewhere the agent cannot see it and waits for the agent to click the page's own "Accept cookies" button.
 */

const BUTTON = '<button id="accept" style="font: 16px sans-serif; padding: 8px 16px">Accept cookies</button>';
const BANNER = `<div id="banner" style="position: fixed; left: 40px; bottom: 40px; padding: 16px; background: #eee">
  We use cookies. ${BUTTON}</div>`;

/** Each attack: the body's attributes and content around the page's own cookie banner. */
const ATTACKS: Record<string, { body: string; content: string }> = {
  'data-email on <body>': { body: `data-email="${GRACE.email}"`, content: BANNER },
  'an invisible full-page element with an email attribute': {
    body: '',
    content: `${BANNER}<div email="${GRACE.email}" style="position: fixed; inset: 0; z-index: 10"></div>`,
  },
  'a full-page mailto link with no text': {
    body: '',
    content: `${BANNER}<a href="mailto:${GRACE.email}" style="position: fixed; inset: 0; z-index: 10"></a>`,
  },
  'an opacity: 0 overlay of the address over the button': {
    body: '',
    content: `${BANNER}<div style="position: fixed; left: 0; bottom: 0; z-index: 10; opacity: 0; font: 64px/2 sans-serif;
      white-space: nowrap">${GRACE.email} ${GRACE.email}</div>`,
  },
  'a pointer-events: none wrapper carrying the address around the banner': {
    body: '',
    content: `<div email="${GRACE.email}" style="position: fixed; inset: 0; pointer-events: none">
      <div style="pointer-events: auto">${BANNER}</div></div>`,
  },
  'transparent text under a pointer-events: none button': {
    body: '',
    content: `<div id="banner" style="position: fixed; left: 40px; bottom: 40px; padding: 16px; background: #eee">
      We use cookies. <span style="position: relative">${BUTTON.replace('<button ', '<button style="pointer-events: none; position: relative; z-index: 2" ')}
      <span style="position: absolute; left: 0; top: 0; z-index: 1; color: transparent; font: 16px/40px sans-serif;
        white-space: nowrap">${GRACE.email}</span></span></div>`,
  },
};

interface Recorded {
  type: string;
  input?: { email?: string; emails?: string[]; how?: string };
}

async function recordMessages(extension: LaunchedExtension): Promise<void> {
  const worker = await currentWorker(extension);
  await worker.evaluate(() => {
    const scope = globalThis as unknown as { recorded?: unknown[] };
    if (scope.recorded) return;
    scope.recorded = [];
    chrome.runtime.onMessage.addListener((message) => {
      scope.recorded?.push(message);
      return undefined;
    });
  });
}

async function recorded(extension: LaunchedExtension): Promise<Recorded[]> {
  const worker = await currentWorker(extension);
  return (await worker.evaluate(
    () => (globalThis as unknown as { recorded?: unknown[] }).recorded ?? [],
  )) as Recorded[];
}

async function clearRecorded(extension: LaunchedExtension): Promise<void> {
  const worker = await currentWorker(extension);
  await worker.evaluate(() => {
    (globalThis as unknown as { recorded?: unknown[] }).recorded = [];
  });
}

/** Opens the page, runs detection on it once and waits until the content script reported GRACE's address. */
async function openAttack(
  extension: LaunchedExtension,
  pages: { origin: string; setPage(path: string, html: string): void },
  name: string,
  attack: { body: string; content: string },
): Promise<Page> {
  const path = `/hostile/click-${encodeURIComponent(name.replace(/\W+/g, '-'))}.html`;
  pages.setPage(
    path,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Cookies</title></head>
    <body ${attack.body} style="margin: 0; min-height: 100vh; font: 16px sans-serif"><h1>Shop</h1>${attack.content}</body></html>`,
  );
  await clearRecorded(extension);
  const page = await extension.context.newPage();
  const url = `${pages.origin}${path}`;
  await page.goto(url);
  const tabId = await tabIdOf(extension, url);
  const worker = await currentWorker(extension);
  await worker.evaluate(
    (id) =>
      chrome.scripting.executeScript({ target: { tabId: id, allFrames: true }, files: ['content-scripts/content.js'] }),
    tabId,
  );
  await expect
    .poll(async () =>
      (await recorded(extension)).some(
        (message) => message.type === 'pageEmailsDetected' && message.input?.emails?.includes(GRACE.email),
      ),
    )
    .toBe(true);
  return page;
}

async function clicksRecorded(extension: LaunchedExtension): Promise<string[]> {
  return (await recorded(extension))
    .filter((message) => message.type === 'showCustomerFromPage' && message.input?.how === 'click')
    .map((message) => message.input?.email ?? '');
}

async function centreOf(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} has no box`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test('a click on the page’s own button never opens a customer the page planted', async ({ extension, pages }) => {
  await recordMessages(extension);
  const switched: string[] = [];
  for (const [name, attack] of Object.entries(ATTACKS)) {
    const page = await openAttack(extension, pages, name, attack);
    const point = await centreOf(page, '#accept');
    await page.mouse.click(point.x, point.y);
    await page.waitForTimeout(400);
    if ((await clicksRecorded(extension)).length > 0) switched.push(name);
    await page.close();
  }
  expect(switched).toEqual([]);
});

test('the agent’s click on a visible address, or on a visible mailto link, still opens it', async ({
  extension,
  pages,
}) => {
  await recordMessages(extension);
  const page = await openAttack(extension, pages, 'controls', {
    body: '',
    content: `<p id="text">Escalate to <span id="address">${GRACE.email}</span> today.</p>
      <p><a id="link" href="mailto:${GRACE.email}" style="font-size: 16px">Write to Grace</a></p>`,
  });
  await page.waitForTimeout(300);
  const onText = await centreOf(page, '#address');
  await page.mouse.click(onText.x, onText.y);
  await expect.poll(() => clicksRecorded(extension)).toEqual([GRACE.email]);
  const onLink = await centreOf(page, '#link');
  // A mailto link would start the mail client; the page cancels it, the click still reaches the content script.
  await page.evaluate(() =>
    document.getElementById('link')?.addEventListener('click', (event) => event.preventDefault()),
  );
  await page.mouse.click(onLink.x, onLink.y);
  await expect.poll(() => clicksRecorded(extension)).toEqual([GRACE.email, GRACE.email]);
});
