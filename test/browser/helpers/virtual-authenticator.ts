// Chromium's virtual authenticator (the runner's 'virtual-authenticator' command plugin, in
// web-test-runner.config.mjs): a passkey-capable platform authenticator for this test page.
import { executeServerCommand } from '@web/test-runner-commands';

/** DevTools' VirtualAuthenticatorOptions (the plugin defaults to ctap2, internal, resident keys, user verified). */
export interface VirtualAuthenticatorOptions {
  protocol?: 'ctap2' | 'u2f';
  transport?: 'internal' | 'usb' | 'nfc' | 'ble' | 'hybrid';
  hasResidentKey?: boolean;
  hasUserVerification?: boolean;
  isUserVerified?: boolean;
  automaticPresenceSimulation?: boolean;
}

/** One credential the authenticator holds, as DevTools reports it (ids and keys base64, not base64url). */
export interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

export interface VirtualAuthenticator {
  id: string;
  credentials(): Promise<VirtualCredential[]>;
  remove(): Promise<void>;
}

/** Adds an authenticator to this page; remove() it when the test is done. */
export async function addVirtualAuthenticator(options: VirtualAuthenticatorOptions = {}): Promise<VirtualAuthenticator> {
  const { authenticatorId: id } = await executeServerCommand<{ authenticatorId: string }, VirtualAuthenticatorOptions>('add-virtual-authenticator', options);
  return {
    id,
    credentials: async () =>
      (
        await executeServerCommand<{ credentials: VirtualCredential[] }, { authenticatorId: string }>('virtual-authenticator-credentials', {
          authenticatorId: id,
        })
      ).credentials,
    remove: async () => {
      await executeServerCommand('remove-virtual-authenticator', { authenticatorId: id });
    },
  };
}
