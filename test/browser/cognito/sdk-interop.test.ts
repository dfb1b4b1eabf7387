// amazon-cognito-identity-js, unmodified, and our client share one session: a page that still uses
// the SDK directly (the workshop's ride page) sees the user our elements signed in, and our store
// sees a user the SDK signed in. Both against the local pool, in the same localStorage.
import { expect } from '@open-wc/testing';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { cognito } from '../../../src/cognito/cognito-client.js';
import type { SignInStep } from '../../../src/cognito/types.js';
import { configure } from '../../../src/config/index.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { clearStoredSessions, createConfirmedUser, expireStoredSession, poolConfig } from '../helpers/pool.js';

const config = poolConfig({ storage: 'local' });
const sdkPool = () => new CognitoUserPool({ UserPoolId: config.userPoolId, ClientId: config.userPoolClientId, endpoint: config.endpoint });

function sdkSession(user: CognitoUser): Promise<CognitoUserSession> {
  return new Promise((resolve, reject) =>
    user.getSession((err: Error | null, session: CognitoUserSession | null) => (err || !session ? reject(err ?? new Error('no session')) : resolve(session))),
  );
}

function sdkSignIn(email: string, password: string): Promise<CognitoUserSession> {
  const user = new CognitoUser({ Username: email, Pool: sdkPool() });
  return new Promise((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: email, Password: password }), { onSuccess: resolve, onFailure: reject }),
  );
}

function done(step: SignInStep) {
  if (step.step !== 'done') throw new Error(`expected sign-in to finish, got ${step.step}`);
  return step.user;
}

describe('interop with amazon-cognito-identity-js', () => {
  afterEach(() => {
    clearStoredSessions();
    configure({ userPoolId: null, userPoolClientId: null, endpoint: null, storage: null });
  });

  it('our sign-in -> the SDK: getCurrentUser().getSession() is valid and holds our tokens', async () => {
    const { email, password } = await createConfirmedUser();
    const user = done(await cognito.signIn(config, email, password));
    const sdkUser = sdkPool().getCurrentUser();
    expect(sdkUser?.getUsername()).to.equal(user.username);
    const session = await sdkSession(sdkUser!);
    expect(session.isValid()).to.equal(true);
    const ours = await cognito.getTokens(config);
    expect(session.getIdToken().getJwtToken()).to.equal(ours!.idToken);
    expect(session.getAccessToken().getJwtToken()).to.equal(ours!.accessToken);
    expect(session.getIdToken().decodePayload().email).to.equal(email);
    // The SDK can use our access token for a call of its own (GetUser).
    const attributes = await new Promise<Array<{ getName(): string; getValue(): string }>>((resolve, reject) =>
      sdkUser!.getUserAttributes((err, result) => (err || !result ? reject(err ?? new Error('GetUser returned no attributes')) : resolve(result))),
    );
    expect(attributes.find((a) => a.getName() === 'email')?.getValue()).to.equal(email);
  });

  it('our sign-in, expired -> the SDK refreshes it with our refresh token', async () => {
    const { email, password } = await createConfirmedUser();
    done(await cognito.signIn(config, email, password));
    const before = (await cognito.getTokens(config))!.idToken;
    expireStoredSession(config);
    const session = await sdkSession(sdkPool().getCurrentUser()!);
    expect(session.isValid()).to.equal(true);
    expect(session.getIdToken().getJwtToken()).to.not.equal(before);
  });

  it("the SDK signs in -> our store sees the user and hands out the SDK's tokens", async () => {
    const { email, password } = await createConfirmedUser();
    const session = await sdkSignIn(email, password);
    configure(config);
    await sessionStore.refresh();
    expect(sessionStore.state.user?.email).to.equal(email);
    expect(await sessionStore.getIdToken()).to.equal(session.getIdToken().getJwtToken());
  });

  it('the SDK signs in, expired -> we refresh with its refresh token, and the SDK then sees our tokens', async () => {
    const { email, password } = await createConfirmedUser();
    const session = await sdkSignIn(email, password);
    expireStoredSession(config);
    const renewed = await cognito.getTokens(config);
    expect(renewed?.idToken).to.not.equal(session.getIdToken().getJwtToken());
    expect((await sdkSession(sdkPool().getCurrentUser()!)).getIdToken().getJwtToken()).to.equal(renewed!.idToken);
  });

  it('signing out with one is signing out with the other', async () => {
    const { email, password } = await createConfirmedUser();
    await sdkSignIn(email, password);
    expect((await cognito.signOut(config, { global: false })).revoked).to.equal(true);
    expect(sdkPool().getCurrentUser()).to.equal(null);

    done(await cognito.signIn(config, email, password));
    sdkPool().getCurrentUser()!.signOut();
    expect(await cognito.getTokens(config)).to.equal(null);
  });
});
