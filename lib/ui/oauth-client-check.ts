import { t } from '../i18n/t';
import type { ErrorInfo } from '../messaging/model';

/** Why sign-in with Kustomer cannot work with the client ID as entered; each has one sentence of what to fix. */
export type ClientProblem = 'missing' | 'malformed' | 'not_installed' | 'redirect_not_registered' | 'refused';

/** What to fix, in the agent's language; the set-up section is named by its own heading (`options.oauth.title`). */
export function clientProblemSentence(problem: ClientProblem): string {
  const setup = t('options.oauth.title');
  switch (problem) {
    case 'missing':
      return t('options.connection.problem.missing', { setup });
    case 'malformed':
      return t('options.connection.problem.malformed');
    case 'not_installed':
      return t('options.connection.problem.notInstalled');
    case 'redirect_not_registered':
      return t('options.connection.problem.redirectNotRegistered', { setup });
    case 'refused':
      return t('options.connection.problem.refused', { setup });
  }
}

/** A client ID is one token: Kustomer's are opaque, but never empty or spaced. */
export function clientIdProblem(clientId: string): ClientProblem | null {
  if (clientId.trim() === '') return 'missing';
  return /\s/.test(clientId.trim()) ? 'malformed' : null;
}

/** Reads which refusal a 400 page of the authorize endpoint is; Kustomer's exact wording beyond "Invalid Client" is not public. */
export function problemOfRefusal(text: string): ClientProblem {
  if (/invalid[\s_-]*client/i.test(text)) return 'not_installed';
  return /redirect/i.test(text) ? 'redirect_not_registered' : 'refused';
}

/** The same reading for a sign-in the background tried and Kustomer refused (token or authorize answer). */
export function problemOfSignInError(error: ErrorInfo): ClientProblem | null {
  const said = `${error.message} ${error.detail ?? ''}`;
  if (/invalid[\s_-]*client/i.test(said)) return 'not_installed';
  return error.kind === 'unauthorized' && /redirect/i.test(said) ? 'redirect_not_registered' : null;
}

// A well-formed S256 challenge of no verifier anyone holds: the check never finishes a sign-in.
const PROBE_CHALLENGE = 'A'.repeat(43);
const MAX_PAGE_CHARS = 20_000;

/**
 * Asks the organisation's authorize endpoint about the client before the browser's auth window opens. Kustomer
 * answers a client it cannot use with a 400 page ("Invalid Client" when the app is not installed in the org,
 * API.md), which the auth window would show with no way back; anything but a 400 (the sign-in page, a redirect
 * to it, no answer) lets the sign-in go ahead. No credential is sent: the authorize page is public.
 */
export async function checkOAuthClient(input: {
  authorizeUrl: string;
  clientId: string;
  redirectUri: string;
  fetch?: typeof globalThis.fetch;
}): Promise<ClientProblem | null> {
  const url = new URL(input.authorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', input.clientId);
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('state', 'client-check');
  url.searchParams.set('code_challenge', PROBE_CHALLENGE);
  url.searchParams.set('code_challenge_method', 'S256');
  const fetcher = input.fetch ?? globalThis.fetch.bind(globalThis);
  try {
    const answer = await fetcher(url.toString(), { redirect: 'manual', credentials: 'omit', cache: 'no-store' });
    if (answer.status !== 400) return null;
    return problemOfRefusal((await answer.text()).slice(0, MAX_PAGE_CHARS));
  } catch {
    return null;
  }
}
