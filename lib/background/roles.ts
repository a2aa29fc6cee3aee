import { uiLanguage } from '../i18n/intl';
import { type KeyUnder, t } from '../i18n/t';

/** The catalogue's words for what the agent loses without a role (`error.service.need.*` in locales/). */
type Purpose = KeyUnder<'error.service.need.'>;

/** What the product does with Kustomer, and the role each needs (API.md, Roles: any one listed role is enough). */
export interface RoleNeed {
  object: string;
  verb: 'create' | 'read' | 'update';
  /** What the agent loses without it. */
  purpose: Purpose;
  /** The legacy role when it does not follow `org.user.<object>.<read|write>` (search: `org.user.search.read`). */
  legacy?: string;
}

export const ROLE_NEEDS: readonly RoleNeed[] = [
  { object: 'customer', verb: 'read', purpose: 'lookUp' },
  // Customer search is a create on the search object; its legacy role is a read (developer.kustomer.com,
  // "Customer search": org.permission.search.create or org.user.search.read).
  {
    object: 'search',
    verb: 'create',
    purpose: 'search',
    legacy: 'org.user.search.read',
  },
  { object: 'conversation', verb: 'read', purpose: 'seeConversations' },
  { object: 'conversation', verb: 'update', purpose: 'changeConversations' },
  { object: 'conversation', verb: 'create', purpose: 'startConversations' },
  { object: 'note', verb: 'create', purpose: 'addNotes' },
  { object: 'message', verb: 'create', purpose: 'recordMessages' },
  { object: 'customer', verb: 'create', purpose: 'createCustomers' },
];

/** The permission-set role that grants `need` (what an admin adds to a key). */
export function roleName(need: RoleNeed): string {
  return `org.permission.${need.object}.${need.verb}`;
}

/** True when any of `roles` grants `need`: the permission-set role, the legacy role, or an admin role. */
export function grants(roles: readonly string[], need: RoleNeed): boolean {
  const legacyVerb = need.verb === 'read' ? 'read' : 'write';
  const accepted = new Set([
    roleName(need),
    need.legacy ?? `org.user.${need.object}.${legacyVerb}`,
    `org.admin.${need.object}`,
    'org.admin',
    'org.admin.*',
  ]);
  return roles.some((role) => accepted.has(role));
}

/** The needs `roles` do not cover. */
export function missingRoles(roles: readonly string[]): RoleNeed[] {
  return ROLE_NEEDS.filter((need) => !grants(roles, need));
}

/** One sentence, in the agent's language, naming what the agent cannot do and the role to ask for. */
export function describeMissingRoles(missing: readonly RoleNeed[]): string {
  const needs = missing.map((need) => `${t(`error.service.need.${need.purpose}`)} (${roleName(need)})`);
  // "cannot a, b, or c": each is missing, so the list joins with the language's "or".
  return t('error.service.missingRoles', {
    needs: new Intl.ListFormat(uiLanguage(), { type: 'disjunction' }).format(needs),
  });
}
