// Starting a hosted-UI sign-in: fresh PKCE, state and nonce, remembered in this tab, and the
// authorize URL to send the browser to. The caller navigates (the page is left for the domain).
import { authError } from '../cognito-errors.js';
import type { CognitoConfig } from '../types.js';
import { authorizeUrl } from './authorize-url.js';
import { pendingKey } from './callback-url.js';
import { pendingLifetimeMs, savePending } from './pending-request.js';
import { createPkce, randomToken } from './pkce.js';
import { identityProvider } from './providers.js';

export interface HostedSignInOptions {
  /** The provider to go straight to (`Google`, `Apple`, a SAML/OIDC name); absent: the hosted page. */
  provider?: string | null;
  /** Same-origin URL to go to once signed in (checked by the caller); default: this page. */
  returnTo?: string | null;
}

/** Pending requests of this tab that were never answered (the visitor came back with Back). */
function forgetAbandoned(now: number): void {
  const prefix = pendingKey('');
  for (let i = sessionStorage.length - 1; i >= 0; i--) {
    const key = sessionStorage.key(i);
    if (!key?.startsWith(prefix)) continue;
    try {
      const startedAt = Number((JSON.parse(sessionStorage.getItem(key) ?? '{}') as { startedAt?: unknown }).startedAt);
      if (!(now - startedAt < pendingLifetimeMs)) sessionStorage.removeItem(key);
    } catch {
      sessionStorage.removeItem(key);
    }
  }
}

/**
 * Prepares a sign-in at the hosted UI and resolves to the URL to go to. The answer comes back to
 * `redirectSignIn` (default: this page, without its query), which must be one of the app
 * client's callback URLs, exactly.
 */
export async function startHostedSignIn(config: CognitoConfig, options: HostedSignInOptions = {}): Promise<string> {
  if (!config.domain) throw authError('not-configured', { key: 'config.missing', params: { fields: 'domain' } });
  const redirectUri = config.redirectSignIn ?? `${location.origin}${location.pathname}`;
  const provider = options.provider ? identityProvider(options.provider) : null;
  const { verifier, challenge } = await createPkce();
  const state = randomToken();
  const nonce = randomToken();
  const now = Date.now();
  forgetAbandoned(now);
  savePending({
    state,
    nonce,
    verifier,
    provider,
    redirectUri,
    returnTo: options.returnTo ?? location.href.split('#')[0],
    config,
    startedAt: now,
  });
  return authorizeUrl({ domain: config.domain, clientId: config.userPoolClientId, redirectUri, state, nonce, challenge, scopes: config.scopes, provider });
}
