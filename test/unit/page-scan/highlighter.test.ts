// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHighlighter, createOccurrenceIndex, OWN_UI_ATTRIBUTE } from '../../../lib/page-scan';
import { scanDocument, setBody, settle } from './scan-helpers';

async function highlightedPage(html: string, options: { trustEveryEvent?: boolean } = {}) {
  setBody(html);
  const onActivate = vi.fn();
  const index = createOccurrenceIndex();
  const controller = new AbortController();
  const highlighter = createHighlighter(document, {
    index,
    signal: controller.signal,
    onActivate,
    // happy-dom's events are never trusted; in Chromium only the agent's own clicks are.
    ...(options.trustEveryEvent === false ? {} : { isAgentEvent: () => true }),
  });
  const { scan } = scanDocument({ index, signal: controller.signal, onOccurrencesChanged: highlighter.apply });
  await settle(scan);
  await frames();
  return { scan, controller, highlighter, onActivate };
}

/** Lets the overlay's pending animation frame run (it was requested first, so it runs first). */
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
/** Marks are applied on the next frame, and the highlight follows the viewport observer's report a frame later. */
const frames = async () => {
  await nextFrame();
  await Promise.resolve();
  await nextFrame();
};

/** Stands in for happy-dom's IntersectionObserver, which never reports: every address is in view. */
class InViewObserver {
  constructor(private readonly report: (entries: Partial<IntersectionObserverEntry>[]) => void) {}
  observe(target: Element) {
    queueMicrotask(() => this.report([{ target, isIntersecting: true }]));
  }
  unobserve() {}
  disconnect() {}
}

afterEach(() => {
  for (const leftover of document.querySelectorAll(`[${OWN_UI_ATTRIBUTE}]`)) leftover.remove();
  setBody('');
});

describe('highlighter', () => {
  beforeEach(() => {
    vi.stubGlobal('IntersectionObserver', InViewObserver);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('gives the page no CSS highlight and no style sheet: every mark is in the closed overlay', async () => {
    const { controller } = await highlightedPage('<p>ada@x.com and bob@y.org</p><p>ada@x.com</p>');
    expect(document.adoptedStyleSheets).toHaveLength(0);
    expect((globalThis as { CSS?: { highlights?: unknown } }).CSS?.highlights).toBeUndefined();
    expect(document.querySelectorAll(`[${OWN_UI_ATTRIBUTE}]`)).toHaveLength(1);
    controller.abort();
  });

  it('boxes every occurrence in a closed overlay and tints only the known customers’', async () => {
    vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(
      () => [new DOMRect(10, 10, 80, 18)] as unknown as DOMRectList,
    );
    // happy-dom's IntersectionObserver never reports: here every address is in view.
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(private readonly report: (entries: Partial<IntersectionObserverEntry>[]) => void) {}
        observe(target: Element) {
          queueMicrotask(() => this.report([{ target, isIntersecting: true }]));
        }
        unobserve() {}
        disconnect() {}
      },
    );
    const roots: ShadowRoot[] = [];
    const attachShadow = HTMLElement.prototype.attachShadow;
    vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (this: HTMLElement, init) {
      roots.push(attachShadow.call(this, init));
      return roots.at(-1) as ShadowRoot;
    });
    const tinted = () => [...(roots[0]?.firstElementChild?.children ?? [])].map((box) => box.className === 'k');
    try {
      const { highlighter, controller } = await highlightedPage(
        '<p>ada@x.com, bob@y.org, eve@z.net</p><p>ada@x.com</p>',
      );
      await nextFrame();
      expect(roots.map((root) => root.mode)).toEqual(['closed']);
      expect(tinted()).toEqual([false, false, false, false]);
      highlighter.setStatus({ known: new Set(['ada@x.com', 'eve@z.net']), ignored: new Set(['eve@z.net']) });
      await nextFrame();
      // Both occurrences of the known address; the ignored one looks like any unknown address.
      expect(tinted()).toEqual([true, false, false, true]);
      controller.abort();
    } finally {
      vi.restoreAllMocks();
      vi.unstubAllGlobals();
    }
  });

  it('does not report clicks on addresses the agent chose never to look up', async () => {
    const { highlighter, onActivate, controller } = await highlightedPage(
      '<a id="ignored" href="mailto:eve@z.net">Eve</a><a id="known" href="mailto:ada@x.com">Ada</a>',
    );
    highlighter.setStatus({ known: new Set(['ada@x.com']), ignored: new Set(['eve@z.net']) });
    (document.getElementById('ignored') as HTMLElement).click();
    (document.getElementById('known') as HTMLElement).click();
    expect(onActivate.mock.calls).toEqual([['ada@x.com', 'click']]);
    controller.abort();
  });

  it('adds only the empty overlay host after <body>, and removes it when stopped', async () => {
    const html = document.documentElement.outerHTML;
    const { controller } = await highlightedPage('<p>ada@x.com</p>');
    await nextFrame();
    const host = `<div ${OWN_UI_ATTRIBUTE}="" aria-hidden="true"></div>`;
    expect(document.documentElement.outerHTML).toBe(
      html.replace('<body></body>', '<body><p>ada@x.com</p></body>').replace('</html>', `${host}</html>`),
    );
    controller.abort();
    expect(document.documentElement.outerHTML).toBe(html.replace('<body></body>', '<body><p>ada@x.com</p></body>'));
  });

  it('shows the customer when a mailto link is clicked', async () => {
    const { onActivate, controller } = await highlightedPage('<a id="chip" href="mailto:ada@x.com">Ada</a>');
    (document.getElementById('chip') as HTMLElement).click();
    expect(onActivate).toHaveBeenCalledWith('ada@x.com', 'click');
    controller.abort();
  });

  it('does not open an address carried by an element that is not a link, or by an ancestor (issue 21)', async () => {
    const { onActivate, controller } = await highlightedPage(
      '<span id="chip" email="ada@x.com">Ada</span><div data-email="eve@z.net"><button id="b">Accept</button></div>',
    );
    (document.getElementById('chip') as HTMLElement).click();
    (document.getElementById('b') as HTMLElement).click();
    expect(onActivate).not.toHaveBeenCalled();
    controller.abort();
  });

  it('does not open a mailto link the agent cannot see', async () => {
    const { onActivate, controller } = await highlightedPage(
      '<a id="a" href="mailto:ada@x.com" style="opacity: 0">Ada</a><a id="b" href="mailto:eve@z.net" style="font-size: 0">Eve</a>',
    );
    (document.getElementById('a') as HTMLElement).click();
    (document.getElementById('b') as HTMLElement).click();
    expect(onActivate).not.toHaveBeenCalled();
    controller.abort();
  });

  it('ignores a click the page dispatches itself (untrusted), so a page cannot steer the panel', async () => {
    const { onActivate, controller } = await highlightedPage('<span id="chip" data-email="ada@x.com">Ada</span>', {
      trustEveryEvent: false,
    });
    (document.getElementById('chip') as HTMLElement).click();
    expect(onActivate).not.toHaveBeenCalled();
    controller.abort();
  });

  it('ignores clicks elsewhere on the page', async () => {
    const { onActivate, controller } = await highlightedPage('<p>ada@x.com</p><button id="b">Other</button>');
    (document.getElementById('b') as HTMLElement).click();
    expect(onActivate).not.toHaveBeenCalled();
    controller.abort();
  });

  it('reports a hover once the pointer rests on an address', async () => {
    vi.useFakeTimers();
    try {
      const onActivate = vi.fn();
      setBody('<a id="chip" href="mailto:ada@x.com">Ada</a>');
      const index = createOccurrenceIndex();
      index.setElement(document.getElementById('chip') as Element, ['ada@x.com']);
      const controller = new AbortController();
      const highlighter = createHighlighter(document, {
        index,
        signal: controller.signal,
        onActivate,
        hoverDelayMs: 300,
        isAgentEvent: () => true,
      });
      highlighter.apply(index.takeDelta());
      const chip = document.getElementById('chip') as HTMLElement;
      for (let i = 0; i < 3; i++) chip.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, composed: true }));
      vi.advanceTimersByTime(299);
      expect(onActivate).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(onActivate).toHaveBeenCalledExactlyOnceWith('ada@x.com', 'hover');
      controller.abort();
    } finally {
      vi.useRealTimers();
    }
  });
});
