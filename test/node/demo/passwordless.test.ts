// The passwordless page and `METHODS=… npm start`: the page is served under the site's CSP with
// <auth-signin methods>, every page links it from the same nav, and a demo started with the methods
// has a pool whose choice-based sign-in (USER_AUTH) offers them, over HTTP as the page calls it.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startDemo, type RunningDemo } from '../../../demo/server/demo-server.js';
import { firstFactorsFor } from '../../../demo/server/sign-in-methods.js';
import { latestCode, newUser, PASSWORD } from './helpers.js';

const demoDir = fileURLToPath(new URL('../../../../demo/', import.meta.url));
const CLIENT_ID = 'localpoolclient0000000000';
// Admin operations want a SigV4-shaped Authorization header; the local pool checks its shape only.
const SIGNED = {
  Authorization:
    'AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=' +
    '0'.repeat(64),
};

async function call(demo: RunningDemo, operation: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(demo.poolUrl!, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`, ...headers },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, any>;
  if (response.status !== 200) throw new Error(`${operation}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

const userAuth = (demo: RunningDemo, params: Record<string, string>) =>
  call(demo, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: CLIENT_ID, AuthParameters: params });

/** The nav of a page with the current page's mark taken out: the same on every page. */
function nav(html: string, file: string): string {
  const found = /<nav aria-label="Demo pages">[\s\S]*?<\/nav>/.exec(html);
  assert.ok(found, `${file} has the demo nav`);
  return found[0].replace(' aria-current="page"', '');
}

describe('METHODS: the names npm start takes', () => {
  it('maps passkey, email, sms and password (and the element’s names) to Cognito’s first auth factors', () => {
    assert.deepEqual(firstFactorsFor('passkey,email,sms,password'), ['WEB_AUTHN', 'EMAIL_OTP', 'SMS_OTP', 'PASSWORD']);
    assert.deepEqual(firstFactorsFor(' Email-Code  password,email '), ['EMAIL_OTP', 'PASSWORD']);
  });
  it('refuses an unknown name or none, naming the ones it knows', () => {
    assert.throws(() => firstFactorsFor('email,magic'), /METHODS: unknown method "magic" \(use passkey, email, sms, password\)/);
    assert.throws(() => firstFactorsFor(' , '), /METHODS names no method/);
  });
});

describe('the passwordless page', () => {
  it('every demo page has the same nav, with the passwordless page in it; a page in it marks itself', async () => {
    const files = (await readdir(demoDir)).filter((name) => name.endsWith('.html'));
    assert.ok(files.includes('passwordless.html'));
    const navs = new Map<string, string>();
    for (const file of files) {
      const html = await readFile(`${demoDir}${file}`, 'utf8');
      navs.set(file, nav(html, file));
      // Pages in the nav mark themselves (forgot-password and register-more are reached from others).
      if (nav(html, file).includes(`href="${file}"`)) assert.match(html, new RegExp(`<a href="${file}" aria-current="page">`), `${file} marks itself`);
    }
    const first = navs.get('index.html')!;
    assert.match(first, /<a href="passwordless.html">Passwordless<\/a>/);
    for (const [file, links] of navs) assert.equal(links, first, `${file}'s nav is the home page's`);
  });

  describe('served by a demo started with METHODS=passkey,email,sms,password', () => {
    let demo: RunningDemo;
    before(async () => {
      demo = await startDemo({ port: 0, poolPort: 0, quiet: true, firstAuthFactors: firstFactorsFor('passkey,email,sms,password') });
    });
    after(() => demo.close());

    it('serves the page under the site’s CSP with <auth-signin methods> going to the ride page', async () => {
      const response = await fetch(new URL('passwordless.html', demo.url));
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type')!, /^text\/html/);
      const poolPort = new URL(demo.poolUrl!).port;
      assert.equal(
        response.headers.get('content-security-policy'),
        `default-src 'self'; connect-src 'self' http://localhost:${poolPort} http://127.0.0.1:${poolPort}; img-src 'self' data:`,
      );
      const html = await response.text();
      assert.match(html, /<auth-signin\s+methods="passkey email-code sms-code password"\s+next="ride.html"/);
      assert.match(html, /<pre><code>METHODS=passkey,email,sms,password \\\s+npm start<\/code><\/pre>/);
    });

    it('USER_AUTH offers the password factors and the emailed code; a verified phone adds the texted code', async () => {
      const { email } = await newUser(demo);
      assert.deepEqual((await userAuth(demo, { USERNAME: email })).AvailableChallenges, ['PASSWORD_SRP', 'PASSWORD', 'EMAIL_OTP']);
      await call(
        demo,
        'AdminUpdateUserAttributes',
        {
          UserPoolId: 'us-east-1_LocalPool1',
          Username: email,
          UserAttributes: [
            { Name: 'phone_number', Value: '+15555550142' },
            { Name: 'phone_number_verified', Value: 'true' },
          ],
        },
        SIGNED,
      );
      assert.deepEqual((await userAuth(demo, { USERNAME: email })).AvailableChallenges, ['PASSWORD_SRP', 'PASSWORD', 'EMAIL_OTP', 'SMS_OTP']);
    });

    it('an emailed code from the mailbox signs in, as the page does it', async () => {
      const { email } = await newUser(demo);
      const challenge = await userAuth(demo, { USERNAME: email, PREFERRED_CHALLENGE: 'EMAIL_OTP' });
      assert.equal(challenge.ChallengeName, 'EMAIL_OTP');
      const code = await latestCode(demo.poolUrl!, email, 'sign-in-code');
      const done = await call(demo, 'RespondToAuthChallenge', {
        ClientId: CLIENT_ID,
        ChallengeName: 'EMAIL_OTP',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: email, EMAIL_OTP_CODE: code },
      });
      assert.ok(done.AuthenticationResult.IdToken);
    });

    it('passkeys are on, for the site opened as localhost: registration options name the RP id localhost', async () => {
      const { accessToken } = await newUser(demo);
      const { CredentialCreationOptions } = await call(demo, 'StartWebAuthnRegistration', { AccessToken: accessToken });
      assert.equal(CredentialCreationOptions.rp.id, 'localhost');
      assert.ok(CredentialCreationOptions.challenge);
      // The password still works there, through USER_AUTH as the page sends it.
      const { email } = await newUser(demo);
      const signedIn = await userAuth(demo, { USERNAME: email, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD });
      assert.ok(signedIn.AuthenticationResult.AccessToken);
    });
  });

  it('without METHODS the demo’s pool offers passwords only, as a new Cognito pool does', async () => {
    const demo = await startDemo({ port: 0, poolPort: 0, quiet: true });
    try {
      const { email } = await newUser(demo);
      assert.deepEqual((await userAuth(demo, { USERNAME: email })).AvailableChallenges, ['PASSWORD_SRP', 'PASSWORD']);
    } finally {
      await demo.close();
    }
  });
});
