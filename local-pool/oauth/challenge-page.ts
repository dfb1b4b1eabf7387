// The steps after the password on /login: the MFA code (TOTP, SMS, email), the choice of MFA
// factor, and a new password for an account that must change it. Each step is answered with the
// pool's own RespondToAuthChallenge, so codes, lockout and sessions behave as they do for the API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeJwt } from 'jose';
import { CognitoError } from '../errors.js';
import { Input } from '../input.js';
import { respondToAuthChallenge } from '../operations/auth.js';
import type { Pool } from '../pool.js';
import { requestParams, type AuthorizeRequest } from './authorize-request.js';
import { finishSignIn } from './finish-sign-in.js';
import { csrfField, field, formError } from './form-parts.js';
import type { HostedUi } from './hosted-ui.js';
import { html, originOf, sendPage, type Html } from './html.js';
import { readForm } from './http.js';
import { pageRequest, renderLogin } from './login-page.js';
import { csrfMatches, csrfToken, startBrowserSession } from './session-cookie.js';

/** What InitiateAuth and RespondToAuthChallenge answer: tokens, or the next challenge. */
interface AuthStep {
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
  AuthenticationResult?: { AccessToken: string; RefreshToken?: string };
}

const MFA_CHALLENGES = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'];
/** The ChallengeResponses field each code challenge is answered in. */
const CODE_FIELD: Record<string, string> = { SMS_MFA: 'SMS_MFA_CODE', SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE', EMAIL_OTP: 'EMAIL_OTP_CODE' };
const FACTOR_NAMES: Record<string, string> = { SMS_MFA: 'A text message', SOFTWARE_TOKEN_MFA: 'An authenticator app', EMAIL_OTP: 'An email' };

function challengeForm(name: string, parameters: Record<string, string>, error: string | undefined): { heading: string; fields: Html } | null {
  const destination = parameters.CODE_DELIVERY_DESTINATION;
  const code = (prompt: string) =>
    html`<p>${prompt}</p>
      ${field({ name: 'code', label: 'Code', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', error, autofocus: true })}`;
  switch (name) {
    case 'SOFTWARE_TOKEN_MFA':
      return { heading: 'Enter your authenticator code', fields: code('Enter the six-digit code your authenticator app shows.') };
    case 'SMS_MFA':
      return { heading: 'Enter the code we texted you', fields: code(`We sent a code by text message to ${destination ?? 'your phone'}.`) };
    case 'EMAIL_OTP':
      return { heading: 'Enter the code we emailed you', fields: code(`We sent a code to ${destination ?? 'your email'}.`) };
    case 'SELECT_MFA_TYPE': {
      const choices = JSON.parse(parameters.MFAS_CAN_CHOOSE ?? '[]') as string[];
      return {
        heading: 'How do you want to get your code?',
        fields: html`<fieldset>
            <legend>Send the code with</legend>
            ${choices.map(
              (choice, i) =>
                html`<label class="choice"
                  ><input type="radio" name="answer" value="${choice}" required${i === 0 ? ' checked' : ''} /> ${FACTOR_NAMES[choice] ?? choice}</label
                >`,
            )}
          </fieldset>
          ${formError(error)}`,
      };
    }
    case 'NEW_PASSWORD_REQUIRED':
      return {
        heading: 'Choose a new password',
        fields: html`<p>Your account needs a new password before you can continue.</p>
          ${field({ name: 'new_password', label: 'New password', type: 'password', autocomplete: 'new-password', error, autofocus: true })}`,
      };
    default:
      return null;
  }
}

function renderChallenge(
  req: IncomingMessage,
  res: ServerResponse,
  request: AuthorizeRequest,
  step: { name: string; session: string; parameters: Record<string, string> },
  error?: string,
) {
  const form = challengeForm(step.name, step.parameters, error);
  if (!form) {
    // MFA_SETUP: setting up a factor needs an authenticator app's QR code, which this page does not offer.
    return sendPage(res, {
      title: 'Set up MFA',
      status: 400,
      body: html`<h1>Set up multi-factor authentication</h1>
        <p class="error" role="alert">
          This account must set up MFA before it can sign in here. The local hosted UI cannot set it up: sign in once in the app (which can), then come back.
        </p>`,
    });
  }
  const csrf = csrfToken(req);
  sendPage(res, {
    title: form.heading,
    status: error ? 400 : 200,
    formTargets: [originOf(request.redirectUri)],
    headers: csrf.setCookie ? { 'Set-Cookie': csrf.setCookie } : {},
    body: html`<h1>${form.heading}</h1>
      <form method="post" action="/mfa?${requestParams(request).toString()}">
        ${csrfField(csrf.token)}
        <input type="hidden" name="challenge" value="${step.name}" />
        <input type="hidden" name="session" value="${step.session}" />
        <input type="hidden" name="parameters" value="${JSON.stringify(step.parameters)}" />
        ${form.fields}
        <button type="submit">Continue</button>
      </form>`,
  });
}

/**
 * After a password or a challenge answer: the next challenge's page, or (tokens) the browser
 * session and the way back to the app. The API's tokens are not handed out (the token endpoint
 * mints the OAuth ones); their refresh token is dropped so it lingers nowhere.
 */
export async function afterSignInStep(
  pool: Pool,
  hostedUi: HostedUi,
  req: IncomingMessage,
  res: ServerResponse,
  request: AuthorizeRequest,
  step: AuthStep,
  answered: string | null,
) {
  const result = step.AuthenticationResult;
  if (!result) {
    return renderChallenge(req, res, request, { name: step.ChallengeName ?? '', session: step.Session ?? '', parameters: step.ChallengeParameters ?? {} });
  }
  if (result.RefreshToken) pool.store.refreshTokens.delete(result.RefreshToken);
  await pool.store.save();
  const { username, auth_time: authTime } = decodeJwt(result.AccessToken) as { username: string; auth_time: number };
  const signedIn = { username, provider: 'COGNITO', authTime, amr: answered && MFA_CHALLENGES.includes(answered) ? ['pwd', 'mfa'] : ['pwd'] };
  return finishSignIn(pool, hostedUi, res, request, signedIn, [startBrowserSession(pool, hostedUi, signedIn)]);
}

function responsesFor(name: string, form: URLSearchParams): Record<string, string> {
  if (name in CODE_FIELD) return { [CODE_FIELD[name]]: (form.get('code') ?? '').trim() };
  if (name === 'SELECT_MFA_TYPE') return { ANSWER: form.get('answer') ?? '' };
  if (name === 'NEW_PASSWORD_REQUIRED') return { NEW_PASSWORD: form.get('new_password') ?? '' };
  return {};
}

export async function submitChallenge(pool: Pool, hostedUi: HostedUi, req: IncomingMessage, res: ServerResponse, url: URL) {
  const form = await readForm(req, pool.config.maxBodyBytes);
  const request = pageRequest(pool, res, url);
  if (!request) return;
  const name = form?.get('challenge') ?? '';
  const session = form?.get('session') ?? '';
  if (!form || !csrfMatches(req, form) || !session) {
    return renderLogin(pool, req, res, request, { formError: 'This page had expired. Please sign in again.', status: 403 });
  }
  let parameters: Record<string, string> = {};
  try {
    parameters = JSON.parse(form.get('parameters') ?? '{}') as Record<string, string>;
  } catch {
    // Only the wording of the prompt depends on it.
  }
  try {
    const step = (await respondToAuthChallenge(
      pool,
      new Input({ ClientId: pool.config.clientId, ChallengeName: name, Session: session, ChallengeResponses: responsesFor(name, form) }),
    )) as AuthStep;
    return await afterSignInStep(pool, hostedUi, req, res, request, step, name);
  } catch (error) {
    if (!(error instanceof CognitoError)) throw error;
    // A wrong code keeps the challenge open; an ended session (expired, locked out) starts over.
    if (error.type === 'CodeMismatchException' || error.type === 'InvalidPasswordException' || error.type === 'InvalidParameterException') {
      return renderChallenge(req, res, request, { name, session, parameters }, error.message);
    }
    return renderLogin(pool, req, res, request, { formError: error.message, status: 400 });
  }
}
