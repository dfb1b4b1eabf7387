// nativeSrpSignIn against the real local pool: real SRP on the server side, real tokens, the SDK's
// own storage and session handling afterwards.
import { expect } from '@open-wc/testing';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js';
import { nativeSrpSignIn } from '../../../src/cognito/srp/native-srp-sign-in.js';
import { prepareEphemeral } from '../../../src/cognito/srp/ephemeral.js';
import { clearStoredSessions, createConfirmedUser, localPool, uniqueEmail } from '../helpers/pool.js';

function sdkPool(): CognitoUserPool {
  const { url, poolId, clientId } = localPool();
  return new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: url });
}

function signIn(pool: CognitoUserPool, email: string, password: string, prepared?: Awaited<ReturnType<typeof prepareEphemeral>>) {
  const user = new CognitoUser({ Username: email, Pool: pool });
  return new Promise<{ user: CognitoUser; session: CognitoUserSession }>((resolve, reject) =>
    nativeSrpSignIn(
      user,
      new AuthenticationDetails({ Username: email, Password: password }),
      {
        onSuccess: (session) => resolve({ user, session }),
        onFailure: reject,
        newPasswordRequired: () => reject(new Error('unexpected newPasswordRequired')),
        mfaRequired: () => reject(new Error('unexpected mfaRequired')),
        totpRequired: () => reject(new Error('unexpected totpRequired')),
      },
      prepared,
    ),
  );
}

describe('nativeSrpSignIn against the local pool', () => {
  afterEach(() => clearStoredSessions());

  it('signs in and leaves a session the SDK finds and accepts', async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('native-srp'));
    const pool = sdkPool();
    const { user, session } = await signIn(pool, email, password);

    expect(session.isValid()).to.equal(true);
    // Email-as-username pool: from the challenge on, the user is the pool's internal name.
    expect(user.getUsername()).to.not.equal(email);
    expect(session.getIdToken().decodePayload()['cognito:username']).to.equal(user.getUsername());
    expect(session.getIdToken().decodePayload().email).to.equal(email);

    // A fresh pool object reads it back from storage, as a page load would.
    const current = sdkPool().getCurrentUser();
    expect(current?.getUsername()).to.equal(user.getUsername());
    const stored = await new Promise<CognitoUserSession>((resolve, reject) =>
      current!.getSession((err: Error | null, value: CognitoUserSession | null) => (err ? reject(err) : resolve(value!))),
    );
    expect(stored.isValid()).to.equal(true);
    expect(stored.getAccessToken().getJwtToken()).to.equal(session.getAccessToken().getJwtToken());
    // And the pool accepts the access token.
    const attributes = await new Promise<{ Name: string; Value: string }[]>((resolve, reject) =>
      current!.getUserAttributes((err, result) => (err ? reject(err) : resolve(result as never))),
    );
    expect(attributes.find((attribute) => attribute.Name === 'email')?.Value).to.equal(email);
  });

  it('signs in with a pair prepared ahead of time', async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('native-srp-prepared'));
    const { session } = await signIn(sdkPool(), email, password, await prepareEphemeral());
    expect(session.isValid()).to.equal(true);
  });

  it('is refused with a wrong password, and stores nothing', async () => {
    const { email } = await createConfirmedUser(uniqueEmail('native-srp-wrong'));
    const pool = sdkPool();
    let error: { code?: string; message?: string } | undefined;
    try {
      await signIn(pool, email, 'Wrong-Horse-9-Battery');
    } catch (err) {
      error = err as typeof error;
    }
    expect(error?.code).to.equal('NotAuthorizedException');
    expect(error?.message).to.equal('Incorrect username or password.');
    expect(sdkPool().getCurrentUser()).to.equal(null);
  });

  it('reports an unknown user as the SDK does', async () => {
    let error: { code?: string } | undefined;
    try {
      await signIn(sdkPool(), uniqueEmail('nobody'), 'Whatever-9-Password');
    } catch (err) {
      error = err as typeof error;
    }
    expect(['UserNotFoundException', 'NotAuthorizedException']).to.include(error?.code);
  });
});
