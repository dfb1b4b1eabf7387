// The configuration an element signed in with, when the page had none of its own (an element
// configured by attributes): kept beside the tokens, so the next page's gate, user and sign-out
// find the session too. Only the pool's public identifiers; nothing secret.
import type { CognitoConfig } from '../cognito/types.js';
import { resolveConfig } from '../config/resolve-config.js';

const key = 'cognito-auth-elements.sign-in-config';

function storageOf(kind: CognitoConfig['storage']): Storage | null {
  try {
    if (kind === 'memory') return null; // the tokens do not outlive the page either
    return kind === 'session' ? sessionStorage : localStorage;
  } catch {
    return null;
  }
}

export function rememberSignInConfig(config: CognitoConfig): void {
  try {
    storageOf(config.storage)?.setItem(key, JSON.stringify(config));
  } catch {
    // storage full or blocked: this page still has it in memory
  }
}

/** The remembered configuration, checked as any other source is; null when none or no longer valid. */
export function recallSignInConfig(): CognitoConfig | null {
  for (const kind of ['local', 'session'] as const) {
    try {
      const saved = storageOf(kind)?.getItem(key);
      if (!saved) continue;
      const resolved = resolveConfig(JSON.parse(saved) as Partial<CognitoConfig>);
      if (resolved.ok) return resolved.config;
    } catch {
      // unreadable: as if absent
    }
  }
  return null;
}

export function forgetSignInConfig(): void {
  for (const kind of ['local', 'session'] as const) {
    try {
      storageOf(kind)?.removeItem(key);
    } catch {
      // as above
    }
  }
}
