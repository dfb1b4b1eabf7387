// /login: the hosted UI's sign-in page. Plain HTML that works without JavaScript: email (or
// username) and password posted to the pool, checked by the pool's own USER_PASSWORD_AUTH code
// (lockout, unconfirmed users and every InitiateAuth refusal included), then MFA on a second page.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CognitoError } from '../errors.js';
import { passwordAuth } from '../operations/auth.js';
import type { Pool } from '../pool.js';
import { checkAuthorizeRequest, requestParams, type AuthorizeRequest } from './authorize-request.js';
import { afterSignInStep } from './challenge-page.js';
import { csrfField, field, formError } from './form-parts.js';
import type { HostedUi } from './hosted-ui.js';
import { html, originOf, sendErrorPage, sendPage, type Html } from './html.js';
import { readForm, redirect } from './http.js';
import { providerButtons } from './provider-page.js';
import { csrfMatches, csrfToken } from './session-cookie.js';

export interface LoginView {
  username?: string;
  usernameError?: string;
  passwordError?: string;
  formError?: string;
  /** A link that helps with formError (confirm the account, reset the password). */
  formErrorLink?: Html;
  /** A note above the form (after sign-up, after a password reset). */
  note?: string;
  status?: number;
}

/** The request of a hosted UI page, or the answer already sent when it cannot be served. */
export function pageRequest(pool: Pool, res: ServerResponse, url: URL): AuthorizeRequest | null {
  const check = checkAuthorizeRequest(pool, url.searchParams);
  if (check.ok) return check.request;
  if (check.page !== undefined) sendErrorPage(res, check.page);
  else redirect(res, check.redirect);
  return null;
}

export function renderLogin(pool: Pool, req: IncomingMessage, res: ServerResponse, request: AuthorizeRequest, view: LoginView = {}) {
  const csrf = csrfToken(req);
  const params = requestParams(request);
  const email = pool.config.emailAsUsername;
  const providers = request.identityProvider === 'COGNITO' ? [] : pool.config.hostedUi.providers;
  const body = html`<h1>Sign in</h1>
    ${view.note ? html`<p class="note" role="status">${view.note}</p>` : ''} ${formError(view.formError, view.formErrorLink)}
    <form method="post" action="/login?${params.toString()}">
      ${csrfField(csrf.token)}
      ${field({
        name: 'username',
        label: email ? 'Email' : 'Username',
        type: email ? 'email' : 'text',
        autocomplete: 'username',
        value: view.username ?? request.loginHint,
        error: view.usernameError,
        // After a refused password the email stays, so the password is what to type next.
        autofocus: !view.username || view.usernameError !== undefined,
      })}
      ${field({
        name: 'password',
        label: 'Password',
        type: 'password',
        autocomplete: 'current-password',
        error: view.passwordError,
        autofocus: Boolean(view.username) && view.usernameError === undefined,
      })}
      <button type="submit">Sign in</button>
    </form>
    <p class="links"><a href="/forgotPassword?${params.toString()}">Forgot your password?</a> <a href="/signup?${params.toString()}">Create an account</a></p>
    ${providerButtons(providers, request)}`;
  sendPage(res, {
    title: 'Sign in',
    body,
    status: view.status,
    formTargets: [originOf(request.redirectUri)],
    headers: csrf.setCookie ? { 'Set-Cookie': csrf.setCookie } : {},
  });
}

/** Words for InitiateAuth's refusals, with the page that helps where there is one. */
function refusal(error: CognitoError, request: AuthorizeRequest, username: string): Pick<LoginView, 'formError' | 'formErrorLink'> {
  const params = requestParams(request);
  if (error.type === 'UserNotConfirmedException') {
    params.set('username', username);
    return { formError: 'Your account is not confirmed yet.', formErrorLink: html`<a href="/confirm?${params.toString()}">Enter your confirmation code</a>` };
  }
  if (error.type === 'PasswordResetRequiredException') {
    return { formError: 'You need to reset your password.', formErrorLink: html`<a href="/forgotPassword?${params.toString()}">Reset it now</a>` };
  }
  return { formError: error.message };
}

export function loginPage(pool: Pool, req: IncomingMessage, res: ServerResponse, url: URL) {
  const request = pageRequest(pool, res, url);
  if (request) renderLogin(pool, req, res, request);
}

export async function submitLogin(pool: Pool, hostedUi: HostedUi, req: IncomingMessage, res: ServerResponse, url: URL) {
  const form = await readForm(req, pool.config.maxBodyBytes);
  const request = pageRequest(pool, res, url);
  if (!request) return;
  if (!form) return sendErrorPage(res, 'The sign-in form was not sent as a form.');
  const username = (form.get('username') ?? '').trim();
  const password = form.get('password') ?? '';
  if (!csrfMatches(req, form)) {
    return renderLogin(pool, req, res, request, { username, formError: 'This page had expired. Please sign in again.', status: 403 });
  }
  if (!username || !password) {
    return renderLogin(pool, req, res, request, {
      username,
      usernameError: username ? undefined : 'Enter your email.',
      passwordError: password ? undefined : 'Enter your password.',
      status: 400,
    });
  }
  try {
    const result = await passwordAuth(pool, { USERNAME: username, PASSWORD: password });
    return await afterSignInStep(pool, hostedUi, req, res, request, result, null);
  } catch (error) {
    if (!(error instanceof CognitoError)) throw error;
    return renderLogin(pool, req, res, request, { username, ...refusal(error, request, username), status: 400 });
  }
}
