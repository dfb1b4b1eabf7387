// Passkeys end to end in Chromium: the runner's virtual authenticator (WebAuthn over the DevTools
// protocol) and the 'userAuth' pool, which verifies registrations and assertions for real.
import { expect } from '@open-wc/testing';
import { account } from '../../../src/cognito/account-client.js';
import { cognito } from '../../../src/cognito/cognito-client.js';
import {
  clearFaults,
  clearStoredSessions,
  createConfirmedUser,
  hasLocalPool,
  injectFault,
  poolConfig,
  strongPassword,
  uniqueEmail,
  type PoolName,
} from '../helpers/pool.js';
import { expectStep, rejection } from '../helpers/user-auth.js';
import { addVirtualAuthenticator, type VirtualAuthenticator } from '../helpers/virtual-authenticator.js';

describe('cognito adapter: passkeys', function () {
  before(function (this: { skip(): void }) {
    if (!hasLocalPool('userAuth') || !hasLocalPool('passkeyOrigins')) this.skip();
  });
  let authenticator: VirtualAuthenticator | null = null;
  afterEach(async () => {
    await authenticator?.remove();
    authenticator = null;
    await clearFaults('userAuth');
    clearStoredSessions();
  });

  const config = (pool: PoolName = 'userAuth') => poolConfig({ pool, storage: 'memory' });

  async function signedInUser(pool: PoolName = 'userAuth') {
    const { email, password } = await createConfirmedUser(uniqueEmail('passkey'), strongPassword, config(pool));
    expectStep(await cognito.signIn(config(pool), email, password), 'done');
    return email;
  }

  it('registers a passkey after sign-in, then signs in with it', async () => {
    authenticator = await addVirtualAuthenticator();
    const email = await signedInUser();
    await account.registerPasskey(config());
    const [passkey, ...others] = await account.listPasskeys(config());
    expect(others).to.deep.equal([]);
    expect(passkey.relyingPartyId).to.equal('localhost');
    expect(passkey.name).to.be.a('string').and.not.equal('');
    expect(passkey.createdAt.getTime()).to.be.closeTo(Date.now(), 60_000);
    const [stored] = await authenticator.credentials();
    expect(stored.signCount).to.be.at.least(0);
    await cognito.signOut(config(), { global: false });

    const select = expectStep(await cognito.startUserAuth(config(), email), 'select');
    expect(select.methods).to.include('passkey');
    const step = expectStep(await cognito.startUserAuth(config(), email, 'passkey'), 'passkey');
    const done = expectStep(await cognito.answerPasskey(config(), step.pending), 'done');
    expect(done.user.email).to.equal(email);
    expect((await authenticator.credentials())[0].signCount).to.be.above(stored.signCount);
  });

  it('says the request was cancelled when the authenticator does not verify the user, and the step can be retried', async () => {
    authenticator = await addVirtualAuthenticator();
    const email = await signedInUser();
    await account.registerPasskey(config());
    await cognito.signOut(config(), { global: false });
    await authenticator.remove();
    authenticator = await addVirtualAuthenticator({ isUserVerified: false });

    const step = expectStep(await cognito.startUserAuth(config(), email, 'passkey'), 'passkey');
    const cancelled = await rejection(cognito.answerPasskey(config(), step.pending));
    expect(cancelled.code).to.equal('passkey-cancelled');
    expect(cancelled.message).to.contain('cancelled');
  });

  it('refuses a second passkey on the same authenticator', async () => {
    authenticator = await addVirtualAuthenticator();
    await signedInUser();
    await account.registerPasskey(config());
    expect((await rejection(account.registerPasskey(config()))).code).to.equal('passkey-exists');
  });

  it('deletes a passkey, which then no longer signs in', async () => {
    authenticator = await addVirtualAuthenticator();
    const email = await signedInUser();
    await account.registerPasskey(config());
    const [passkey] = await account.listPasskeys(config());
    await account.deletePasskey(config(), passkey.id);
    expect(await account.listPasskeys(config())).to.deep.equal([]);
    await cognito.signOut(config(), { global: false });
    const select = expectStep(await cognito.startUserAuth(config(), email), 'select');
    expect(select.methods).to.not.include('passkey');
  });

  it('says passkeys cannot be used here when the pool does not accept the origin of the page', async () => {
    authenticator = await addVirtualAuthenticator();
    await signedInUser('passkeyOrigins');
    const refused = await rejection(account.registerPasskey(config('passkeyOrigins')));
    expect(refused.code).to.equal('passkey-not-allowed');
    expect((refused.cause as { name: string }).name).to.equal('WebAuthnOriginNotAllowedException');
  });

  it('says passkeys cannot be used here when the relying party is another site (the browser refuses)', async () => {
    authenticator = await addVirtualAuthenticator();
    await signedInUser();
    const options = {
      challenge: 'AAECAwQFBgcICQoLDA0ODw',
      rp: { id: 'example.test', name: 'Elsewhere' },
      user: { id: 'dXNlcg', name: 'u', displayName: 'u' },
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    };
    await injectFault({ operation: 'StartWebAuthnRegistration', kind: 'answer', body: { CredentialCreationOptions: options } }, 'userAuth');
    const refused = await rejection(account.registerPasskey(config()));
    expect(refused.code).to.equal('passkey-not-allowed');
    expect((refused.cause as DOMException).name).to.equal('SecurityError');
  });

  it('needs a signed-in user to register a passkey', async () => {
    expect((await rejection(account.registerPasskey(config()))).code).to.equal('signed-out');
  });
});
