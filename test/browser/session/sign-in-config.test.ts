// An element configured only by its attributes signs in; the next page has no configuration of
// its own (no configure(), no script data- attributes, no window._config) and still finds the
// session, until sign-out. Each "page" is a same-origin iframe: its own realm, module instances
// and store, sharing localStorage.
import { expect } from '@open-wc/testing';
import type { cognito as Cognito } from '../../../src/cognito/cognito-client.js';
import type { sessionStore as SessionStore } from '../../../src/session/session-store.js';
import { clearStoredSessions, createConfirmedUser, poolConfig } from '../helpers/pool.js';
import { importIn, sameOriginFrame } from '../helpers/session.js';

async function page(): Promise<{ cognito: typeof Cognito; sessionStore: typeof SessionStore }> {
  const frame = await sameOriginFrame('a page without configuration');
  const [{ cognito }, { sessionStore }] = await Promise.all([
    importIn<{ cognito: typeof Cognito }>(frame, '/src/cognito/cognito-client.ts'),
    importIn<{ sessionStore: typeof SessionStore }>(frame, '/src/session/session-store.ts'),
  ]);
  return { cognito, sessionStore };
}

describe('the configuration a sign-in used, on the next pages', () => {
  afterEach(() => {
    clearStoredSessions();
    localStorage.removeItem('cognito-auth-elements.sign-in-config');
    document.querySelectorAll('iframe').forEach((frame) => frame.remove());
  });

  it('lets a page with no configuration of its own see the user, until sign-out', async () => {
    const config = poolConfig({ storage: 'local' });
    const { email, password } = await createConfirmedUser();
    const first = await page();
    const step = await first.cognito.signIn(config, email, password);
    if (step.step !== 'done') throw new Error(step.step);
    first.sessionStore.signedIn(step.user, config); // what <auth-signin> does with its attributes' config

    const next = await page();
    expect((await next.sessionStore.whenReady()).user?.email).to.equal(email);
    expect(await next.sessionStore.getIdToken()).to.be.a('string');
    expect(localStorage.getItem('cognito-auth-elements.sign-in-config')).to.not.contain('eyJ'); // ids only, no tokens

    await next.sessionStore.signOut();
    const after = await page();
    expect((await after.sessionStore.whenReady()).user).to.equal(null);
    expect(localStorage.getItem('cognito-auth-elements.sign-in-config')).to.equal(null);
  });
});
