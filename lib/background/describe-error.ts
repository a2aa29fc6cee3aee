import { toErrorInfo } from '../kustomer/agent-message';
import type { ErrorInfo } from '../messaging/model';
import { ServiceError } from '../service-error';

/** Any error of the background as the UI shows it: its kind and a sentence for the agent. */
export function describeError(error: unknown): ErrorInfo {
  if (error instanceof ServiceError) return error.info;
  return toErrorInfo(error);
}
