import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { pendingKey } from '../../../src/cognito/hosted-ui/callback-url.js';
import { configure } from '../../../src/config/index.js';
import '../../../src/elements/auth-hosted-signin.js';
import '../../../src/elements/auth-signin.js';
import '../../../src/elements/auth-signout.js';
import type { AuthErrorEvent, AuthSignedOutEvent } from '../../../src/events.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { navigation } from '../../../src/shared/navigation.js';
import { captureNavigation, parts, restoreSpies, settled } from '../helpers/form.js';
import { arriveAt, callbackPath, forgetBrowser, hostedConfig, landedAt, signedOutPath, walk } from '../helpers/hosted-ui.js';
import { clearStoredSessions, createConfirmedUser, uniqueEmail } from '../helpers/pool.js';

const testPage = location.href;

/** The configuration attributes of the hostedUi pool, with its URL as the domain. */
function attributes(): string {
  const { region, userPoolId, userPoolClientId, endpoint, domain } = hostedConfig();
  return `region="${region}" user-pool-id="${userPoolId}" user-pool-client-id="${userPoolClientId}" endpoint="${endpoint}" domain="${domain}"`;
}

function pendingCount(): number {
  let count = 0;
  for (let i = 0; i < sessionStorage.length; i++) if (sessionStorage.key(i)?.startsWith(pendingKey(''))) count += 1;
  return count;
}

describe('<auth-hosted-signin>', () => {
  let left: string[];
  const leave = navigation.leave;

  beforeEach(() => {
    left = [];
    navigation.leave = (url: string) => void left.push(url);
    captureNavigation();
    const { redirectSignIn, redirectSignOut } = hostedConfig();
    configure({ redirectSignIn, redirectSignOut });
  });

  afterEach(async () => {
    history.replaceState(null, '', testPage);
    await sessionStore.signOut().catch(() => undefined);
    navigation.leave = leave;
    restoreSpies();
    configure({ redirectSignIn: null, redirectSignOut: null });
    clearStoredSessions();
    for (let i = sessionStorage.length - 1; i >= 0; i--)
      if (sessionStorage.key(i)?.startsWith(pendingKey(''))) sessionStorage.removeItem(sessionStorage.key(i)!);
    await forgetBrowser();
  });

  it('is an accessible button named after the provider, with its logo hidden from screen readers', async () => {
    const el = await fixture(`<auth-hosted-signin provider="Google" ${attributes()}></auth-hosted-signin>`);
    const button = parts(el).submit;
    expect(button.textContent?.trim()).to.equal('Continue with Google');
    expect(button.matches('[part~="provider"]')).to.equal(true);
    expect(el.querySelector('[part~="icon"]')?.getAttribute('aria-hidden')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('names Apple by its brand and goes to the hosted page without a provider', async () => {
    const apple = await fixture(`<auth-hosted-signin provider="Apple" ${attributes()}></auth-hosted-signin>`);
    expect(parts(apple).submit.textContent?.trim()).to.equal('Continue with Apple');
    const page = await fixture(`<auth-hosted-signin ${attributes()}></auth-hosted-signin>`);
    expect(parts(page).submit.textContent?.trim()).to.equal('Continue with the hosted sign-in page');
    parts(page).submit.click();
    await waitUntil(() => left.length === 1);
    expect(new URL(left[0]).searchParams.has('identity_provider')).to.equal(false);
  });

  it('leaves for the provider once, however often it is clicked, and says it is on its way', async () => {
    const el = await fixture(`<auth-hosted-signin provider="Google" ${attributes()}></auth-hosted-signin>`);
    parts(el).submit.click();
    parts(el).submit.click();
    await waitUntil(() => left.length > 0);
    await settled(el);
    parts(el).submit.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(left).to.have.length(1);
    expect(pendingCount()).to.equal(1);
    const url = new URL(left[0]);
    expect(url.origin + url.pathname).to.equal(`${hostedConfig().domain!.replace(/\/$/, '')}/oauth2/authorize`);
    expect(url.searchParams.get('identity_provider')).to.equal('Google');
    expect(url.searchParams.get('redirect_uri')).to.equal(`${location.origin}${callbackPath}`);
    expect(url.searchParams.get('code_challenge_method')).to.equal('S256');
    expect(parts(el).submit.disabled).to.equal(true);
    expect(parts(el).submit.textContent?.trim()).to.equal('Opening the sign-in page…');
    await expect(el).to.be.accessible();
  });

  it('says the domain is missing, and goes nowhere, without one', async () => {
    const el = await fixture(`<auth-hosted-signin provider="Google" ${attributes().replace(/domain="[^"]*"/, '')}></auth-hosted-signin>`);
    const failed = oneEvent<AuthErrorEvent>(el, 'auth-error');
    parts(el).submit.click();
    const { detail } = await failed;
    expect(detail).to.include({ flow: 'hosted-ui', code: 'not-configured' });
    await settled(el);
    expect(parts(el).alert?.textContent).to.contain('domain');
    expect(left).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('shows a cancel at the provider under the button it started from, not under the others', async () => {
    const start = await fixture(`<auth-hosted-signin provider="Google" ${attributes()}></auth-hosted-signin>`);
    parts(start).submit.click();
    await waitUntil(() => left.length === 1);
    const callback = landedAt(await walk(left[0], [{ cancel: 'true' }]));

    // Back on the page: the answer is handled as the script loads, then the elements render.
    start.remove();
    const failed = oneEvent<AuthErrorEvent>(document, 'auth-error');
    const arrived = arriveAt(callback);
    const google = await fixture(`<auth-hosted-signin provider="Google" ${attributes()}></auth-hosted-signin>`);
    const hosted = await fixture(`<auth-hosted-signin ${attributes()}></auth-hosted-signin>`);
    await arrived;
    expect((await failed).detail.code).to.equal('access-denied');
    await waitUntil(() => parts(google).alert !== null);
    expect(parts(google).alert!.textContent).to.contain('cancelled');
    expect(parts(hosted).alert).to.equal(null);
    await expect(google).to.be.accessible();
  });
});

describe('<auth-signin providers hosted-ui>', () => {
  it('offers a button per provider and the hosted page under the form, configured as the form is', async () => {
    const el = await fixture(`<auth-signin providers="Google Apple" hosted-ui ${attributes()}></auth-signin>`);
    await waitUntil(() => el.querySelectorAll('auth-hosted-signin [part~="provider"]').length === 3);
    const buttons = [...el.querySelectorAll('auth-hosted-signin')];
    expect(buttons.map((button) => button.querySelector('[part~="provider"]')!.textContent.trim())).to.deep.equal([
      'Continue with Google',
      'Continue with Apple',
      'Continue with the hosted sign-in page',
    ]);
    expect(buttons.every((button) => button.getAttribute('domain') === hostedConfig().domain)).to.equal(true);
    // The password form stays first: its own submit is still the element's first.
    expect(parts(el).submit.closest('auth-hosted-signin')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows no provider buttons without the attributes', async () => {
    const el = await fixture(`<auth-signin ${attributes()}></auth-signin>`);
    expect(el.querySelector('auth-hosted-signin')).to.equal(null);
  });
});

describe('<auth-signout> after a hosted-UI sign-in', () => {
  const leave = navigation.leave;
  afterEach(async () => {
    navigation.leave = leave;
    restoreSpies();
    history.replaceState(null, '', testPage);
    configure({ redirectSignIn: null, redirectSignOut: null });
    clearStoredSessions();
    await forgetBrowser();
  });

  it("goes to the domain's /logout instead of next", async () => {
    const left: string[] = [];
    navigation.leave = (url: string) => void left.push(url);
    const navigations = captureNavigation();
    const config = hostedConfig();
    configure({ redirectSignIn: config.redirectSignIn, redirectSignOut: config.redirectSignOut });
    const { email, password } = await createConfirmedUser(uniqueEmail('signout'), undefined, config);
    const { cognito } = await import('../../../src/cognito/cognito-client.js');
    const callback = landedAt(await walk(await cognito.startHostedSignIn(config, {}), [{ username: email, password }]));
    await arriveAt(callback);
    navigations.length = 0;

    const el = await fixture(`<auth-signout next="/elsewhere.html"></auth-signout>`);
    await waitUntil(() => !(el as HTMLElement).hidden);
    const signedOut = oneEvent<AuthSignedOutEvent>(el, 'auth-signed-out');
    el.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    await signedOut;
    expect(left).to.have.length(1);
    const logout = new URL(left[0]);
    expect(logout.pathname).to.equal('/logout');
    expect(logout.searchParams.get('logout_uri')).to.equal(`${location.origin}${signedOutPath}`);
    expect(navigations).to.deep.equal([]);
  });
});
