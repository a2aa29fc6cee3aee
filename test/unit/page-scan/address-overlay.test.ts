// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Occurrence } from '../../../lib/page-scan';
import { createAddressOverlay, placeHostEarly } from '../../../lib/page-scan/address-overlay';
import { setBody } from './scan-helpers';

type Box = { left: number; top: number; width: number; height: number };
type DrawnBox = Box & { known: boolean };

/** happy-dom does no layout: every range gets the boxes this returns. */
let rangeBoxes: Box[] = [];
const asRect = ({ left, top, width, height }: Box) => new DOMRect(left, top, width, height);

/** Shadow roots the overlay attaches, captured for the test (the page never gets them: they are closed). */
let attached: ShadowRoot[] = [];
beforeEach(() => {
  attached = [];
  rangeBoxes = [];
  vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(
    () => rangeBoxes.map(asRect) as unknown as DOMRectList,
  );
  const attachShadow = HTMLElement.prototype.attachShadow;
  vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (this: HTMLElement, init) {
    const root = attachShadow.call(this, init);
    attached.push(root);
    return root;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  setBody('');
});

/** Lets the observer's report and the overlay's animation frame run. */
const nextFrame = async () => {
  await Promise.resolve();
  await new Promise((resolve) => requestAnimationFrame(resolve));
};

function textOccurrence(selector: string, email: string): Occurrence {
  const node = document.querySelector(selector)?.firstChild as Text;
  const start = node.data.indexOf(email);
  return { kind: 'text', email, node, start, end: start + email.length };
}

/** The boxes inside the overlay, as the agent sees them (viewport pixels), and whether each is tinted. */
function drawnBoxes(): DrawnBox[] {
  return [...(attached[0]?.firstElementChild?.children ?? [])].map((box) => {
    const { left, top, width, height } = (box as HTMLElement).style;
    return {
      left: parseFloat(left),
      top: parseFloat(top),
      width: parseFloat(width),
      height: parseFloat(height),
      known: box.className === 'k',
    };
  });
}

function hostSnapshot() {
  const host = document.querySelector('[data-kustomer-sidebar]') as HTMLElement;
  return {
    attributes: host.getAttributeNames().map((name) => `${name}=${host.getAttribute(name)}`),
    html: host.outerHTML,
    openRoot: host.shadowRoot,
    parent: host.parentElement?.tagName,
  };
}

/** An overlay over the current body; `known` decides which addresses are tinted. */
/** Which addresses the overlay under test treats as known (tests change it between redraws). */
let knownNow: ReadonlySet<string> = new Set();

function overlayOf(known: ReadonlySet<string> = new Set()) {
  const controller = new AbortController();
  knownNow = known;
  const overlay = createAddressOverlay(document, controller.signal, (email) => knownNow.has(email));
  return {
    overlay,
    controller,
    know: (next: ReadonlySet<string>) => {
      knownNow = next;
      overlay.redraw();
    },
  };
}

describe('address overlay', () => {
  it('boxes every address box inside a closed shadow root, and tints only known customers', async () => {
    setBody('<p id="a">Write to ada@x.com</p><p id="b">or bob@y.org</p>');
    rangeBoxes = [
      { left: 70, top: 10, width: 60, height: 18 },
      { left: 0, top: 28, width: 20, height: 18 },
    ];
    const { overlay, controller } = overlayOf(new Set(['ada@x.com']));
    overlay.track(textOccurrence('#a', 'ada@x.com'), true);
    overlay.track(textOccurrence('#b', 'bob@y.org'), true);
    await nextFrame();
    expect(attached.map((root) => root.mode)).toEqual(['closed']);
    expect(drawnBoxes()).toEqual([
      ...rangeBoxes.map((box) => ({ ...box, known: true })),
      ...rangeBoxes.map((box) => ({ ...box, known: false })),
    ]);
    controller.abort();
  });

  it('draws the same boxes whatever is known, so the page cannot measure a difference', async () => {
    setBody('<p id="a">ada@x.com</p><p id="b">bob@y.org</p>');
    rangeBoxes = [{ left: 8, top: 8, width: 70, height: 18 }];
    const { overlay, controller, know } = overlayOf();
    overlay.track(textOccurrence('#a', 'ada@x.com'), true);
    overlay.track(textOccurrence('#b', 'bob@y.org'), true);
    await nextFrame();
    const unknown = { host: hostSnapshot(), geometry: drawnBoxes().map(({ known: _, ...box }) => box) };
    expect(unknown.host).toEqual({
      attributes: ['data-kustomer-sidebar=', 'aria-hidden=true'],
      html: '<div data-kustomer-sidebar="" aria-hidden="true"></div>',
      openRoot: null,
      parent: 'HTML',
    });
    know(new Set(['ada@x.com', 'bob@y.org']));
    await nextFrame();
    expect(drawnBoxes().every((box) => box.known)).toBe(true);
    expect({ host: hostSnapshot(), geometry: drawnBoxes().map(({ known: _, ...box }) => box) }).toEqual(unknown);
    controller.abort();
  });

  it('leaves boxes that did not move alone, and adds or removes only those that changed', async () => {
    setBody('<p id="a">ada@x.com</p><p id="b">bob@y.org</p>');
    rangeBoxes = [{ left: 8, top: 8, width: 70, height: 18 }];
    const { overlay, controller } = overlayOf();
    overlay.track(textOccurrence('#a', 'ada@x.com'), true);
    await nextFrame();
    const layer = attached[0]?.firstElementChild as HTMLElement;
    const first = layer.firstElementChild;
    const records: MutationRecord[] = [];
    const watcher = new MutationObserver((batch) => records.push(...batch));
    watcher.observe(layer, { childList: true, subtree: true, attributes: true });
    // A scroll of the page: boxes are in document coordinates, so nothing changes and nothing is written.
    document.dispatchEvent(new Event('scroll'));
    await nextFrame();
    expect(records.splice(0)).toEqual([]);
    rangeBoxes = [{ left: 8, top: 40, width: 70, height: 18 }];
    overlay.track(textOccurrence('#b', 'bob@y.org'), true);
    await nextFrame();
    // Both moved (the fake gives every range the same boxes): two new elements, the old one removed.
    expect(layer.children).toHaveLength(2);
    expect(first?.isConnected).toBe(false);
    watcher.disconnect();
    controller.abort();
  });

  it('replaces every box when statuses change, whether or not any tint changed (same work for any answer)', async () => {
    setBody('<p id="a">ada@x.com</p><p id="b">bob@y.org</p>');
    rangeBoxes = [
      { left: 8, top: 8, width: 70, height: 18 },
      { left: 8, top: 26, width: 30, height: 18 },
    ];
    const { overlay, controller } = overlayOf();
    overlay.track(textOccurrence('#a', 'ada@x.com'), true);
    overlay.track(textOccurrence('#b', 'bob@y.org'), true);
    await nextFrame();
    const layer = attached[0]?.firstElementChild as HTMLElement;
    const written = async (apply: () => void) => {
      const before = new Set(layer.children);
      const records: MutationRecord[] = [];
      const watcher = new MutationObserver((batch) => records.push(...batch));
      watcher.observe(layer, { childList: true });
      apply();
      await nextFrame();
      await Promise.resolve();
      watcher.disconnect();
      return {
        added: records.reduce((sum, record) => sum + record.addedNodes.length, 0),
        removed: records.reduce((sum, record) => sum + record.removedNodes.length, 0),
        kept: [...layer.children].filter((box) => before.has(box)).length,
      };
    };
    // A stranger's answer (nothing becomes known) and a customer's cost the same DOM work.
    const stranger = await written(() => overlay.restyle());
    const customer = await written(() => {
      knownNow = new Set(['ada@x.com']);
      overlay.restyle();
    });
    expect(stranger).toEqual({ added: 4, removed: 4, kept: 0 });
    expect(customer).toEqual(stranger);
    controller.abort();
  });

  it.each([
    ['left of the viewport', { left: -30, top: 10, width: 50, height: 18 }],
    ['below the viewport', { left: 10, top: 760, width: 50, height: 18 }],
  ])('does not clip a box %s: boxes scroll with the page, natively', async (_where, box) => {
    setBody('<p id="p">ada@x.com</p>');
    rangeBoxes = [box];
    const { overlay, controller } = overlayOf();
    overlay.track(textOccurrence('#p', 'ada@x.com'), true);
    await nextFrame();
    expect(drawnBoxes()).toEqual([{ ...box, known: false }]);
    controller.abort();
  });

  it('clips boxes to the scroll pane that holds the address', async () => {
    setBody('<div id="pane" style="overflow: auto"><p id="p">ada@x.com</p></div>');
    vi.spyOn(document.getElementById('pane') as HTMLElement, 'getBoundingClientRect').mockReturnValue(
      new DOMRect(0, 100, 300, 50),
    );
    rangeBoxes = [{ left: 10, top: 140, width: 60, height: 18 }];
    const { overlay, controller } = overlayOf();
    overlay.track(textOccurrence('#p', 'ada@x.com'), true);
    await nextFrame();
    expect(drawnBoxes()).toEqual([{ left: 10, top: 140, width: 60, height: 10, known: false }]);
    controller.abort();
  });

  it('forgets a holder with its last address', async () => {
    setBody('<p id="p">ada@x.com and bob@y.org</p>');
    rangeBoxes = [{ left: 10, top: 5, width: 60, height: 18 }];
    const { overlay, controller } = overlayOf();
    const ada = textOccurrence('#p', 'ada@x.com');
    const bob = textOccurrence('#p', 'bob@y.org');
    overlay.track(ada, true);
    overlay.track(bob, true);
    await nextFrame();
    expect(drawnBoxes()).toHaveLength(2);
    overlay.track(ada, false);
    await nextFrame();
    expect(drawnBoxes()).toHaveLength(1);
    overlay.track(bob, false);
    await nextFrame();
    expect(drawnBoxes()).toEqual([]);
    controller.abort();
  });

  it('measures only the runs of holders the viewport reaches, reading two boxes per run for the others', async () => {
    // 100 holders, 600px apart: runs of 32 span 19,200px, and the viewport (768px, 200px margin) reaches the first.
    setBody(Array.from({ length: 100 }, (_, i) => `<p id="p${i}">a${i}@x.com</p>`).join(''));
    const top = (element: Element) => Number(element.id.slice(1)) * 600 - window.scrollY;
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      return this.id ? new DOMRect(0, top(this), 100, 18) : new DOMRect(0, 0, 0, 0);
    });
    const { overlay, controller } = overlayOf();
    for (let i = 0; i < 100; i++) overlay.track(textOccurrence(`#p${i}`, `a${i}@x.com`), true);
    const measured = vi.mocked(Range.prototype.getClientRects);
    measured.mockClear();
    await nextFrame();
    // The first run (32 holders) is measured; the other three are skipped after reading their two ends. The
    // first run's ends are read too: they are kept for the scrolls that follow.
    expect(measured).toHaveBeenCalledTimes(32);
    const boxReads = vi.mocked(Element.prototype.getBoundingClientRect);
    expect(boxReads.mock.contexts.filter((element) => (element as Element).id).length).toBe(4 * 2);
    controller.abort();
  });

  it('reads no box on a scroll of the page, and measures only the run that comes near', async () => {
    // The same 100 holders, 600px apart, in four runs of 32 (the last one of 4).
    setBody(Array.from({ length: 100 }, (_, i) => `<p id="p${i}">a${i}@x.com</p>`).join(''));
    let scrollY = 0;
    vi.spyOn(window, 'scrollY', 'get').mockImplementation(() => scrollY);
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      // The host sits at the document's origin, so it moves up as the page scrolls, like every holder.
      return this.id
        ? new DOMRect(0, Number(this.id.slice(1)) * 600 - scrollY, 100, 18)
        : new DOMRect(0, -scrollY, 0, 0);
    });
    const { overlay, controller } = overlayOf();
    for (let i = 0; i < 100; i++) overlay.track(textOccurrence(`#p${i}`, `a${i}@x.com`), true);
    await nextFrame();
    const measured = vi.mocked(Range.prototype.getClientRects);
    const boxReads = vi.mocked(Element.prototype.getBoundingClientRect);
    const holderReads = () => boxReads.mock.contexts.filter((element) => (element as Element).id).length;
    measured.mockClear();
    boxReads.mockClear();
    // Within the first run: nothing comes near that was not, so no holder is read or measured again.
    scrollY = 3_000;
    const layer = attached[0]?.firstElementChild as HTMLElement;
    const records: MutationRecord[] = [];
    const watcher = new MutationObserver((batch) => records.push(...batch));
    watcher.observe(layer, { childList: true, subtree: true, attributes: true });
    document.dispatchEvent(new Event('scroll'));
    await nextFrame();
    // One read: the first holder of the run in view, to see that the page's layout did not move it.
    expect({ holderReads: holderReads(), measured: measured.mock.calls.length, writes: records.length }).toEqual({
      holderReads: 1,
      measured: 0,
      writes: 0,
    });
    // Down to the second run (holders 32–63 span 19,200–37,800px): its 32 holders are measured, no run end read.
    boxReads.mockClear();
    scrollY = 25_000;
    document.dispatchEvent(new Event('scroll'));
    await nextFrame();
    expect({ holderReads: holderReads(), measured: measured.mock.calls.length }).toEqual({
      holderReads: 1,
      measured: 32,
    });
    watcher.disconnect();
    controller.abort();
  });

  it('follows holders that a change of style moved without a mutation, on the next scroll', async () => {
    setBody('<p id="p">ada@x.com</p>');
    let shift = 0;
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      return this.id ? new DOMRect(10, 5 + shift, 60, 18) : new DOMRect(0, 0, 0, 0);
    });
    vi.mocked(Range.prototype.getClientRects).mockImplementation(
      () => [new DOMRect(10, 5 + shift, 60, 18)] as unknown as DOMRectList,
    );
    const { overlay, controller } = overlayOf();
    overlay.track(textOccurrence('#p', 'ada@x.com'), true);
    await nextFrame();
    expect(drawnBoxes().map((box) => box.top)).toEqual([5]);
    // The page gives <body> some padding (a style the scanner does not observe), then scrolls.
    shift = 120;
    document.dispatchEvent(new Event('scroll'));
    await nextFrame();
    expect(drawnBoxes().map((box) => box.top)).toEqual([125]);
    controller.abort();
  });

  it('redraws on scroll, also of an inner pane, at most once per frame', async () => {
    setBody('<div id="pane"><p id="p">ada@x.com</p></div>');
    const { overlay, controller } = overlayOf();
    overlay.track(textOccurrence('#p', 'ada@x.com'), true);
    await nextFrame();
    const measured = vi.mocked(Range.prototype.getClientRects);
    measured.mockClear();
    const pane = document.getElementById('pane') as HTMLElement;
    for (let i = 0; i < 5; i++) pane.dispatchEvent(new Event('scroll'));
    window.dispatchEvent(new Event('resize'));
    await nextFrame();
    expect(measured).toHaveBeenCalledTimes(1);
    controller.abort();
  });

  it('puts its host back when the page removes it', async () => {
    setBody('<p id="p">ada@x.com</p>');
    const { overlay, controller } = overlayOf();
    overlay.track(textOccurrence('#p', 'ada@x.com'), true);
    await nextFrame();
    document.querySelector('[data-kustomer-sidebar]')?.remove();
    overlay.redraw();
    await nextFrame();
    expect(document.documentElement.lastElementChild?.hasAttribute('data-kustomer-sidebar')).toBe(true);
    controller.abort();
  });

  it('leaves nothing behind and draws no more once stopped', async () => {
    setBody('<p id="p">ada@x.com</p>');
    rangeBoxes = [{ left: 10, top: 5, width: 60, height: 18 }];
    const { overlay, controller } = overlayOf();
    overlay.track(textOccurrence('#p', 'ada@x.com'), true);
    await nextFrame();
    controller.abort();
    expect(document.querySelector('[data-kustomer-sidebar]')).toBeNull();
    const measured = vi.mocked(Range.prototype.getClientRects);
    measured.mockClear();
    overlay.redraw();
    document.dispatchEvent(new Event('scroll'));
    await nextFrame();
    expect(measured).not.toHaveBeenCalled();
  });
});

describe('address overlay host placed before the first layout (issue 14)', () => {
  const hosts = () => document.querySelectorAll('[data-kustomer-sidebar]');

  it('waits for <body>, then puts the host after it, and the overlay draws into that host', async () => {
    const body = document.body;
    body.remove();
    const early = new AbortController();
    placeHostEarly(document, early.signal);
    // No <body> yet (the parser has not reached it): nothing in the page.
    expect(hosts()).toHaveLength(0);
    document.documentElement.append(body);
    await Promise.resolve();
    expect(document.documentElement.lastElementChild?.hasAttribute('data-kustomer-sidebar')).toBe(true);
    const placed = hosts()[0];
    setBody('<p id="p">ada@x.com</p>');
    rangeBoxes = [{ left: 10, top: 5, width: 60, height: 18 }];
    const { overlay, controller } = overlayOf();
    overlay.track(textOccurrence('#p', 'ada@x.com'), true);
    await nextFrame();
    // One host, the early one, with the box in it.
    expect([...hosts()]).toEqual([placed]);
    expect(attached).toHaveLength(1);
    expect(drawnBoxes()).toEqual([{ ...(rangeBoxes[0] as Box), known: false }]);
    controller.abort();
    early.abort();
    expect(hosts()).toHaveLength(0);
  });

  it('places the host at once when <body> is there, and removes it when stopped before any address', () => {
    const early = new AbortController();
    placeHostEarly(document, early.signal);
    expect(document.documentElement.lastElementChild?.hasAttribute('data-kustomer-sidebar')).toBe(true);
    early.abort();
    expect(hosts()).toHaveLength(0);
  });
});
