// Our Cognito client end to end: real requests, real SRP and real JWTs against the local pool the
// test runner starts on another origin. Server failures come from the pool's fault injection.
import { expect } from '@open-wc/testing';
import { CognitoUserPool } from 'amazon-cognito-identity-js';
import { cognito } from '../../../src/cognito/cognito-client.js';
import { AuthError } from '../../../src/cognito/cognito-errors.js';
import type { CognitoConfig, SignInStep } from '../../../src/cognito/types.js';
import {
  clearFaults,
  clearStoredSessions,
  createConfirmedUser,
  expireStoredSession,
  injectFault,
  type KeyValueStorage,
  latestCode,
  localPool,
  messagesTo,
  resetPool,
  poolConfig,
  poolOperation,
  createUserWithTemporaryPassword,
  storageFor,
  strongPassword,
  uniqueEmail,
} from '../helpers/pool.js';

/** The AuthError a promise rejects with (fails the test if it resolves or throws anything else). */
async function authErrorOf(promise: Promise<unknown>): Promise<AuthError> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(AuthError);
    return err as AuthError;
  }
  throw new Error('expected the call to fail');
}

function done(step: SignInStep) {
  if (step.step !== 'done') throw new Error(`expected sign-in to finish, got step ${step.step}`);
  return step.user;
}

function decode(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(payload)) as Record<string, unknown>;
}

const sdkPrefix = () => `CognitoIdentityServiceProvider.${localPool().clientId}`;

describe('cognito client against the local pool', () => {
  const config = poolConfig({ storage: 'local' });

  afterEach(async () => {
    await clearFaults();
    clearStoredSessions();
  });

  describe('happy paths', () => {
    it('signs up, reads the code from the mailbox, confirms and signs in', async () => {
      const email = uniqueEmail('happy');
      const registered = await cognito.signUp(config, { email, password: strongPassword });
      expect(registered.confirmed).to.equal(false);
      expect(registered.username).to.equal(email);
      expect(registered.delivery?.medium).to.equal('EMAIL');
      expect(registered.delivery?.attribute).to.equal('email');

      await cognito.confirmSignUp(config, email, await latestCode(email, 'sign-up'));
      const user = done(await cognito.signIn(config, email, strongPassword));

      expect(user.email).to.equal(email);
      expect(user.sub).to.match(/^[0-9a-f-]{36}$/);
      expect(user.claims.token_use).to.equal('id');
      expect(user.expiresAt).to.be.greaterThan(Date.now() / 1000);
      expect(JSON.stringify(user)).not.to.match(/eyJ/); // no token in what the store holds
    });

    it('sends the extra sign-up attributes', async () => {
      const email = uniqueEmail('attrs');
      await cognito.signUp(config, { email, password: strongPassword, attributes: { name: 'Ada Lovelace' } });
      await cognito.confirmSignUp(config, email, await latestCode(email));
      const user = done(await cognito.signIn(config, email, strongPassword));
      expect(user.claims.name).to.equal('Ada Lovelace');
    });

    it('sends a new sign-up code that then confirms the user', async () => {
      const email = uniqueEmail('resend');
      await cognito.signUp(config, { email, password: strongPassword });
      const delivery = await cognito.resendSignUpCode(config, email);
      expect(delivery?.medium).to.equal('EMAIL');
      const second = await latestCode(email);
      expect((await fetchMessages(email)).filter((m) => m.kind === 'sign-up')).to.have.length(2);
      await cognito.confirmSignUp(config, email, second);
      done(await cognito.signIn(config, email, strongPassword));
    });

    it('returns the stored user and tokens after sign-in, as a page using the SDK directly sees them', async () => {
      const { email, password } = await createConfirmedUser();
      const signedIn = done(await cognito.signIn(config, email, password));

      const current = await cognito.currentUser(config);
      expect(current?.sub).to.equal(signedIn.sub);
      const tokens = await cognito.getTokens(config);
      expect(decode(tokens!.idToken).sub).to.equal(signedIn.sub);
      expect(decode(tokens!.accessToken).token_use).to.equal('access');

      // What the workshop's pages do: their own pool object, localStorage, getSession().
      const pool = new CognitoUserPool({ UserPoolId: config.userPoolId, ClientId: config.userPoolClientId, endpoint: config.endpoint });
      const sdkUser = pool.getCurrentUser();
      expect(sdkUser).to.not.equal(null);
      const sdkToken = await new Promise<string>((resolve, reject) =>
        sdkUser!.getSession((err: Error | null, session: { getIdToken(): { getJwtToken(): string } } | null) =>
          err ? reject(err) : resolve(session!.getIdToken().getJwtToken()),
        ),
      );
      expect(sdkToken).to.equal(tokens!.idToken);
    });

    it('refreshes an expired session with the refresh token', async () => {
      const { email, password } = await createConfirmedUser();
      done(await cognito.signIn(config, email, password));
      const before = (await cognito.getTokens(config))!;

      expireStoredSession(config);
      const after = (await cognito.getTokens(config))!;

      expect(after.idToken).to.not.equal(before.idToken);
      expect(decode(after.idToken).sub).to.equal(decode(before.idToken).sub);
      expect(decode(after.idToken).jti).to.not.equal(decode(before.idToken).jti);
      // The refreshed session was stored with a fresh clock drift, so it is valid again.
      const user = localStorage.getItem(`${sdkPrefix()}.LastAuthUser`);
      expect(Math.abs(Number(localStorage.getItem(`${sdkPrefix()}.${user}.clockDrift`)))).to.be.lessThan(3600);
      expect((await cognito.currentUser(config))?.sub).to.equal(decode(before.idToken).sub);
    });

    it('signs out locally: clears the stored tokens', async () => {
      const { email, password } = await createConfirmedUser();
      done(await cognito.signIn(config, email, password));
      await cognito.signOut(config, { global: false });
      expect(await cognito.currentUser(config)).to.equal(null);
      expect(await cognito.getTokens(config)).to.equal(null);
      expect(Object.keys(localStorage).filter((key) => key.startsWith(sdkPrefix()))).to.deep.equal([]);
    });

    it('signs out locally and revokes the refresh token', async () => {
      const { email, password } = await createConfirmedUser();
      done(await cognito.signIn(config, email, password));
      // A copy of this session elsewhere (another device's storage).
      const copy = copySessionTo(poolConfig({ storage: 'memory' }));
      await cognito.signOut(config, { global: false });

      expireStoredSession(copy.config, copy.storage);
      expect(await cognito.getTokens(copy.config)).to.equal(null); // refresh refused: revoked
    });

    it('signs out globally: other sessions of the user can no longer refresh', async () => {
      const { email, password } = await createConfirmedUser();
      const memory = poolConfig({ storage: 'memory' });
      done(await cognito.signIn(memory, email, password)); // "another device"
      done(await cognito.signIn(config, email, password));

      await cognito.signOut(config, { global: true });
      expect(await cognito.currentUser(config)).to.equal(null);

      expireStoredSession(memory);
      expect(await cognito.currentUser(memory)).to.equal(null);
    });

    it('resets a forgotten password with the emailed code', async () => {
      const { email } = await createConfirmedUser();
      const delivery = await cognito.forgotPassword(config, email);
      expect(delivery?.medium).to.equal('EMAIL');
      const newPassword = 'Another-Strong-7-Password';
      await cognito.confirmForgotPassword(config, email, await latestCode(email, 'forgot-password'), newPassword);

      expect((await authErrorOf(cognito.signIn(config, email, strongPassword))).code).to.equal('not-authorized');
      done(await cognito.signIn(config, email, newPassword));
    });

    it("maps a@b.c to the workshop's a-at-b.c username when asked", async () => {
      const dashed = poolConfig({ usernameStyle: 'at-to-dash' });
      const email = uniqueEmail('dash');
      const result = await authErrorOf(cognito.signUp(dashed, { email, password: strongPassword }));
      // This pool uses the email as username, so it refuses the workshop's usernames, as Cognito does.
      expect(result.code).to.equal('invalid-email');
      expect((result.cause as { message: string }).message).to.match(/email/i);
    });
  });

  describe('new password required (a user created by an administrator)', () => {
    it('asks for a new password, then signs in with it', async () => {
      const { email, temporaryPassword } = await createUserWithTemporaryPassword();
      const step = await cognito.signIn(config, email, temporaryPassword);
      if (step.step !== 'new-password') throw new Error(`expected new-password, got ${step.step}`);
      expect(step.requiredAttributes).to.deep.equal([]);
      expect(step.pending.username).to.equal(email);
      expect(Object.keys(step.pending)).to.deep.equal(['username']); // nothing of the wire shows

      const newPassword = 'Brand-New-Password-5';
      const user = done(await cognito.completeNewPassword(config, step.pending, newPassword, {}));
      expect(user.email).to.equal(email);
      expect((await cognito.currentUser(config))?.sub).to.equal(user.sub);

      await cognito.signOut(config, { global: false });
      done(await cognito.signIn(config, email, newPassword));
    });

    it('refuses a new password the policy does not allow, and accepts a good one after', async () => {
      const { email, temporaryPassword } = await createUserWithTemporaryPassword();
      const step = await cognito.signIn(config, email, temporaryPassword);
      if (step.step !== 'new-password') throw new Error(step.step);
      const err = await authErrorOf(cognito.completeNewPassword(config, step.pending, 'weak', {}));
      expect(err.code).to.equal('invalid-password');
      done(await cognito.completeNewPassword(config, step.pending, 'Brand-New-Password-5', {}));
    });

    it('refuses a pending sign-in it did not hand out', async () => {
      const forged = { username: 'x@example.com' } as unknown as Parameters<typeof cognito.answerMfaCode>[1];
      const err = await authErrorOf(cognito.answerMfaCode(config, forged, '123456'));
      expect(err.code).to.equal('session-expired');
    });
  });

  describe('errors', () => {
    it('user-disabled for an account an administrator disabled', async () => {
      const { email, password } = await createConfirmedUser();
      await poolOperation('AdminDisableUser', { Username: email });
      const err = await authErrorOf(cognito.signIn(config, email, password));
      expect(err.code).to.equal('user-disabled');
    });

    it('username-exists when the email is registered already', async () => {
      const { email } = await createConfirmedUser();
      const err = await authErrorOf(cognito.signUp(config, { email, password: strongPassword }));
      expect(err.code).to.equal('username-exists');
      expect(err.message).to.equal('An account with this email already exists. Sign in instead, or reset your password.');
    });

    it('invalid-password for a password the policy refuses', async () => {
      const err = await authErrorOf(cognito.signUp(config, { email: uniqueEmail(), password: 'short' }));
      expect(err.code).to.equal('invalid-password');
    });

    it('invalid-email for something that is not an email', async () => {
      const err = await authErrorOf(cognito.signUp(config, { email: 'not-an-email', password: strongPassword }));
      expect(err.code).to.equal('invalid-email');
    });

    it('code-mismatch for a wrong code', async () => {
      const email = uniqueEmail();
      await cognito.signUp(config, { email, password: strongPassword });
      const code = await latestCode(email);
      const wrong = code === '000000' ? '111111' : '000000';
      expect((await authErrorOf(cognito.confirmSignUp(config, email, wrong))).code).to.equal('code-mismatch');
    });

    it('code-expired for a code replaced by a newer one', async () => {
      const email = uniqueEmail();
      await cognito.signUp(config, { email, password: strongPassword });
      const old = await latestCode(email);
      await cognito.resendSignUpCode(config, email);
      const fresh = await latestCode(email);
      if (old === fresh) return; // one in a million: the same six digits twice
      expect((await authErrorOf(cognito.confirmSignUp(config, email, old))).code).to.equal('code-expired');
    });

    it('limit-exceeded after too many wrong codes', async () => {
      const email = uniqueEmail();
      await cognito.signUp(config, { email, password: strongPassword });
      const code = await latestCode(email);
      const wrong = code === '000000' ? '111111' : '000000';
      let last: AuthError | null = null;
      for (let i = 0; i < 8 && last?.code !== 'limit-exceeded'; i++) {
        last = await authErrorOf(cognito.confirmSignUp(config, email, wrong));
      }
      expect(last?.code).to.equal('limit-exceeded');
    });

    it('user-not-confirmed when signing in before verifying', async () => {
      const email = uniqueEmail();
      await cognito.signUp(config, { email, password: strongPassword });
      expect((await authErrorOf(cognito.signIn(config, email, strongPassword))).code).to.equal('user-not-confirmed');
    });

    it('not-authorized for a wrong password', async () => {
      const { email } = await createConfirmedUser();
      const err = await authErrorOf(cognito.signIn(config, email, 'Wrong-Password-1'));
      expect(err.code).to.equal('not-authorized');
      expect(err.message).to.equal('Incorrect email or password.');
    });

    it('not-authorized (not user-not-found) for an unknown email at sign-in', async () => {
      const err = await authErrorOf(cognito.signIn(config, uniqueEmail('nobody'), strongPassword));
      expect(['not-authorized', 'user-not-found']).to.include(err.code);
      expect(err.message).to.equal('Incorrect email or password.');
    });

    it('user-not-found when a pool that reveals unknown users (LEGACY) refuses a resend', async () => {
      // The local pool hides unknown users as Cognito's default does, so the LEGACY answer is forged.
      await injectFault({
        operation: 'ResendConfirmationCode',
        kind: 'answer',
        status: 400,
        body: { __type: 'UserNotFoundException', message: 'Username/client id combination not found.' },
        times: 1,
      });
      expect((await authErrorOf(cognito.resendSignUpCode(config, uniqueEmail('nobody')))).code).to.equal('user-not-found');
    });

    it('a resend to an unknown email looks like one to a real account, as Cognito hides unknown users by default', async () => {
      const sent = await cognito.resendSignUpCode(config, uniqueEmail('nobody'));
      expect(sent).to.deep.equal({ destination: 'n***@e***.com', medium: 'EMAIL', attribute: 'email' });
    });

    it('password-attempts-exceeded after repeated wrong passwords', async () => {
      const { email } = await createConfirmedUser();
      let last: AuthError | null = null;
      for (let i = 0; i < 8 && last?.code !== 'password-attempts-exceeded'; i++) {
        last = await authErrorOf(cognito.signIn(config, email, 'Wrong-Password-1'));
      }
      expect(last?.code).to.equal('password-attempts-exceeded');
    });

    it('password-reset-required after an administrator reset the password, and the reset code works', async () => {
      const { email, password } = await createConfirmedUser();
      await poolOperation('AdminResetUserPassword', { Username: email });
      const err = await authErrorOf(cognito.signIn(config, email, password));
      expect(err.code).to.equal('password-reset-required');
      const newPassword = 'Reset-By-Admin-3-Password';
      await cognito.confirmForgotPassword(config, email, await latestCode(email, 'forgot-password'), newPassword);
      done(await cognito.signIn(config, email, newPassword));
    });

    it('already-confirmed when confirming twice', async () => {
      const email = uniqueEmail();
      await cognito.signUp(config, { email, password: strongPassword });
      const code = await latestCode(email);
      await cognito.confirmSignUp(config, email, code);
      expect((await authErrorOf(cognito.confirmSignUp(config, email, code))).code).to.equal('already-confirmed');
      expect((await authErrorOf(cognito.resendSignUpCode(config, email))).code).to.equal('already-confirmed');
    });

    it('not-configured for an app client the pool does not know', async () => {
      const wrongClient = { ...config, userPoolClientId: 'nosuchclient00000000000000' };
      const err = await authErrorOf(cognito.signUp(wrongClient, { email: uniqueEmail(), password: strongPassword }));
      expect(err.code).to.equal('not-configured');
    });

    it('too-many-requests when the pool throttles', async () => {
      await injectFault({ operation: 'SignUp', kind: 'throttle', times: 1 });
      const err = await authErrorOf(cognito.signUp(config, { email: uniqueEmail(), password: strongPassword }));
      expect(err.code).to.equal('too-many-requests');
    });

    it('server, with a message that suggests retrying, when the pool answers 500', async () => {
      await injectFault({ operation: 'InitiateAuth', kind: 'http-500', times: 1 });
      const err = await authErrorOf(cognito.signIn(config, uniqueEmail(), strongPassword));
      expect(err.code).to.equal('server');
      expect(err.message).to.match(/again/);
    });

    it('network, with a message that suggests retrying, when the connection drops', async () => {
      // No `times`: Chrome silently retries a POST once when a reused connection closes before
      // any response, so a single drop would go unnoticed. afterEach clears the fault.
      await injectFault({ operation: 'SignUp', kind: 'drop' });
      const err = await authErrorOf(cognito.signUp(config, { email: uniqueEmail(), password: strongPassword }));
      expect(err.code).to.equal('network');
      expect(err.message).to.match(/try again/);
    });

    it('server when the endpoint answers with something that is not Cognito (an HTML error page)', async () => {
      // The test page's own server has no Cognito here: it answers the POST with a non-JSON error
      // that names no Cognito exception.
      const notCognito: CognitoConfig = { ...config, endpoint: new URL('/no-cognito-here/', location.href).href };
      const err = await authErrorOf(cognito.signUp(notCognito, { email: uniqueEmail(), password: strongPassword }));
      expect(err.code).to.equal('server');
      expect((err.cause as { name: string }).name).to.match(/^HTTP [45]\d\d$/);
    });

    it('network when the endpoint cannot be reached at all', async () => {
      const nowhere: CognitoConfig = { ...config, endpoint: 'http://127.0.0.1:9/' };
      expect((await authErrorOf(cognito.signUp(nowhere, { email: uniqueEmail(), password: strongPassword }))).code).to.equal('network');
    });

    it('keeps a stored session when a refresh fails for a transient reason', async () => {
      const { email, password } = await createConfirmedUser();
      done(await cognito.signIn(config, email, password));
      expireStoredSession(config);
      // A refresh retries twice on its own (0.4 s, then 1.2 s); a fault on every try makes it give up.
      await injectFault({ operation: 'GetTokensFromRefreshToken', kind: 'drop' });
      const err = await authErrorOf(cognito.getTokens(config));
      expect(err.code).to.equal('network');
      expect(cognito.storedUser(config)?.email).to.equal(email); // still signed in, as stored
      await clearFaults();
      expect((await cognito.getTokens(config))?.idToken).to.be.a('string');
    });
  });
});

describe('local pool test helpers', () => {
  it('resetPool() forgets every user and clears the sessions stored in this page', async () => {
    const config = poolConfig({ storage: 'local' });
    const { email, password } = await createConfirmedUser();
    done(await cognito.signIn(config, email, password));
    await resetPool();
    expect(Object.keys(localStorage).some((key) => key.startsWith(sdkPrefix()))).to.equal(false);
    expect(await messagesTo(email)).to.deep.equal([]);
    const err = await authErrorOf(cognito.signIn(config, email, password));
    expect(['not-authorized', 'user-not-found']).to.include(err.code);
  });
});

interface Message {
  to: string;
  kind: string;
  code: string;
}
async function fetchMessages(to: string): Promise<Message[]> {
  const response = await fetch(new URL(`_local/messages?to=${encodeURIComponent(to)}`, localPool().url));
  return (await response.json()) as Message[];
}

/** Copies the session stored in localStorage into the memory storage of `target`. */
function copySessionTo(target: CognitoConfig): { config: CognitoConfig; storage: KeyValueStorage } {
  const storage = storageFor(target);
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith(sdkPrefix())) storage.setItem(key, localStorage.getItem(key)!);
  }
  return { config: target, storage };
}
