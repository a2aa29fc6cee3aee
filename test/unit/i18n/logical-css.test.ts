import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Right to left (issue 20): the pages mirror by `dir="rtl"` alone, so their style sheets say "start" and "end",
 * never "left" and "right" (margin-inline-start, inset-inline, text-align: start). A physical side would stay put
 * in Arabic while everything around it moves.
 */
const COMPONENTS = join(import.meta.dirname, '../../../components');
const DECLARATION = /([\w-]+)\s*:\s*([^;{}]+)/g;
/** Properties that name a side, and properties whose value can name one. */
const SIDE_PROPERTY =
  /^(?:(?:margin|padding|border|scroll-margin|scroll-padding)-(?:left|right)(?:-[\w-]+)?|left|right)$/;
const SIDE_VALUE_PROPERTY = /^(?:float|clear|text-align)$/;

/** "file:line: declaration" for each physical-side declaration in a style sheet's text. */
function physicalSides(name: string, css: string): string[] {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  return withoutComments.split('\n').flatMap((line, index) =>
    [...line.matchAll(DECLARATION)].flatMap(([, property = '', value = '']) => {
      if (SIDE_PROPERTY.test(property)) return [`${name}:${index + 1}: ${property}`];
      if (SIDE_VALUE_PROPERTY.test(property) && /^(?:left|right)\b/.test(value.trim()))
        return [`${name}:${index + 1}: ${property}: ${value.trim()}`];
      return [];
    }),
  );
}

describe('the style sheets', () => {
  it('use logical properties only', () => {
    const sheets = readdirSync(COMPONENTS).filter((file) => file.endsWith('.css'));
    expect(sheets.length).toBeGreaterThan(0);
    const found = sheets.flatMap((file) => physicalSides(file, readFileSync(join(COMPONENTS, file), 'utf8')));
    expect(found).toEqual([]);
  });

  it('find a physical side, wherever it is written', () => {
    const css = '.a { margin-left: 4px; }\n.b {\n  right: 0;\n  text-align: left;\n}\n/* left: in a comment */';
    expect(physicalSides('x.css', css)).toEqual([
      'x.css:1: margin-left',
      'x.css:3: right',
      'x.css:4: text-align: left',
    ]);
    expect(
      physicalSides('x.css', '.a:hover { margin-inline-start: 4px; inset-inline: 0; text-align: start; }'),
    ).toEqual([]);
  });
});
