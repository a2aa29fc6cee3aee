import { toErrorInfo } from '../kustomer/agent-message';
import { MessageError } from '../messaging/errors';
import type { ErrorInfo } from '../messaging/model';

/** Any error of the background as the UI shows it: its kind and a sentence for the agent. */
export function describeError(error: unknown): ErrorInfo {
  if (error instanceof MessageError) return error.info;
  return toErrorInfo(error);
}
