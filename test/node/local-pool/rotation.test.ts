// Refresh token rotation (the app client's RefreshTokenRotation): new refresh tokens from
// GetTokensFromRefreshToken, RefreshTokenReuseException after the grace period, no REFRESH_TOKEN_AUTH.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { killed, ok, raw, signedInUser, start, startCli, type LocalPool, type RawResponse } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const getTokens = (pool: LocalPool, refreshToken: string) => raw(pool, 'GetTokensFromRefreshToken', { ClientId: pool.clientId, RefreshToken: refreshToken });

/** GetTokensFromRefreshToken that must succeed; returns its AuthenticationResult. */
async function rotated(pool: LocalPool, refreshToken: string): Promise<Record<string, any>> {
  const response = await getTokens(pool, refreshToken);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.AuthenticationResult as Record<string, any>;
}

function assertError(response: RawResponse, type: string, message?: string) {
  assert.equal(response.status, 400, JSON.stringify(response.body));
  assert.equal(response.body.__type, type);
  assert.equal(response.headers.get('x-amzn-errortype'), type);
  if (message !== undefined) assert.equal(response.body.message, message);
}

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;

const firstRefreshToken = async (pool: LocalPool) => (await signedInUser(pool)).session.getRefreshToken().getToken();

describe('refresh token rotation, no grace period', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start({ refreshTokenRotation: { retryGracePeriodSeconds: 0 } });
  });
  after(() => pool.close());

  it('returns a new refresh token with new ID and access tokens of the same sign-in', async () => {
    const { session: tokens } = await signedInUser(pool);
    const original = tokens.getRefreshToken().getToken();
    const first = await rotated(pool, original);
    assert.equal(typeof first.RefreshToken, 'string');
    assert.notEqual(first.RefreshToken, original);
    assert.equal(first.TokenType, 'Bearer');
    const before = tokens.getAccessToken().payload;
    for (const jwt of [first.AccessToken, first.IdToken]) {
      assert.equal(claims(jwt).origin_jti, before.origin_jti);
      assert.equal(claims(jwt).auth_time, before.auth_time);
    }
    // And again from the new one: a chain, each link new.
    const second = await rotated(pool, first.RefreshToken);
    assert.ok(![original, first.RefreshToken].includes(second.RefreshToken));
  });

  it('refuses the replaced token at once with RefreshTokenReuseException, and only that token', async () => {
    const original = await firstRefreshToken(pool);
    const next = await rotated(pool, original);
    assertError(await getTokens(pool, original), 'RefreshTokenReuseException', 'Refresh Token has been rotated and can no longer be used.');
    // AWS documents no revocation of the family on reuse: the newest token still works.
    const after = await rotated(pool, next.RefreshToken);
    const user = await ok(pool, 'GetUser', { AccessToken: after.AccessToken });
    assert.ok(user.Username);
  });

  it('lets exactly one of two concurrent refreshes with the same token through', async () => {
    const original = await firstRefreshToken(pool);
    const responses = await Promise.all([getTokens(pool, original), getTokens(pool, original)]);
    assert.deepEqual(responses.map((r) => r.status).sort(), [200, 400]);
    assert.equal(responses.find((r) => r.status === 400)!.body.__type, 'RefreshTokenReuseException');
  });

  it('refuses REFRESH_TOKEN_AUTH and REFRESH_TOKEN: rotation needs GetTokensFromRefreshToken', async () => {
    const token = await firstRefreshToken(pool);
    for (const flow of ['REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN']) {
      const response = await raw(pool, 'InitiateAuth', { AuthFlow: flow, ClientId: pool.clientId, AuthParameters: { REFRESH_TOKEN: token } });
      assertError(response, 'InvalidParameterException', 'REFRESH_TOKEN_AUTH flow not enabled for this client');
    }
    // The refusal did not use the token up.
    await rotated(pool, token);
  });

  it('RevokeToken with a replaced token revokes the tokens rotation minted from it', async () => {
    const original = await firstRefreshToken(pool);
    const next = await rotated(pool, original);
    await ok(pool, 'RevokeToken', { ClientId: pool.clientId, Token: original });
    assertError(await getTokens(pool, next.RefreshToken), 'NotAuthorizedException', 'Refresh Token has been revoked');
    assertError(await raw(pool, 'GetUser', { AccessToken: next.AccessToken }), 'NotAuthorizedException', 'Access Token has been revoked');
  });

  it('GlobalSignOut revokes every token of the sign-in', async () => {
    const original = await firstRefreshToken(pool);
    const next = await rotated(pool, original);
    await ok(pool, 'GlobalSignOut', { AccessToken: next.AccessToken });
    assertError(await getTokens(pool, next.RefreshToken), 'NotAuthorizedException', 'Refresh Token has been revoked');
  });
});

describe('refresh token rotation with a grace period', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start({ refreshTokenRotation: { retryGracePeriodSeconds: 1 } });
  });
  after(() => pool.close());

  it('keeps the replaced token usable for the grace period (a retry), then refuses it', async () => {
    const original = await firstRefreshToken(pool);
    const first = await rotated(pool, original);
    // A retry of a refresh whose answer was lost: another new token, the first one stays valid.
    const retry = await rotated(pool, original);
    assert.notEqual(retry.RefreshToken, first.RefreshToken);
    await sleep(1100);
    assertError(await getTokens(pool, original), 'RefreshTokenReuseException');
    await rotated(pool, first.RefreshToken);
    await rotated(pool, retry.RefreshToken);
  });
});

describe('refresh token rotation limits', () => {
  it('gives the new refresh token the expiry of the sign-in, not a fresh one', async () => {
    const pool = await start({ refreshTokenRotation: { retryGracePeriodSeconds: 0 }, limits: { refreshTokenTtlSeconds: 2 } });
    try {
      const original = await firstRefreshToken(pool);
      const signedInAt = Date.now();
      // Rotated a second in: a fresh 2 s lifetime would outlast the sign-in's by a second.
      await sleep(1000);
      const next = await rotated(pool, original);
      await sleep(Math.max(0, signedInAt + 2100 - Date.now()));
      assertError(await getTokens(pool, next.RefreshToken), 'NotAuthorizedException', 'Refresh Token has expired');
    } finally {
      await pool.close();
    }
  });

  it('refuses a grace period outside 0..60 whole seconds', async () => {
    for (const retryGracePeriodSeconds of [-1, 61, 1.5, Number.NaN]) {
      // A pool that starts anyway is closed, so a failure here does not keep the test process alive.
      await assert.rejects(async () => (await start({ refreshTokenRotation: { retryGracePeriodSeconds } })).close(), /retryGracePeriodSeconds/);
    }
  });
});

describe('refresh token rotation across a restart', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'local-pool-rotation-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('keeps the new token valid and the replaced one refused', async () => {
    const dataFile = join(dir, 'rotation.json');
    const options = { dataFile, refreshTokenRotation: { retryGracePeriodSeconds: 0 } };
    const first = await start(options);
    const original = await firstRefreshToken(first);
    const next = await rotated(first, original);
    await first.close();

    const second = await start(options);
    try {
      assertError(await getTokens(second, original), 'RefreshTokenReuseException');
      await rotated(second, next.RefreshToken);
    } finally {
      await second.close();
    }
  });

  it('the CLI takes --refresh-token-rotation bare (grace 0) or with seconds', async () => {
    const bare = await startCli(['--refresh-token-rotation']);
    try {
      assert.match(bare.output(), /refresh token rotation \(grace 0 s\)/);
      const original = await firstRefreshToken(bare.pool);
      await rotated(bare.pool, original);
      assertError(await getTokens(bare.pool, original), 'RefreshTokenReuseException');
    } finally {
      await killed(bare.child);
    }
    const forms: Array<[string[], number]> = [
      [['--refresh-token-rotation', '--mfa', 'OFF'], 0],
      [['--refresh-token-rotation=30'], 30],
      [['--refresh-token-rotation', '30', '--mfa', 'OFF'], 30],
    ];
    for (const [args, grace] of forms) {
      const cli = await startCli(args);
      try {
        assert.match(cli.output(), new RegExp(`refresh token rotation \\(grace ${grace} s\\)`));
      } finally {
        await killed(cli.child);
      }
    }
    await assert.rejects(startCli(['--refresh-token-rotation=61']), /0\.\.60 seconds/);
    const plain = await startCli([]);
    try {
      assert.match(plain.output(), /no refresh token rotation/);
      const result = await rotated(plain.pool, await firstRefreshToken(plain.pool));
      assert.equal(result.RefreshToken, undefined);
    } finally {
      await killed(plain.child);
    }
  });
});
