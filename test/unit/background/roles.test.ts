import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describeMissingRoles, grants, missingRoles, ROLE_NEEDS, roleName } from '../../../lib/background/roles';
import { DEFAULT_OAUTH_SCOPE } from '../../../lib/kustomer/oauth-scope';
import { chromeMessages, getMessageFrom } from '../../support/i18n-catalogue';

const search = ROLE_NEEDS.find((need) => need.object === 'search');

describe('the default OAuth scope', () => {
  it('asks for every role the extension needs, and offline_access', () => {
    const scope = DEFAULT_OAUTH_SCOPE.split(' ');
    expect(scope).toEqual(expect.arrayContaining([...ROLE_NEEDS.map(roleName), 'offline_access']));
  });
});

describe('the search role', () => {
  it('is its own need: reading customers does not grant typed customer search', () => {
    expect(search).toBeDefined();
    const missing = missingRoles(['org.permission.customer.read']);
    expect(missing).toContainEqual(expect.objectContaining({ object: 'search', verb: 'create' }));
  });

  it.each([
    ['org.permission.search.create', true],
    ['org.user.search.read', true],
    ['org.admin', true],
    ['org.user.search.write', false],
    ['org.permission.customer.read', false],
  ])('is granted by %s: %s', (role, expected) => {
    if (!search) throw new Error('no search need');
    expect(grants([role], search)).toBe(expected);
  });
});

describe('the missing-roles warning', () => {
  const i18n = fakeBrowser.i18n as unknown as Record<string, unknown>;
  const english = { getMessage: i18n.getMessage, getUILanguage: i18n.getUILanguage };
  afterEach(() => Object.assign(i18n, english));
  const missing = missingRoles(['org.permission.customer.read', 'org.permission.search.create']).slice(0, 2);

  it('names each loss and its role, joined with "or"', () => {
    expect(describeMissingRoles(missing)).toBe(
      'Connected, but this key cannot see conversations (org.permission.conversation.read) or change a ' +
        'conversation’s status, priority or assignees (org.permission.conversation.update). Ask a Kustomer ' +
        'admin to add the missing roles.',
    );
  });

  it('is written in the browser’s language, as the panel is', async () => {
    Object.assign(i18n, { getMessage: getMessageFrom(await chromeMessages('de')), getUILanguage: () => 'de' });
    // A fresh copy of the modules: the language is read once per context (lib/i18n/intl.ts).
    vi.resetModules();
    const roles = await import('../../../lib/background/roles');
    expect(roles.describeMissingRoles(missing)).toBe(
      'Verbunden, aber mit diesem Schlüssel können Sie nicht Unterhaltungen sehen ' +
        '(org.permission.conversation.read) oder Status, Priorität oder Zuständige einer Unterhaltung ändern ' +
        '(org.permission.conversation.update). Bitten Sie einen Kustomer-Admin, die fehlenden Rollen hinzuzufügen.',
    );
  });
});
