import type { ErrorInfo } from './model';

/** A request to the background failed; carries the background's {@link ErrorInfo}. */
export class MessageError extends Error {
  readonly info: ErrorInfo;

  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'MessageError';
    this.info = info;
  }

  get kind(): ErrorInfo['kind'] {
    return this.info.kind;
  }
}

/** The {@link ErrorInfo} behind any thrown value, for showing to the agent. */
export function errorInfoOf(error: unknown): ErrorInfo {
  if (error instanceof MessageError) return error.info;
  if (isErrorInfo(error)) return error;
  return { kind: 'internal', message: error instanceof Error ? error.message : 'Something went wrong.' };
}

export function isErrorInfo(value: unknown): value is ErrorInfo {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorInfo).kind === 'string' &&
    typeof (value as ErrorInfo).message === 'string'
  );
}
