import { formatNumber } from '../i18n/intl';
import { t } from '../i18n/t';
import { KustomerError, type KustomerErrorInfo, type KustomerErrorKind, type KustomerErrorReason } from './errors';

/** Kustomer pods and the regions the options page calls them (API.md, Hosts). */
const POD_REGIONS: Record<string, string> = {
  prod1: 'US',
  prod2: 'EU',
  prod4: 'India',
};

/** What `agentMessage` needs: a thrown {@link KustomerError} or its plain {@link KustomerErrorInfo}. */
type ErrorFacts = Pick<
  KustomerError,
  | 'kind'
  | 'status'
  | 'detail'
  | 'retryAfterMs'
  | 'reason'
  | 'pod'
  | 'roles'
  | 'field'
  | 'offline'
  | 'host'
  | 'timeoutMs'
>;

const KINDS: readonly KustomerErrorKind[] = [
  'unauthorized',
  'forbidden',
  'not_found',
  'validation',
  'conflict',
  'rate_limited',
  'server',
  'network',
  'timeout',
  'aborted',
];

function isErrorInfo(value: unknown): value is KustomerErrorInfo {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Error) &&
    KINDS.includes((value as { kind?: unknown }).kind as KustomerErrorKind) &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** "12 s", "2 min": how long the agent waits. */
export function formatWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 90
    ? t('error.wait.seconds', { seconds: formatNumber(seconds) })
    : t('error.wait.minutes', { minutes: formatNumber(Math.ceil(seconds / 60)) });
}

function regionName(pod: string): string {
  const region = POD_REGIONS[pod];
  return region === undefined ? t('error.region.pod', { pod }) : t('error.region.named', { region, pod });
}

function unauthorizedMessage(reason: KustomerErrorReason | undefined, pod: string | undefined): string {
  if (reason === 'wrong_region' && pod !== undefined) {
    return t('error.unauthorized.wrongRegion', { region: regionName(pod) });
  }
  if (reason === 'expired') {
    return t('error.unauthorized.expired');
  }
  return t('error.unauthorized.rejected');
}

function describe(facts: ErrorFacts, retrying: boolean): string {
  switch (facts.kind) {
    case 'unauthorized':
      return unauthorizedMessage(facts.reason, facts.pod);
    case 'forbidden': {
      const roles = facts.roles ?? [];
      if (roles.length === 1) return t('error.forbidden.role', { role: roles[0] ?? '' });
      // Kustomer accepts any one of the listed roles; the first is the current permission name.
      if (roles.length > 1) {
        return t('error.forbidden.roles', { role: roles[0] ?? '', others: roles.slice(1).join(', ') });
      }
      return t('error.forbidden.any');
    }
    case 'not_found':
      return t('error.notFound');
    // Kustomer's own words (`detail`) are not part of our sentence: the panel quotes them apart
    // (components/user-text.tsx `KustomerSaid`), so an API can never put an instruction or a link in our voice.
    case 'validation':
      return facts.field ? t('error.validation.field', { field: facts.field }) : t('error.validation.request');
    case 'conflict':
      return t('error.conflict');
    case 'rate_limited':
      if (facts.retryAfterMs === undefined) return t('error.rateLimited.minute');
      return retrying
        ? t('error.rateLimited.retrying', { wait: formatWait(facts.retryAfterMs) })
        : t('error.rateLimited.tryAgain', { wait: formatWait(facts.retryAfterMs) });
    case 'server':
      return facts.status ? t('error.server.status', { status: facts.status }) : t('error.server.plain');
    case 'network':
      if (facts.reason === 'redirected') {
        return facts.host ? t('error.network.redirectedFrom', { host: facts.host }) : t('error.network.redirected');
      }
      if (facts.offline) return t('error.network.offline');
      return facts.host ? t('error.network.unreachableAt', { host: facts.host }) : t('error.network.unreachable');
    case 'timeout':
      return facts.timeoutMs
        ? t('error.timeout.within', { wait: formatWait(facts.timeoutMs) })
        : t('error.timeout.plain');
    case 'aborted':
      return t('error.aborted');
  }
}

export interface AgentMessageOptions {
  /** The client is about to retry by itself (rate limits): say "retrying in", not "try again in". */
  retrying?: boolean;
}

/** The one place that turns any error into a sentence an agent can act on. */
export function agentMessage(error: unknown, options: AgentMessageOptions = {}): string {
  if (error instanceof KustomerError) return describe(error, options.retrying === true);
  if (isErrorInfo(error)) return error.message;
  if (error instanceof Error && error.name === 'AbortError') return describe({ kind: 'aborted' }, false);
  return t('error.unknown');
}

/** Structured-clone friendly form of any error, for sending over extension messaging. */
export function toErrorInfo(error: unknown): KustomerErrorInfo {
  if (isErrorInfo(error)) return error;
  if (!(error instanceof KustomerError)) {
    // Client methods only reject with KustomerError; anything else is a bug on our side, not the network's.
    const aborted = error instanceof Error && error.name === 'AbortError';
    return { kind: aborted ? 'aborted' : 'server', message: agentMessage(error) };
  }
  const info: KustomerErrorInfo = { kind: error.kind, message: agentMessage(error) };
  const optional = {
    status: error.status,
    code: error.code,
    detail: error.detail,
    pointer: error.pointer,
    field: error.field,
    retryAfterMs: error.retryAfterMs,
    reason: error.reason,
    pod: error.pod,
    roles: error.roles ? [...error.roles] : undefined,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(info, { [key]: value });
  }
  return info;
}
