// Happy paths (and their refusals) through the real amazon-cognito-identity-js against the pool.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CognitoRefreshToken, CognitoUserAttribute, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import {
  PASSWORD,
  call,
  confirm,
  failure,
  latestCode,
  messages,
  ok,
  raw,
  registeredUser,
  sdkPool,
  sdkUser,
  session,
  signIn,
  signUp,
  signedInUser,
  start,
  uniqueEmail,
  type LocalPool,
  type SdkError,
} from './helpers.js';

describe('the local pool through the SDK (email-as-username pool)', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start();
  });
  after(() => pool.close());

  it('signs up, mails a 6-digit code, confirms and signs in with SRP', async () => {
    const email = uniqueEmail('ada');
    const userPool = sdkPool(pool);
    const result = await signUp(userPool, email);
    assert.equal(result.userConfirmed, false);
    assert.match(result.userSub, /^[0-9a-f-]{36}$/);
    assert.deepEqual(result.codeDeliveryDetails, { Destination: 'a***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const [message] = await messages(pool, email);
    assert.equal(message.channel, 'email');
    assert.equal(message.kind, 'sign-up');
    assert.match(message.code, /^[0-9]{6}$/);
    assert.ok(!Number.isNaN(Date.parse(message.sentAt)));

    const user = sdkUser(userPool, email);
    assert.equal(await confirm(user, message.code), 'SUCCESS');
    const tokens = session(await signIn(user, email));
    const id = tokens.getIdToken().payload;
    assert.equal(id.email, email);
    assert.equal(id.email_verified, true);
    assert.equal(id['cognito:username'], result.userSub);
    // After SRP the SDK keys its storage on USER_ID_FOR_SRP, the sub.
    assert.equal(user.getUsername(), result.userSub);
    assert.equal(userPool.getCurrentUser()?.getUsername(), result.userSub);
  });

  it('refuses a wrong password with NotAuthorizedException', async () => {
    const { email, userPool } = await registeredUser(pool);
    const error = (await signIn(sdkUser(userPool, email), email, 'Wrong-passw0rd').catch((e) => e)) as SdkError;
    assert.equal(error.code, 'NotAuthorizedException');
    assert.equal(error.message, 'Incorrect username or password.');
  });

  it('does not reveal at sign-in that a user does not exist', async () => {
    const email = uniqueEmail('nobody');
    const error = (await signIn(sdkUser(sdkPool(pool), email), email).catch((e) => e)) as SdkError;
    assert.equal(error.code, 'NotAuthorizedException');
    assert.equal(error.message, 'Incorrect username or password.');
    // The simulated challenge is stable per username.
    const challenge = () =>
      raw(pool, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: email, SRP_A: 'abcdef' } });
    const [first, second] = [await challenge(), await challenge()];
    const params = (r: typeof first) => r.body.ChallengeParameters as Record<string, string>;
    assert.equal(params(first).SALT, params(second).SALT);
    assert.equal(params(first).USER_ID_FOR_SRP, params(second).USER_ID_FOR_SRP);
  });

  it('refuses an unconfirmed user once the password checks out', async () => {
    const email = uniqueEmail();
    const userPool = sdkPool(pool);
    await signUp(userPool, email);
    const error = (await signIn(sdkUser(userPool, email), email).catch((e) => e)) as SdkError;
    assert.equal(error.code, 'UserNotConfirmedException');
  });

  it('issues RS256 tokens that verify against the JWKS with Cognito claims', async () => {
    const { session: tokens } = await signedInUser(pool);
    const jwks = createRemoteJWKSet(new URL(`${pool.url}${pool.poolId}/.well-known/jwks.json`));
    const issuer = `${pool.url}${pool.poolId}`;
    const id = await jwtVerify(tokens.getIdToken().getJwtToken(), jwks, { issuer, audience: pool.clientId });
    const access = await jwtVerify(tokens.getAccessToken().getJwtToken(), jwks, { issuer });
    assert.equal(id.protectedHeader.alg, 'RS256');
    assert.ok(id.protectedHeader.kid);
    assert.equal(id.payload.token_use, 'id');
    assert.equal(access.payload.token_use, 'access');
    assert.equal(access.payload.client_id, pool.clientId);
    assert.equal(access.payload.scope, 'aws.cognito.signin.user.admin');
    assert.equal(access.payload.username, id.payload['cognito:username']);
    assert.equal(access.payload.origin_jti, id.payload.origin_jti);
    assert.equal(access.payload.exp! - access.payload.iat!, 3600);
    const config = await (await fetch(`${pool.url}${pool.poolId}/.well-known/openid-configuration`)).json();
    assert.equal(config.issuer, issuer);
    // As Cognito: ID and access tokens are signed by two keys, both in the JWKS.
    assert.notEqual(access.protectedHeader.kid, id.protectedHeader.kid);
    assert.equal(decodeProtectedHeader(tokens.getAccessToken().getJwtToken()).kid, access.protectedHeader.kid);
  });

  it('refreshes with the refresh token, keeping auth_time and origin_jti', async () => {
    const { user, session: tokens } = await signedInUser(pool);
    const refreshed = await call<CognitoUserSession>((cb) => user.refreshSession(tokens.getRefreshToken(), cb));
    const before = tokens.getAccessToken().payload;
    const after = refreshed.getAccessToken().payload;
    assert.notEqual(refreshed.getAccessToken().getJwtToken(), tokens.getAccessToken().getJwtToken());
    assert.equal(after.auth_time, before.auth_time);
    assert.equal(after.origin_jti, before.origin_jti);
    assert.equal(refreshed.getRefreshToken().getToken(), tokens.getRefreshToken().getToken());
  });

  it('revokes on signOut: refresh and access token are refused afterwards', async () => {
    const { user, session: tokens } = await signedInUser(pool);
    await new Promise<void>((resolve) => user.signOut(() => resolve()));
    const refreshed = await raw(pool, 'InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: pool.clientId,
      AuthParameters: { REFRESH_TOKEN: tokens.getRefreshToken().getToken() },
    });
    assert.equal(refreshed.status, 400);
    assert.deepEqual(refreshed.body, { __type: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
    const me = await raw(pool, 'GetUser', { AccessToken: tokens.getAccessToken().getJwtToken() });
    assert.equal(me.body.message, 'Access Token has been revoked');
  });

  it('global sign-out revokes every session of the user', async () => {
    const { email, password, user, userPool, session: first } = await signedInUser(pool);
    const second = session(await signIn(sdkUser(userPool, email), email, password));
    await new Promise((resolve, reject) => user.globalSignOut({ onSuccess: resolve, onFailure: reject }));
    for (const tokens of [first, second]) {
      const refreshed = await raw(pool, 'GetTokensFromRefreshToken', { ClientId: pool.clientId, RefreshToken: tokens.getRefreshToken().getToken() });
      assert.equal(refreshed.body.message, 'Refresh Token has been revoked');
      const me = await raw(pool, 'GetUser', { AccessToken: tokens.getAccessToken().getJwtToken() });
      assert.equal(me.body.__type, 'NotAuthorizedException');
    }
    // A fresh sign-in still works.
    session(await signIn(sdkUser(userPool, email), email, password));
  });

  it('refreshes through GetTokensFromRefreshToken (Amplify v6) without a new refresh token', async () => {
    const { session: tokens } = await signedInUser(pool);
    const result = await ok(pool, 'GetTokensFromRefreshToken', { ClientId: pool.clientId, RefreshToken: tokens.getRefreshToken().getToken() });
    assert.ok(result.AuthenticationResult.AccessToken);
    assert.ok(result.AuthenticationResult.IdToken);
    assert.equal(result.AuthenticationResult.RefreshToken, undefined);
    const bogus = await raw(pool, 'GetTokensFromRefreshToken', { ClientId: pool.clientId, RefreshToken: 'not-a-token' });
    assert.equal(bogus.body.message, 'Invalid Refresh Token');
  });

  it('reads and updates attributes with the access token', async () => {
    const { user, email } = await signedInUser(pool);
    const attributes = await call<CognitoUserAttribute[]>((cb) => user.getUserAttributes(cb));
    const byName = Object.fromEntries(attributes.map((a) => [a.getName(), a.getValue()]));
    assert.equal(byName.email, email);
    assert.equal(byName.email_verified, 'true');
    await call((cb) => user.updateAttributes([new CognitoUserAttribute({ Name: 'name', Value: 'Ada Lovelace' })], cb));
    const updated = await call<CognitoUserAttribute[]>((cb) => user.getUserAttributes(cb));
    assert.equal(updated.find((a) => a.getName() === 'name')?.getValue(), 'Ada Lovelace');
  });

  it('changes the password: the old one stops working, the new one works', async () => {
    const { user, email, userPool } = await signedInUser(pool);
    const wrong = await failure((cb) => user.changePassword('Not-the-0ld', 'N3w-passw0rd', cb));
    assert.equal(wrong.code, 'NotAuthorizedException');
    const weak = await failure((cb) => user.changePassword(PASSWORD, 'weakpassword', cb));
    assert.equal(weak.code, 'InvalidPasswordException');
    assert.equal(weak.message, 'Password does not conform to policy: Password must have uppercase characters');
    assert.equal(await call((cb) => user.changePassword(PASSWORD, 'N3w-passw0rd', cb)), 'SUCCESS');
    await assert.rejects(signIn(sdkUser(userPool, email), email, PASSWORD), { code: 'NotAuthorizedException' });
    session(await signIn(sdkUser(userPool, email), email, 'N3w-passw0rd'));
  });

  it('resets a forgotten password with the mailed code', async () => {
    const { email, userPool } = await registeredUser(pool);
    const user = sdkUser(userPool, email);
    const delivery = await new Promise<any>((resolve, reject) => user.forgotPassword({ onSuccess: resolve, onFailure: reject }));
    assert.equal(delivery.CodeDeliveryDetails.DeliveryMedium, 'EMAIL');
    const code = await latestCode(pool, email, 'forgot-password');
    const wrong = await new Promise<SdkError>((resolve, reject) =>
      user.confirmPassword(code === '000000' ? '111111' : '000000', 'Fresh-passw0rd', {
        onSuccess: () => reject(new Error('accepted')),
        onFailure: resolve as any,
      }),
    );
    assert.equal(wrong.code, 'CodeMismatchException');
    await new Promise((resolve, reject) => user.confirmPassword(code, 'Fresh-passw0rd', { onSuccess: resolve, onFailure: reject }));
    session(await signIn(sdkUser(userPool, email), email, 'Fresh-passw0rd'));
    await assert.rejects(signIn(sdkUser(userPool, email), email, PASSWORD), { code: 'NotAuthorizedException' });
  });

  it('resends the sign-up code; the old one is then expired', async () => {
    const email = uniqueEmail();
    const userPool = sdkPool(pool);
    await signUp(userPool, email);
    const first = await latestCode(pool, email, 'sign-up');
    const user = sdkUser(userPool, email);
    await call((cb) => user.resendConfirmationCode(cb));
    const second = await latestCode(pool, email, 'sign-up');
    if (first !== second) {
      const stale = await failure((cb) => user.confirmRegistration(first, true, cb));
      assert.equal(stale.code, 'ExpiredCodeException');
    }
    await confirm(user, second);
    const again = await failure((cb) => user.confirmRegistration(second, true, cb));
    assert.equal(again.code, 'NotAuthorizedException');
    assert.equal(again.message, 'User cannot be confirmed. Current status is CONFIRMED');
  });

  it('signs in with USER_PASSWORD_AUTH, keyed on the typed name', async () => {
    const { email, userPool } = await registeredUser(pool);
    const user = sdkUser(userPool, email);
    user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
    const tokens = session(await signIn(user, email));
    assert.equal(tokens.getIdToken().payload.email, email);
    const wrongUser = sdkUser(userPool, email);
    wrongUser.setAuthenticationFlowType('USER_PASSWORD_AUTH');
    await assert.rejects(signIn(wrongUser, email, 'Wrong-passw0rd'), { code: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('answers UsernameExistsException for a taken email, in any case', async () => {
    const { email, userPool } = await registeredUser(pool);
    await assert.rejects(signUp(userPool, email.toUpperCase()), {
      code: 'UsernameExistsException',
      message: 'An account with the given email already exists.',
    });
  });

  it('refuses a username that is not an email, and weak passwords with the first failing rule', async () => {
    const userPool = sdkPool(pool);
    await assert.rejects(signUp(userPool, 'ada-at-example.com'), { code: 'InvalidParameterException', message: 'Username should be an email.' });
    const cases: [string, string][] = [
      ['Sh0rt!', 'Password not long enough'],
      ['lowercase-only1', 'Password must have uppercase characters'],
      ['UPPERCASE-ONLY1', 'Password must have lowercase characters'],
      ['No-digits-here', 'Password must have numeric characters'],
      ['NoSymbols123', 'Password must have symbol characters'],
    ];
    for (const [password, reason] of cases) {
      await assert.rejects(signUp(userPool, uniqueEmail(), password), {
        code: 'InvalidPasswordException',
        message: `Password did not conform with policy: ${reason}`,
      });
    }
  });

  it('takes a user created by an administrator through NEW_PASSWORD_REQUIRED', async () => {
    const email = uniqueEmail('admin-made');
    const created = await ok(pool, 'AdminCreateUser', {
      UserPoolId: pool.poolId,
      Username: email,
      UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
    });
    assert.equal(created.User.UserStatus, 'FORCE_CHANGE_PASSWORD');
    const [message] = await messages(pool, email);
    assert.equal(message.kind, 'temporary-password');
    const userPool = sdkPool(pool);
    const user = sdkUser(userPool, email);
    const challenge = await signIn(user, email, message.code);
    assert.equal(challenge.kind, 'newPasswordRequired');
    if (challenge.kind !== 'newPasswordRequired') return;
    assert.equal(challenge.userAttributes.email, email);
    const attributes = { ...challenge.userAttributes };
    delete attributes.email_verified;
    const weak = await new Promise<SdkError>((resolve, reject) =>
      user.completeNewPasswordChallenge('short', attributes, { onSuccess: () => reject(new Error('accepted')), onFailure: resolve }),
    );
    assert.equal(weak.code, 'InvalidPasswordException');
    // The SDK keeps the challenge's Session, so the same user object can try again.
    const done = await new Promise<CognitoUserSession>((resolve, reject) =>
      user.completeNewPasswordChallenge('Chosen-passw0rd', attributes, { onSuccess: resolve, onFailure: reject }),
    );
    assert.equal(done.getIdToken().payload.email, email);
    const status = await ok(pool, 'AdminGetUser', { UserPoolId: pool.poolId, Username: email });
    assert.equal(status.UserStatus, 'CONFIRMED');
    session(await signIn(sdkUser(userPool, email), email, 'Chosen-passw0rd'));
  });

  it('confirms a user from the "console" with AdminConfirmSignUp', async () => {
    const email = uniqueEmail();
    const userPool = sdkPool(pool);
    await signUp(userPool, email);
    await ok(pool, 'AdminConfirmSignUp', { UserPoolId: pool.poolId, Username: email });
    const got = await ok(pool, 'AdminGetUser', { UserPoolId: pool.poolId, Username: email });
    assert.equal(got.UserStatus, 'CONFIRMED');
    assert.equal(typeof got.UserCreateDate, 'number');
    session(await signIn(sdkUser(userPool, email), email));
  });

  it('refreshes an SDK session whose tokens have expired (getSession)', async () => {
    const short = await start({ limits: { accessTokenTtlSeconds: 1 } });
    try {
      const { user, session: tokens } = await signedInUser(short);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const fresh = await call<CognitoUserSession>((cb) => user.getSession(cb));
      assert.notEqual(fresh.getAccessToken().getJwtToken(), tokens.getAccessToken().getJwtToken());
      assert.ok(fresh.isValid());
      const expired = await raw(short, 'GetUser', { AccessToken: tokens.getAccessToken().getJwtToken() });
      assert.equal(expired.body.message, 'Access Token has expired');
    } finally {
      await short.close();
    }
  });

  it('keeps a CognitoRefreshToken usable by a fresh SDK instance', async () => {
    const { session: tokens, email } = await signedInUser(pool);
    const other = sdkUser(sdkPool(pool), email);
    const refreshed = await call<CognitoUserSession>((cb) =>
      other.refreshSession(new CognitoRefreshToken({ RefreshToken: tokens.getRefreshToken().getToken() }), cb),
    );
    assert.equal(refreshed.getIdToken().payload.email, email);
  });
});

describe('a plain-username pool (usernameAttributes: [])', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start({ usernameAttributes: [] });
  });
  after(() => pool.close());

  it('signs up the workshop way (a-at-b.c username, email attribute) and signs in by username', async () => {
    const email = uniqueEmail('rider');
    const username = email.replace('@', '-at-');
    const userPool = sdkPool(pool);
    await signUp(userPool, username, PASSWORD, { email });
    const user = sdkUser(userPool, username);
    await confirm(user, await latestCode(pool, email, 'sign-up'));
    const tokens = session(await signIn(user, username));
    assert.equal(tokens.getIdToken().payload['cognito:username'], username);
    assert.equal(tokens.getIdToken().payload.email, email);
    await assert.rejects(signUp(userPool, username.toUpperCase(), PASSWORD, { email }), { code: 'UsernameExistsException', message: 'User already exists' });
  });

  it('requires the email attribute by default', async () => {
    await assert.rejects(signUp(sdkPool(pool), `plain${Date.now()}`), {
      code: 'InvalidParameterException',
      message: 'Attributes did not conform to the schema: email: The attribute is required',
    });
  });
});
