// The demo's protected API (POST /api/ride) against real tokens from the demo's local pool: it
// answers a valid ID token and refuses, with 401 and the reason, everything a backend must refuse.
import assert from 'node:assert/strict';
import { generateKeyPair, SignJWT, decodeJwt } from 'jose';
import { after, before, describe, it, mock } from 'node:test';
import { CognitoJwtInvalidClientIdError } from 'aws-jwt-verify/error';
import { startDemo, type RunningDemo } from '../../../demo/server/demo-server.js';
import { localPoolVerifier } from '../../../demo/server/ride-api.js';
import { newUser, requestRide, type DemoUser, type RawResponse } from './helpers.js';

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
    const verifier = await localPoolVerifier(demo.poolUrl!, 'us-east-1_LocalPool1', 'someotherappclient00000000');
    await assert.rejects(verifier.verify(user.idToken), CognitoJwtInvalidClientIdError);
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
