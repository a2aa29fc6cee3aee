// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Occurrence } from '../../../lib/page-scan';
import { createKnownOverlay } from '../../../lib/page-scan/known-overlay';
import { setBody } from './scan-helpers';

type Box = { left: number; top: number; width: number; height: number };

/** happy-dom does no layout: every range gets the boxes this returns. */
let rangeBoxes: Box[] = [];
const asRect = ({ left, top, width, height }: Box) => new DOMRect(left, top, width, height);

/** Shadow roots the overlay attaches, captured for the test (the page never gets them: they are closed). */
let attached: ShadowRoot[] = [];
/** What hit tests find on top (happy-dom finds nothing): the body, unless a test puts something over it. */
let onTop: () => Element | null = () => document.body;

beforeEach(() => {
  attached = [];
  rangeBoxes = [];
  onTop = () => document.body;
  vi.spyOn(document, 'elementFromPoint').mockImplementation(() => onTop());
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
  setBody('');
});

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

function textOccurrence(selector: string, email: string): Occurrence {
  const node = document.querySelector(selector)?.firstChild as Text;
  const start = node.data.indexOf(email);
  return { kind: 'text', email, node, start, end: start + email.length };
}

/** The marks inside the overlay, as the agent sees them (viewport pixels). */
function drawnMarks(): Box[] {
  return [...(attached[0]?.children ?? [])].map((mark) => {
    const { left, top, width, height } = (mark as HTMLElement).style;
    return { left: parseFloat(left), top: parseFloat(top), width: parseFloat(width), height: parseFloat(height) };
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

describe('known-customer overlay', () => {
  it('draws one mark per box of each known address inside a closed shadow root', async () => {
    setBody('<p id="p">Write to ada@x.com</p>');
    let known: Occurrence[] = [];
    const controller = new AbortController();
    const redraw = createKnownOverlay(document, controller.signal, () => known);
    await nextFrame();
    expect(attached.map((root) => root.mode)).toEqual(['closed']);
    expect(drawnMarks()).toEqual([]);

    known = [textOccurrence('#p', 'ada@x.com')];
    rangeBoxes = [
      { left: 70, top: 10, width: 60, height: 18 },
      { left: 0, top: 28, width: 20, height: 18 },
    ];
    redraw();
    await nextFrame();
    expect(drawnMarks()).toEqual(rangeBoxes);
    controller.abort();
  });

  it('shows the page the same host, with nothing inside it, whether or not anything is known', async () => {
    setBody('<p id="p">ada@x.com</p>');
    let known: Occurrence[] = [];
    const controller = new AbortController();
    const redraw = createKnownOverlay(document, controller.signal, () => known);
    await nextFrame();
    const unknown = hostSnapshot();
    expect(unknown).toEqual({
      attributes: ['data-kustomer-sidebar=', 'aria-hidden=true'],
      html: '<div data-kustomer-sidebar="" aria-hidden="true"></div>',
      openRoot: null,
      parent: 'HTML',
    });
    known = [textOccurrence('#p', 'ada@x.com')];
    rangeBoxes = [{ left: 8, top: 8, width: 70, height: 18 }];
    redraw();
    await nextFrame();
    expect(drawnMarks()).toHaveLength(1);
    expect(hostSnapshot()).toEqual(unknown);
    controller.abort();
  });

  it.each([
    [
      'left of the viewport',
      { left: -30, top: 10, width: 50, height: 18 },
      { left: 0, top: 10, width: 20, height: 18 },
    ],
    ['below the viewport', { left: 10, top: 760, width: 50, height: 18 }, { left: 10, top: 760, width: 50, height: 8 }],
    ['far off screen', { left: 10, top: 5000, width: 50, height: 18 }, null],
  ])('clips a box %s to the viewport', async (_where, box, expected) => {
    setBody('<p id="p">ada@x.com</p>');
    rangeBoxes = [box];
    const controller = new AbortController();
    createKnownOverlay(document, controller.signal, () => [textOccurrence('#p', 'ada@x.com')]);
    await nextFrame();
    // happy-dom's viewport is 1024 × 768.
    expect(drawnMarks()).toEqual(expected ? [expected] : []);
    controller.abort();
  });

  it('clips marks to the scroll pane that holds the address', async () => {
    setBody('<div id="pane" style="overflow: auto"><p id="p">ada@x.com</p></div>');
    vi.spyOn(document.getElementById('pane') as HTMLElement, 'getBoundingClientRect').mockReturnValue(
      new DOMRect(0, 100, 300, 50),
    );
    rangeBoxes = [{ left: 10, top: 140, width: 60, height: 18 }];
    const controller = new AbortController();
    createKnownOverlay(document, controller.signal, () => [textOccurrence('#p', 'ada@x.com')]);
    await nextFrame();
    expect(drawnMarks()).toEqual([{ left: 10, top: 140, width: 60, height: 10 }]);
    controller.abort();
  });

  it('hides the mark of an address that something else covers, such as a sticky header', async () => {
    setBody('<header id="bar">Menu</header><p id="p">ada@x.com</p>');
    rangeBoxes = [{ left: 10, top: 5, width: 60, height: 18 }];
    const controller = new AbortController();
    const redraw = createKnownOverlay(document, controller.signal, () => [textOccurrence('#p', 'ada@x.com')]);
    await nextFrame();
    expect(drawnMarks()).toHaveLength(1);
    onTop = () => document.getElementById('bar');
    redraw();
    await nextFrame();
    expect(drawnMarks()).toEqual([]);
    controller.abort();
  });

  it('redraws on scroll, also of an inner pane, at most once per frame', async () => {
    setBody('<div id="pane"><p id="p">ada@x.com</p></div>');
    const known = vi.fn(() => [textOccurrence('#p', 'ada@x.com')]);
    const controller = new AbortController();
    createKnownOverlay(document, controller.signal, known);
    await nextFrame();
    expect(known).toHaveBeenCalledTimes(1);
    const pane = document.getElementById('pane') as HTMLElement;
    for (let i = 0; i < 5; i++) pane.dispatchEvent(new Event('scroll'));
    window.dispatchEvent(new Event('resize'));
    await nextFrame();
    expect(known).toHaveBeenCalledTimes(2);
    controller.abort();
  });

  it('puts its host back when the page removes it', async () => {
    setBody('<p id="p">ada@x.com</p>');
    const controller = new AbortController();
    const redraw = createKnownOverlay(document, controller.signal, () => []);
    await nextFrame();
    document.querySelector('[data-kustomer-sidebar]')?.remove();
    redraw();
    await nextFrame();
    expect(document.documentElement.lastElementChild?.hasAttribute('data-kustomer-sidebar')).toBe(true);
    controller.abort();
  });

  it('leaves nothing behind and draws no more once stopped', async () => {
    setBody('<p id="p">ada@x.com</p>');
    const known = vi.fn(() => []);
    const controller = new AbortController();
    const redraw = createKnownOverlay(document, controller.signal, known);
    await nextFrame();
    controller.abort();
    redraw();
    document.dispatchEvent(new Event('scroll'));
    await nextFrame();
    expect(known).toHaveBeenCalledTimes(1);
    expect(document.querySelector('[data-kustomer-sidebar]')).toBeNull();
  });
});
