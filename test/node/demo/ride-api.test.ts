// The demo's protected API (POST /api/ride) against real tokens from the demo's local pool: it
// answers a valid ID token and refuses, with 401 and the reason, everything a backend must refuse.
// It verifies with the production verifier, CognitoJwtVerifier; the pool mints Cognito's issuer.
import assert from 'node:assert/strict';
import { generateKeyPair, SignJWT, decodeJwt } from 'jose';
import { after, before, describe, it, mock } from 'node:test';
import { CognitoJwtInvalidClientIdError } from 'aws-jwt-verify/error';
import { startDemo, type RunningDemo } from '../../../demo/server/demo-server.js';
import { rideVerifier } from '../../../demo/server/ride-api.js';
import { AuthenticationDetails, CognitoUser, CognitoUserAttribute, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { startLocalPool, type LocalPool } from '../../../local-pool/index.js';
import { PASSWORD, latestCode, newUser, requestRide, uniqueEmail, type DemoUser, type RawResponse } from './helpers.js';

const POOL_ID = 'us-east-1_LocalPool1';

/** The ID token of a new user of `pool`, made as a page makes one (sign-up, the mailed code, sign-in). */
async function idTokenFrom(pool: LocalPool): Promise<string> {
  const userPool = new CognitoUserPool({ UserPoolId: pool.poolId, ClientId: pool.clientId, endpoint: pool.url });
  const email = uniqueEmail();
  await new Promise((done, fail) =>
    userPool.signUp(email, PASSWORD, [new CognitoUserAttribute({ Name: 'email', Value: email })], [], (err, result) => (err ? fail(err) : done(result))),
  );
  const user = new CognitoUser({ Username: email, Pool: userPool });
  const code = await latestCode(pool.url, email);
  await new Promise((done, fail) => user.confirmRegistration(code, false, (err, result) => (err ? fail(err) : done(result))));
  const session = await new Promise<CognitoUserSession>((done, fail) =>
    user.authenticateUser(new AuthenticationDetails({ Username: email, Password: PASSWORD }), { onSuccess: done, onFailure: fail }),
  );
  return session.getIdToken().getJwtToken();
}

function refusal(response: RawResponse): { error: string; reason: string } {
  assert.equal(response.status, 401, response.body);
  assert.match(String(response.headers['www-authenticate']), /^Bearer error="invalid_token"/);
  return JSON.parse(response.body);
}

/** The token with one byte in the middle of its signature flipped. */
function flipSignatureByte(token: string): string {
  const [header, payload, signature] = token.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  bytes[Math.floor(bytes.length / 2)] ^= 0x01;
  return [header, payload, bytes.toString('base64url')].join('.');
}

describe('the demo ride API', () => {
  let demo: RunningDemo;
  let user: DemoUser;

  before(async () => {
    demo = await startDemo({ port: 0, poolPort: 0, quiet: true });
    user = await newUser(demo);
  });
  after(() => demo.close());

  it("gets ID tokens with Cognito's issuer from the demo's pool", () => {
    assert.equal(decodeJwt(user.idToken).iss, `https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`);
  });

  it('answers a real ID token with a ride for that user', async () => {
    const response = await requestRide(demo, user.idToken);
    assert.equal(response.status, 201, response.body);
    const ride = JSON.parse(response.body);
    assert.equal(ride.Rider, user.email);
    assert.equal(typeof ride.Unicorn.Name, 'string');
  });

  it('accepts the token as a Bearer token too', async () => {
    const response = await requestRide(demo, `Bearer ${user.idToken}`);
    assert.equal(response.status, 201, response.body);
  });

  it('refuses a request without a token', async () => {
    assert.equal(refusal(await requestRide(demo, null)).reason, 'missing-token');
  });

  it('refuses a token with one signature byte flipped', async () => {
    assert.equal(refusal(await requestRide(demo, flipSignatureByte(user.idToken))).reason, 'bad-signature');
  });

  it('refuses a token whose claims were edited after signing', async () => {
    const [header, payload, signature] = user.idToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    claims.email = 'someone-else@example.com';
    const edited = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    assert.equal(refusal(await requestRide(demo, edited)).reason, 'bad-signature');
  });

  it('refuses the access token, which is for Cognito and not for this API', async () => {
    assert.equal(refusal(await requestRide(demo, user.accessToken)).reason, 'wrong-token-use');
  });

  it('refuses an ID token issued to another app client', async () => {
    // The pool has one app client, so this asks the API's verifier, set up for another client,
    // about a token of ours: the same check that refuses a token minted for someone else's app.
    const verifier = rideVerifier(POOL_ID, 'someotherappclient00000000', new URL(`${POOL_ID}/.well-known/jwks.json`, demo.poolUrl!).href);
    await assert.rejects(verifier.verify(user.idToken), CognitoJwtInvalidClientIdError);
  });

  it('refuses an ID token from another user pool', async () => {
    const other = await startLocalPool({ quiet: true, issuer: 'cognito', poolId: 'us-east-1_OtherPool9' });
    try {
      assert.equal(refusal(await requestRide(demo, await idTokenFrom(other))).reason, 'wrong-issuer');
    } finally {
      await other.close();
    }
  });

  it('refuses a real ID token once it has expired', async (t) => {
    const { exp } = decodeJwt(user.idToken);
    // The same pool-signed token, checked one minute after its exp: only the clock moves (the
    // verifier reads Date.now()), so expiry is the only thing wrong with it.
    mock.timers.enable({ apis: ['Date'], now: (exp! + 60) * 1000 });
    t.after(() => mock.timers.reset());
    assert.equal(refusal(await requestRide(demo, user.idToken)).reason, 'expired');
  });

  it('refuses a token signed by a key the pool does not publish', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(decodeJwt(user.idToken)).setProtectedHeader({ alg: 'RS256', kid: 'not-a-pool-key' }).sign(privateKey);
    assert.equal(refusal(await requestRide(demo, forged)).reason, 'unknown-key');
  });

  it('refuses a token that is not a JWT', async () => {
    assert.equal(refusal(await requestRide(demo, 'not-a-token')).reason, 'malformed-token');
  });
});
