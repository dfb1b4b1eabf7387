// SignUp's Session, kept from <auth-register> to <auth-verify> in this tab, so confirming the code
// signs the user in without a password or a second code (Cognito's SignUp → ConfirmSignUp →
// InitiateAuth USER_AUTH chain:
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmSignUp.html).
// It is a credential for a few minutes: sessionStorage only (never the URL or an event), tied to
// the email and app client it was issued for, and forgotten once used or when it expires.
import { readTabValue, writeTabValue } from './tab-storage.js';

const key = 'cognito-auth-elements.signup-session';
/** Cognito's shortest AuthSessionValidity (3 minutes): after that the pool refuses it anyway. */
const lifetimeMs = 3 * 60 * 1000;

// One line, "<expires> <client id>/<email> <session>": none of them holds a space.
export function keepSignUpSession(email: string, clientId: string, session: string | null): void {
  writeTabValue(key, session && `${Date.now() + lifetimeMs} ${clientId}/${email.toLowerCase()} ${session}`);
}

/**
 * The Session kept for this email and client; null when none, another's, or expired. It stays
 * kept until forgetSignUpSession(), so a mistyped code can be corrected and still sign in.
 */
export function signUpSessionFor(email: string, clientId: string): string | null {
  const [expires, owner, session] = (readTabValue(key) ?? '').split(' ');
  if (!session) return null;
  if (!(Number(expires) > Date.now())) {
    forgetSignUpSession();
    return null;
  }
  // Another address's session stays for it (the visitor may be verifying an older sign-up first).
  return owner === `${clientId}/${email.toLowerCase()}` ? session : null;
}

/** Forgets the kept Session (once used: Cognito accepts it only once). */
export function forgetSignUpSession(): void {
  writeTabValue(key, null);
}
