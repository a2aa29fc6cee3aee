// @vitest-environment happy-dom

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PageScanOptions } from '../../../lib/page-scan';
import { OWN_UI_ATTRIBUTE } from '../../../lib/page-scan';
import { scanDocument, setBody, settle } from './scan-helpers';

const stops: AbortController[] = [];
function start(overrides: Parameters<typeof scanDocument>[0] = {}) {
  const started = scanDocument(overrides);
  stops.push(started.controller);
  return started;
}

afterEach(() => {
  for (const controller of stops.splice(0)) controller.abort();
  setBody('');
});

describe('page scanner on a static page', () => {
  it('finds addresses in text with their spans', async () => {
    setBody('<p>Write to <b>Ada@Example.com</b> or bob@example.org.</p>');
    const { scan, emails } = start();
    await settle(scan);
    expect(emails()).toEqual(['ada@example.com', 'bob@example.org']);
    const [occurrence] = scan.index.all().filter((item) => item.email === 'bob@example.org');
    expect(occurrence).toMatchObject({ kind: 'text', start: 4, end: 19 });
  });

  it('keeps one address once however often it appears, with every occurrence', async () => {
    setBody('<p>ada@x.com</p><p>ADA@x.com</p><a href="mailto:ada@x.com">mail</a>');
    const { scan, emails } = start();
    await settle(scan);
    expect(emails()).toEqual(['ada@x.com']);
    expect(scan.index.all()).toHaveLength(3);
  });

  it.each([
    ['script', '<script>var a = "ada@x.com";</script>'],
    ['style', '<style>/* ada@x.com */</style>'],
    ['noscript', '<noscript>ada@x.com</noscript>'],
    ['template', '<template><p>ada@x.com</p></template>'],
    ['textarea', '<textarea>ada@x.com</textarea>'],
    ['input', '<input value="ada@x.com">'],
    ['select', '<select><option>ada@x.com</option></select>'],
    ['contenteditable', '<div contenteditable="true"><p>ada@x.com</p></div>'],
    ['contenteditable without a value', '<div contenteditable><p>ada@x.com</p></div>'],
    ['plaintext-only editing', '<div contenteditable="plaintext-only">ada@x.com</div>'],
    ['the extension’s own UI', `<div ${OWN_UI_ATTRIBUTE}>ada@x.com</div>`],
    [
      'a skipped element that is the last child of nested elements',
      '<div><section><textarea>ada@x.com</textarea></section></div>',
    ],
    [
      'skipped elements next to each other',
      '<script>ada@x.com</script><style>ada@x.com</style><textarea>ada@x.com</textarea>',
    ],
  ])('skips text inside %s', async (_name, html) => {
    setBody(`${html}<p>bob@y.org</p>`);
    const { scan, emails } = start();
    await settle(scan);
    expect(emails()).toEqual(['bob@y.org']);
  });

  it('scans contenteditable="false" islands', async () => {
    setBody('<div contenteditable="false">ada@x.com</div>');
    const { scan, emails } = start();
    await settle(scan);
    expect(emails()).toEqual(['ada@x.com']);
  });

  it.each([
    ['a mailto link', '<a href="mailto:ada@x.com?cc=bob@y.org">Write</a>', ['ada@x.com', 'bob@y.org']],
    ['a mailto area', '<map><area href="MAILTO:ada@x.com"></map>', ['ada@x.com']],
    ['a Gmail sender chip', '<span email="ada@x.com" name="Ada">Ada</span>', ['ada@x.com']],
    ['a hovercard id', '<span data-hovercard-id="ada@x.com">Ada</span>', ['ada@x.com']],
    ['a data-email attribute', '<div data-email="ada@x.com">Ada</div>', ['ada@x.com']],
    ['a title with a name', '<span title="Ada Lovelace <ada@x.com>">Ada</span>', ['ada@x.com']],
    ['an http link that mentions an address', '<a href="https://x.test/?to=ada@x.com">x</a>', []],
    ['an image name in a title', '<img title="logo@2x.png">', []],
  ])('reads %s', async (_name, html, expected) => {
    setBody(html);
    const { scan, emails } = start();
    await settle(scan);
    expect(emails()).toEqual(expected);
  });

  it('finds addresses inside open shadow roots, nested ones included', async () => {
    setBody('<x-card></x-card>');
    const host = document.querySelector('x-card') as HTMLElement;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>ada@x.com</p><x-inner></x-inner>';
    const inner = (shadow.querySelector('x-inner') as HTMLElement).attachShadow({ mode: 'open' });
    inner.innerHTML = '<span email="bob@y.org">Bob</span>';
    const { scan, emails } = start();
    await settle(scan);
    expect(emails()).toEqual(['ada@x.com', 'bob@y.org']);
  });

  it('splits the work into slices that stop once the time budget is spent', async () => {
    setBody(Array.from({ length: 2000 }, (_, i) => `<p>row ${i} user${i}@x.com</p>`).join(''));
    let clock = 0;
    const { scan } = start({ now: () => (clock += 0.5), sliceBudgetMs: 8 });
    await settle(scan);
    expect(scan.index.size).toBe(2000);
    expect(scan.stats.slices).toBeGreaterThan(5);
    // Each read of the fake clock advances it 0.5 ms: a slice ends at the first read past 8 ms, plus the final read.
    expect(scan.stats.longestSliceMs).toBeLessThanOrEqual(9);
  });

  it('ends a slice with the idle period the browser gave it, when that is shorter than the budget', async () => {
    setBody(Array.from({ length: 2000 }, (_, i) => `<p>row ${i} user${i}@x.com</p>`).join(''));
    let clock = 0;
    // Idle periods of 3 ms, as between the frames of a page that scrolls.
    const between: NonNullable<PageScanOptions['scheduleIdle']> = (work) => {
      const handle = setTimeout(() => work(3), 0);
      return () => clearTimeout(handle);
    };
    const { scan } = start({ now: () => (clock += 0.5), sliceBudgetMs: 8, scheduleIdle: between });
    await settle(scan);
    expect(scan.index.size).toBe(2000);
    expect(scan.stats.longestSliceMs).toBeLessThanOrEqual(4);
  });
});

/** Idle periods of `ms`, as a browser gives them. */
const idleOf =
  (ms: number): NonNullable<PageScanOptions['scheduleIdle']> =>
  (work) => {
    const handle = setTimeout(() => work(ms), 0);
    return () => clearTimeout(handle);
  };

describe('page scanner slices on a clock that follows the work (issue 14)', () => {
  /** A clock that advances with what the scanner has read: `perNode` ms per node, `perText` more per text node. */
  function workClock(perNode: number, perText = 0) {
    let scan: ReturnType<typeof start>['scan'] | undefined;
    const now = () =>
      scan
        ? (scan.stats.elementsScanned + scan.stats.textNodesScanned) * perNode + scan.stats.textNodesScanned * perText
        : 0;
    return { now, attach: (started: ReturnType<typeof start>['scan']) => (scan = started) };
  }

  it('reads the clock often enough to stop within a few nodes of its budget', async () => {
    setBody(Array.from({ length: 2000 }, (_, i) => `<p>row ${i} user${i}@x.com</p>`).join(''));
    const clock = workClock(0.1);
    const { scan } = start({ now: clock.now, sliceBudgetMs: 8, scheduleIdle: idleOf(50) });
    clock.attach(scan);
    await settle(scan);
    expect(scan.index.size).toBe(2000);
    expect(scan.stats.longestSliceMs).toBeLessThanOrEqual(8.5);
  });

  it('counts long texts as more work than short ones', async () => {
    const long = 'x'.repeat(1000);
    setBody(Array.from({ length: 400 }, (_, i) => `<p>${long} user${i}@x.com</p>`).join(''));
    // Each 1,000-character text costs 0.3 ms; elements almost nothing.
    const clock = workClock(0.001, 0.3);
    const { scan } = start({ now: clock.now, sliceBudgetMs: 8, scheduleIdle: idleOf(50) });
    clock.attach(scan);
    await settle(scan);
    expect(scan.index.size).toBe(400);
    expect(scan.stats.longestSliceMs).toBeLessThanOrEqual(8.5);
  });

  it('takes half its budget when the page gave no idle period', async () => {
    setBody(Array.from({ length: 2000 }, (_, i) => `<p>row ${i} user${i}@x.com</p>`).join(''));
    const clock = workClock(0.1);
    // timerScheduler: work() without an idle period, as when requestIdleCallback's timeout passed.
    const { scan } = start({ now: clock.now, sliceBudgetMs: 8 });
    clock.attach(scan);
    await settle(scan);
    expect(scan.index.size).toBe(2000);
    expect(scan.stats.longestSliceMs).toBeLessThanOrEqual(4.5);
  });

  it('cuts a burst of added text nodes into slices too', async () => {
    setBody('<div id="feed"></div>');
    const clock = workClock(0.1);
    const { scan } = start({ now: clock.now, sliceBudgetMs: 8, scheduleIdle: idleOf(50) });
    clock.attach(scan);
    await settle(scan);
    const feed = document.getElementById('feed') as HTMLElement;
    // 3,000 separate records, each adding one text node: 3,000 queued roots.
    for (let i = 0; i < 3000; i++) feed.append(document.createTextNode(` user${i}@x.com `));
    await settle(scan);
    expect(scan.index.size).toBe(3000);
    expect(scan.stats.longestSliceMs).toBeLessThanOrEqual(8.5);
  });
});

describe('page scanner following changes', () => {
  it('tells its listener about changes without addresses too, since they can move the ones it found', async () => {
    setBody('<p>ada@x.com</p><div id="feed"></div>');
    const onMutations = vi.fn();
    const onOccurrencesChanged = vi.fn();
    const { scan } = start({ onMutations, onOccurrencesChanged });
    await settle(scan);
    onOccurrencesChanged.mockClear();
    (document.getElementById('feed') as HTMLElement).append('A line of news without any address');
    await settle(scan);
    expect(onMutations).toHaveBeenCalledTimes(1);
    expect(onOccurrencesChanged).not.toHaveBeenCalled();
  });

  it('scans only the subtree that was added', async () => {
    setBody(Array.from({ length: 500 }, (_, i) => `<p>paragraph ${i}</p>`).join(''));
    const { scan, emails } = start();
    await settle(scan);
    const before = { ...scan.stats };
    const added = document.createElement('div');
    added.innerHTML = '<p>new ada@x.com</p><p>two</p><span>three</span>';
    document.body.append(added);
    await settle(scan);
    expect(emails()).toEqual(['ada@x.com']);
    expect(scan.stats.textNodesScanned - before.textNodesScanned).toBe(3);
    expect(scan.stats.elementsScanned - before.elementsScanned).toBe(4);
  });

  it('rescans a text node whose text changed, and forgets the old address', async () => {
    setBody('<p id="p">ada@x.com</p><p>keep@y.org</p>');
    const { scan, emails } = start();
    await settle(scan);
    const before = scan.stats.textNodesScanned;
    ((document.getElementById('p') as HTMLElement).firstChild as Text).data = 'now bob@z.net';
    await settle(scan);
    expect(emails()).toEqual(['bob@z.net', 'keep@y.org']);
    expect(scan.stats.textNodesScanned - before).toBe(1);
  });

  it('forgets addresses whose nodes were removed', async () => {
    setBody('<div id="gone"><p>ada@x.com</p></div><p>keep@y.org</p>');
    const { scan, emails } = start();
    await settle(scan);
    document.getElementById('gone')?.remove();
    await settle(scan);
    expect(emails()).toEqual(['keep@y.org']);
  });

  it('follows attribute changes on links and sender chips', async () => {
    setBody('<a id="a" href="mailto:ada@x.com">Mail</a>');
    const { scan, emails } = start();
    await settle(scan);
    document.getElementById('a')?.setAttribute('href', 'mailto:bob@y.org');
    await settle(scan);
    expect(emails()).toEqual(['bob@y.org']);
  });

  it('forgets text that becomes editable', async () => {
    setBody('<div id="d"><p>ada@x.com</p></div>');
    const { scan, emails } = start();
    await settle(scan);
    document.getElementById('d')?.setAttribute('contenteditable', 'true');
    await settle(scan);
    expect(emails()).toEqual([]);
  });

  it('ignores text typed into an editable area', async () => {
    setBody('<div id="d" contenteditable="true"></div>');
    const { scan, emails } = start();
    await settle(scan);
    document.getElementById('d')?.append('typing ada@x.com');
    await settle(scan);
    expect(emails()).toEqual([]);
  });

  it('follows changes inside open shadow roots', async () => {
    setBody('<x-card></x-card>');
    const shadow = (document.querySelector('x-card') as HTMLElement).attachShadow({ mode: 'open' });
    const { scan, emails } = start();
    await settle(scan);
    shadow.innerHTML = '<p>late@x.com</p>';
    await settle(scan);
    expect(emails()).toEqual(['late@x.com']);
  });

  it('ignores elements the extension added to the page', async () => {
    setBody('<p>ada@x.com</p>');
    const { scan } = start();
    await settle(scan);
    const before = { ...scan.stats };
    const own = document.createElement('div');
    own.setAttribute(OWN_UI_ATTRIBUTE, 'test');
    own.textContent = 'own@x.com';
    document.body.append(own);
    own.textContent = 'changed own@x.com';
    await settle(scan);
    expect(scan.index.emails()).toEqual(['ada@x.com']);
    expect(scan.stats).toEqual(before);
  });

  it('reports added and removed addresses once per burst of changes', async () => {
    setBody('<p id="p">ada@x.com</p>');
    const onEmailsChanged = vi.fn();
    const { scan } = start({ onEmailsChanged, reportDelayMs: 20 });
    await settle(scan);
    await vi.waitFor(() => expect(onEmailsChanged).toHaveBeenCalledTimes(1));
    expect(onEmailsChanged).toHaveBeenLastCalledWith({ added: ['ada@x.com'], removed: [], emails: ['ada@x.com'] });
    document.getElementById('p')?.remove();
    for (const name of ['b', 'c', 'd']) {
      const p = document.createElement('p');
      p.textContent = `${name}@x.com`;
      document.body.append(p);
    }
    await settle(scan);
    await vi.waitFor(() => expect(onEmailsChanged).toHaveBeenCalledTimes(2));
    expect(onEmailsChanged).toHaveBeenLastCalledWith({
      added: ['b@x.com', 'c@x.com', 'd@x.com'],
      removed: ['ada@x.com'],
      emails: ['b@x.com', 'c@x.com', 'd@x.com'],
    });
  });

  it('reports a page without addresses once, so that the background knows the scan ran', async () => {
    setBody('<p>nothing to see</p>');
    const onEmailsChanged = vi.fn();
    const { scan } = start({ onEmailsChanged });
    await settle(scan);
    await vi.waitFor(() =>
      expect(onEmailsChanged).toHaveBeenCalledExactlyOnceWith({ added: [], removed: [], emails: [] }),
    );
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'still nothing' }));
    await settle(scan);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(onEmailsChanged).toHaveBeenCalledOnce();
  });

  it('does nothing more once aborted, and forgets what it found', async () => {
    setBody('<p>ada@x.com</p>');
    const onEmailsChanged = vi.fn();
    const { scan, controller } = start({ onEmailsChanged, reportDelayMs: 10_000 });
    await settle(scan);
    controller.abort();
    const stats = { ...scan.stats };
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'late@x.com' }));
    await settle(scan);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(scan.index.emails()).toEqual([]);
    expect(scan.stats).toEqual(stats);
    expect(onEmailsChanged).not.toHaveBeenCalled();
  });
});

describe('page scanner with phone detection (issue 15)', () => {
  it('finds phone candidates in text and tel: links beside addresses, keyed tel:<digits>', async () => {
    setBody('<p>Ada ada@x.com, (212) 555-0142, order #4500123456</p><a href="tel:+44-20-7946-0018;ext=1">call</a>');
    const { scan, emails } = start({ phones: true });
    await settle(scan);
    expect(emails()).toEqual(['ada@x.com', 'tel:+442079460018', 'tel:2125550142']);
    const [occurrence] = scan.index.all().filter((item) => item.email === 'tel:2125550142');
    expect(occurrence).toMatchObject({ kind: 'text', start: 15, end: 29 });
  });

  it('finds no phone numbers when phone detection is off', async () => {
    setBody('<p>(212) 555-0142</p><a href="tel:+442079460018">call</a>');
    const { scan, emails } = start();
    await settle(scan);
    expect(emails()).toEqual([]);
  });
});
