// The built drop-in file on plain pages (run `npm run build:browser` first): register → verify
// (code from the pool's mailbox, which signs in) → sign out → sign in, through dist/cognito-auth-elements.js alone, under a
// Content-Security-Policy with no 'unsafe-inline' and no nonce.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { fill, parts } from '../helpers/form.js';
import { clearStoredSessions, createConfirmedUser, latestCode, localPool, poolConfig, strongPassword, uniqueEmail } from '../helpers/pool.js';

interface FrameWindow extends Window {
  cspViolations: Array<{ directive: string; blocked: string; sample: string }>;
  inlineScriptRan?: boolean;
}

async function loadFrame(setup: (frame: HTMLIFrameElement) => void): Promise<FrameWindow> {
  const frame = document.createElement('iframe');
  frame.style.width = '800px';
  frame.style.height = '1200px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  setup(frame);
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as FrameWindow;
  await Promise.all(['auth-register', 'auth-verify', 'auth-signin'].map((tag) => win.customElements.whenDefined(tag)));
  return win;
}

async function submitAndWait(el: Element, values: Record<string, string>, event: string): Promise<CustomEvent> {
  const done = Promise.race([oneEvent<CustomEvent>(el, event), oneEvent<CustomEvent>(el, 'auth-error')]);
  fill(el, values);
  parts(el).submit.click();
  const result = await done;
  if (result.type === 'auth-error') throw new Error(`${el.localName}: ${JSON.stringify(result.detail)}`);
  return result;
}

/** register → verify → sign in in the page `win`, as a visitor would. */
async function walk(win: FrameWindow): Promise<void> {
  const doc = win.document;
  const email = uniqueEmail('bundle');
  const register = doc.querySelector('auth-register')!;
  const verify = doc.querySelector('auth-verify')!;
  const signin = doc.querySelector('auth-signin')!;

  // Styled from the adopted stylesheet: the accent colour, with no <style> and no nonce.
  expect(win.getComputedStyle(parts(register).submit).backgroundColor).to.equal('rgb(47, 91, 234)');
  expect(doc.querySelectorAll('style')).to.have.lengthOf(0);

  await submitAndWait(register, { email, password: strongPassword, confirm: strongPassword }, 'auth-registered');
  await waitUntil(() => parts(verify).input('email').value === email, 'verify not pre-filled from the store');
  // The local pool's app client allows USER_AUTH: the confirmed code also signs in (its client
  // loads on demand from beside the drop-in file).
  const signedInByVerify = await submitAndWait(verify, { code: await latestCode(email) }, 'auth-signed-in');
  expect(signedInByVerify.detail.email).to.equal(email);
  // Signed out from the sign-in form's "signed in as", then signed in with the password over SRP.
  await waitUntil(() => signin.querySelector('button[part~="secondary"]'), 'the sign-in form never showed who is signed in');
  signin.querySelector<HTMLButtonElement>('button[part~="secondary"]')!.click();
  await waitUntil(() => signin.querySelector('[name="password"]'), 'the sign-in form never came back after signing out', { timeout: 5000 });
  const signedIn = await submitAndWait(signin, { username: email, password: strongPassword }, 'auth-signed-in');
  expect(signedIn.detail.email).to.equal(email);
}

describe('dist/cognito-auth-elements.js', () => {
  let frames: HTMLIFrameElement[] = [];

  before(async () => {
    const response = await fetch('/dist/cognito-auth-elements.js', { method: 'HEAD' });
    if (!response.ok) throw new Error('dist/cognito-auth-elements.js is missing: run `npm run build:browser` first');
  });

  afterEach(() => {
    frames.forEach((frame) => frame.remove());
    frames = [];
    clearStoredSessions();
  });

  it('walks register → verify → sign in on a plain page configured by window._config', async () => {
    const { url, poolId, clientId } = localPool();
    const query = new URLSearchParams({ endpoint: url, userPoolId: poolId, clientId });
    const win = await loadFrame((frame) => {
      frame.src = `/test/browser/bundle/page.html?${query}`;
      frames.push(frame);
    });
    await walk(win);
    expect(win.cspViolations).to.deep.equal([]);
  });

  it('loads the QR encoder from beside itself only when an authenticator app is set up, under the CSP', async () => {
    const { url, poolId, clientId } = localPool('mfa');
    const { email, password } = await createConfirmedUser(undefined, undefined, poolConfig({ pool: 'mfa' }));
    const query = new URLSearchParams({ endpoint: url, userPoolId: poolId, clientId });
    const win = await loadFrame((frame) => {
      frame.src = `/test/browser/bundle/page.html?${query}`;
      frames.push(frame);
    });
    const qrLoads = () => win.performance.getEntriesByType('resource').filter((entry) => /cognito-auth-elements-qr-code-/.test(entry.name));
    expect(qrLoads()).to.have.lengthOf(0);
    const signin = win.document.querySelector('auth-signin')!;
    fill(signin, { username: email, password });
    parts(signin).submit.click();
    await waitUntil(() => signin.querySelector('svg[part~="qr"] path'), 'the QR code never appeared', { timeout: 10_000 });
    expect(qrLoads()).to.have.lengthOf(1);
    expect(win.cspViolations).to.deep.equal([]);
  });

  it("walks it under default-src 'self' with the pool's exact origin, configured by data- attributes", async () => {
    const { url, poolId, clientId } = localPool();
    const template = await (await fetch('/test/browser/bundle/data-attributes.html')).text();
    const html = template
      .replaceAll('__ORIGIN__', new URL(url).origin)
      .replaceAll('__ENDPOINT__', url)
      .replaceAll('__POOL_ID__', poolId)
      .replaceAll('__CLIENT_ID__', clientId);
    const win = await loadFrame((frame) => {
      frame.srcdoc = html;
      frames.push(frame);
    });
    // The policy is enforced: the canary inline script was blocked, and it is the only violation.
    expect(win.inlineScriptRan).to.equal(undefined);
    await walk(win);
    expect(win.cspViolations.map((v) => v.directive)).to.deep.equal(['script-src-elem']);
  });

  it('defines <auth-passkeys> on demand from a chunk beside itself, only once the tag is on the page, under the CSP', async () => {
    const { url, poolId, clientId } = localPool();
    const query = new URLSearchParams({ endpoint: url, userPoolId: poolId, clientId });
    const win = await loadFrame((frame) => {
      frame.src = `/test/browser/bundle/page.html?${query}`;
      frames.push(frame);
    });
    const chunkLoads = () =>
      win.performance.getEntriesByType('resource').filter((entry) => /\/dist\/cognito-auth-elements-auth-passkeys-[\w-]+\.js$/.test(entry.name));
    expect(win.customElements.get('auth-passkeys')).to.equal(undefined);
    expect(chunkLoads()).to.have.lengthOf(0);
    const el = win.document.createElement('auth-passkeys');
    el.setAttribute('signin-url', 'signin.html');
    win.document.querySelector('main')!.append(el);
    await win.customElements.whenDefined('auth-passkeys');
    expect(chunkLoads()).to.have.lengthOf(1);
    // Upgraded in place: nobody is signed in, so it says so with the link.
    await waitUntil(() => el.querySelector('a[href$="signin.html"]'), 'the element never rendered');
    expect(win.cspViolations).to.deep.equal([]);
  });

  it('loads a locale from beside itself when the page switches to French, and renders every form in it, under the CSP', async () => {
    const { url, poolId, clientId } = localPool();
    const query = new URLSearchParams({ endpoint: url, userPoolId: poolId, clientId });
    const win = await loadFrame((frame) => {
      frame.src = `/test/browser/bundle/page.html?${query}`;
      frames.push(frame);
    });
    const localeLoads = () => win.performance.getEntriesByType('resource').filter((entry) => /\/dist\/cognito-auth-elements-fr\.js$/.test(entry.name));
    const signin = win.document.querySelector('auth-signin')!;
    await waitUntil(() => parts(signin).submit, 'the sign-in form never rendered');
    expect(parts(signin).submit.textContent.trim()).to.equal('Sign in');
    expect(localeLoads()).to.have.lengthOf(0);
    // English is inside the file; French comes the first time a lang asks for it.
    win.document.documentElement.lang = 'fr';
    await waitUntil(() => parts(signin).submit.textContent.trim() === 'Se connecter', 'the sign-in form never spoke French', { timeout: 5000 });
    expect(parts(win.document.querySelector('auth-register')!).submit.textContent.trim()).to.equal('Créer un compte');
    expect(localeLoads()).to.have.lengthOf(1);
    expect(win.cspViolations).to.deep.equal([]);
  });

  it('walks register → verify → sign in on a page in French (<html lang="fr">, the one script tag), with no English shown', async () => {
    const { url, poolId, clientId } = localPool();
    const query = new URLSearchParams({ endpoint: url, userPoolId: poolId, clientId });
    const win = await loadFrame((frame) => {
      frame.src = `/test/browser/bundle/french.html?${query}`;
      frames.push(frame);
    });
    const signin = win.document.querySelector('auth-signin')!;
    await waitUntil(() => parts(signin).submit?.textContent.trim() === 'Se connecter', 'the sign-in form never spoke French', { timeout: 5000 });
    // A French error from a request: the email of nobody, with a password.
    fill(signin, { username: uniqueEmail('nobody'), password: strongPassword });
    parts(signin).submit.click();
    await waitUntil(() => parts(signin).alert, 'no error shown', { timeout: 5000 });
    expect(parts(signin).alert!.textContent).to.match(/E-mail ou mot de passe incorrect/);
    await walk(win);
    expect(win.cspViolations).to.deep.equal([]);
  });

  it('defines each tag once when the file is included twice', async () => {
    const { url, poolId, clientId } = localPool();
    const query = new URLSearchParams({ endpoint: url, userPoolId: poolId, clientId });
    const win = await loadFrame((frame) => {
      frame.src = `/test/browser/bundle/page.html?${query}`;
      frames.push(frame);
    });
    const errors: string[] = [];
    win.addEventListener('error', (event) => errors.push(event.message));
    const second = win.document.createElement('script');
    second.type = 'module';
    second.src = '/dist/cognito-auth-elements.js?copy=2'; // a second module instance
    const loaded = new Promise((resolve, reject) => {
      second.onload = resolve;
      second.onerror = reject;
    });
    win.document.head.append(second);
    await loaded;
    expect(errors).to.deep.equal([]);
    await walk(win);
  });
});
