// What the hosted UI remembers between requests, in memory: authorization codes (single use, five
// minutes), the browser sessions behind the session cookie, and what each OAuth sign-in asked for
// (its scopes), so a refresh issues the same scope. A restart forgets them, as a restarted
// Cognito domain would not; the pool's users and refresh tokens stay in its data file.
import { randomBytes, randomUUID } from 'node:crypto';

/** How a browser session signed in: the pool's own password (COGNITO) or a federated provider. */
export interface SignedInBrowser {
  /** The user's internal username. */
  username: string;
  /** COGNITO, or the federated provider's name. */
  provider: string;
  /** Epoch seconds, the tokens' auth_time. */
  authTime: number;
  /** The OIDC amr of the sign-in (pwd, mfa, …); empty for federated sign-ins. */
  amr: string[];
}

export interface BrowserSession extends SignedInBrowser {
  expiresAt: number;
}

export interface AuthorizationCode extends SignedInBrowser {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  nonce: string | undefined;
  codeChallenge: string;
  expiresAt: number;
  /** Set when the code was exchanged: the sign-in it made, revoked if the code comes back. */
  usedBy: string | null;
}

/** What an OAuth sign-in asked for, by the origin_jti its tokens share. */
export interface Grant {
  scopes: string[];
  provider: string;
  amr: string[];
}

export class HostedUi {
  private codes = new Map<string, AuthorizationCode>();
  private sessions = new Map<string, BrowserSession>();
  private grants = new Map<string, Grant>();

  addCode(code: Omit<AuthorizationCode, 'usedBy'>): string {
    this.sweep();
    const id = randomUUID();
    this.codes.set(id, { ...code, usedBy: null });
    return id;
  }

  /** The code as issued (used or not, expired or not: the token endpoint tells those apart). */
  code(id: string): AuthorizationCode | undefined {
    return this.codes.get(id);
  }

  addSession(session: BrowserSession): string {
    this.sweep();
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, session);
    return id;
  }

  /** The live session a cookie names, or null (unknown, ended or expired). */
  session(id: string | undefined): BrowserSession | null {
    if (id === undefined) return null;
    const session = this.sessions.get(id);
    if (!session || session.expiresAt <= Date.now()) return null;
    return session;
  }

  endSession(id: string | undefined) {
    if (id !== undefined) this.sessions.delete(id);
  }

  addGrant(originJti: string, grant: Grant) {
    this.grants.set(originJti, grant);
  }

  grant(originJti: string): Grant | undefined {
    return this.grants.get(originJti);
  }

  clear() {
    this.codes.clear();
    this.sessions.clear();
    this.grants.clear();
  }

  /** Forgets expired codes and sessions (a used code stays until it expires, to be recognised if replayed). */
  private sweep() {
    const now = Date.now();
    for (const [id, code] of this.codes) if (code.expiresAt <= now) this.codes.delete(id);
    for (const [id, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(id);
  }
}
