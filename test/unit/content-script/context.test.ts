// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { ContentScriptContext as WxtContext } from 'wxt/utils/content-script-context';
import { ContentScriptContext } from '../../../lib/content-script/context';

describe('the content script context', () => {
  it('stops an older script of the same name when a newer one starts, and not the newer one', () => {
    const older = vi.fn();
    const newer = vi.fn();
    new ContentScriptContext('content').onInvalidated(older);
    new ContentScriptContext('content').onInvalidated(newer);
    expect(older).toHaveBeenCalledTimes(1);
    expect(newer).not.toHaveBeenCalled();
  });

  it('leaves a script with another name running', () => {
    const other = vi.fn();
    new ContentScriptContext('other').onInvalidated(other);
    new ContentScriptContext('content');
    expect(other).not.toHaveBeenCalled();
  });

  it("hands over to and from a build that runs WXT's own context", () => {
    const ours = vi.fn();
    const theirs = vi.fn();
    new ContentScriptContext('content').onInvalidated(ours);
    new WxtContext('content', { noScriptStartedPostMessage: true }).onInvalidated(theirs);
    expect(ours).toHaveBeenCalledTimes(1);
    new ContentScriptContext('content');
    expect(theirs).toHaveBeenCalledTimes(1);
  });

  it('posts nothing to the page', () => {
    const post = vi.spyOn(window, 'postMessage');
    new ContentScriptContext('content');
    expect(post).not.toHaveBeenCalled();
  });
});
