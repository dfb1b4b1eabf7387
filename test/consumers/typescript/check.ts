// Compiled (never run) against the package's published types: each line is something a
// TypeScript user writes, and a wrong type here fails `tsc --noEmit`.
import { configure, sessionStore, AuthError, type AuthErrorCode, type SessionUser } from 'cognito-auth-elements/api.js';
import { AuthSignin } from 'cognito-auth-elements/auth-signin.js';
import type { AuthGate } from 'cognito-auth-elements';
import { startLocalPool } from 'cognito-auth-elements/local-pool';

configure({ userPoolId: 'us-east-1_Abc123', userPoolClientId: 'client', region: 'us-east-1', timeout: 5000 });

const signin: AuthSignin | null = document.querySelector('auth-signin');
const gate: AuthGate | null = document.querySelector('auth-gate');
const created: HTMLElementTagNameMap['auth-register'] = document.createElement('auth-register');
signin?.setAttribute('next', 'ride.html');
void gate?.showing;
void created.attributes;

document.addEventListener('auth-signed-in', (event) => {
  const username: string = event.detail.username;
  const email: string | null = event.detail.email;
  void [username, email];
});
document.addEventListener('auth-error', (event) => {
  const code: AuthErrorCode = event.detail.code;
  void code;
});
document.addEventListener('auth-signed-out', (event) => {
  const revoked: boolean = event.detail.revoked;
  void revoked;
});

const user: SessionUser | null = sessionStore.state.user;
void user?.email;
sessionStore.subscribe((state) => void state.ready);
const token: Promise<string | null> = sessionStore.getIdToken();
void token;
const outcome: Promise<{ revoked: boolean }> = sessionStore.signOut({ global: false });
void outcome;
void (new AuthError('network', 'offline') instanceof Error);

// @ts-expect-error configure() refuses unknown keys
configure({ userPoolIdd: 'typo' });

async function pool(): Promise<string> {
  const running = await startLocalPool({ port: 0, quiet: true });
  await running.close();
  return running.url;
}
void pool;
