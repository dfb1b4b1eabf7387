// Issue-12 polish, items 9 and 10: messages that say what happened and offer the way on.
import { expect, fixture, oneEvent } from '@open-wc/testing';
import { cognito } from '../../../src/cognito/cognito-client.js';
import '../../../src/elements/auth-register.js';
import '../../../src/elements/auth-signin.js';
import '../../../src/elements/auth-verify.js';
import type { AuthErrorEvent, AuthSignedInEvent, AuthVerifiedEvent } from '../../../src/events.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { configured, fillAndSubmit, parts, restoreSpies, settled, spyOn } from '../helpers/form.js';
import { clearFaults, createConfirmedUser, injectFault, latestCode, poolConfig, strongPassword, uniqueEmail } from '../helpers/pool.js';

/** Records console.error calls until restoreSpies(). */
function consoleErrors(): unknown[][] {
  return spyOn(console, 'error').calls;
}

/** Registers on a pool that answers SignUp with the error `__type`: `message`; resolves with the element and its auth-error. */
async function registerAgainst(type: string, text: string): Promise<{ el: HTMLElement; detail: AuthErrorEvent['detail'] }> {
  await injectFault({ operation: 'SignUp', kind: 'answer', status: 400, body: { __type: type, message: text }, times: 1 });
  const el = await fixture<HTMLElement>(configured('auth-register'));
  const error = oneEvent<AuthErrorEvent>(el, 'auth-error');
  fillAndSubmit(el, { email: uniqueEmail(), password: strongPassword, confirm: strongPassword });
  const { detail } = await error;
  await settled(el);
  return { el, detail };
}

afterEach(async () => {
  restoreSpies();
  await sessionStore.signOut().catch(() => {});
  sessionStore.setPendingEmail(null);
  await clearFaults();
});

describe('9. messages keep their causes', () => {
  it("shows a pre-sign-up trigger's own words", async () => {
    const { el, detail } = await registerAgainst('UserLambdaValidationException', 'PreSignUp failed with error Only example.org addresses may register.');
    expect(detail.code).to.equal('rejected');
    expect(parts(el).alert!.textContent).to.equal('This site did not accept the details: Only example.org addresses may register.');
    expect(detail.message, 'the event says what the page shows').to.equal(parts(el).alert!.textContent);
  });

  it('words a flow the app client does not allow for the developer, and logs it once', async () => {
    const errors = consoleErrors();
    await injectFault({
      operation: 'InitiateAuth',
      kind: 'answer',
      status: 400,
      body: { __type: 'InvalidParameterException', message: 'USER_SRP_AUTH is not enabled for the client.' },
      times: 2,
    });
    const el = await fixture(configured('auth-signin'));
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = oneEvent<AuthErrorEvent>(el, 'auth-error');
      fillAndSubmit(el, { username: 'someone@example.com', password: strongPassword });
      expect((await error).detail.code).to.equal('not-configured');
      await settled(el);
    }
    expect(parts(el).alert!.textContent).to.contain('does not allow this way of signing in (USER_SRP_AUTH is not enabled for the client)');
    expect(parts(el).alert!.textContent).not.to.match(/check what you typed|check it and try again/i);
    expect(errors.filter((args) => String(args[0]).includes('USER_SRP_AUTH'))).to.have.lengthOf(1);
  });

  it('reports a bug of ours as unexpected, in the console, rather than blaming the service', async () => {
    const errors = consoleErrors();
    const original = cognito.signIn;
    cognito.signIn = () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'x')"));
    try {
      const el = await fixture(configured('auth-signin'));
      const error = oneEvent<AuthErrorEvent>(el, 'auth-error');
      fillAndSubmit(el, { username: 'someone@example.com', password: strongPassword });
      expect((await error).detail.code).to.equal('unknown');
      await settled(el);
      expect(parts(el).alert!.textContent).to.equal('Something went wrong. Please try again.');
      expect(errors.some((args) => args[1] instanceof TypeError)).to.equal(true);
    } finally {
      cognito.signIn = original;
    }
  });
});

describe('10. smaller things', () => {
  it('warns about the pause before Cognito starts refusing, from the fourth failure in a row', async () => {
    const { email } = await createConfirmedUser(uniqueEmail('lockout'));
    const el = await fixture(configured('auth-signin'));
    const texts: string[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      const error = oneEvent<AuthErrorEvent>(el, 'auth-error');
      fillAndSubmit(el, { username: email, password: `Wrong-Password-${attempt}` });
      await error;
      await settled(el);
      texts.push(parts(el).alert!.textContent);
    }
    expect(texts[0]).to.equal('Incorrect email or password.');
    expect(texts[3]).to.contain('sign-in is paused for a while');
  });

  it('links "Sign in instead, or reset your password" to those pages', async () => {
    const { email } = await createConfirmedUser(uniqueEmail('exists'));
    const el = await fixture(configured('auth-register', 'signin-url="/signin.html" forgot-password-url="/forgot-password.html"'));
    const error = oneEvent<AuthErrorEvent>(el, 'auth-error');
    fillAndSubmit(el, { email, password: strongPassword, confirm: strongPassword });
    expect((await error).detail.code).to.equal('username-exists');
    await settled(el);
    const links = [...el.querySelectorAll<HTMLAnchorElement>('a[part~="secondary"]')].map((a) => [a.textContent.trim(), a.pathname]);
    expect(links).to.deep.equal([
      ['Sign in', '/signin.html'],
      ['Reset your password', '/forgot-password.html'],
    ]);
  });

  it('links "You can sign in" after verifying, and for an account already verified', async () => {
    const email = uniqueEmail('verified-link');
    await cognito.signUp(poolConfig(), { email, password: strongPassword });
    const el = await fixture(configured('auth-verify', `email="${email}" signin-url="/signin.html"`));
    const code = await latestCode(email);
    const verified = oneEvent<AuthVerifiedEvent>(el, 'auth-verified');
    fillAndSubmit(el, { code });
    await verified;
    await settled(el);
    expect(el.querySelector<HTMLAnchorElement>('a[part~="secondary"]')?.pathname).to.equal('/signin.html');

    const again = await fixture(configured('auth-verify', `email="${email}" signin-url="/signin.html"`));
    const error = oneEvent<AuthErrorEvent>(again, 'auth-error');
    fillAndSubmit(again, { code });
    const { detail } = await error;
    await settled(again);
    if (detail.code === 'already-confirmed') expect(again.querySelector<HTMLAnchorElement>('a[part~="secondary"]')?.pathname).to.equal('/signin.html');
  });

  it('names the same username in every event: what the person signs in with', async () => {
    const email = uniqueEmail('names');
    const registered = await fixture(configured('auth-register'));
    const reg = oneEvent<CustomEvent<{ username: string }>>(registered, 'auth-registered');
    fillAndSubmit(registered, { email, password: strongPassword, confirm: strongPassword });
    const usernames = [(await reg).detail.username];
    const verify = await fixture(configured('auth-verify', `email="${email}"`));
    const ver = oneEvent<AuthVerifiedEvent>(verify, 'auth-verified');
    // The sign-up's Session signs the new user in right after verifying: wait for that too, so
    // it cannot land after this test has signed out.
    const verifySignedIn = oneEvent<AuthSignedInEvent>(verify, 'auth-signed-in');
    fillAndSubmit(verify, { code: await latestCode(email) });
    usernames.push((await ver).detail.username);
    usernames.push((await verifySignedIn).detail.username);
    await sessionStore.signOut();
    const signin = await fixture(configured('auth-signin'));
    const signed = oneEvent<AuthSignedInEvent>(signin, 'auth-signed-in');
    fillAndSubmit(signin, { username: email, password: strongPassword });
    usernames.push((await signed).detail.username);
    expect(usernames).to.deep.equal([email, email, email, email]);
  });

  it('fires auth-error with the message it shows when the pool needs a detail the form lacks', async () => {
    const { el, detail } = await registerAgainst('InvalidParameterException', 'Attributes did not conform to the schema: name: The attribute is required');
    expect(parts(el).alert!.textContent).to.contain('need details this form does not ask for (full name)');
    expect(detail.message).to.equal(parts(el).alert!.textContent);
  });

  it('names the site in authenticator apps from <meta name="application-name"> rather than the host', async () => {
    const meta = Object.assign(document.createElement('meta'), { name: 'application-name', content: 'Wild Rydes' });
    document.head.append(meta);
    try {
      const { email, password } = await createConfirmedUser(uniqueEmail('issuer'), strongPassword, poolConfig({ pool: 'mfa', storage: 'memory' }));
      const step = await cognito.signIn(poolConfig({ pool: 'mfa', storage: 'memory' }), email, password);
      expect(step.step).to.equal('totp-setup');
      if (step.step === 'totp-setup') expect(step.otpauthUri).to.contain('issuer=Wild%20Rydes');
    } finally {
      meta.remove();
    }
  });
});

describe('10. wrong MFA codes are worded for where the code came from', () => {
  it('an authenticator code is "the code your authenticator app shows now"', async () => {
    const { authErrorMessage } = await import('../../../src/cognito/error-messages.js');
    expect(authErrorMessage('code-mismatch', 'mfa')).to.contain('authenticator app');
    expect(authErrorMessage('code-mismatch', 'mfa')).not.to.contain('message');
  });
});
