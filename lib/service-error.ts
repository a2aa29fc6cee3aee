import type { ErrorInfo } from './messaging/model';

/**
 * An error the extension's own code raises on purpose: a refusal (detection paused, a never-look-up address),
 * no connection yet, a write no longer in the outbox, a connection target it will not use. `info` is what the
 * agent is told, as it is. Kustomer's failures are `KustomerError`s; a failed request seen from a page is a
 * `MessageError` (lib/messaging/errors.ts).
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  readonly info: ErrorInfo;

  constructor(info: ErrorInfo) {
    super(info.message);
    this.info = info;
  }

  get kind(): ErrorInfo['kind'] {
    return this.info.kind;
  }
}
