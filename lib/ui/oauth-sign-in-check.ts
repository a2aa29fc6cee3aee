import { resolveTarget } from '../kustomer/connection-target';
import type { ConnectionTarget, ErrorInfo } from '../messaging/model';
import { buildRedirectUrl } from './oauth-app';
import { checkOAuthClient, clientIdProblem, clientProblemSentence, problemOfSignInError } from './oauth-client-check';

/**
 * The connect form's checks before "Sign in with Kustomer", loaded only when an agent signs in that way (they pull in
 * the target resolver, which the panel's first paint does not need: issue 8's side-panel budget).
 */

const flavour = () => (typeof __KS_FLAVOUR__ !== 'undefined' && __KS_FLAVOUR__ === 'test' ? 'test' : 'production');

/** The authorize URL the background will open for this target, or null when it cannot sign in with OAuth. */
function authorizeUrlOf(target: ConnectionTarget): string | null {
  try {
    return resolveTarget(target, flavour()).authorizeUrl;
  } catch {
    return null; // the background refuses the target with its own sentence
  }
}

/** What to fix before the auth window may open, as a sentence; null when Kustomer may be asked. */
export async function checkBeforeSignIn(
  target: ConnectionTarget,
  clientId: string,
  checkClient: typeof checkOAuthClient = checkOAuthClient,
): Promise<string | null> {
  const early = clientIdProblem(clientId);
  if (early) return clientProblemSentence(early);
  const authorizeUrl = authorizeUrlOf(target);
  const redirectUri = buildRedirectUrl();
  if (!authorizeUrl || !redirectUri) return null;
  const refused = await checkClient({ authorizeUrl, clientId: clientId.trim(), redirectUri });
  return refused ? clientProblemSentence(refused) : null;
}

/** The sentence for a refusal Kustomer gave during the sign-in itself, when it is one of the known ones. */
export function sentenceOfSignInError(error: ErrorInfo): string | null {
  const problem = problemOfSignInError(error);
  return problem ? clientProblemSentence(problem) : null;
}
