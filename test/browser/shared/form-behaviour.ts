// What every form element does the same way, tested once and run for each tag: accessibility,
// ids, styles, browser checks, configuration, busy state, server errors, events and `next`.
import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { cognito } from '../../../src/cognito/cognito-client.js';
import { authErrorMessage } from '../../../src/cognito/error-messages.js';
import { configure } from '../../../src/config/index.js';
import type { AuthErrorEvent, AuthEventDetails, AuthFlow } from '../../../src/events.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { defineElement } from '../../../src/shared/define-element.js';
import { captureNavigation, configured, fill, parts, restoreSpies, settled, spyOn } from '../helpers/form.js';
import { clearFaults, injectFault } from '../helpers/pool.js';
import { logCognitoRequests } from '../helpers/requests.js';

type Tag = 'auth-register' | 'auth-verify' | 'auth-signin';
type AdapterMethod = 'signUp' | 'confirmSignUp' | 'signIn';

export interface FormCase {
  tag: Tag;
  flow: AuthFlow;
  /** The adapter method a submit calls, and the Cognito operation behind it (for faults). */
  method: AdapterMethod;
  operation: string;
  successEvent: keyof AuthEventDetails;
  /** Values that should succeed (creating whatever the pool needs first). */
  prepare(): Promise<Record<string, string>>;
  /** Values refused in the browser, and the field that should be flagged. */
  invalid: Array<{ why: string; values: Record<string, string>; field: string }>;
}

const ALL_CONFIG = { region: null, userPoolId: null, userPoolClientId: null, endpoint: null };

/** Submits `values` and resolves with the first auth-error or success event. */
async function submitAndSettle(el: Element, values: Record<string, string>, success: string) {
  const settled = Promise.race([oneEvent(el, 'auth-error'), oneEvent(el, success)]);
  fill(el, values);
  parts(el).submit.click();
  return await settled;
}

export function itBehavesLikeAnAuthForm(c: FormCase): void {
  describe(`<${c.tag}> shared form behaviour`, () => {
    afterEach(async () => {
      restoreSpies();
      configure(ALL_CONFIG);
      await clearFaults();
      // A sign-in that succeeded leaves a session: the next form would say "already signed in".
      await sessionStore.signOut().catch(() => {});
    });

    it('renders a real form with a label for every input and is accessible when empty', async () => {
      const el = await fixture(configured(c.tag));
      const { form } = parts(el);
      expect(form.localName).to.equal('form');
      for (const input of el.querySelectorAll<HTMLInputElement>('[part~="input"]')) {
        expect(input.labels?.length, input.name).to.equal(1);
        expect(input.autocomplete, input.name).to.not.equal('');
      }
      expect(el.shadowRoot).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('gives two instances on one page distinct ids', async () => {
      const wrapper = await fixture(`<div>${configured(c.tag)}${configured(c.tag)}</div>`);
      const ids = [...wrapper.querySelectorAll('[id]')].map((node) => node.id);
      expect(ids.length).to.be.greaterThan(2);
      expect(new Set(ids).size).to.equal(ids.length);
      await expect(wrapper).to.be.accessible();
    });

    it('does not throw when the tag is defined again', () => {
      const before = customElements.get(c.tag)!;
      expect(() => defineElement(c.tag, class extends HTMLElement {})).to.not.throw();
      expect(() => defineElement(c.tag, before)).to.not.throw();
      expect(customElements.get(c.tag)).to.equal(before);
    });

    it('adopts one stylesheet into the document and into a shadow root it is placed in', async () => {
      await fixture(configured(c.tag));
      await fixture(configured(c.tag));
      const ours = document.adoptedStyleSheets.filter((sheet) => [...sheet.cssRules].some((r) => r.cssText.includes(c.tag)));
      expect(ours.length).to.equal(1);

      const host = await fixture<HTMLDivElement>('<div></div>');
      const shadow = host.attachShadow({ mode: 'open' });
      shadow.innerHTML = configured(c.tag);
      await settled(shadow.firstElementChild!);
      expect(shadow.adoptedStyleSheets).to.have.lengthOf(1);
    });

    it("lets the page's own CSS win over its styles", async () => {
      const style = document.createElement('style');
      style.textContent = 'input { border-top-width: 7px } button { border-radius: 3px }';
      document.head.append(style);
      try {
        const el = await fixture(configured(c.tag));
        expect(getComputedStyle(el.querySelector('input')!).borderTopWidth).to.equal('7px');
        expect(getComputedStyle(parts(el).submit).borderTopLeftRadius).to.equal('3px');
      } finally {
        style.remove();
      }
    });

    for (const { why, values, field } of c.invalid) {
      it(`refuses ${why} in the browser, next to the field, without a request`, async () => {
        const spy = spyOn(cognito, c.method);
        const el = await fixture(configured(c.tag));
        fill(el, values);
        parts(el).submit.click();
        await waitUntil(() => parts(el).input(field).getAttribute('aria-invalid') === 'true', 'field not flagged');
        const input = parts(el).input(field);
        const error = parts(el).fieldError(field)!;
        expect(error.textContent.trim()).to.not.equal('');
        expect(input.getAttribute('aria-describedby')!.split(' ')).to.include(error.id);
        expect(document.activeElement).to.equal(el.querySelector('[aria-invalid="true"]'));
        expect(spy.calls).to.have.lengthOf(0);
        await expect(el).to.be.accessible();
      });
    }

    it('says which configuration is missing and sends nothing', async () => {
      const spy = spyOn(cognito, c.method);
      const el = await fixture(`<${c.tag} user-pool-id="us-east-1_Abc123"></${c.tag}>`);
      expect(parts(el).alert?.textContent).to.contain('userPoolClientId');
      await expect(el).to.be.accessible();
      const error = oneEvent<AuthErrorEvent>(el, 'auth-error');
      fill(el, await c.prepare());
      parts(el).submit.click();
      const { detail } = await error;
      expect(detail).to.include({ code: 'not-configured', flow: c.flow });
      expect(detail.message).to.contain('userPoolClientId');
      expect(spy.calls).to.have.lengthOf(0);
    });

    it('takes configuration from configure(), with its own attributes winning', async () => {
      const el = await fixture(`<${c.tag} user-pool-client-id="unknownclient0000000000000"></${c.tag}>`);
      const { url, poolId, clientId } = window.__localPool;
      configure({ userPoolId: poolId, userPoolClientId: clientId, endpoint: url });
      await settled(el);
      expect(parts(el).alert, 'notice gone after configure()').to.equal(null);
      // The attribute still wins: the pool does not know that client.
      const event = await submitAndSettle(el, await c.prepare(), c.successEvent);
      expect(event.type).to.equal('auth-error');
      expect((event as AuthErrorEvent).detail.code).to.equal('not-configured');
      el.removeAttribute('user-pool-client-id');
      await settled(el);
      const retry = await submitAndSettle(el, {}, c.successEvent);
      expect(retry.type).to.equal(c.successEvent);
    });

    it('shows a busy state and sends one request however often it is submitted meanwhile', async () => {
      const spy = spyOn(cognito, c.method);
      await injectFault({ operation: c.operation, kind: 'delay', delayMs: 1500, times: 1 });
      const el = await fixture(configured(c.tag));
      const done = oneEvent(el, c.successEvent);
      fill(el, await c.prepare());
      parts(el).submit.click();
      await settled(el);
      const { form, submit } = parts(el);
      expect(submit.disabled).to.equal(true);
      expect(form.getAttribute('aria-busy')).to.equal('true');
      await expect(el).to.be.accessible();
      submit.click();
      form.requestSubmit(); // what Enter in a field does
      await done;
      expect(spy.calls).to.have.lengthOf(1);
      // <auth-signin> shows "You are signed in as …" in place of its form once done.
      await waitUntil(() => !el.querySelector<HTMLButtonElement>('[part~="submit"]')?.disabled, 'still busy after success');
      expect(el.querySelector('form')?.getAttribute('aria-busy') ?? 'false').to.equal('false');
    });

    for (const [kind, code] of [
      ['http-500', 'server'],
      ['throttle', 'too-many-requests'],
      ['drop', 'network'],
      ['delay', 'timeout'],
    ] as const) {
      it(`shows a ${kind} from the pool, sends one request, keeps what was typed, and succeeds on retry`, async () => {
        // A pool slower than the configured timeout (400 ms here) must not leave the form busy.
        if (kind === 'delay') configure({ timeout: 400 });
        const el = await fixture(configured(c.tag));
        const values = await c.prepare();
        // Until cleared: Chrome silently retries a POST once when a reused connection is reset,
        // so a one-time drop may never reach the page.
        await injectFault({ operation: c.operation, kind, delayMs: 2000 });
        const requests = logCognitoRequests();
        let failed: Event;
        try {
          failed = await submitAndSettle(el, values, c.successEvent);
          expect(requests.count(c.operation), 'requests for one submit').to.equal(1);
        } finally {
          requests.stop();
          configure({ timeout: null });
        }
        expect(failed.type).to.equal('auth-error');
        expect((failed as AuthErrorEvent).detail).to.deep.equal({
          flow: c.flow,
          code,
          message: authErrorMessage(code, c.flow),
        });
        await settled(el);
        expect(parts(el).alert?.textContent?.trim()).to.equal(authErrorMessage(code, c.flow));
        for (const [name, value] of Object.entries(values)) expect(parts(el).input(name).value, name).to.equal(value);
        await expect(el).to.be.accessible();

        expect(parts(el).submit.disabled, 'busy after the failure').to.equal(false);
        await clearFaults();
        // The timed-out request still reached the pool (it only answered late), so its retry may
        // meet "already done"; the other faults stopped theirs, so the retry succeeds.
        if (kind === 'delay') return;
        const retried = await submitAndSettle(el, {}, c.successEvent);
        expect(retried.type).to.equal(c.successEvent);
        expect(parts(el).alert).to.equal(null);
      });
    }

    it('fires a bubbling, composed success event without tokens, and is accessible after', async () => {
      const el = await fixture(configured(c.tag));
      const values = await c.prepare();
      const onDocument = oneEvent(document, c.successEvent);
      fill(el, values);
      parts(el).submit.click();
      const event = await onDocument;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(JSON.stringify(event.detail)).to.not.match(/eyJ[\w-]+\.[\w-]+/); // no JWT
      await settled(el);
      expect(parts(el).status.textContent.trim()).to.not.equal('');
      await expect(el).to.be.accessible();
    });

    it('goes to a same-origin next URL after success', async () => {
      const urls = captureNavigation();
      const el = await fixture(configured(c.tag, 'next="/welcome.html?from=test"'));
      const done = oneEvent(el, c.successEvent);
      fill(el, await c.prepare());
      parts(el).submit.click();
      await done;
      expect(urls).to.deep.equal([new URL('/welcome.html?from=test', location.href).href]);
    });

    for (const next of ['javascript:alert(1)', 'https://evil.example/', '//evil.example/x']) {
      it(`refuses next="${next}"`, async () => {
        const urls = captureNavigation();
        const el = await fixture(configured(c.tag, `next="${next}"`));
        const done = oneEvent(el, c.successEvent);
        fill(el, await c.prepare());
        parts(el).submit.click();
        await done;
        expect(urls).to.deep.equal([]);
      });
    }
  });
}
