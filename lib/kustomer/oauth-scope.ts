/**
 * The OAuth `scope` the sidebar asks Kustomer for by default: the roles of `lib/background/roles.ts` ROLE_NEEDS
 * (a unit test keeps them in step), the reads and the one update the panel also makes, and `offline_access` for a
 * refresh token. UNVERIFIED: Kustomer's OAuth page says an app may "request scopes" without listing their strings;
 * public integrations pass role names and `offline_access` (docs/kustomer-api.md, Unverified). An admin may replace
 * it in the connect form. Shared by the background and the pages, so it lives outside lib/background.
 */
export const DEFAULT_OAUTH_SCOPE = [
  'org.permission.customer.read',
  'org.permission.search.create',
  'org.permission.conversation.read',
  'org.permission.conversation.update',
  'org.permission.conversation.create',
  'org.permission.note.create',
  'org.permission.message.create',
  'org.permission.customer.create',
  'org.permission.customer.update',
  'org.permission.user.read',
  'org.permission.company.read',
  'org.permission.klass.read',
  'org.permission.kobject.read',
  'offline_access',
].join(' ');
