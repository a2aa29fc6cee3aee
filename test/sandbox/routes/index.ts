import type { Route } from '../router';
import { appRoutes } from './apps';
import { auditLogRoutes } from './audit-logs';
import { bulkRoutes } from './bulk';
import { companyRoutes } from './companies';
import { conversationRoutes } from './conversations';
import { customerRoutes } from './customers';
import { klassRoutes } from './klasses';
import { messageRoutes } from './messages';
import { noteRoutes } from './notes';
import { searchRoutes } from './search';
import { subStatusRoutes } from './sub-statuses';
import { userRoutes } from './users';

/** Every /v1 route. Order matters: literal segments (search, bulk, current, email=) before `:id`. */
export const ROUTES: Route[] = [
  ...searchRoutes,
  ...bulkRoutes,
  ...customerRoutes,
  ...conversationRoutes,
  ...messageRoutes,
  ...noteRoutes,
  ...userRoutes,
  ...companyRoutes,
  ...klassRoutes,
  ...subStatusRoutes,
  ...auditLogRoutes,
  ...appRoutes,
];
