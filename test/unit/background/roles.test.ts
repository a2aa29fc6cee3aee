import { describe, expect, it } from 'vitest';
import { grants, missingRoles, ROLE_NEEDS, roleName } from '../../../lib/background/roles';
import { DEFAULT_OAUTH_SCOPE } from '../../../lib/kustomer/oauth-scope';

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
