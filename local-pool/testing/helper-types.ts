// The types of the testing helpers (LocalPool extends LocalPoolHelpers). Types only, and free of
// the pool's internals, so the published declarations need nothing but this package.
import type { Fault, FaultKind } from '../faults.js';
import type { Message, MessageKind } from '../mailbox.js';
import type { LoggedRequest } from '../requests.js';
import type { CreatedUser, SeedUser } from '../seed-user.js';

/** A sign-in's tokens: real RS256 JWTs signed by the pool, verifiable against its JWKS. */
export interface PoolTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  /** Seconds the ID and access tokens live. */
  expiresIn: number;
}

/** Which code latestCode() waits for. */
export interface CodeQuery {
  /** Only messages of this kind (default: any). */
  kind?: MessageKind;
  /** Only messages sent at or after this moment: a resent code, not the first one. */
  since?: Date | number;
  /** How long to wait for one to arrive (default 5000 ms): a page's request may still be on its way. */
  timeoutMs?: number;
}

/** A fault to inject, as POST /_local/faults takes it. */
export interface FaultRequest {
  /** The operation it hits ('SignUp'); absent: every operation. */
  operation?: string;
  kind: FaultKind;
  delayMs?: number;
  body?: Record<string, unknown>;
  status?: number;
  /** Uses before it goes away; absent: until cleared. */
  times?: number;
}

export interface LocalPoolHelpers {
  /** Every message the pool "sent" (codes, temporary passwords), oldest first; `to` is an email or phone number, matched case-insensitively. */
  messages(to?: string): Message[];
  /**
   * The newest code sent to `to` (an email or phone number), waiting for it to arrive. For
   * `temporary-password` messages it is the password. Rejects after the timeout, naming what came.
   */
  latestCode(to: string, query?: MessageKind | CodeQuery): Promise<string>;
  /** Makes a user in process, as the `users` option does (confirmed by default, groups created as needed); refuses one that exists. */
  createUser(user: SeedUser): Promise<CreatedUser>;
  /**
   * Signs in with real SRP (USER_SRP_AUTH), in process, answering MFA as the user would (TOTP from
   * the user's secret, SMS and email codes from the mailbox, SELECT_MFA_TYPE with a factor it can answer). Throws SignInError (with Cognito's `type`) when refused.
   */
  signInTokens(username: string, password: string): Promise<PoolTokens>;
  /** Empties the pool (users, groups, tokens, mailbox, faults, request log; keys stay), then seeds the `users` option again. */
  reset(): Promise<void>;
  faults: {
    /** Injects a fault; throws on an invalid one. */
    add(fault: FaultRequest): Fault;
    list(): Fault[];
    clear(): void;
  };
  /** The operation requests that reached the server over HTTP, oldest first (in-process helpers are not in it). */
  requests(operation?: string): LoggedRequest[];
}
