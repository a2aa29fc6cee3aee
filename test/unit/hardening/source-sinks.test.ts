import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const SHIPPED_FOLDERS = ['lib', 'components', 'entrypoints'];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const files = SHIPPED_FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder))).map((path) => ({
  path: relative(ROOT, path),
  text: readFileSync(path, 'utf8'),
}));

/** Where each forbidden construct appears in shipped code, as `file: line`. */
function occurrences(pattern: RegExp): string[] {
  return files.flatMap(({ path, text }) =>
    text.split('\n').flatMap((line, index) => (pattern.test(line) ? [`${path}:${index + 1}: ${line.trim()}`] : [])),
  );
}

describe('shipped code has no HTML sinks, no dynamic code and no logging', () => {
  it('reads the shipped folders', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each([
    ['dangerouslySetInnerHTML', /dangerouslySetInnerHTML/],
    ['innerHTML / outerHTML assignment', /\.(inner|outer)HTML\s*[+]?=/],
    ['insertAdjacentHTML', /insertAdjacentHTML/],
    ['document.write', /document\.write(ln)?\s*\(/],
    ['createContextualFragment / DOMParser', /createContextualFragment|new DOMParser/],
    ['eval', /(^|[^.\w])eval\s*\(/],
    ['new Function', /new Function\s*\(/],
    ['string timers', /set(Timeout|Interval)\s*\(\s*['"`]/],
  ])('no %s (page and Kustomer text is only ever rendered as text)', (_name, pattern) => {
    expect(occurrences(pattern)).toEqual([]);
  });

  it('logs nothing to the console, so no credential or customer data can end up in a log', () => {
    expect(occurrences(/\bconsole\.(log|info|warn|error|debug|trace|dir)\s*\(/)).toEqual([]);
  });

  it('builds links only through the http(s) check of lib/url.ts (safeHttpUrl)', () => {
    const checkedFiles = new Set(files.filter(({ text }) => text.includes('safeHttpUrl(')).map(({ path }) => path));
    const dynamicHrefs = occurrences(/href=\{/).filter((line) => {
      // contactHref (components/copy-value.tsx) makes only mailto: of a plain address and tel: of digits.
      if (/href=\{safeHttpUrl\(|href=\{contactHref\(|href=\{kustomerUrl\}/.test(line)) return false;
      // `href={url}` is fine where that file computed `url` with safeHttpUrl.
      return !(/href=\{url\}/.test(line) && checkedFiles.has(line.slice(0, line.indexOf(':'))));
    });
    expect(dynamicHrefs).toEqual([]);
  });
});
