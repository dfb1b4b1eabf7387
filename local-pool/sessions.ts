// Short-lived sign-in state: SRP records keyed by SECRET_BLOCK, and challenge sessions.
import { randomBytes } from 'node:crypto';

export interface SrpRecord {
  /** Store key of the user, or null for a simulated challenge (unknown user). */
  userKey: string | null;
  userId: string;
  clientId: string;
  A: bigint;
  /** The verifier B was made from: the user's, or a random one for a simulated challenge. */
  v: bigint;
  b: bigint;
  B: bigint;
  expiresAt: number;
}

export type ChallengeName =
  | 'NEW_PASSWORD_REQUIRED'
  | 'SMS_MFA'
  | 'SOFTWARE_TOKEN_MFA'
  | 'MFA_SETUP'
  | 'SELECT_MFA_TYPE'
  | 'SELECT_CHALLENGE'
  | 'PASSWORD'
  | 'PASSWORD_SRP'
  | 'PASSWORD_VERIFIER'
  | 'EMAIL_OTP'
  | 'SMS_OTP'
  | 'WEB_AUTHN'
  /** Not a challenge: the Session SignUp returns, which ConfirmSignUp turns into a sign-in (see signedUp). */
  | 'SIGN_UP';

export interface ChallengeSession {
  challenge: ChallengeName;
  userKey: string;
  clientId: string;
  expiresAt: number;
  smsCode?: string;
  /** MFA_SETUP: the secret from AssociateSoftwareToken, and whether VerifySoftwareToken passed. */
  pendingSecret?: string;
  verified?: boolean;
  /** USER_AUTH of an unknown user: a simulated session (userKey ''), so answers look like a real user's. */
  simulated?: { typed: string };
  /** SELECT_CHALLENGE: what AvailableChallenges offered. SELECT_MFA_TYPE: MFAS_CAN_CHOOSE. */
  choices?: string[];
  /** EMAIL_OTP / SMS_OTP: the code sent, until when it is good, and the wrong answers so far. */
  otp?: { code: string; expiresAt: number; failures: number };
  /** EMAIL_OTP: a first factor (USER_AUTH), an MFA challenge, or the check of MFA_SETUP by email. */
  role?: 'first-factor' | 'mfa' | 'mfa-setup';
  /** WEB_AUTHN: the challenge the assertion must sign. */
  webAuthnChallenge?: string;
  /** SIGN_UP: true once ConfirmSignUp passed with this session (it may then sign the user in once). */
  signedUp?: boolean;
}

export class Sessions {
  private srp = new Map<string, SrpRecord>();
  private challenges = new Map<string, ChallengeSession>();

  constructor(private readonly ttlMs: number) {}

  addSrp(record: Omit<SrpRecord, 'expiresAt'>): string {
    this.sweep();
    const secretBlock = randomBytes(48).toString('base64');
    this.srp.set(secretBlock, { ...record, expiresAt: Date.now() + this.ttlMs });
    return secretBlock;
  }

  /** Single use: the record is gone after this, whatever the outcome. */
  takeSrp(secretBlock: string): SrpRecord | null {
    const record = this.srp.get(secretBlock);
    this.srp.delete(secretBlock);
    return record && record.expiresAt > Date.now() ? record : null;
  }

  /** A new opaque Session string for a challenge step. */
  add(session: Omit<ChallengeSession, 'expiresAt'>, expiresAt = Date.now() + this.ttlMs): string {
    this.sweep();
    const id = randomBytes(96).toString('base64url');
    this.challenges.set(id, { ...session, expiresAt });
    return id;
  }

  get(id: string): ChallengeSession | null {
    const session = this.challenges.get(id);
    if (!session) return null;
    if (session.expiresAt <= Date.now()) {
      this.challenges.delete(id);
      return null;
    }
    return session;
  }

  /** Replaces a session by a fresh one (every follow-up step gets a new Session). */
  renew(id: string, session: ChallengeSession): string {
    this.challenges.delete(id);
    return this.add(session, session.expiresAt);
  }

  delete(id: string) {
    this.challenges.delete(id);
  }

  clear() {
    this.srp.clear();
    this.challenges.clear();
  }

  private sweep() {
    if (this.srp.size + this.challenges.size < 1000) return;
    const now = Date.now();
    for (const [key, record] of this.srp) if (record.expiresAt <= now) this.srp.delete(key);
    for (const [key, session] of this.challenges) if (session.expiresAt <= now) this.challenges.delete(key);
  }
}
