// The facade elements and the session store call: our own Cognito client (request.ts and one
// module per capability beside it). It takes the resolved configuration first, returns plain
// objects and throws AuthError, so elements never see the wire. One object, so tests can
// `sinon.stub(cognito, 'signIn')`.
import { AuthError } from './cognito-errors.js';
import { confirmForgotPassword, forgotPassword } from './password.js';
import type * as HostedUi from './hosted-ui/hosted-ui.js';
import { freshTokens, secondsUntilRenewal } from './refresh.js';
import { toSessionUser } from './session-user.js';
import { answerMfaCode, chooseMfaFactor, completeNewPassword, signIn, verifyTotpSetup } from './sign-in.js';
import { signOutEverywhere, signOutHere } from './sign-out.js';
import { confirmSignUp, resendSignUpCode, signUp } from './sign-up.js';
import { prepareEphemeralWhenIdle } from './srp/ephemeral.js';
import { readTokens } from './token-storage.js';
import type { CognitoConfig, SessionUser } from './types.js';
import type * as UserAuth from './user-auth.js';
import { toUsername } from './username.js';

export { AuthError };

// Choice-based sign-in and the hosted UI's exchange load the first time they are used (the
// drop-in file fetches them from beside itself; a bundler makes them a chunk): a site that signs in with a
// password, the default, does not download them. The account page's operations are in
// account-client.ts, which only its elements import.
const userAuth = () => import('./user-auth.js');
const hostedUi = () => import('./hosted-ui/hosted-ui.js');

/** `name` of a module loaded on first use, as a function of the same signature. */
function onDemand<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  type Fn = M[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
  return (async (...args: unknown[]) => {
    const module = await load();
    return (module[name] as (...a: unknown[]) => unknown)(...args);
  }) as Fn;
}

export const cognito = {
  /**
   * The name Cognito knows the account by in requests, for what the person typed: the email as
   * typed, or its `-at-` form with `usernameStyle: 'at-to-dash'`. Every event's `username`.
   */
  username: toUsername,

  signUp,
  confirmSignUp,
  resendSignUpCode,

  /**
   * Computes the next sign-in's ephemeral SRP pair in idle time after the page has painted, so a
   * submit costs one exponentiation. Call when a sign-in form appears.
   */
  prepareSignIn(): void {
    prepareEphemeralWhenIdle();
  },
  signIn,
  completeNewPassword,
  answerMfaCode,
  verifyTotpSetup,
  chooseMfaFactor,

  // Choice-based sign-in (USER_AUTH): a passkey, a code by email or text, or a password.
  startUserAuth: onDemand<typeof UserAuth, 'startUserAuth'>(userAuth, 'startUserAuth'),
  chooseSignInMethod: onDemand<typeof UserAuth, 'chooseSignInMethod'>(userAuth, 'chooseSignInMethod'),
  answerPassword: onDemand<typeof UserAuth, 'answerPassword'>(userAuth, 'answerPassword'),
  answerSignInCode: onDemand<typeof UserAuth, 'answerSignInCode'>(userAuth, 'answerSignInCode'),
  answerPasskey: onDemand<typeof UserAuth, 'answerPasskey'>(userAuth, 'answerPasskey'),
  signInAfterConfirm: onDemand<typeof UserAuth, 'signInAfterConfirm'>(userAuth, 'signInAfterConfirm'),

  // Sign-in at the hosted UI (OAuth 2.0 authorization code with PKCE): the URL to go to, and the callback's exchange.
  startHostedSignIn: onDemand<typeof HostedUi, 'startHostedSignIn'>(hostedUi, 'startHostedSignIn'),
  completeHostedSignIn: onDemand<typeof HostedUi, 'completeHostedSignIn'>(hostedUi, 'completeHostedSignIn'),

  forgotPassword,
  confirmForgotPassword,

  /**
   * The signed-in user, refreshing tokens that are about to expire; null if nobody is signed in or
   * the refresh token was refused. Throws an AuthError when the tokens expired and the service
   * could not be reached (see storedUser for what is known meanwhile).
   */
  async currentUser(config: CognitoConfig): Promise<SessionUser | null> {
    const tokens = await freshTokens(config);
    return tokens ? toSessionUser(tokens) : null;
  },

  /** Who the stored tokens say is signed in, without asking the service (expired ones included). */
  storedUser(config: CognitoConfig): SessionUser | null {
    const tokens = readTokens(config);
    return tokens ? toSessionUser(tokens) : null;
  },

  /** Seconds until the stored tokens are due for renewal, on the pool's clock; null when none are stored. */
  secondsUntilRenewal(config: CognitoConfig): number | null {
    const tokens = readTokens(config);
    return tokens ? secondsUntilRenewal(config, tokens) : null;
  },

  /** The raw ID and access tokens, renewed first if about to expire (always, with `force`); null when signed out. */
  async getTokens(config: CognitoConfig, options: { force?: boolean } = {}): Promise<{ idToken: string; accessToken: string } | null> {
    const tokens = await freshTokens(config, options);
    return tokens ? { idToken: tokens.idToken, accessToken: tokens.accessToken } : null;
  },

  /**
   * Local: forgets the tokens at once, then revokes the refresh token once; resolves to whether
   * the revocation reached the service. Global: GlobalSignOut, then forgets the tokens; throws an
   * AuthError and keeps the session when the service could not be reached, so it can be retried.
   */
  async signOut(config: CognitoConfig, options: { global: boolean }): Promise<{ revoked: boolean }> {
    if (options.global) {
      await signOutEverywhere(config);
      return { revoked: true };
    }
    return { revoked: await signOutHere(config) };
  },
};
