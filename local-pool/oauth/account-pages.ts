// The pages /login links to, minimal but real: /signup (SignUp), /confirm (ConfirmSignUp, with a
// new code on request), /forgotPassword (ForgotPassword) and /confirmForgotPassword
// (ConfirmForgotPassword). Each runs the pool's own operation, so its rules and errors are the
// API's; each ends back on /login with the authorization request it came with.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CognitoError } from '../errors.js';
import { Input } from '../input.js';
import { confirmForgotPassword, forgotPassword } from '../operations/password.js';
import { confirmSignUp, resendConfirmationCode, signUp } from '../operations/signup.js';
import type { Pool } from '../pool.js';
import { requestParams, type AuthorizeRequest } from './authorize-request.js';
import { csrfField, field, formError, type FieldOptions } from './form-parts.js';
import { html, originOf, sendPage, type Html } from './html.js';
import { readForm, redirect } from './http.js';
import { pageRequest, renderLogin } from './login-page.js';
import { csrfMatches, csrfToken } from './session-cookie.js';

interface AccountPage {
  title: string;
  intro?: (pool: Pool, form: URLSearchParams) => string;
  fields: (pool: Pool) => Omit<FieldOptions, 'value' | 'error'>[];
  /** Runs the operation; returns where to go next (with the request's parameters added). */
  submit: (pool: Pool, form: URLSearchParams) => Promise<{ next: string; username?: string; note?: string }>;
  button: string;
  /** A second button (name="action" value="resend") and what it does. */
  resend?: { label: string; run: (pool: Pool, form: URLSearchParams) => Promise<string> };
  links?: (params: string) => Html;
}

const usernameField = (pool: Pool): Omit<FieldOptions, 'value' | 'error'> =>
  pool.config.emailAsUsername
    ? { name: 'username', label: 'Email', type: 'email', autocomplete: 'username' }
    : { name: 'username', label: 'Username', type: 'text', autocomplete: 'username' };

const codeField: Omit<FieldOptions, 'value' | 'error'> = { name: 'code', label: 'Code', type: 'text', autocomplete: 'one-time-code', inputmode: 'numeric' };
const value = (form: URLSearchParams, name: string) => (form.get(name) ?? '').trim();
const clientId = (pool: Pool) => pool.config.clientId;

const PAGES: Record<string, AccountPage> = {
  '/signup': {
    title: 'Create an account',
    fields: (pool) => [
      usernameField(pool),
      ...(pool.config.emailAsUsername ? [] : [{ name: 'email', label: 'Email', type: 'email' as const, autocomplete: 'email' }]),
      { name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password' },
    ],
    button: 'Create account',
    async submit(pool, form) {
      const username = value(form, 'username');
      const email = pool.config.emailAsUsername ? username : value(form, 'email');
      await signUp(
        pool,
        new Input({
          ClientId: clientId(pool),
          Username: username,
          Password: form.get('password') ?? '',
          UserAttributes: email ? [{ Name: 'email', Value: email }] : [],
        }),
      );
      return { next: '/confirm', username };
    },
    links: (params) => html`<p class="links"><a href="/login?${params}">I already have an account</a></p>`,
  },
  '/confirm': {
    title: 'Confirm your account',
    intro: () => 'Enter the code we sent you.',
    fields: (pool) => [usernameField(pool), codeField],
    button: 'Confirm',
    async submit(pool, form) {
      await confirmSignUp(pool, new Input({ ClientId: clientId(pool), Username: value(form, 'username'), ConfirmationCode: value(form, 'code') }));
      return { next: '/login', username: value(form, 'username'), note: 'Your account is confirmed. Sign in to continue.' };
    },
    resend: {
      label: 'Send a new code',
      async run(pool, form) {
        await resendConfirmationCode(pool, new Input({ ClientId: clientId(pool), Username: value(form, 'username') }));
        return 'We sent a new code.';
      },
    },
  },
  '/forgotPassword': {
    title: 'Reset your password',
    intro: () => 'We will send you a code to reset your password.',
    fields: (pool) => [usernameField(pool)],
    button: 'Send code',
    async submit(pool, form) {
      await forgotPassword(pool, new Input({ ClientId: clientId(pool), Username: value(form, 'username') }));
      return { next: '/confirmForgotPassword', username: value(form, 'username') };
    },
    links: (params) => html`<p class="links"><a href="/login?${params}">Back to sign in</a></p>`,
  },
  '/confirmForgotPassword': {
    title: 'Choose a new password',
    intro: () => 'Enter the code we sent you and your new password.',
    fields: (pool) => [usernameField(pool), codeField, { name: 'password', label: 'New password', type: 'password', autocomplete: 'new-password' }],
    button: 'Change password',
    async submit(pool, form) {
      const username = value(form, 'username');
      await confirmForgotPassword(
        pool,
        new Input({ ClientId: clientId(pool), Username: username, ConfirmationCode: value(form, 'code'), Password: form.get('password') ?? '' }),
      );
      return { next: '/login', username, note: 'Your password is changed. Sign in with it.' };
    },
  },
};

export const isAccountPage = (path: string) => path in PAGES;

interface PageView {
  values: Record<string, string>;
  error?: string;
  note?: string;
  status?: number;
}

function render(pool: Pool, req: IncomingMessage, res: ServerResponse, path: string, request: AuthorizeRequest, view: PageView) {
  const page = PAGES[path];
  const csrf = csrfToken(req);
  const params = requestParams(request).toString();
  const body = html`<h1>${page.title}</h1>
    ${page.intro ? html`<p>${page.intro(pool, new URLSearchParams(view.values))}</p>` : ''}
    ${view.note ? html`<p class="note" role="status">${view.note}</p>` : ''} ${formError(view.error)}
    <form method="post" action="${path}?${params}">
      ${csrfField(csrf.token)}
      ${page.fields(pool).map((options, i) =>
        field({
          ...options,
          value: options.type === 'password' ? undefined : (view.values[options.name] ?? (options.name === 'username' ? request.loginHint : undefined)),
          autofocus: i === 0,
        }),
      )}
      <button type="submit">${page.button}</button>
      ${page.resend ? html`<button type="submit" class="provider" name="action" value="resend" formnovalidate>${page.resend.label}</button>` : ''}
    </form>
    ${page.links ? page.links(params) : ''}`;
  sendPage(res, {
    title: page.title,
    body,
    status: view.status,
    formTargets: [originOf(request.redirectUri)],
    headers: csrf.setCookie ? { 'Set-Cookie': csrf.setCookie } : {},
  });
}

export function accountPage(pool: Pool, req: IncomingMessage, res: ServerResponse, url: URL) {
  const request = pageRequest(pool, res, url);
  if (!request) return;
  const username = url.searchParams.get('username') ?? undefined;
  render(pool, req, res, url.pathname, request, { values: username ? { username } : {} });
}

export async function submitAccountPage(pool: Pool, req: IncomingMessage, res: ServerResponse, url: URL) {
  const form = (await readForm(req, pool.config.maxBodyBytes)) ?? new URLSearchParams();
  const request = pageRequest(pool, res, url);
  if (!request) return;
  const page = PAGES[url.pathname];
  const values = Object.fromEntries([...form].filter(([name]) => name !== 'password' && name !== '_csrf' && name !== 'action'));
  if (!csrfMatches(req, form)) return render(pool, req, res, url.pathname, request, { values, error: 'This page had expired. Please try again.', status: 403 });
  try {
    if (form.get('action') === 'resend' && page.resend) {
      return render(pool, req, res, url.pathname, request, { values, note: await page.resend.run(pool, form) });
    }
    const done = await page.submit(pool, form);
    if (done.next === '/login') return renderLogin(pool, req, res, request, { username: done.username, note: done.note });
    const params = requestParams(request);
    if (done.username) params.set('username', done.username);
    // 303: the next page is fetched with GET, whatever this request's method.
    return redirect(res, `${done.next}?${params}`, {}, 303);
  } catch (error) {
    if (!(error instanceof CognitoError)) throw error;
    return render(pool, req, res, url.pathname, request, { values, error: error.message, status: 400 });
  }
}
