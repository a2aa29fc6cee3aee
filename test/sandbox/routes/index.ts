import type { Route } from '../router';
import { conversationRoutes } from './conversations';
import { customerRoutes } from './customers';
import { messageRoutes } from './messages';
import { noteRoutes } from './notes';
import { searchRoutes } from './search';
import { userRoutes } from './users';

/** Every /v1 route. Order matters: literal segments (search, bulk, current, email=) before `:id`. */
export const ROUTES: Route[] = [
  ...searchRoutes,
  ...customerRoutes,
  ...conversationRoutes,
  ...messageRoutes,
  ...noteRoutes,
  ...userRoutes,
];
