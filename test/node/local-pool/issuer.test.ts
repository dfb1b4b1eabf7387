// --issuer cognito: tokens a backend checks with the production verifier, aws-jwt-verify's
// CognitoJwtVerifier, handed the pool's keys; two signing keys (ID, access), kept across restarts
// and added to data files that have one.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { JwtInvalidSignatureError, KidNotFoundInJwksError, ParameterValidationError } from 'aws-jwt-verify/error';
import { SimpleJwksCache, type Jwks } from 'aws-jwt-verify/jwk';
import { SignJWT, decodeJwt, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { ok, raw, signedInUser, start, type LocalPool } from './helpers.js';

const getJson = async <T>(url: string): Promise<T> => {
  const response = await fetch(url);
  assert.equal(response.status, 200, url);
  return (await response.json()) as T;
};

/**
 * The backend recipe of the README: CognitoJwtVerifier for the pool id, its keys fetched from the
 * local pool (the verifier asks for Cognito's JWKS URL; this fetcher answers from the pool's).
 */
function localVerifier<T extends 'id' | 'access'>(pool: LocalPool, tokenUse: T) {
  const jwksCache = new SimpleJwksCache({
    fetcher: {
      async fetch() {
        const response = await fetch(pool.jwksUrl);
        if (!response.ok) throw new Error(`GET ${pool.jwksUrl}: ${response.status}`);
        return response.arrayBuffer();
      },
    },
  });
  return CognitoJwtVerifier.create({ userPoolId: pool.poolId, clientId: pool.clientId, tokenUse }, { jwksCache });
}

/** The token with its payload edited (email changed) and the original signature kept. */
function edited(token: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  claims.email = 'someone-else@example.com';
  claims.username = 'someone-else';
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

describe('issuer cognito', () => {
  let pool: LocalPool;
  let idToken: string;
  let accessToken: string;
  before(async () => {
    pool = await start({ issuer: 'cognito', poolId: 'eu-west-2_IssuerPool1' });
    const { session } = await signedInUser(pool);
    idToken = session.getIdToken().getJwtToken();
    accessToken = session.getAccessToken().getJwtToken();
  });
  after(() => pool.close());

  it("mints Cognito's own issuer and publishes the keys at the pool", () => {
    assert.equal(pool.issuer, 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_IssuerPool1');
    assert.equal(pool.jwksUrl, `${pool.url}eu-west-2_IssuerPool1/.well-known/jwks.json`);
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString('utf8')) as { iss: string };
    assert.equal(claims.iss, pool.issuer);
  });

  it("CognitoJwtVerifier accepts the ID token once handed the pool's JWKS (cacheJwks)", async () => {
    const verifier = CognitoJwtVerifier.create({ userPoolId: pool.poolId, clientId: pool.clientId, tokenUse: 'id' });
    verifier.cacheJwks(await getJson<Jwks>(pool.jwksUrl));
    const payload = await verifier.verify(idToken);
    assert.equal(payload.token_use, 'id');
    assert.equal(payload.aud, pool.clientId);
    // Synchronous verification works from the cache alone: the verifier never went to AWS.
    assert.equal(verifier.verifySync(idToken).sub, payload.sub);
  });

  it('CognitoJwtVerifier accepts the access token, its keys fetched from the pool', async () => {
    const payload = await localVerifier(pool, 'access').verify(accessToken);
    assert.equal(payload.token_use, 'access');
    assert.equal(payload.client_id, pool.clientId);
    assert.equal(payload.scope, 'aws.cognito.signin.user.admin');
  });

  it('refuses each kind of token where the other is expected', async () => {
    await assert.rejects(localVerifier(pool, 'id').verify(accessToken), /Token use not allowed: access/);
    await assert.rejects(localVerifier(pool, 'access').verify(idToken), /Token use not allowed: id/);
  });

  it('refuses a tampered ID or access token', async () => {
    await assert.rejects(localVerifier(pool, 'id').verify(edited(idToken)), JwtInvalidSignatureError);
    await assert.rejects(localVerifier(pool, 'access').verify(edited(accessToken)), JwtInvalidSignatureError);
  });

  it('refuses tokens from another pool', async () => {
    const other = await start({ issuer: 'cognito', poolId: 'eu-west-2_OtherPool22' });
    // The same pool id as ours, but its own keys: as a pool in another account would sign.
    const lookalike = await start({ issuer: 'cognito', poolId: pool.poolId });
    try {
      const fromOther = (await signedInUser(other)).session.getIdToken().getJwtToken();
      await assert.rejects(
        localVerifier(pool, 'id').verify(fromOther),
        (error) => error instanceof ParameterValidationError && /issuer not configured/.test(error.message),
      );
      const fromLookalike = (await signedInUser(lookalike)).session.getAccessToken().getJwtToken();
      await assert.rejects(localVerifier(pool, 'access').verify(fromLookalike), KidNotFoundInJwksError);
    } finally {
      await other.close();
      await lookalike.close();
    }
  });

  it('still takes its own access tokens (GetUser)', async () => {
    const user = await ok(pool, 'GetUser', { AccessToken: accessToken });
    assert.ok(user.Username);
  });

  it('keeps discovery consistent: issuer as minted, jwks_uri at the pool', async () => {
    const discovery = await getJson<{ issuer: string; jwks_uri: string }>(`${pool.url}${pool.poolId}/.well-known/openid-configuration`);
    assert.equal(discovery.issuer, pool.issuer);
    assert.equal(discovery.jwks_uri, pool.jwksUrl);
  });
});

describe('issuer local (default)', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start();
  });
  after(() => pool.close());

  it('serves discovery at the issuer itself, as OIDC tooling expects', async () => {
    assert.equal(pool.issuer, `${pool.url}${pool.poolId}`);
    const discovery = await getJson<{ issuer: string; jwks_uri: string }>(`${pool.issuer}/.well-known/openid-configuration`);
    assert.equal(discovery.issuer, pool.issuer);
    assert.equal(discovery.jwks_uri, `${pool.issuer}/.well-known/jwks.json`);
    assert.equal(discovery.jwks_uri, pool.jwksUrl);
  });

  it('is refused by CognitoJwtVerifier, which is what issuer cognito is for', async () => {
    const { session } = await signedInUser(pool);
    await assert.rejects(localVerifier(pool, 'id').verify(session.getIdToken().getJwtToken()), /issuer not configured/);
  });

  it('refuses issuer cognito for a pool id without an AWS region', async () => {
    await assert.rejects(start({ issuer: 'cognito', poolId: 'local_Pool1' }), /issuer cognito needs a pool id that starts with an AWS region/);
  });
});

describe('signing keys', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'local-pool-keys-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('signs ID and access tokens with two keys, both in the JWKS', async () => {
    const pool = await start();
    try {
      const { session } = await signedInUser(pool);
      const jwks = await getJson<Jwks>(pool.jwksUrl);
      const idKid = decodeProtectedHeader(session.getIdToken().getJwtToken()).kid;
      const accessKid = decodeProtectedHeader(session.getAccessToken().getJwtToken()).kid;
      assert.notEqual(idKid, accessKid);
      assert.deepEqual(jwks.keys.map((key) => key.kid).sort(), [idKid, accessKid].sort());
      for (const key of jwks.keys) assert.deepEqual([key.kty, key.alg, key.use], ['RSA', 'RS256', 'sig']);
    } finally {
      await pool.close();
    }
  });

  it('adds an access token key to a data file that has one key, keeping its tokens valid', async () => {
    const dataFile = join(dir, 'one-key.json');
    const first = await start({ dataFile });
    const { session } = await signedInUser(first);
    await first.close();
    // A file as the pool wrote it before it had two keys: one key, which signed both kinds.
    const snapshot = JSON.parse(await readFile(dataFile, 'utf8')) as { keys: { kid: string; privateJwk: JWK }; accessKeys?: unknown };
    delete snapshot.accessKeys;
    await writeFile(dataFile, JSON.stringify(snapshot));
    const oldKid = snapshot.keys.kid;

    const second = await start({ dataFile });
    let jwks: Jwks;
    try {
      jwks = await getJson<Jwks>(second.jwksUrl);
      assert.equal(jwks.keys.length, 2);
      assert.ok(
        jwks.keys.some((key) => key.kid === oldKid),
        'the old key is still published',
      );
      // The refresh token from before still works; the new ID token is signed by the old key, the access token by the new one.
      const refreshed = await raw(second, 'GetTokensFromRefreshToken', { ClientId: second.clientId, RefreshToken: session.getRefreshToken().getToken() });
      assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
      const result = refreshed.body.AuthenticationResult as { IdToken: string; AccessToken: string };
      assert.equal(decodeProtectedHeader(result.IdToken).kid, oldKid);
      assert.notEqual(decodeProtectedHeader(result.AccessToken).kid, oldKid);
      // An access token as the pool signed them before the upgrade (its claims, the one key; the
      // issuer of this run, whose port is new) is still taken until it expires.
      const oldAccessToken = await new SignJWT({ ...decodeJwt(session.getAccessToken().getJwtToken()), iss: second.issuer })
        .setProtectedHeader({ alg: 'RS256', kid: oldKid })
        .sign(await importJWK(snapshot.keys.privateJwk, 'RS256'));
      await ok(second, 'GetUser', { AccessToken: oldAccessToken });
    } finally {
      await second.close();
    }

    const third = await start({ dataFile });
    try {
      assert.deepEqual(await getJson<Jwks>(third.jwksUrl), jwks, 'the added key is persisted');
    } finally {
      await third.close();
    }
  });
});
