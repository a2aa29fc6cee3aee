export { methodNameForAction } from './action-names';
export { agentMessage, formatWait, toErrorInfo } from './agent-message';
export {
  type KustomerHost,
  type KustomerRegion,
  kustomerBaseUrl,
  normaliseBaseUrl,
  normaliseOrgName,
  REGION_HOSTS,
} from './base-url';
export { createKustomerClient, type KustomerClient, type KustomerClientOptions } from './client';
export {
  isKustomerError,
  KustomerError,
  type KustomerErrorInfo,
  type KustomerErrorKind,
  type KustomerErrorReason,
} from './errors';
export { createRateLimiter, type RateLimiter, type RateLimitSnapshot } from './limiter';
export { itemsOf, paginate } from './pagination';
export { relatedId, relatedIds } from './relationships';
export type { CallOptions, RetryEvent } from './transport';
export type * from './types';
