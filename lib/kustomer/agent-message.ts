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
  return seconds < 90 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

function regionName(pod: string): string {
  const region = POD_REGIONS[pod];
  return region === undefined ? `pod ${pod}` : `the ${region} region (${pod})`;
}

function unauthorizedMessage(reason: KustomerErrorReason | undefined, pod: string | undefined): string {
  if (reason === 'wrong_region' && pod !== undefined) {
    return `This key belongs to ${regionName(pod)}, not the Kustomer host in use. Choose that region (or your organisation's own host) in the options.`;
  }
  if (reason === 'expired') {
    return 'Your Kustomer key has expired. Create a new API key in Kustomer (or sign in again) and save it in the options.';
  }
  return 'Kustomer rejected the API key. Check that it was copied whole and has not been revoked, or sign in again.';
}

function describe(facts: ErrorFacts, retrying: boolean): string {
  switch (facts.kind) {
    case 'unauthorized':
      return unauthorizedMessage(facts.reason, facts.pod);
    case 'forbidden': {
      const roles = facts.roles ?? [];
      if (roles.length === 1) return `Your key lacks the role ${roles[0]}. Ask a Kustomer admin to add it to the key.`;
      // Kustomer accepts any one of the listed roles; the first is the current permission name.
      if (roles.length > 1) {
        return `Your key lacks the role ${roles[0]} (or any of ${roles.slice(1).join(', ')}). Ask a Kustomer admin to add it to the key.`;
      }
      return 'Your key is not allowed to do this in Kustomer. Ask a Kustomer admin to check its roles.';
    }
    case 'not_found':
      return 'Kustomer has no such record; it may have been deleted.';
    // Kustomer's own words (`detail`) are not part of our sentence: the panel quotes them apart
    // (components/user-text.tsx `KustomerSaid`), so an API can never put an instruction or a link in our voice.
    case 'validation':
      return facts.field ? `Kustomer refused the ${facts.field}.` : 'Kustomer refused the request.';
    case 'conflict':
      return 'Kustomer refused the change because it conflicts with existing data.';
    case 'rate_limited':
      if (facts.retryAfterMs === undefined) return 'Kustomer is rate limiting; try again in a minute.';
      return retrying
        ? `Kustomer is rate limiting; retrying in ${formatWait(facts.retryAfterMs)}`
        : `Kustomer is rate limiting; try again in ${formatWait(facts.retryAfterMs)}.`;
    case 'server':
      return `Kustomer had a problem${facts.status ? ` (${facts.status})` : ''}. Try again in a moment.`;
    case 'network':
      if (facts.reason === 'redirected') {
        return `Kustomer${facts.host ? ` at ${facts.host}` : ''} answered with a redirect to another address, which the extension never follows. Check the region or custom URL in the options.`;
      }
      if (facts.offline) return "Can't reach Kustomer: you appear to be offline.";
      return `Can't reach Kustomer${facts.host ? ` at ${facts.host}` : ''}. Check the network and the region in the options.`;
    case 'timeout':
      return `Kustomer did not answer${facts.timeoutMs ? ` within ${formatWait(facts.timeoutMs)}` : ' in time'}. Try again.`;
    case 'aborted':
      return 'The request was cancelled.';
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
  return 'Something went wrong talking to Kustomer. Try again.';
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
