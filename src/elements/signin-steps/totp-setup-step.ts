// MFA_SETUP: the pool wants an authenticator app. Shows the secret (grouped for reading, with a
// copy button), an otpauth:// link for an app on this device, and a QR code, then takes the
// first code to confirm the app is set up.
import { html, nothing, type TemplateResult } from 'lit';
import type { SignInStep } from '../../cognito/types.js';
import type { qrCode } from './qr-code.js';
import { codeField, stepForm, type StepContext } from './step-context.js';

// The QR encoder is loaded the first time this step appears (the drop-in file fetches it from
// beside itself; a bundler makes it a chunk): most visitors never set up an authenticator app, so
// the others do not download it. Until it arrives, or if it cannot, the key and the link below work.
let drawQr: typeof qrCode | undefined;
let loadingQr: Promise<void> | undefined;

function qrCodeWhenLoaded(ctx: StepContext, text: string, label: string) {
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

async function copySecret(ctx: StepContext, secret: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(secret);
    ctx.setStatus('Setup key copied.');
  } catch {
    ctx.setStatus('Could not copy the key: select it and copy it yourself.');
  }
}

export function renderTotpSetupStep(ctx: StepContext, step: Extract<SignInStep, { step: 'totp-setup' }>): TemplateResult {
  const intro = html`
    <p part="hint">This account needs an authenticator app (such as Google Authenticator, Microsoft Authenticator or 1Password) for signing in.</p>
    <ol part="hint" data-auth-steps>
      <li>Scan this QR code with the app, or enter the key below by hand.</li>
      <li>Enter the 6-digit code the app then shows.</li>
    </ol>
    <div data-auth-qr>${qrCodeWhenLoaded(ctx, step.otpauthUri, 'QR code to add this account to an authenticator app')}</div>
    <div part="field">
      <p part="label">Setup key</p>
      <code data-auth-secret>${groupSecret(step.secret)}</code>
      <div data-auth-actions>
        <button part="secondary" type="button" @click=${() => copySecret(ctx, step.secret)}>Copy key</button>
        <a part="secondary" href=${step.otpauthUri}>Open in an authenticator app on this device</a>
      </div>
    </div>
  `;
  return stepForm(
    ctx,
    intro,
    codeField(ctx, 'Code from the app', 'The 6-digit code your app shows for this site.'),
    ctx.submit('Verify and sign in', 'Verifying…'),
  );
}
