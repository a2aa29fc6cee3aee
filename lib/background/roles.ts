/** What the product does with Kustomer, and the role each needs (API.md, Roles: any one listed role is enough). */
export interface RoleNeed {
  object: string;
  verb: 'create' | 'read' | 'update';
  /** What the agent loses without it. */
  purpose: string;
  /** The legacy role when it does not follow `org.user.<object>.<read|write>` (search: `org.user.search.read`). */
  legacy?: string;
}

export const ROLE_NEEDS: readonly RoleNeed[] = [
  { object: 'customer', verb: 'read', purpose: 'look up customers' },
  // Customer search is a create on the search object; its legacy role is a read (developer.kustomer.com,
  // "Customer search": org.permission.search.create or org.user.search.read).
  {
    object: 'search',
    verb: 'create',
    purpose: 'search customers by name or phone',
    legacy: 'org.user.search.read',
  },
  { object: 'conversation', verb: 'read', purpose: 'see conversations' },
  { object: 'conversation', verb: 'update', purpose: 'change a conversation’s status, priority or assignees' },
  { object: 'conversation', verb: 'create', purpose: 'start conversations' },
  { object: 'note', verb: 'create', purpose: 'add notes' },
  { object: 'message', verb: 'create', purpose: 'record messages' },
  { object: 'customer', verb: 'create', purpose: 'create customers' },
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

/** One sentence naming what the agent cannot do, and the role to ask for. */
export function describeMissingRoles(missing: readonly RoleNeed[]): string {
  const list = missing.map((need) => `${need.purpose} (${roleName(need)})`).join(', ');
  return `Connected, but this key cannot ${list}. Ask a Kustomer admin to add the missing roles.`;
}
