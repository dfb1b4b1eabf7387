// Browser tests: Debian's Chromium (or any Chrome found), TypeScript through esbuild, and a local
// user pool started here on its own port, so the tests call "Cognito" cross-origin as pages do.
import { existsSync } from 'node:fs';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { startLocalPool } from './build/local-pool/index.js';
import { hostedUiWalkPlugin } from './test/browser/plugins/hosted-ui-walk.mjs';

// The interop tests use the published amazon-cognito-identity-js, which is CommonJS underneath:
// `npm run build` bundles it as one ES module (rollup.config.mjs), and imports of it go there.
if (!existsSync('build/vendor/amazon-cognito-identity-js.js')) {
  throw new Error('build/vendor/amazon-cognito-identity-js.js is missing: run `npm run build` first (npm test does).');
}

const chromeCandidates = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
].filter(Boolean);
const executablePath = chromeCandidates.find((path) => existsSync(path));
if (!executablePath) {
  throw new Error('No Chrome or Chromium found. Install one (Debian/Ubuntu: apt-get install chromium) or set CHROME_PATH.');
}

/**
 * The pools, started once the runner's server listens (startPools below): the tests' page, at
 * `pageOrigin`, reads their mailboxes, injects faults and calls Admin operations, which a pool
 * refuses other sites' pages unless told the origin (browserAdminOrigins).
 */
const pools = {};
async function startPools(pageOrigin) {
  const common = { quiet: true, browserAdminOrigins: [pageOrigin] };
  // The main pool has MFA off, as the workshop's; a second one has MFA required for the MFA flows.
  pools.default = await startLocalPool(common);
  pools.mfa = await startLocalPool({ ...common, mfa: 'ON', poolId: 'us-east-1_LocalMfaPool' });
  // A third requires a name besides the email, for <auth-register attributes> and the pool's refusal,
  // and declares the custom attributes those tests' forms ask for (a pool refuses undeclared ones).
  pools.attributes = await startLocalPool({
    ...common,
    requiredAttributes: ['email', 'name'],
    customAttributes: 'company:string,team:string:mutable,employee_no:number',
    poolId: 'us-east-1_LocalAttrPool',
  });
  // A fourth rotates refresh tokens with no grace period, so a replayed refresh token fails at once.
  pools.rotation = await startLocalPool({ ...common, refreshTokenRotation: { retryGracePeriodSeconds: 0 }, poolId: 'us-east-1_LocalRotPool' });
  // Choice-based sign-in (USER_AUTH): every first factor, passkeys on localhost; and one with email as the only MFA, required.
  const firstAuthFactors = ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];
  pools.userAuth = await startLocalPool({ ...common, firstAuthFactors, mfaFactors: ['TOTP', 'SMS', 'EMAIL'], poolId: 'us-east-1_LocalUserAuth' });
  pools.emailMfa = await startLocalPool({ ...common, firstAuthFactors, mfa: 'ON', mfaFactors: ['EMAIL'], poolId: 'us-east-1_LocalEmailMfa' });
  // Every MFA factor, optional: a user with several on and none preferred is asked to choose (SELECT_MFA_TYPE).
  pools.mfaChoice = await startLocalPool({
    ...common,
    firstAuthFactors,
    mfa: 'OPTIONAL',
    mfaFactors: ['TOTP', 'SMS', 'EMAIL'],
    poolId: 'us-east-1_LocalMfaChoice',
  });
  // The hosted UI: the tests' page registered as callback and sign-out URL, and stand-ins for three social providers.
  pools.hostedUi = await startLocalPool({
    ...common,
    callbackUrls: [`${pageOrigin}/`, `${pageOrigin}/hosted-callback`],
    logoutUrls: [`${pageOrigin}/signed-out`],
    federated: ['Google', 'SignInWithApple', 'Facebook'],
    poolId: 'us-east-1_LocalHostedUi',
  });
  // A classic app client, without ALLOW_USER_AUTH: SignUp returns no Session, so verifying does not sign in.
  pools.classic = await startLocalPool({
    ...common,
    explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    poolId: 'us-east-1_LocalClassic',
  });
  // Device tracking, for <auth-devices> and the sign-in's ConfirmDevice and DEVICE_SRP_AUTH: every
  // confirmed device remembered, or remembered once the user chooses.
  pools.devices = await startLocalPool({ ...common, deviceTracking: 'always', poolId: 'us-east-1_LocalDevices' });
  pools.devicesOptIn = await startLocalPool({ ...common, deviceTracking: 'user-opt-in', poolId: 'us-east-1_LocalDevOptIn' });
  // Passkeys accepted from another origin only, so the tests' page sees the pool refuse its origin.
  pools.passkeyOrigins = await startLocalPool({ ...common, firstAuthFactors, webauthnOrigins: ['http://localhost:1'], poolId: 'us-east-1_LocalPasskeyOrigin' });
}
process.on('exit', () => {
  for (const pool of Object.values(pools)) pool.close();
});
const address = ({ url, poolId, clientId }) => ({ url, poolId, clientId });

/**
 * Chromium's virtual authenticator for the passkey tests, through the DevTools protocol's WebAuthn
 * domain (https://chromedevtools.github.io/devtools-protocol/tot/WebAuthn/) on the test's page.
 * Tests call executeServerCommand('add-virtual-authenticator', options?) → { authenticatorId },
 * 'virtual-authenticator-credentials' / 'remove-virtual-authenticator' with { authenticatorId }.
 */
function virtualAuthenticatorPlugin() {
  const devtools = new WeakMap(); // page -> its CDP session with WebAuthn enabled
  async function devtoolsOf(session) {
    const page = session.browser.getPage(session.id);
    if (!devtools.has(page)) {
      const cdp = await page.createCDPSession();
      await cdp.send('WebAuthn.enable', { enableUI: false });
      devtools.set(page, cdp);
    }
    return devtools.get(page);
  }
  return {
    name: 'virtual-authenticator',
    async executeCommand({ command, payload, session }) {
      if (!['add-virtual-authenticator', 'virtual-authenticator-credentials', 'remove-virtual-authenticator'].includes(command)) return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error(`${command} needs the Chrome launcher (puppeteer), not ${session.browser.type}`);
      const cdp = await devtoolsOf(session);
      if (command === 'add-virtual-authenticator') {
        const options = { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, ...payload };
        return cdp.send('WebAuthn.addVirtualAuthenticator', { options });
      }
      if (command === 'virtual-authenticator-credentials') return cdp.send('WebAuthn.getCredentials', { authenticatorId: payload.authenticatorId });
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: payload.authenticatorId });
      return true;
    },
  };
}

export const chromeFlags = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { browser: true, preferBuiltins: false, exportConditions: ['browser'] },
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  browsers: [chromeLauncher({ launchOptions: { executablePath, args: chromeFlags } })],
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }),
    virtualAuthenticatorPlugin(),
    hostedUiWalkPlugin(),
    {
      name: 'sdk-prebundled',
      resolveImport({ source }) {
        if (source === 'amazon-cognito-identity-js') return '/build/vendor/amazon-cognito-identity-js.js';
      },
    },
    {
      // Hands the pool's address to the tests (window.__localPool) and to test helpers that
      // fetch /__local-pool (fault injection, mailbox, reset go to the pool directly).
      name: 'local-pool-config',
      // The runner's own server is listening by now (its port may be the one given or a free one).
      async serverStart({ config }) {
        await startPools(`http://${config.hostname}:${config.port}`);
      },
      serve(context) {
        if (context.path === '/__local-pool') {
          return { body: JSON.stringify(address(pools.default)), type: 'json' };
        }
      },
    },
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html>
  <head><meta charset="utf-8"></head>
  <body>
    <script>window.__localPool = ${JSON.stringify(address(pools.default))}; window.__localPools = ${JSON.stringify({ mfa: address(pools.mfa), attributes: address(pools.attributes), rotation: address(pools.rotation), userAuth: address(pools.userAuth), emailMfa: address(pools.emailMfa), mfaChoice: address(pools.mfaChoice), devices: address(pools.devices), devicesOptIn: address(pools.devicesOptIn), passkeyOrigins: address(pools.passkeyOrigins), classic: address(pools.classic), hostedUi: address(pools.hostedUi) })};</script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
};
