import { describe, expect, it } from 'vitest';
import { capText, defangUrls, hasBidiControl, quotableText, showBidiControls } from '../../../lib/ui/user-text';

describe('user text', () => {
  it('shows every bidi control as a visible mark and leaves other text alone', () => {
    const controls = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C';
    const shown = showBidiControls(`a${controls}b`);
    expect(hasBidiControl(shown)).toBe(false);
    expect(shown).toBe('a⟨LRE⟩⟨RLE⟩⟨PDF⟩⟨LRO⟩⟨RLO⟩⟨LRI⟩⟨RLI⟩⟨FSI⟩⟨PDI⟩⟨LRM⟩⟨RLM⟩⟨ALM⟩b');
    expect(showBidiControls('שלום Ada')).toBe('שלום Ada');
  });

  it('caps with an ellipsis and never splits a surrogate pair', () => {
    expect(capText('short', 10)).toEqual({ text: 'short', capped: false });
    expect(capText('abcdefghijk', 5)).toEqual({ text: 'abcd…', capped: true });
    const emoji = `abc${'😀'.repeat(5)}`;
    const { text } = capText(emoji, 5);
    expect(text).toBe('abc…');
    expect(text.isWellFormed()).toBe(true);
  });

  it('defangs URLs and host names but keeps numbers and sentences', () => {
    expect(defangUrls('see https://evil.example/renew?k=1 now')).toBe('see hxxps[:]//evil[.]example/renew?k=1 now');
    expect(defangUrls('go to www.evil.co.uk')).toBe('go to www[.]evil[.]co[.]uk');
    expect(defangUrls('at most 1.5 MB. Try again')).toBe('at most 1.5 MB. Try again');
  });

  it('quotes Kustomer’s words on one bounded line', () => {
    const quoted = quotableText(`line one\n\nline two http://x.example ${'y'.repeat(1000)}`);
    expect(quoted.startsWith('line one line two hxxp[:]//x[.]example')).toBe(true);
    expect(quoted.length).toBe(300);
    expect(quoted.endsWith('…')).toBe(true);
  });
});
