import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { ADA, AGENT } from '../sandbox/fixtures';
import { type LaunchedExtension, launchExtension } from '../support/launch-extension';
import { CHROMIUM_PATH, TEST_EXTENSION_DIR } from './paths';
import { sandboxForFile } from './sandbox-for-file';

/**
 * The extension in the agent's language (issue 20). Debian's Chromium reads an extension's catalogue from `--lang`
 * (the LANGUAGE and LANG variables change nothing when it runs headless under Playwright, and it keeps reporting
 * an en-US UI, which is why the pages take `lang` and `dir` from the catalogue). For German, Japanese and the
 * right-to-left pseudo-locale: the options page and the side panel's main views (connect, lookup, customer,
 * conversation, conversations) are in that language and direction, saved as screenshots, with no axe-core violation
 * of any impact. In the accented pseudo-locale every word of those views is accented (plain ASCII words are
 * hard-coded strings) and none is cut. Right to left, the panel mirrors while Kustomer's text keeps its own
 * direction, and a bidi control in a name cannot turn the words around it.
 */

const sandbox = sandboxForFile({ resetBeforeEach: true });
const SCREENSHOTS = new URL('./screenshots/', import.meta.url);

/** The built catalogue the browser reads for `folder` (`_locales/<folder>/messages.json`). */
function catalogue(folder: string): Record<string, { message: string }> {
  return JSON.parse(readFileSync(join(TEST_EXTENSION_DIR, '_locales', folder, 'messages.json'), 'utf8'));
}

function launchIn(language: string): Promise<LaunchedExtension> {
  return launchExtension({
    extensionDir: TEST_EXTENSION_DIR,
    executablePath: CHROMIUM_PATH,
    args: [`--lang=${language}`],
  });
}

/**
 * Every axe-core violation, of any impact. Light scheme only: colours do not change with the language, and
 * test/e2e/a11y*.e2e.ts audits both schemes.
 */
async function violations(page: Page, view: string): Promise<string[]> {
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.passes.length, view).toBeGreaterThan(5);
  return results.violations.map((violation) => {
    const where = violation.nodes.slice(0, 3).map((node) => node.target.join(' '));
    return `${view} ${violation.impact} ${violation.id}: ${where.join(', ')}`;
  });
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname, fullPage: true });
}

const LANGUAGES = [
  { flag: 'de', folder: 'de', lang: 'de', dir: 'ltr' },
  { flag: 'ja', folder: 'ja', lang: 'ja', dir: 'ltr' },
  { flag: 'ar-XB', folder: 'ar_XB', lang: 'ar-XB', dir: 'rtl' },
] as const;

/**
 * The side panel's main views, reached by their structure rather than by their words (which are the language's, and
 * in ar-XB wrapped in bidi controls): connect, lookup, customer, conversations, conversation. `visit` runs on each.
 */
async function walkMainViews(panel: Page, visit: (view: string) => Promise<void>): Promise<void> {
  await expect(panel.locator('#connect-place')).toBeVisible();
  await visit('connect');
  await panel.locator('#connect-place').selectOption('custom');
  await panel.locator('#connect-base-url').fill(sandbox.url);
  await panel.locator('#connect-api-key').fill(sandbox.apiKey);
  await panel.locator('.connect-first button[type="submit"]').click();
  await expect(panel.locator('#customer-search')).toBeVisible();
  await expect(panel.locator('#on-page-title')).toBeVisible();
  await visit('lookup');
  await panel.locator('#customer-search').fill('Ada');
  await panel.locator('.search-form button[type="submit"]').click();
  await panel.locator('.search-form ~ .result-list button').filter({ hasText: ADA.name }).click();
  await expect(panel.getByRole('heading', { level: 2, name: ADA.name })).toBeVisible();
  // The card is complete once its last part, the recent conversations, has arrived.
  await expect(panel.locator('[aria-labelledby="recent-title"]')).toHaveAttribute('aria-busy', 'false');
  await visit('customer');
  await panel.locator('article.customer .row button.primary').click();
  const subject = sandbox.store.conversations.get(ADA.openConversationId)?.name ?? '';
  await panel.locator('.result-list button').filter({ hasText: subject }).first().click();
  await expect(panel.locator('#timeline-title')).toBeVisible();
  await expect(panel.locator('.timeline-entry').first()).toBeVisible();
  await visit('conversation');
  await panel.locator('.app-header .icon-button').first().click();
  await expect(panel.locator('.result-list button').filter({ hasText: subject }).first()).toBeVisible();
  await visit('conversations');
}

for (const { flag, folder, lang, dir } of LANGUAGES) {
  test(`options and side panel in ${flag}: translated, ${dir}, screenshots, no axe violation`, async () => {
    test.setTimeout(300_000);
    const messages = catalogue(folder);
    const extension = await launchIn(flag);
    try {
      const found: string[] = [];
      const options = await extension.openExtensionPage('options.html');
      await options.setViewportSize({ width: 480, height: 900 });
      await expect(options.locator('html')).toHaveAttribute('lang', lang);
      await expect(options.locator('html')).toHaveAttribute('dir', dir);
      await expect(options.getByRole('heading', { level: 1 })).toHaveText(messages.options_title?.message ?? '');
      await expect(options.getByRole('heading', { name: messages.options_diagnostics_title?.message })).toBeVisible();
      found.push(...(await violations(options, `options ${flag}`)));
      await shoot(options, `locale-${flag}-options`);

      const panel = await extension.openExtensionPage('sidepanel.html');
      await panel.setViewportSize({ width: 360, height: 760 });
      await expect(panel.locator('html')).toHaveAttribute('dir', dir);
      await expect(panel.locator('#not-connected-title')).toHaveText(messages.panel_app_notConnected?.message ?? '');
      await walkMainViews(panel, async (view) => {
        found.push(...(await violations(panel, `${view} ${flag}`)));
        await shoot(panel, `locale-${flag}-${view}`);
      });
      await expect(panel.locator('.app-header h1')).toHaveText(messages.extension_name?.message ?? '');
      expect(found).toEqual([]);
    } finally {
      await extension.close();
    }
  });
}

/**
 * Plain English left on screen: text nodes, and the labels, titles and placeholders an agent or a screen reader
 * meets. Not language: Kustomer's data (isolated in <bdi> or an element of its own direction, `dir="auto"`; a
 * choice whose value is a Kustomer id, such as an agent), code names (<code>), what is typed (fields), dates and
 * times (<time>, written by Intl in the locale's own words) and addresses. An English word is two lowercase ASCII
 * letters in a row outside ⟦ ⟧ (a message with another message inside is bracketed twice).
 */
async function plainEnglish(page: Page, root: string): Promise<string[]> {
  return page.evaluate((rootSelector) => {
    const english: string[] = [];
    const DATA = 'bdi, [dir="auto"], code, pre, textarea, time';
    const KUSTOMER_ID = /^[0-9a-f]{24}$/;
    const strip = (text: string) => {
      let rest = text;
      for (let inner = rest.replace(/⟦[^⟦⟧]*⟧/g, ''); inner !== rest; inner = rest.replace(/⟦[^⟦⟧]*⟧/g, ''))
        rest = inner;
      return rest.replace(/https?:\/\/\S+|\S+\.(com|example)\b|\S+@\S+/g, '');
    };
    for (const root of document.querySelectorAll(rootSelector)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest(DATA) || parent.closest('[hidden]')) continue;
        if (parent instanceof HTMLOptionElement && KUSTOMER_ID.test(parent.value)) continue;
        const text = node.textContent ?? '';
        if (/[a-z]{2,}/.test(strip(text))) english.push(text.trim());
      }
      for (const element of root.querySelectorAll('[aria-label], [title], [placeholder]')) {
        if (element.closest(DATA)) continue;
        for (const name of ['aria-label', 'title', 'placeholder']) {
          const value = element.getAttribute(name);
          if (value && /[a-z]{2,}/.test(strip(value))) english.push(`${name}=${value}`);
        }
      }
    }
    return english;
  }, root);
}

/**
 * Text the layout cut: an element that clips its content (overflow or ellipsis) narrower than what it holds, a
 * pseudo-message whose closing bracket is out of sight, or a page wider than the panel.
 */
async function truncated(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cut: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      const style = getComputedStyle(element);
      const clips = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
      if (!clips || element.closest('bdi, .visually-hidden, .skeleton-line') || !element.textContent?.includes('⟦'))
        continue;
      if (element.scrollWidth > element.clientWidth + 1)
        cut.push(`${element.tagName.toLowerCase()}.${element.className}: ${element.textContent.slice(0, 60)}`);
    }
    // biome-ignore lint/performance/useDomNodeTextContent: only what is rendered on screen counts here
    const text = document.body.innerText;
    const opened = text.split('⟦').length;
    const closed = text.split('⟧').length;
    if (opened !== closed) cut.push(`${opened - 1} ⟦ but ${closed - 1} ⟧ on screen`);
    if (document.documentElement.scrollWidth > window.innerWidth)
      cut.push(`page ${document.documentElement.scrollWidth} px wide in ${window.innerWidth} px`);
    return cut;
  });
}

test('the accented pseudo-locale leaves no plain English word in the options and the main panel views', async () => {
  test.setTimeout(240_000);
  const extension = await launchIn('en-XA');
  try {
    const options = await extension.openExtensionPage('options.html');
    await expect(options.getByRole('heading', { level: 1 })).toContainText('⟦');
    await options.setViewportSize({ width: 480, height: 900 });
    expect(await plainEnglish(options, 'main > section')).toEqual([]);
    expect(await truncated(options)).toEqual([]);

    const panel = await extension.openExtensionPage('sidepanel.html');
    await panel.setViewportSize({ width: 360, height: 760 });
    const found: string[] = [];
    await walkMainViews(panel, async (view) => {
      found.push(...(await plainEnglish(panel, '.app-header, .app-main')).map((text) => `${view}: ${text}`));
      found.push(...(await truncated(panel)).map((text) => `${view} cut: ${text}`));
      found.push(...(await violations(panel, `${view} en-XA`)));
    });
    expect(found).toEqual([]);
  } finally {
    await extension.close();
  }
});

type Box = { left: number; right: number; top: number; bottom: number };

/**
 * Whether `second` comes after `first` in reading order: on a later line, or further along the same line in the
 * page's direction.
 */
function follows(first: Box, second: Box, dir: 'ltr' | 'rtl'): boolean {
  if (second.top >= first.bottom - 1) return true;
  return dir === 'ltr' ? second.left >= first.right - 1 : second.right <= first.left + 1;
}

/** Where `selector`'s own words (its first text node outside <bdi>) and its <bdi> sit on screen. */
function wordsAndData(page: Page, selector: string) {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const bdi = element.querySelector('bdi');
      const words = document.createRange();
      const text = [...element.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
      if (!bdi || !text) throw new Error(`${element.outerHTML.slice(0, 120)} has no words and no <bdi>`);
      words.selectNodeContents(text);
      const box = ({ left, right, top, bottom }: DOMRect) => ({ left, right, top, bottom });
      // The last line of the words and the first of the name: a wrapped heading reads on from one to the other.
      const lines = [...words.getClientRects()];
      return {
        words: box(lines[lines.length - 1] ?? words.getBoundingClientRect()),
        data: box(bdi.getClientRects()[0] ?? bdi.getBoundingClientRect()),
        dataText: bdi.textContent ?? '',
        dataDirection: bdi.matches(':dir(rtl)') ? 'rtl' : 'ltr',
        isolated: bdi.getAttribute('dir') === 'auto' && getComputedStyle(bdi).unicodeBidi === 'isolate',
      };
    });
}

const OVERRIDE = '\u202E';

test('right to left: the panel mirrors, Kustomer text keeps its own direction, its bidi controls stay inside it', async () => {
  test.setTimeout(240_000);
  const cases = [
    // A Hebrew name in the left-to-right English panel.
    { flag: 'en', ui: 'ltr', name: 'דנה כהן', own: 'rtl', shown: 'דנה כהן' },
    // A Latin name hiding a right-to-left override in the right-to-left panel: the override shows as a mark.
    { flag: 'ar-XB', ui: 'rtl', name: `${OVERRIDE}ecalevol adA`, own: 'ltr', shown: '⟨RLO⟩ecalevol adA' },
  ] as const;
  for (const { flag, ui, name, own, shown } of cases) {
    const ada = sandbox.store.customers.get(ADA.id);
    const agent = sandbox.store.users.get(AGENT.id);
    if (!ada || !agent) throw new Error('ADA or AGENT is missing from the sandbox');
    ada.name = name;
    ada.displayName = name;
    // The agent on ADA's open conversation: an override in an agent's name must not turn the rest of the line.
    agent.name = `${OVERRIDE}areviR maS`;
    agent.displayName = agent.name;
    const extension = await launchIn(flag);
    try {
      const panel = await extension.openExtensionPage('sidepanel.html');
      await panel.setViewportSize({ width: 360, height: 760 });
      await expect(panel.locator('html')).toHaveAttribute('dir', ui);
      await panel.locator('#connect-place').selectOption('custom');
      await panel.locator('#connect-base-url').fill(sandbox.url);
      await panel.locator('#connect-api-key').fill(sandbox.apiKey);
      await panel.locator('.connect-first button[type="submit"]').click();
      await panel.locator('#customer-search').fill(ADA.email);
      await panel.locator('.search-form button[type="submit"]').click();
      await panel.locator('.search-form ~ .result-list button').first().click();
      await expect(panel.locator('[aria-labelledby="recent-title"]')).toHaveAttribute('aria-busy', 'false');
      await panel.locator('article.customer .row button.primary').click();
      await expect(panel.locator('.app-main h2 bdi')).toBeVisible();

      // Back points to the start of the line: left, or mirrored to the right.
      const back = panel.locator('.app-header .icon-button svg').first();
      expect(await back.evaluate((svg) => getComputedStyle(svg).transform), flag).toBe(
        ui === 'rtl' ? 'matrix(-1, 0, 0, 1, 0, 0)' : 'none',
      );

      // "Conversations with <name>": the name isolated in its own direction, the words before it in the UI's.
      const heading = await wordsAndData(panel, '.app-main h2');
      expect(heading.isolated, flag).toBe(true);
      expect(heading.dataText, flag).toBe(shown);
      expect(heading.dataDirection, flag).toBe(own);
      expect(follows(heading.words, heading.data, ui), `${flag} ${JSON.stringify(heading)}`).toBe(true);

      // "Assigned to <agent> · <time>": the override in the agent's name stays in its isolate, so the time still
      // follows the name in the UI's direction.
      const meta = panel.locator('.conversation-item .result-meta').first();
      const order = await meta.evaluate((element) => {
        const bdi = [...(element.querySelector('bdi')?.getClientRects() ?? [])].at(-1);
        const time = element.querySelector('time')?.getClientRects()[0];
        if (!bdi || !time) throw new Error('the conversation line has no agent or no time');
        const box = ({ left, right, top, bottom }: DOMRect) => ({ left, right, top, bottom });
        return { text: element.querySelector('bdi')?.textContent, name: box(bdi), time: box(time) };
      });
      expect(order.text, flag).toBe('⟨RLO⟩areviR maS');
      expect(follows(order.name, order.time, ui), `${flag} ${JSON.stringify(order)}`).toBe(true);
    } finally {
      await extension.close();
    }
  }
});
