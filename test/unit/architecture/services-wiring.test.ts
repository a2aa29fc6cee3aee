import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SERVICES = join(import.meta.dirname, '../../../lib/background/services.ts');

/**
 * The local names of `functionName`'s body that a statement uses before the statement that declares them,
 * closures included: a service handed a callback that calls a service built later is the hidden loop
 * issue 19 found (settings and detections calling site access, site access calling back into detections).
 */
function forwardReferences(source: string, functionName: string): string[] {
  const file = ts.createSourceFile('wiring.ts', source, ts.ScriptTarget.Latest, true);
  let body: ts.Block | undefined;
  file.forEachChild((node) => {
    if (ts.isFunctionDeclaration(node) && node.name?.text === functionName) body = node.body;
  });
  if (!body) throw new Error(`No function ${functionName}`);
  const statements = [...body.statements];
  const declaredAt = new Map<string, number>();
  statements.forEach((statement, index) => {
    if (!ts.isVariableStatement(statement)) return;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name)) declaredAt.set(declaration.name.text, index);
    }
  });
  const found: string[] = [];
  statements.forEach((statement, index) => {
    const user = ts.isVariableStatement(statement)
      ? statement.declarationList.declarations.map((declaration) => declaration.name.getText()).join(', ')
      : statement.getText().split('\n')[0];
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && isReference(node)) {
        const at = declaredAt.get(node.text);
        if (at !== undefined && at >= index && node.text !== user) {
          found.push(`${node.text} is used by ${user} before it is built`);
        }
      }
      node.forEachChild(visit);
    };
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (declaration.initializer) visit(declaration.initializer);
      }
    } else {
      visit(statement);
    }
  });
  return [...new Set(found)];
}

/** An identifier that names a value in scope, not a property (`a.name`, `{ name: … }`) or a type. */
function isReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (ts.isPropertyAssignment(parent) && parent.name === node) return false;
  if ((ts.isParameter(parent) || ts.isVariableDeclaration(parent)) && parent.name === node) return false;
  if (ts.isTypeReferenceNode(parent) || ts.isQualifiedName(parent)) return false;
  return true;
}

describe('the background services are wired one way (issue 19)', () => {
  it('builds every service before any other service uses it, closures included', () => {
    expect(forwardReferences(readFileSync(SERVICES, 'utf8'), 'createBackgroundServices')).toEqual([]);
  });

  it('catches the hidden loop this check was written for', () => {
    const planted = `
      function createBackgroundServices(platform) {
        const settings = createSettingsService(async (next, previous) => {
          await siteAccess.settingsChanged(next, previous);
        });
        const detections = createPageDetections({ detectionActive: (tabId, url) => siteAccess.detectionActive(tabId, url) });
        const siteAccess = createSiteAccess({ settings, markRunOnce: detections.markRunOnce });
        return { settings, detections, siteAccess };
      }`;
    expect(forwardReferences(planted, 'createBackgroundServices')).toEqual([
      'siteAccess is used by settings before it is built',
      'siteAccess is used by detections before it is built',
    ]);
  });

  it('lets a service use those built before it, and a subscription made after both', () => {
    const oneWay = `
      function createBackgroundServices(platform) {
        const settings = createSettingsService();
        const siteAccess = createSiteAccess({ settings, tabs: platform.tabs });
        settings.subscribe(siteAccess.settingsChanged);
        return { settings, siteAccess };
      }`;
    expect(forwardReferences(oneWay, 'createBackgroundServices')).toEqual([]);
  });
});
