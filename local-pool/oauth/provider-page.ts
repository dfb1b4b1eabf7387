// The federated providers' stand-ins: the /login buttons, a page of the pool's own where the tester
// types (or picks again) the identity the provider would return, and /oauth2/idpresponse, where
// Cognito receives the provider's answer and the pool creates or finds the user and signs it in.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CognitoError } from '../errors.js';
import type { Pool } from '../pool.js';
import { errorRedirect, requestParams, type AuthorizeRequest } from './authorize-request.js';
import { finishSignIn } from './finish-sign-in.js';
import { earlierIdentities, federatedUser } from './federated-user.js';
import { csrfField, field, formError } from './form-parts.js';
import type { HostedUi } from './hosted-ui.js';
import type { FederatedProvider } from './hosted-ui-config.js';
import { html, originOf, sendErrorPage, sendPage, type Html } from './html.js';
import { readForm, redirect } from './http.js';
import { pageRequest } from './login-page.js';
import { csrfMatches, csrfToken, startBrowserSession } from './session-cookie.js';

const PREFIX = '/_hosted/provider/';
const LABELS: Record<string, string> = { Google: 'Google', SignInWithApple: 'Apple', Facebook: 'Facebook', LoginWithAmazon: 'Amazon' };

export const providerPagePath = (name: string) => `${PREFIX}${encodeURIComponent(name)}`;
export const isProviderPage = (path: string) => path.startsWith(PREFIX);
const label = (provider: FederatedProvider) => LABELS[provider.type] ?? provider.name;

/** The "Continue with …" links on /login (links, so they need no script). */
export function providerButtons(providers: FederatedProvider[], request: AuthorizeRequest): Html | '' {
  if (!providers.length) return '';
  return html`<section class="providers" aria-labelledby="providers-heading">
    <h2 id="providers-heading">Or sign in with</h2>
    ${providers.map((provider) => {
      const params = requestParams({ ...request, identityProvider: provider.name });
      return html`<a class="provider" href="${providerPagePath(provider.name)}?${params.toString()}">Continue with ${label(provider)}</a>`;
    })}
  </section>`;
}

function providerNamed(pool: Pool, name: string): FederatedProvider | undefined {
  return pool.config.hostedUi.providers.find((provider) => provider.name === name);
}

/** Google's subjects are 21 digits; the others' are opaque strings. Stable per email, so typing it again links. */
function defaultSubject(provider: FederatedProvider, email: string): string {
  const digest = createHash('sha256').update(`${provider.name}\0${email.toLowerCase()}`).digest();
  if (provider.type === 'Google') return (BigInt(`0x${digest.toString('hex')}`) % 10n ** 21n).toString().padStart(21, '1');
  return digest.subarray(0, 16).toString('hex');
}

interface StandInView {
  email?: string;
  name?: string;
  subject?: string;
  emailError?: string;
  formError?: string;
  status?: number;
}

function renderStandIn(pool: Pool, req: IncomingMessage, res: ServerResponse, request: AuthorizeRequest, provider: FederatedProvider, view: StandInView = {}) {
  const csrf = csrfToken(req);
  const action = `/oauth2/idpresponse?${requestParams({ ...request, identityProvider: provider.name }).toString()}`;
  const hidden = html`${csrfField(csrf.token)}<input type="hidden" name="provider" value="${provider.name}" />`;
  const earlier = earlierIdentities(pool, provider);
  const body = html`<h1>${label(provider)} (stand-in)</h1>
    <p class="note">The local pool stands in for ${label(provider)}: nothing leaves this machine. Type the identity ${label(provider)} would return.</p>
    ${formError(view.formError)}
    ${
      earlier.length
        ? html`<section aria-labelledby="earlier-heading">
            <h2 id="earlier-heading">Signed in before</h2>
            ${earlier.map(
              (user) =>
                html`<form method="post" action="${action}">
                  ${hidden}
                  <input type="hidden" name="email" value="${user.attributes.email ?? ''}" />
                  <input type="hidden" name="name" value="${user.attributes.name ?? ''}" />
                  <input type="hidden" name="subject" value="${user.username.slice(provider.name.length + 1)}" />
                  <input type="hidden" name="email_verified" value="${user.attributes.email_verified ?? 'false'}" />
                  <button type="submit" class="provider">Continue as ${user.attributes.email ?? user.username}</button>
                </form>`,
            )}
          </section>`
        : ''
    }
    <form method="post" action="${action}">
      ${hidden}
      ${field({ name: 'email', label: 'Email', type: 'email', autocomplete: 'email', value: view.email ?? request.loginHint, error: view.emailError, autofocus: true })}
      <label for="field-name">Name (optional)</label>
      <input id="field-name" name="name" type="text" autocomplete="name" value="${view.name ?? ''}" />
      <label for="field-subject">Subject (optional: the provider's user id; derived from the email when empty)</label>
      <input id="field-subject" name="subject" type="text" autocomplete="off" value="${view.subject ?? ''}" />
      <label class="choice"><input type="checkbox" name="email_verified" value="true" checked /> ${label(provider)} has verified this email</label>
      <button type="submit">Continue</button>
    </form>
    <form method="post" action="${action}">
      ${hidden}<input type="hidden" name="cancel" value="true" /><button type="submit" class="provider">Cancel</button>
    </form>`;
  sendPage(res, {
    title: `${label(provider)} (stand-in)`,
    body,
    status: view.status,
    formTargets: [originOf(request.redirectUri)],
    headers: csrf.setCookie ? { 'Set-Cookie': csrf.setCookie } : {},
  });
}

export function providerPage(pool: Pool, req: IncomingMessage, res: ServerResponse, url: URL) {
  const provider = providerNamed(pool, decodeURIComponent(url.pathname.slice(PREFIX.length)));
  if (!provider) return sendErrorPage(res, 'That identity provider is not enabled for this user pool (--federated).', 404);
  const request = pageRequest(pool, res, url);
  if (request) renderStandIn(pool, req, res, request, provider);
}

/** The provider's answer: find or create the user, start the browser session, back to the app. */
export async function providerResponse(pool: Pool, hostedUi: HostedUi, req: IncomingMessage, res: ServerResponse, url: URL) {
  const form = await readForm(req, pool.config.maxBodyBytes);
  const request = pageRequest(pool, res, url);
  if (!request) return;
  const provider = providerNamed(pool, form?.get('provider') ?? '');
  if (!form || !provider) return sendErrorPage(res, 'The answer names no identity provider enabled for this user pool.');
  if (!csrfMatches(req, form)) return renderStandIn(pool, req, res, request, provider, { formError: 'This page had expired. Please try again.', status: 403 });
  const fragment = request.responseType === 'token';
  if (form.get('cancel') === 'true') {
    return redirect(res, errorRedirect(request.redirectUri, fragment, 'invalid_request', `${provider.name} Error - access_denied`, request.state));
  }
  const email = (form.get('email') ?? '').trim();
  const name = (form.get('name') ?? '').trim();
  if (!email) return renderStandIn(pool, req, res, request, provider, { name, emailError: 'Enter the email the provider returns.', status: 400 });
  const subject = (form.get('subject') ?? '').trim() || defaultSubject(provider, email);
  try {
    const user = federatedUser(pool, provider, { subject, email, name: name || undefined, emailVerified: form.get('email_verified') === 'true' });
    await pool.store.save();
    const signedIn = { username: user.username, provider: provider.name, authTime: Math.floor(Date.now() / 1000), amr: [] };
    return await finishSignIn(pool, hostedUi, res, request, signedIn, [startBrowserSession(pool, hostedUi, signedIn)]);
  } catch (error) {
    if (!(error instanceof CognitoError)) throw error;
    return redirect(res, errorRedirect(request.redirectUri, fragment, 'invalid_request', error.message, request.state));
  }
}
