import type { Page } from '@playwright/test';
import { ADA, GRACE, UNKNOWN_EMAIL } from '../sandbox/fixtures';
import { expect, test } from './fixtures';
import { connectWithKey, inContentScript, openWithDetection, send } from './hardening-helpers';
import { sandboxForFile } from './sandbox-for-file';

/**
 * A hostile page where detection runs plants addresses and watches how the extension marks them.
 * If anything it can read from its own world differs for known and unknown addresses, the page learns
 * which people are customers of the agent's company: a membership oracle over Kustomer.
 *
 * Two such pages are compared: one planting two customers and an unknown address, one planting three
 * unknown addresses. Everything the page's script can observe must be the same on both.
 */

const sandbox = sandboxForFile({ resetBeforeEach: false });

/**
 * The page's own spy, run before the body is parsed: it records every DOM mutation and layout shift, and
 * remembers which elements the server sent, so that it can later list every element someone else added.
 */
const SPY = `
  window.seen = { mutations: [], shifts: [] };
  const describe = (node) => node.nodeType === 1
    ? node.tagName + '[' + node.getAttributeNames().map((name) => name + '=' + node.getAttribute(name)).join(' ') + ']'
    : node.nodeName;
  new MutationObserver((records) => {
    for (const record of records) {
      window.seen.mutations.push([record.type, describe(record.target), record.attributeName,
        [...record.addedNodes].map(describe), [...record.removedNodes].map(describe)].join(' '));
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.seen.shifts.push(entry.value);
  }).observe({ type: 'layout-shift', buffered: true });
  document.addEventListener('DOMContentLoaded', () => {
    window.seen.original = new Set(document.querySelectorAll('*'));
    // IntersectionObserver v2 reports whether anything is painted over an element, pointer-events or not.
    window.seen.unoccluded = new Map();
    const visibility = new IntersectionObserver((entries) => {
      for (const entry of entries) window.seen.unoccluded.set(entry.target, entry.isVisible);
    }, { trackVisibility: true, delay: 100 });
    for (const planted of document.querySelectorAll('.planted')) visibility.observe(planted);
  });
`;

function oraclePage(emails: readonly string[]): string {
  // A strict style policy: style attributes in markup are refused, so the extension's boxes must be placed
  // through the CSSOM, which no CSP governs.
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Oracle</title>
    <meta http-equiv="Content-Security-Policy" content="style-src 'nonce-oracle'">
    <style nonce="oracle">#pane { height: 40px; overflow: auto } #pane p { margin-top: 60px } .tall { height: 200px }
      .taller { height: 2000px }</style><script>${SPY}</script></head>
    <body>${emails.map((email) => `<p class="planted">${email}</p>`).join('')}
    <div id="pane"><p class="planted">${emails[0]}</p><div class="tall"></div></div>
    <div class="taller"></div></body></html>`;
}

/** Everything the page's script can read about how the extension marked its addresses. */
function whatThePageSees(page: Page) {
  return page.evaluate(async () => {
    type Seen = { mutations: string[]; shifts: number[]; original: Set<Element>; unoccluded: Map<Element, boolean> };
    const seen = (window as unknown as { seen: Seen }).seen;
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
    // Make the extension redraw: scroll the page and the inner pane, resize nothing, remove its elements.
    window.scrollTo(0, 40);
    await frame();
    (document.getElementById('pane') as HTMLElement).scrollTop = 20;
    await frame();
    window.scrollTo(0, 0);
    (document.getElementById('pane') as HTMLElement).scrollTop = 0;
    await frame();
    const added = [...document.querySelectorAll('*')].filter((element) => !seen.original.has(element));
    const describeBox = ({ x, y, width, height }: DOMRect) => [x, y, width, height].join(',');
    const elements = added.map((element) => {
      const html = element as HTMLElement;
      const style = getComputedStyle(element);
      let attachShadow = 'allowed';
      try {
        element.attachShadow({ mode: 'open' });
      } catch (error) {
        attachShadow = (error as Error).name;
      }
      return {
        tag: element.tagName,
        parent: element.parentElement?.tagName,
        attributes: element.getAttributeNames().map((name) => `${name}=${element.getAttribute(name)}`),
        html: element.outerHTML,
        // A shadow root the page did not attach is serialised only if it was made serialisable.
        serialized: element.getHTML({ serializableShadowRoots: true }),
        openShadowRoot: element.shadowRoot !== null,
        attachShadow,
        box: describeBox(element.getBoundingClientRect()),
        clientRects: element.getClientRects().length,
        sizes: [
          html.offsetWidth,
          html.offsetHeight,
          element.clientWidth,
          element.clientHeight,
          element.scrollWidth,
          element.scrollHeight,
        ],
        computedStyle: [...style].map((name) => `${name}:${style.getPropertyValue(name)}`),
        animations: element.getAnimations({ subtree: true }).length,
        visible: element.checkVisibility(),
      };
    });
    // What is under the pointer at each planted address, for hit tests and caret lookups.
    const atAddresses = [...document.querySelectorAll('.planted')].map((planted) => {
      const { left, top, width, height } = planted.getBoundingClientRect();
      const [x, y] = [left + Math.min(width, 40) / 2, top + height / 2];
      const caret = document.caretPositionFromPoint(x, y);
      return {
        elements: document.elementsFromPoint(x, y).map((element) => element.tagName),
        caretInAddress: caret?.offsetNode === planted.firstChild,
        unoccluded: seen.unoccluded.get(planted),
      };
    });
    // The extension puts its host back if the page removes it; when and how must not depend on the answer.
    for (const element of added) element.remove();
    window.scrollTo(0, 10);
    await frame();
    window.scrollTo(0, 0);
    await frame();
    return {
      highlights: [...CSS.highlights].map(([name, highlight]) => `${name}:${highlight.size}`),
      adoptedStyleSheets: document.adoptedStyleSheets.map((sheet) =>
        [...sheet.cssRules].map((rule) => rule.cssText).join('\n'),
      ),
      elements,
      elementCount: document.querySelectorAll('*').length,
      atAddresses,
      documentSizes: [
        document.documentElement.scrollWidth,
        document.documentElement.scrollHeight,
        document.body.scrollWidth,
        document.body.scrollHeight,
      ],
      mutations: seen.mutations,
      layoutShifts: seen.shifts.length,
      // Marks and measures on the page's timeline (the extension keeps its own timings in its isolated world).
      userTiming: performance
        .getEntries()
        .filter((entry) => entry.entryType === 'mark' || entry.entryType === 'measure')
        .map((entry) => entry.name),
      animations: document.getAnimations().length,
    };
  });
}

/** Statuses the background gave the tab's addresses, as `email:status`. */
async function statuses(options: Page, tabId: number): Promise<string[]> {
  const answer = await send(options, 'getPageCustomers', { tabId });
  const emails = answer.ok ? (answer.value as { emails: { email: string; status: string }[] }).emails : [];
  return emails.map((entry) => `${entry.email}:${entry.status}`).sort();
}

test('a page cannot tell from its own world which planted addresses are Kustomer customers', async ({
  extension,
  pages,
}) => {
  const mixed = [ADA.email, GRACE.email, UNKNOWN_EMAIL];
  // Same lengths as the mixed page's addresses, so that both pages lay out alike.
  const strangers = mixed.map((email, i) => {
    const [local = '', domain = ''] = email.split('@');
    return `${'x'.repeat(local.length - 1)}${i}@${domain.replace(/[a-z0-9]/g, 'q')}`;
  });
  pages.setPage('/hostile/oracle-mixed.html', oraclePage(mixed));
  pages.setPage('/hostile/oracle-strangers.html', oraclePage(strangers));
  const options = await extension.openExtensionPage('options.html');
  expect(await connectWithKey(options, sandbox)).toMatchObject({ ok: true });
  const withCustomers = await openWithDetection(extension, options, `${pages.origin}/hostile/oracle-mixed.html`);
  const withoutCustomers = await openWithDetection(extension, options, `${pages.origin}/hostile/oracle-strangers.html`);

  // The background has looked every address up …
  await expect
    .poll(() => statuses(options, withCustomers.tabId))
    .toEqual([`${ADA.email}:known`, `${GRACE.email}:known`, `${UNKNOWN_EMAIL}:unknown`]);
  await expect
    .poll(() => statuses(options, withoutCustomers.tabId))
    .toEqual(strangers.map((email) => `${email}:unknown`).sort());
  // … and has told the content scripts (pushed knownEmails); give them time to draw.
  await withCustomers.page.waitForTimeout(1_000);

  // rAF runs only in the visible tab.
  await withCustomers.page.bringToFront();
  const seenWithCustomers = await whatThePageSees(withCustomers.page);
  await withoutCustomers.page.bringToFront();
  const seenWithoutCustomers = await whatThePageSees(withoutCustomers.page);
  // Nothing the page can read differs between customers and strangers …
  expect(seenWithCustomers).toEqual(seenWithoutCustomers);
  // … though it does see that an extension marks addresses (it planted them, so that tells it nothing): one
  // empty, closed, 0×0 host that no pointer can hit. Every mark is inside it: no CSS highlight, no style sheet.
  expect(seenWithCustomers.highlights).toEqual([]);
  expect(seenWithCustomers.adoptedStyleSheets).toEqual([]);
  expect(seenWithCustomers.userTiming).toEqual([]);
  expect(seenWithCustomers.elements).toHaveLength(1);
  expect(seenWithCustomers.elements[0]).toMatchObject({
    parent: 'HTML',
    serialized: '',
    openShadowRoot: false,
    attachShadow: 'NotSupportedError',
    box: '0,0,0,0',
    sizes: [0, 0, 0, 0, 0, 0],
    visible: true,
  });
  expect(seenWithCustomers.atAddresses.slice(0, 3)).toEqual(
    Array(3).fill({ elements: ['P', 'BODY', 'HTML'], caretInAddress: true, unoccluded: false }),
  );

  // The known look exists all the same: only the extension can open the closed overlay. Both pages get a box
  // over each address in view (the pane's copy is scrolled out of sight); only the customers' are tinted.
  const boxes = (tabId: number) =>
    inContentScript(
      extension,
      tabId,
      () =>
        [...document.querySelectorAll('[data-kustomer-sidebar]')].map((host) => {
          const root = chrome.dom.openOrClosedShadowRoot(host as HTMLElement);
          const tinted = [...(root?.querySelectorAll('.k') ?? [])].map((box) => {
            const { left, top, width, height } = box.getBoundingClientRect();
            const planted = document.elementFromPoint(left + width / 2, top + height / 2);
            return planted?.classList.contains('planted') ? planted.textContent : `nothing at ${left},${top}`;
          });
          return { boxes: root?.firstElementChild?.children.length, tinted };
        }),
      null,
    );
  expect(await boxes(withCustomers.tabId)).toEqual([{ boxes: 3, tinted: [ADA.email, GRACE.email] }]);
  expect(await boxes(withoutCustomers.tabId)).toEqual([{ boxes: 3, tinted: [] }]);
});
