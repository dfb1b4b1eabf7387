// The rest of a hosted-UI callback, loaded only on a page that has one (hosted-ui-callback.ts):
// the exchange, then, as for every other sign-in, the store is told and `auth-signed-in` fires
// (on document, with `provider`), or `auth-error` (flow `hosted-ui`) with a message from the
// catalogue. Nothing of the answer goes into an event, a log or the URL.
import { cognito } from '../cognito/cognito-client.js';
import type { AuthError } from '../cognito/cognito-errors.js';
import { authErrorMessage } from '../cognito/error-messages.js';
import type { CallbackParams } from '../cognito/hosted-ui/callback-url.js';
import { safeRedirectUrl } from '../config/safe-redirect.js';
import type { AuthEventDetails } from '../events.js';
import { message } from '../messages/message.js';
import { navigation } from '../shared/navigation.js';
import type { HostedUiOutcome } from './hosted-ui-callback.js';
import { sessionStore } from './session-store.js';

function emit<K extends keyof AuthEventDetails>(type: K, detail: AuthEventDetails[K]): void {
  document.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

/** The human text of a failure: its own catalogue message where it has one, else its code's. */
export function hostedUiErrorText(error: AuthError): string {
  return error.text ? message(error.text.key, error.text.params) : authErrorMessage(error.code, 'hosted-ui');
}

export async function finishHostedSignIn(params: CallbackParams): Promise<HostedUiOutcome | null> {
  const outcome = await cognito.completeHostedSignIn(params);
  if (!outcome) return null;
  if (!outcome.ok) {
    emit('auth-error', { flow: 'hosted-ui', code: outcome.error.code, message: hostedUiErrorText(outcome.error) });
    return { provider: outcome.provider, error: outcome.error };
  }
  sessionStore.signedIn(outcome.user, outcome.config);
  emit('auth-signed-in', { username: outcome.username, email: outcome.user.email, provider: outcome.provider });
  // Back to where the sign-in was started (or its `next`), if that is not this page; the callback
  // leaves the history, so Back does not land on it.
  const back = safeRedirectUrl(outcome.returnTo);
  if (back && back.href !== location.href.split('#')[0]) navigation.go(back.href, { replace: true });
  return { provider: outcome.provider, error: null };
}
