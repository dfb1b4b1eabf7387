// Fresh tokens on demand: the stored ones while they have more than the margin left, else one
// GetTokensFromRefreshToken for the whole page and every tab (it works with and without refresh-
// token rotation; REFRESH_TOKEN_AUTH is refused once rotation is on).
// - A refused refresh (revoked, expired, reused after rotation, user disabled or deleted) means
//   signed out: the tokens are cleared after that one request.
// - A transient failure (network, timeout, 5xx, throttling) never signs anyone out: the stored
//   tokens stay, the caller gets them while they are still valid, and an AuthError once expired.
import { AuthError, transientCodes } from './cognito-errors.js';
import { withCrossTabLock } from './cross-tab-lock.js';
import { authErrorMessage } from './error-messages.js';
import { request } from './request.js';
import { clearTokens, readTokens, secondsLeft, writeTokens, type StoredTokens } from './token-storage.js';
import type { CognitoConfig } from './types.js';

/** Default seconds before expiry at which tokens are renewed. */
export const defaultRefreshMargin = 60;

// One refresh in flight per app client in this page; callers that arrive meanwhile share it.
const inFlight = new Map<string, Promise<StoredTokens | null>>();

/** Seconds until `tokens` are due for renewal (the margin before expiry), on the pool's clock. */
export function secondsUntilRenewal(config: CognitoConfig, tokens: StoredTokens): number {
  return secondsLeft(tokens) - (config.refreshMargin ?? defaultRefreshMargin);
}

/** Whether `tokens` are due for renewal: they expire within the margin (or have expired). */
export function needsRefresh(config: CognitoConfig, tokens: StoredTokens): boolean {
  return secondsUntilRenewal(config, tokens) <= 0;
}

/**
 * After waiting for another tab's lock: that tab's writes reach this one through the browser a
 * moment after its lock is released, not with it. Waits (at most `ms`) until storage holds usable
 * tokens, or none.
 */
function storageCaughtUp(config: CognitoConfig, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      removeEventListener('storage', check);
      resolve();
    };
    const check = () => {
      const tokens = readTokens(config);
      if (!tokens || !needsRefresh(config, tokens)) finish();
    };
    const timer = setTimeout(finish, ms);
    addEventListener('storage', check);
    check();
  });
}

async function renew(config: CognitoConfig, force: boolean, seen: string | undefined, waited: boolean): Promise<StoredTokens | null> {
  if (waited && !force) await storageCaughtUp(config, 1000);
  // Another tab may have refreshed (or signed out) while this one waited for the lock.
  const tokens = readTokens(config);
  if (!tokens) return null;
  const renewedElsewhere = seen !== undefined && tokens.accessToken !== seen;
  if (renewedElsewhere || (!force && !needsRefresh(config, tokens))) return tokens;
  try {
    const { AuthenticationResult: result } = await request(
      config,
      'GetTokensFromRefreshToken',
      { RefreshToken: tokens.refreshToken, ClientId: config.userPoolClientId },
      // Safe to repeat: without rotation the same token works again; with rotation Cognito's
      // retry grace period accepts the old token for a repeat of a request that got lost.
      { retries: 2 },
    );
    if (!result?.IdToken || !result.AccessToken) throw new AuthError('server', authErrorMessage('server'));
    return writeTokens(config, {
      username: tokens.username,
      idToken: result.IdToken,
      accessToken: result.AccessToken,
      refreshToken: result.RefreshToken ?? tokens.refreshToken,
    });
  } catch (err) {
    const transient = err instanceof AuthError && transientCodes.has(err.code);
    if (!transient) {
      clearTokens(config);
      return null;
    }
    if (secondsLeft(tokens) > 0) return tokens; // still valid: use them, renew next time
    throw err;
  }
}

/**
 * The stored tokens, renewed first when they expire within the margin (or always with `force`,
 * as after a 401). null when nobody is signed in or the refresh token was refused. Throws an
 * AuthError (network, timeout, server, too-many-requests) only when the tokens have expired and
 * could not be renewed; nothing is cleared then.
 */
export function freshTokens(config: CognitoConfig, options: { force?: boolean } = {}): Promise<StoredTokens | null> {
  const tokens = readTokens(config);
  if (!tokens) return Promise.resolve(null);
  const force = options.force ?? false;
  if (!force && !needsRefresh(config, tokens)) return Promise.resolve(tokens);
  const key = config.userPoolClientId;
  let pending = inFlight.get(key);
  if (!pending) {
    // A forced refresh passes the token it saw, so a refresh another tab made meanwhile counts.
    pending = withCrossTabLock(`refresh.${key}`, (waited) => renew(config, force, force ? tokens.accessToken : undefined, waited)).finally(() =>
      inFlight.delete(key),
    );
    inFlight.set(key, pending);
  }
  return pending;
}
