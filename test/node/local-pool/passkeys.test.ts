// Passkeys against the local pool with a real authenticator: Chromium's DevTools virtual
// authenticator (ctap2, internal, resident keys, user verification) on a page served from
// http://localhost:<port>, a secure context. Registration goes over the wire with the AWS SDK v3
// (StartWebAuthnRegistration → navigator.credentials.create() → CompleteWebAuthnRegistration);
// assertions (navigator.credentials.get()) are checked by webauthn.ts's answerWebAuthn, on an
// in-process pool, and end to end through USER_AUTH's WEB_AUTHN challenge.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  CompleteWebAuthnRegistrationCommand,
  DeleteWebAuthnCredentialCommand,
  InitiateAuthCommand,
  ListWebAuthnCredentialsCommand,
  RespondToAuthChallengeCommand,
  StartWebAuthnRegistrationCommand,
  type CognitoIdentityProviderClient,
  type CompleteWebAuthnRegistrationCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Browser, CDPSession, Page } from 'puppeteer-core';
import { startLocalPool, type LocalPool, type LocalPoolOptions } from '../../../local-pool/index.js';
import { Mailbox } from '../../../local-pool/mailbox.js';
import { resolveConfig } from '../../../local-pool/options.js';
import { newUser, type Pool } from '../../../local-pool/pool.js';
import { Sessions } from '../../../local-pool/sessions.js';
import { Store, type User } from '../../../local-pool/store.js';
import type { TokenIssuer } from '../../../local-pool/tokens.js';
import { answerWebAuthn, completeRegistration, startRegistration, userHasPasskeys, webAuthnChallenge } from '../../../local-pool/webauthn.js';
import { launchBrowser } from '../demo/browser.js';
import { awsClient } from './aws-sdk.js';
import { PASSWORD, uniqueEmail } from './helpers.js';

type Json = Record<string, unknown>;

const PASSKEYS: LocalPoolOptions = { quiet: true, firstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] };

let browser: Browser;
let page: Page;
let cdp: CDPSession;
let authenticatorId: string;
let site: Server;
let sitePort: number;

/** http://<host>:<port>/ of the page server; it answers any Host with an empty page. */
const siteUrl = (host = 'localhost') => `http://${host}:${sitePort}/`;

before(async () => {
  site = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html lang="en"><title>passkeys</title><p>passkeys</p></html>');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  sitePort = (site.address() as AddressInfo).port;
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(siteUrl());
  cdp = await page.createCDPSession();
  await cdp.send('WebAuthn.enable');
  ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  }));
});

// The virtual authenticator keeps at most three discoverable credentials; each test starts empty.
beforeEach(() => cdp.send('WebAuthn.clearCredentials', { authenticatorId }));

after(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
});

/** Moves the page to another origin of the page server (the virtual authenticator stays). */
async function visit(host: string) {
  if (new URL(page.url()).hostname !== host) await page.goto(siteUrl(host));
}

/** navigator.credentials.create() with JSON creation options; the credential's toJSON(). */
function create(options: unknown): Promise<Json> {
  return page.evaluate(async (json) => {
    const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(json as unknown as PublicKeyCredentialCreationOptionsJSON);
    const credential = (await navigator.credentials.create({ publicKey })) as PublicKeyCredential;
    return credential.toJSON() as Record<string, unknown>;
  }, options as Json);
}

/** navigator.credentials.get() with JSON request options; the assertion's toJSON(). */
function get(options: unknown): Promise<Json> {
  return page.evaluate(async (json) => {
    const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(json as unknown as PublicKeyCredentialRequestOptionsJSON);
    const credential = (await navigator.credentials.get({ publicKey })) as PublicKeyCredential;
    return credential.toJSON() as Record<string, unknown>;
  }, options as Json);
}

/** Rejects with Cognito's error type `name` (the SDK's exception name). */
async function refused(promise: Promise<unknown>, name: string, message?: RegExp) {
  await assert.rejects(promise, (error: Error) => {
    assert.equal(error.name, name, `expected ${name}, got ${error.name}: ${error.message}`);
    if (message) assert.match(error.message, message);
    return true;
  });
}

/** Rejects with a CognitoError of `type` (what the pool answers as `__type`). */
async function refusedWith(promise: Promise<unknown>, type: string, message?: RegExp) {
  await assert.rejects(promise, (error: Error & { type?: string }) => {
    assert.equal(error.type, type, `expected ${type}, got ${error.type}: ${error.message}`);
    if (message) assert.match(error.message, message);
    return true;
  });
}

/** A running pool, its SDK client and a signed-in user's access token. */
async function signedInPool(options: LocalPoolOptions = {}) {
  const pool = await startLocalPool({ ...PASSKEYS, ...options });
  const client = awsClient(pool);
  const signInAs = async () => {
    const email = uniqueEmail('passkey');
    await pool.createUser({ email, password: PASSWORD });
    return { email, accessToken: (await pool.signInTokens(email, PASSWORD)).accessToken };
  };
  return { pool, client, signInAs };
}

async function startOptions(client: CognitoIdentityProviderClient, accessToken: string): Promise<Json> {
  const { CredentialCreationOptions } = await client.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }));
  return CredentialCreationOptions as Json;
}

const complete = (client: CognitoIdentityProviderClient, accessToken: string, credential: Json) =>
  client.send(
    new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: credential as CompleteWebAuthnRegistrationCommandInput['Credential'] }),
  );

describe('passkey registration over the wire (AWS SDK v3)', () => {
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  let signInAs: () => Promise<{ email: string; accessToken: string }>;
  before(async () => {
    ({ pool, client, signInAs } = await signedInPool());
    await visit('localhost');
  });
  after(() => pool.close());

  it('registers a passkey made by the authenticator and lists it in Cognito shape', async () => {
    const { email, accessToken } = await signInAs();
    const options = await startOptions(client, accessToken);
    assert.deepEqual(options.rp, { name: 'LocalPool1', id: 'localhost' });
    const user = options.user as Json;
    assert.equal(user.name, email);
    assert.match(String(options.challenge), /^[\w-]{43}$/);
    assert.deepEqual(
      (options.pubKeyCredParams as Json[]).map((param) => param.alg),
      [-7, -257],
    );
    assert.deepEqual(options.excludeCredentials, []);
    assert.equal((options.authenticatorSelection as Json).residentKey, 'required');
    assert.equal(options.attestation, 'none');

    const credential = await create(options);
    assert.deepEqual(await complete(client, accessToken, credential).then(({ $metadata: _, ...rest }) => rest), {});

    const listed = await client.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }));
    assert.equal(listed.NextToken, undefined);
    assert.equal(listed.Credentials?.length, 1);
    const [passkey] = listed.Credentials ?? [];
    assert.equal(passkey.CredentialId, credential.id);
    assert.equal(passkey.RelyingPartyId, 'localhost');
    assert.equal(passkey.AuthenticatorAttachment, 'platform');
    assert.deepEqual(passkey.AuthenticatorTransports, ['internal']);
    assert.match(passkey.FriendlyCredentialName ?? '', /^Passkey \(\d{4}-\d\d-\d\d\)$/);
    assert.ok(passkey.CreatedAt instanceof Date && Math.abs(passkey.CreatedAt.getTime() - Date.now()) < 60_000, String(passkey.CreatedAt));

    // A second start excludes the passkey the user has, so the browser will not make another on it.
    const again = await startOptions(client, accessToken);
    assert.deepEqual(
      (again.excludeCredentials as Json[]).map((item) => item.id),
      [credential.id],
    );
  });

  it('refuses a completion with no start, a superseded start, or a second time', async () => {
    const { accessToken } = await signInAs();
    const first = await startOptions(client, accessToken);
    const credential = await create(first);
    await startOptions(client, accessToken); // supersedes the first
    await refused(complete(client, accessToken, credential), 'WebAuthnChallengeNotFoundException');
    // The refusal used up the pending start: none is left.
    await refused(complete(client, accessToken, credential), 'WebAuthnChallengeNotFoundException');

    const fresh = await startOptions(client, accessToken);
    const good = await create(fresh);
    await complete(client, accessToken, good);
    await refused(complete(client, accessToken, good), 'WebAuthnChallengeNotFoundException');
    assert.equal((await client.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }))).Credentials?.length, 1);
  });

  it('refuses a malformed credential and client data of another ceremony', async () => {
    const { accessToken } = await signInAs();
    await startOptions(client, accessToken);
    await refused(complete(client, accessToken, { id: 'x' }), 'InvalidParameterException');
    const credential = await create(await startOptions(client, accessToken));
    const response = credential.response as Json;
    const clientData = JSON.parse(Buffer.from(String(response.clientDataJSON), 'base64url').toString('utf8')) as Json;
    const asSignIn = Buffer.from(JSON.stringify({ ...clientData, type: 'webauthn.get' })).toString('base64url');
    await refused(
      complete(client, accessToken, { ...credential, response: { ...response, clientDataJSON: asSignIn } }),
      'InvalidParameterException',
      /webauthn\.get/,
    );
  });

  it('pages ListWebAuthnCredentials with MaxResults and NextToken, and deletes', async () => {
    const { accessToken } = await signInAs();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      // One passkey per authenticator and user (the browser honours excludeCredentials): the
      // authenticator forgets the last one, as if each were made on another device.
      await cdp.send('WebAuthn.clearCredentials', { authenticatorId });
      const credential = await create(await startOptions(client, accessToken));
      await complete(client, accessToken, credential);
      ids.push(String(credential.id));
    }
    const first = await client.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken, MaxResults: 2 }));
    assert.deepEqual(
      first.Credentials?.map((c) => c.CredentialId),
      ids.slice(0, 2),
    );
    assert.ok(first.NextToken);
    const second = await client.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken, MaxResults: 2, NextToken: first.NextToken }));
    assert.deepEqual(
      second.Credentials?.map((c) => c.CredentialId),
      ids.slice(2),
    );
    assert.equal(second.NextToken, undefined);
    await refused(client.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken, MaxResults: 21 })), 'InvalidParameterException', /maxResults/);
    await refused(client.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken, NextToken: 'nonsense' })), 'InvalidParameterException');

    await client.send(new DeleteWebAuthnCredentialCommand({ AccessToken: accessToken, CredentialId: ids[1] }));
    const rest = await client.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }));
    assert.deepEqual(
      rest.Credentials?.map((c) => c.CredentialId),
      [ids[0], ids[2]],
    );
    await refused(client.send(new DeleteWebAuthnCredentialCommand({ AccessToken: accessToken, CredentialId: ids[1] })), 'ResourceNotFoundException');
  });

  it("another user's credential id is not theirs to delete", async () => {
    const owner = await signInAs();
    const credential = await create(await startOptions(client, owner.accessToken));
    await complete(client, owner.accessToken, credential);
    const other = await signInAs();
    await refused(
      client.send(new DeleteWebAuthnCredentialCommand({ AccessToken: other.accessToken, CredentialId: String(credential.id) })),
      'ResourceNotFoundException',
    );
    assert.equal((await client.send(new ListWebAuthnCredentialsCommand({ AccessToken: owner.accessToken }))).Credentials?.length, 1);
  });

  it('wants a valid access token', async () => {
    await refused(client.send(new StartWebAuthnRegistrationCommand({ AccessToken: 'not-a-token' })), 'NotAuthorizedException');
    await refused(client.send(new ListWebAuthnCredentialsCommand({ AccessToken: 'not-a-token' })), 'NotAuthorizedException');
  });
});

describe('passkey registration: the relying party and its origins', () => {
  it('a pool without WEB_AUTHN among its first factors: WebAuthnNotEnabledException', async () => {
    const { pool, client, signInAs } = await signedInPool({ firstAuthFactors: ['PASSWORD'] });
    try {
      const { accessToken } = await signInAs();
      await refused(startOptions(client, accessToken), 'WebAuthnNotEnabledException');
      await refused(client.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken })), 'WebAuthnNotEnabledException');
    } finally {
      await pool.close();
    }
  });

  it('an origin not in --webauthn-origins: WebAuthnOriginNotAllowedException', async () => {
    const { pool, client, signInAs } = await signedInPool({ webauthnOrigins: ['http://localhost:1'] });
    try {
      await visit('localhost');
      const { accessToken } = await signInAs();
      const credential = await create(await startOptions(client, accessToken));
      await refused(complete(client, accessToken, credential), 'WebAuthnOriginNotAllowedException', new RegExp(`origin http://localhost:${sitePort}`));
    } finally {
      await pool.close();
    }
  });

  it('the page listed in --webauthn-origins registers', async () => {
    const { pool, client, signInAs } = await signedInPool({ webauthnOrigins: [siteUrl().slice(0, -1)] });
    try {
      await visit('localhost');
      const { accessToken } = await signInAs();
      await complete(client, accessToken, await create(await startOptions(client, accessToken)));
    } finally {
      await pool.close();
    }
  });

  it('a passkey made for another RP id (app.localhost, the page it ran on): WebAuthnRelyingPartyMismatchException', async () => {
    const { pool, client, signInAs } = await signedInPool();
    try {
      await visit('app.localhost');
      const { accessToken } = await signInAs();
      const options = await startOptions(client, accessToken);
      // The page may ask for its own host as the RP id; the authenticator then signs that id's hash.
      const credential = await create({ ...options, rp: { ...(options.rp as Json), id: 'app.localhost' } });
      await refused(complete(client, accessToken, credential), 'WebAuthnRelyingPartyMismatchException');
    } finally {
      await visit('localhost');
      await pool.close();
    }
  });

  it('a page on 127.0.0.1 cannot use the RP id localhost at all (the browser refuses)', async () => {
    const { pool, client, signInAs } = await signedInPool();
    try {
      await visit('127.0.0.1');
      const { accessToken } = await signInAs();
      await assert.rejects(create(await startOptions(client, accessToken)), /SecurityError|relying party ID|not a valid domain/i);
    } finally {
      await visit('localhost');
      await pool.close();
    }
  });

  it('a start that expired: WebAuthnChallengeNotFoundException', async () => {
    const { pool, client, signInAs } = await signedInPool({ limits: { webAuthnChallengeTtlMs: 300 } });
    try {
      await visit('localhost');
      const { accessToken } = await signInAs();
      const options = await startOptions(client, accessToken);
      // The browser's own timeout is the challenge's life; give it longer so the pool's expiry shows.
      const credential = await create({ ...options, timeout: 60_000 });
      await new Promise((resolve) => setTimeout(resolve, 350));
      await refused(complete(client, accessToken, credential), 'WebAuthnChallengeNotFoundException');
    } finally {
      await pool.close();
    }
  });
});

/** An in-process pool for webauthn.ts's own functions (no tokens or server needed). */
function directPool(options: LocalPoolOptions = {}): Pool {
  const config = resolveConfig({ ...PASSKEYS, ...options });
  return {
    config,
    store: new Store(null, config.emailAsUsername),
    mailbox: new Mailbox(true),
    sessions: new Sessions(config.limits.sessionTtlMs),
    tokens: null as unknown as TokenIssuer,
  };
}

async function userWithPasskey(pool: Pool): Promise<{ user: User; credentialId: string }> {
  const user = newUser(pool, uniqueEmail('direct'), { email: uniqueEmail('direct') }, PASSWORD);
  user.status = 'CONFIRMED';
  pool.store.add(user);
  assert.equal(userHasPasskeys(user), false);
  const credential = await create(await startRegistration(pool, user, pool.config.clientId));
  await completeRegistration(pool, user, pool.config.clientId, credential);
  assert.equal(userHasPasskeys(user), true);
  return { user, credentialId: String(credential.id) };
}

/** A WEB_AUTHN challenge for the user, answered by the authenticator: the CREDENTIAL text. */
async function assertion(pool: Pool, user: User) {
  const { requestOptions, expectedChallenge } = await webAuthnChallenge(pool, user);
  return { credentialJson: JSON.stringify(await get(requestOptions)), expectedChallenge, requestOptions: requestOptions as Json };
}

describe('WEB_AUTHN assertions (webauthn.ts)', () => {
  before(() => visit('localhost'));

  it("the challenge names the user's passkeys; the authenticator's answer verifies and its counter is kept", async () => {
    const pool = directPool();
    const { user, credentialId } = await userWithPasskey(pool);
    const first = await assertion(pool, user);
    assert.equal(first.requestOptions.rpId, 'localhost');
    assert.deepEqual(
      (first.requestOptions.allowCredentials as Json[]).map((item) => item.id),
      [credentialId],
    );
    assert.equal(first.requestOptions.userVerification, 'preferred');
    await answerWebAuthn(pool, user, first.credentialJson, first.expectedChallenge);
    const counterAfterFirst = user.passkeys![0].counter;
    const second = await assertion(pool, user);
    await answerWebAuthn(pool, user, second.credentialJson, second.expectedChallenge);
    assert.ok(user.passkeys![0].counter > counterAfterFirst, `counter ${user.passkeys![0].counter} after ${counterAfterFirst}`);
  });

  it('a replayed assertion is refused: against a new challenge, and as the answer it already was', async () => {
    const pool = directPool();
    const { user } = await userWithPasskey(pool);
    const used = await assertion(pool, user);
    await answerWebAuthn(pool, user, used.credentialJson, used.expectedChallenge);
    const next = await webAuthnChallenge(pool, user);
    await refusedWith(answerWebAuthn(pool, user, used.credentialJson, next.expectedChallenge), 'NotAuthorizedException', /another challenge/);
    // The same challenge again (a session that was not used up): the counter has not moved.
    await refusedWith(answerWebAuthn(pool, user, used.credentialJson, used.expectedChallenge), 'NotAuthorizedException', /counter/);
  });

  it('a cloned authenticator (its counter behind the stored one) is refused', async () => {
    const pool = directPool();
    const { user, credentialId } = await userWithPasskey(pool);
    for (let i = 0; i < 2; i++) {
      const { credentialJson, expectedChallenge } = await assertion(pool, user);
      await answerWebAuthn(pool, user, credentialJson, expectedChallenge);
    }
    const stored = user.passkeys![0].counter;
    assert.ok(stored >= 2, `counter ${stored}`);
    // The same key at counter 0: what a copy of the authenticator made before those sign-ins signs.
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    const original = credentials.find((c) => Buffer.from(c.credentialId, 'base64').toString('base64url') === credentialId)!;
    await cdp.send('WebAuthn.removeCredential', { authenticatorId, credentialId: original.credentialId });
    await cdp.send('WebAuthn.addCredential', { authenticatorId, credential: { ...original, signCount: 0 } });
    const cloned = await assertion(pool, user);
    await assert.rejects(answerWebAuthn(pool, user, cloned.credentialJson, cloned.expectedChallenge), (error: Error & { type?: string }) => {
      assert.equal(error.type, 'NotAuthorizedException');
      assert.match(error.message, /counter/);
      return true;
    });
    assert.equal(user.passkeys![0].counter, stored, 'the refused assertion leaves the counter as it was');
  });

  it('a deleted passkey, another origin and a tampered signature are refused', async () => {
    const pool = directPool();
    const { user } = await userWithPasskey(pool);
    const good = await assertion(pool, user);
    const parsed = JSON.parse(good.credentialJson) as Json & { response: Json };
    const signature = Buffer.from(String(parsed.response.signature), 'base64url');
    signature[signature.length - 1] ^= 1;
    const tampered = JSON.stringify({ ...parsed, response: { ...parsed.response, signature: signature.toString('base64url') } });
    await assert.rejects(
      answerWebAuthn(pool, user, tampered, good.expectedChallenge),
      (error: Error & { type?: string }) => error.type === 'NotAuthorizedException',
    );

    // The same user and passkey, but the pool accepts only another origin.
    const strict = directPool({ webauthnOrigins: ['http://localhost:1'] });
    const elsewhere = await assertion(strict, user);
    await assert.rejects(
      answerWebAuthn(strict, user, elsewhere.credentialJson, elsewhere.expectedChallenge),
      (error: Error & { type?: string }) => error.type === 'WebAuthnOriginNotAllowedException',
    );

    const answer = await assertion(pool, user);
    user.passkeys = [];
    await assert.rejects(
      answerWebAuthn(pool, user, answer.credentialJson, answer.expectedChallenge),
      (error: Error & { type?: string }) => error.type === 'NotAuthorizedException' && /not registered/.test(error.message),
    );
  });

  it('user verification required: the options say so, and a verified assertion passes', async () => {
    const pool = directPool({ webauthnUserVerification: 'required' });
    const { user } = await userWithPasskey(pool);
    const { credentialJson, expectedChallenge, requestOptions } = await assertion(pool, user);
    assert.equal(requestOptions.userVerification, 'required');
    await answerWebAuthn(pool, user, credentialJson, expectedChallenge);
  });
});

describe('WEB_AUTHN through USER_AUTH (AWS SDK v3)', () => {
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  let signInAs: () => Promise<{ email: string; accessToken: string }>;
  before(async () => {
    ({ pool, client, signInAs } = await signedInPool());
    await visit('localhost');
  });
  after(() => pool.close());

  /** A user with a passkey on the authenticator, registered over the wire. */
  async function registered() {
    const { email, accessToken } = await signInAs();
    const credential = await create(await startOptions(client, accessToken));
    await complete(client, accessToken, credential);
    return { email, accessToken, credentialId: String(credential.id) };
  }

  const webAuthnStart = (email: string) =>
    client.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'WEB_AUTHN' } }),
    );

  const answer = (email: string, session: string | undefined, credential: Json) =>
    client.send(
      new RespondToAuthChallengeCommand({
        ClientId: pool.clientId,
        ChallengeName: 'WEB_AUTHN',
        Session: session,
        ChallengeResponses: { USERNAME: email, CREDENTIAL: JSON.stringify(credential) },
      }),
    );

  it('offers WEB_AUTHN once the user has a passkey, and signs in with it', async () => {
    const { email, accessToken } = await signInAs();
    const before = await client.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: email } }));
    assert.ok(!before.AvailableChallenges?.includes('WEB_AUTHN'), String(before.AvailableChallenges));
    await complete(client, accessToken, await create(await startOptions(client, accessToken)));
    const choice = await client.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: email } }));
    assert.equal(choice.ChallengeName, 'SELECT_CHALLENGE');
    assert.ok(choice.AvailableChallenges?.includes('WEB_AUTHN'), String(choice.AvailableChallenges));

    const started = await webAuthnStart(email);
    assert.equal(started.ChallengeName, 'WEB_AUTHN');
    const requestOptions = JSON.parse(started.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? '{}') as Json;
    assert.equal(requestOptions.rpId, 'localhost');
    const signedIn = await answer(email, started.Session, await get(requestOptions));
    assert.ok(signedIn.AuthenticationResult?.AccessToken, 'tokens after the passkey');
    // The new access token works for the account's own calls.
    const listed = await client.send(new ListWebAuthnCredentialsCommand({ AccessToken: signedIn.AuthenticationResult.AccessToken }));
    assert.equal(listed.Credentials?.length, 1);
  });

  it('a replayed assertion is refused, in its own session and in a new one', async () => {
    const { email } = await registered();
    const started = await webAuthnStart(email);
    const assertionJson = await get(JSON.parse(started.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? '{}'));
    await answer(email, started.Session, assertionJson);
    await refused(answer(email, started.Session, assertionJson), 'NotAuthorizedException');
    const again = await webAuthnStart(email);
    await refused(answer(email, again.Session, assertionJson), 'NotAuthorizedException', /another challenge/);
  });

  it('a deleted passkey no longer signs in', async () => {
    const { email, accessToken, credentialId } = await registered();
    const started = await webAuthnStart(email);
    const assertionJson = await get(JSON.parse(started.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? '{}'));
    await client.send(new DeleteWebAuthnCredentialCommand({ AccessToken: accessToken, CredentialId: credentialId }));
    await refused(answer(email, started.Session, assertionJson), 'NotAuthorizedException', /not registered/);
    const choice = await client.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: email } }));
    assert.ok(!choice.AvailableChallenges?.includes('WEB_AUTHN'), String(choice.AvailableChallenges));
  });
});

describe('passkeys in the data file', () => {
  it('a passkey registered before a restart still signs in after it, its counter kept', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'passkeys-'));
    const dataFile = join(dir, 'pool.json');
    try {
      await visit('localhost');
      const first = await signedInPool({ dataFile });
      const { email, accessToken } = await first.signInAs();
      await complete(first.client, accessToken, await create(await startOptions(first.client, accessToken)));
      await first.pool.close();

      const pool = await startLocalPool({ ...PASSKEYS, dataFile });
      try {
        const client = awsClient(pool);
        const { accessToken: again } = await pool.signInTokens(email, PASSWORD);
        assert.equal((await client.send(new ListWebAuthnCredentialsCommand({ AccessToken: again }))).Credentials?.length, 1);
        const signIn = async () => {
          const started = await client.send(
            new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'WEB_AUTHN' } }),
          );
          const credential = await get(JSON.parse(started.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? '{}'));
          const answered = await client.send(
            new RespondToAuthChallengeCommand({
              ClientId: pool.clientId,
              ChallengeName: 'WEB_AUTHN',
              Session: started.Session,
              ChallengeResponses: { USERNAME: email, CREDENTIAL: JSON.stringify(credential) },
            }),
          );
          assert.ok(answered.AuthenticationResult?.AccessToken);
        };
        await signIn();
        await signIn();
      } finally {
        await pool.close();
      }
      const saved = JSON.parse(await readFile(dataFile, 'utf8')) as { users: User[] };
      const counter = saved.users.find((user) => user.attributes.email === email)?.passkeys?.[0].counter ?? 0;
      assert.ok(counter >= 2, `the counter on disk is ${counter} after two sign-ins`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
