// The hosted UI's answer, on whatever page it lands (redirectSignIn). The first thing this module
// does, as it is evaluated, is take `?code=…&state=…` (or `?error=…`) of a request this tab
// started out of the URL, before any element or page script after us reads it. Only that check
// is in the drop-in file's first download; the exchange and what follows (hosted-ui-finish.ts)
// load on a page that has an answer.
import type { AuthError } from '../cognito/cognito-errors.js';
import { takeCallbackParams } from '../cognito/hosted-ui/callback-url.js';

/** How the callback on this page ended, for a button to show the error beside itself. */
export interface HostedUiOutcome {
  /** A failure: Cognito's identity_provider of the request (null: the hosted page). A success: the provider used. */
  provider: string | null;
  error: AuthError | null;
}

/** Settles once this page's callback (if any) is done; null when the page is not one. */
export let hostedUiCallback: Promise<HostedUiOutcome | null> = Promise.resolve(null);

/** Takes a callback of ours out of the URL and completes it: once as this module loads (tests call it again after changing the URL). */
export function handleHostedUiCallback(): Promise<HostedUiOutcome | null> {
  const params = takeCallbackParams();
  if (!params) return Promise.resolve(null);
  return (hostedUiCallback = import('./hosted-ui-finish.js')
    .then((finish) => finish.finishHostedSignIn(params))
    .catch((error: unknown) => {
      // A part that could not be downloaded (offline, a deploy that dropped it).
      console.error('cognito-auth-elements: could not complete the hosted UI sign-in', error);
      return null;
    }));
}

void handleHostedUiCallback();
