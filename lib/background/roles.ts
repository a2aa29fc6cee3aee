/** What the product does with Kustomer, and the role each needs (API.md, Roles: any one listed role is enough). */
export interface RoleNeed {
  object: string;
  verb: 'create' | 'read' | 'update';
  /** What the agent loses without it. */
  purpose: string;
}

export const ROLE_NEEDS: readonly RoleNeed[] = [
  { object: 'customer', verb: 'read', purpose: 'look up customers' },
  { object: 'conversation', verb: 'read', purpose: 'see conversations' },
  { object: 'conversation', verb: 'update', purpose: 'change a conversation’s status, priority or assignees' },
  { object: 'conversation', verb: 'create', purpose: 'start conversations' },
  { object: 'note', verb: 'create', purpose: 'add notes' },
  { object: 'message', verb: 'create', purpose: 'record messages' },
  { object: 'customer', verb: 'create', purpose: 'create customers' },
];

/** True when any of `roles` grants `need`: the permission-set role, the legacy role, or an admin role. */
export function grants(roles: readonly string[], need: RoleNeed): boolean {
  const legacyVerb = need.verb === 'read' ? 'read' : 'write';
  const accepted = new Set([
    `org.permission.${need.object}.${need.verb}`,
    `org.user.${need.object}.${legacyVerb}`,
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
  const list = missing.map((need) => `${need.purpose} (org.permission.${need.object}.${need.verb})`).join(', ');
  return `Connected, but this key cannot ${list}. Ask a Kustomer admin to add the missing roles.`;
}
