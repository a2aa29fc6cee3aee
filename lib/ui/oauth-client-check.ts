import type { ErrorInfo } from '../messaging/model';

/** Why sign-in with Kustomer cannot work with the client ID as entered; each has one sentence of what to fix. */
export type ClientProblem = 'missing' | 'malformed' | 'not_installed' | 'redirect_not_registered' | 'refused';

const SETUP = 'the options page, "Set up sign-in with Kustomer for your team"';

export const CLIENT_PROBLEM_SENTENCES: Record<ClientProblem, string> = {
  missing: `Enter your organisation's OAuth client ID. A Kustomer admin gets it by registering the sidebar's app (${SETUP}).`,
  malformed: 'The client ID has spaces in it. Copy it again, whole: it is attributes.clientId of the app.',
  not_installed:
    'Kustomer answered "Invalid Client": the sidebar’s app is not installed in this organisation, or the client ID belongs to another app. Ask a Kustomer admin to install it (POST /v1/apps/install) and to check the client ID.',
  redirect_not_registered: `Kustomer refused this browser's redirect URL: it is not in the app's redirectUris. A Kustomer admin registers a new version of the app with the redirect URL shown on ${SETUP}.`,
  refused: `Kustomer refused to start signing in with this client ID. A Kustomer admin can check the app's registration (${SETUP}).`,
};

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
