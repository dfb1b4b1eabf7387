// MFA_SETUP: the pool wants an authenticator app. Shows the secret (grouped for reading, with a
// copy button), an otpauth:// link for an app on this device, and a QR code, then takes the
// first code to confirm the app is set up.
import { html, nothing, type TemplateResult } from 'lit';
import type { SignInStep } from '../../cognito/types.js';
import { message } from '../../messages/message.js';
import type { qrCode } from './qr-code.js';
import { codeField, stepForm, type StepContext } from './step-context.js';

// The QR encoder is loaded the first time this step appears (the drop-in file fetches it from
// beside itself; a bundler makes it a chunk): most visitors never set up an authenticator app, so
// the others do not download it. Until it arrives, or if it cannot, the key and the link below work.
let drawQr: typeof qrCode | undefined;
let loadingQr: Promise<void> | undefined;

/** What showing a key needs from its element: a re-render (the QR code arrived) and a status line (copied). */
export type TotpKeyHost = Pick<StepContext, 'requestUpdate' | 'setStatus'>;

function qrCodeWhenLoaded(ctx: TotpKeyHost, text: string, label: string) {
  if (drawQr) return drawQr(text, label);
  loadingQr ??= import('./qr-code.js').then(
    (module) => void (drawQr = module.qrCode),
    () => void (loadingQr = undefined), // offline: try again on the next render
  );
  void loadingQr.then(() => drawQr && ctx.requestUpdate());
  return nothing;
}

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP", as authenticator apps show keys. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

async function copySecret(ctx: TotpKeyHost, secret: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(secret);
    ctx.setStatus(message('signin.totp-setup.copied'));
  } catch {
    ctx.setStatus(message('signin.totp-setup.copy-failed'));
  }
}

/**
 * The two steps, the QR code, the setup key with its copy button and the otpauth: link: what adds
 * the account to an authenticator app, here and in <auth-mfa-settings>.
 */
export function renderTotpKey(ctx: TotpKeyHost, secret: string, otpauthUri: string): TemplateResult {
  return html`
    <ol part="hint" data-auth-steps>
      <li>${message('signin.totp-setup.step-scan')}</li>
      <li>${message('signin.totp-setup.step-code')}</li>
    </ol>
    <div data-auth-qr>${qrCodeWhenLoaded(ctx, otpauthUri, message('signin.totp-setup.qr-label'))}</div>
    <div part="field">
      <p part="label">${message('signin.totp-setup.key')}</p>
      <code data-auth-secret>${groupSecret(secret)}</code>
      <div data-auth-actions>
        <button part="secondary" type="button" @click=${() => copySecret(ctx, secret)}>${message('signin.totp-setup.copy')}</button>
        <a part="secondary" href=${otpauthUri}>${message('signin.totp-setup.open-app')}</a>
      </div>
    </div>
  `;
}

export function renderTotpSetupStep(ctx: StepContext, step: Extract<SignInStep, { step: 'totp-setup' }>): TemplateResult {
  const intro = html`
    <p part="hint">${message('signin.totp-setup.intro')}</p>
    ${renderTotpKey(ctx, step.secret, step.otpauthUri)}
  `;
  return stepForm(
    ctx,
    intro,
    codeField(ctx, message('signin.totp-setup.code'), message('signin.totp-setup.hint')),
    ctx.submit(message('signin.totp-setup.submit'), message('signin.code.busy')),
  );
}
