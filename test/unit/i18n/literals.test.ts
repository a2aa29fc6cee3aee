import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every word a component shows comes from the catalogue (issue 20). This reads each component's JSX and fails on
 * a user-visible literal: text between tags, a literal aria-label / title / placeholder / alt / label, a string
 * literal rendered as a child (also in `a ? 'x' : 'y'` or `a && 'x'`), and a literal handed to `announce()` (the
 * live region). Text inside `<code>` and text with no letter (" · ", "→", "—") is not language. A string built in a helper module is out of
 * its reach: the pseudo-locale e2e test (test/e2e/locales.e2e.ts) sees those on screen.
 */
const ROOT = join(import.meta.dirname, '../../..');

const CHECKED_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
]);
const LETTER = /\p{L}/u;

function componentFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return componentFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The literal text an expression can render, walking through conditionals and `&&` / `||` / `??` / `+`. */
function renderedLiterals(node: ts.Expression): ts.Node[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return LETTER.test(node.text) ? [node] : [];
  if (ts.isTemplateExpression(node)) {
    const texts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
    return texts.some((text) => LETTER.test(text)) ? [node] : [];
  }
  if (ts.isParenthesizedExpression(node)) return renderedLiterals(node.expression);
  if (ts.isConditionalExpression(node))
    return [...renderedLiterals(node.whenTrue), ...renderedLiterals(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    const kind = node.operatorToken.kind;
    if (kind === ts.SyntaxKind.AmpersandAmpersandToken) return renderedLiterals(node.right);
    if (
      kind === ts.SyntaxKind.BarBarToken ||
      kind === ts.SyntaxKind.QuestionQuestionToken ||
      kind === ts.SyntaxKind.PlusToken
    )
      return [...renderedLiterals(node.left), ...renderedLiterals(node.right)];
  }
  return [];
}

/** Text inside `<code>`/`<kbd>` is a name in code (a field, a file, a key), the same in every language. */
function inCode(node: ts.JsxText): boolean {
  const parent = node.parent;
  return ts.isJsxElement(parent) && ['code', 'kbd'].includes(parent.openingElement.tagName.getText());
}

/** "file:line: text" for each user-visible literal in a source file. */
function literalsIn(path: string, source = readFileSync(path, 'utf8')): string[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node) => {
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
    found.push(`${relative(ROOT, path)}:${line}: ${node.getText(file).replace(/\s+/g, ' ').trim().slice(0, 80)}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && LETTER.test(node.text) && !inCode(node)) report(node);
    else if (ts.isJsxAttribute(node) && CHECKED_ATTRIBUTES.has(node.name.getText(file)) && node.initializer) {
      const value = node.initializer;
      if (ts.isStringLiteral(value) && LETTER.test(value.text)) report(value);
      else if (ts.isJsxExpression(value) && value.expression) renderedLiterals(value.expression).forEach(report);
    } else if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) {
      renderedLiterals(node.expression).forEach(report);
    } else if (ts.isCallExpression(node) && node.expression.getText(file) === 'announce' && node.arguments[0]) {
      renderedLiterals(node.arguments[0]).forEach(report);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('user-visible literals in components', () => {
  const files = componentFiles(join(ROOT, 'components'));

  it('come from the catalogue in every component', () => {
    const found = files.flatMap((path) => literalsIn(path));
    expect(found).toEqual([]);
  });

  it('finds text, attributes, conditional children and announcements', () => {
    const found = literalsIn(
      join(ROOT, 'components/example.tsx'),
      `const a = <p title="Hint" aria-label={t('x')}>Hello {open ? 'Open' : t('y')} {n && \`\${n} left\`} · {'→'}</p>;
       announce('Saved');`,
    );
    expect(found.map((line) => line.replace(/^.*?: /, ''))).toEqual([
      '"Hint"',
      'Hello',
      "'Open'",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal, as reported
      '`${n} left`',
      "'Saved'",
    ]);
  });
});
