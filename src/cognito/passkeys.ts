// The signed-in user's passkeys: register one on this device (StartWebAuthnRegistration, the
// browser's create(), CompleteWebAuthnRegistration), list them, delete one. All four operations
// are authorised by the access token (API reference: StartWebAuthnRegistration and siblings).
import { AuthError, authError, toAuthError } from './cognito-errors.js';
import { malformed } from './next-step.js';
import { createCredential } from './passkey-ceremony.js';
import { freshTokens } from './refresh.js';
import { request } from './request.js';
import type { CognitoConfig, Passkey } from './types.js';

async function accessToken(config: CognitoConfig): Promise<string> {
  const tokens = await freshTokens(config);
  if (!tokens) throw authError('signed-out', { key: 'error.signed-out' });
  return tokens.accessToken;
}

/** Creates a passkey for the signed-in user on this device and registers it with the pool; resolves to its credential id. */
export async function registerPasskey(config: CognitoConfig): Promise<{ id: string }> {
  try {
    const token = await accessToken(config);
    const { CredentialCreationOptions: options } = await request(config, 'StartWebAuthnRegistration', { AccessToken: token });
    if (!options) throw malformed('StartWebAuthnRegistration without CredentialCreationOptions');
    const credential = await createCredential(options);
    await request(config, 'CompleteWebAuthnRegistration', { AccessToken: token, Credential: credential });
    return { id: credential.id };
  } catch (err) {
    throw toAuthError(err);
  }
}

/** The signed-in user's passkeys, every page of them. */
export async function listPasskeys(config: CognitoConfig): Promise<Passkey[]> {
  try {
    const token = await accessToken(config);
    const passkeys: Passkey[] = [];
    let next: string | undefined;
    do {
      const page = await request(config, 'ListWebAuthnCredentials', { AccessToken: token, ...(next ? { NextToken: next } : {}) }, { retries: 2 });
      for (const credential of page.Credentials ?? []) {
        passkeys.push({
          id: credential.CredentialId ?? '',
          name: credential.FriendlyCredentialName ?? '',
          relyingPartyId: credential.RelyingPartyId ?? '',
          attachment: credential.AuthenticatorAttachment ?? null,
          transports: credential.AuthenticatorTransports ?? [],
          createdAt: new Date((credential.CreatedAt ?? 0) * 1000),
        });
      }
      next = page.NextToken;
    } while (next);
    return passkeys;
  } catch (err) {
    throw toAuthError(err);
  }
}

/**
 * Removes one of the signed-in user's passkeys from the pool (the device keeps its copy). A passkey
 * already gone (removed in another tab) counts as removed: Cognito answers ResourceNotFoundException,
 * which elsewhere means a pool or client that does not exist.
 */
export async function deletePasskey(config: CognitoConfig, id: string): Promise<void> {
  try {
    await request(config, 'DeleteWebAuthnCredential', { AccessToken: await accessToken(config), CredentialId: id });
  } catch (err) {
    if (err instanceof AuthError && (err.cause as { name?: unknown } | undefined)?.name === 'ResourceNotFoundException') return;
    throw toAuthError(err);
  }
}
