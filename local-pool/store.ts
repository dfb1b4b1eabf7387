// Users, refresh tokens and signing keys; optionally persisted to one JSON file.
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import type { JWK } from 'jose';

/** EXTERNAL_PROVIDER: a user a federated provider's sign-in created (the hosted UI's --federated). */
export type UserStatus = 'UNCONFIRMED' | 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED' | 'EXTERNAL_PROVIDER';
export type CodePurpose = 'signUp' | 'forgotPassword' | 'verify:email' | 'verify:phone_number';
export type MfaName = 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP';

export interface CodeRecord {
  code: string;
  expiresAt: number;
  /** The attribute it was sent to (email or phone_number), verified when the code is used. */
  attribute: string | null;
  /** Earlier codes for the same purpose: answered ExpiredCodeException, not CodeMismatch. */
  superseded: string[];
}

/** A registered passkey (WebAuthn credential), as CompleteWebAuthnRegistration verified it. */
export interface Passkey {
  /** The credential id, base64url (ListWebAuthnCredentials' CredentialId). */
  id: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  /** The authenticator's signature counter as of its last accepted assertion (0: it keeps none). */
  counter: number;
  transports: string[];
  /** 'platform' or 'cross-platform', as the browser reported it; null when it did not. */
  attachment: string | null;
  aaguid: string;
  friendlyName: string;
  rpId: string;
  /** Epoch ms. */
  createdAt: number;
}

export interface User {
  /** Internal, immutable name: a UUID equal to sub in email-as-username pools. */
  username: string;
  /** Every attribute as a string, sub included. */
  attributes: Record<string, string>;
  status: UserStatus;
  enabled: boolean;
  salt: string;
  verifier: string;
  createdAt: number;
  modifiedAt: number;
  temporaryPasswordExpiresAt: number | null;
  /**
   * Set by a passwordless sign-up: the salt of the unusable verifier it made. The user has a
   * password of their own once the salt differs (every password change makes a new one).
   */
  passwordlessSalt?: string;
  codes: Partial<Record<CodePurpose, CodeRecord>>;
  /** Consecutive wrong codes / previous passwords per purpose (§6.3). */
  codeAttempts: Record<string, { failures: number; lockedUntil: number }>;
  signInFailures: { count: number; lastFailureAt: number; lockedUntil: number };
  mfa: {
    totpSecret: string | null;
    /** Set by AssociateSoftwareToken with an access token, until VerifySoftwareToken. */
    totpPendingSecret: string | null;
    /** The time step of the last TOTP code accepted, so each code works once (absent: none yet). */
    totpUsedStep?: number;
    totpEnabled: boolean;
    smsEnabled: boolean;
    /** Email MFA (EMAIL_OTP); absent in data files from before it existed. */
    emailEnabled?: boolean;
    preferred: MfaName | null;
  };
  /** Registered passkeys; absent in files written before passkeys existed (none). */
  passkeys?: Passkey[];
  /**
   * A new email or phone number waiting for its code (the pool's verifyBeforeUpdate); the
   * attribute keeps its old, verified value until then. Absent: nothing waits.
   */
  pendingAttributes?: Partial<Record<'email' | 'phone_number', string>>;
}

export interface RefreshRecord {
  token: string;
  username: string;
  clientId: string;
  /** The sign-in it descends from: every token rotation mints from it shares it, so revoking one revokes all. */
  originJti: string;
  authTime: number;
  /** Absolute: rotation hands the new token the same expiry, so refreshing never extends a sign-in. */
  expiresAt: number;
  revoked: boolean;
  /** When rotation replaced it (epoch ms); null while it is the newest of its sign-in. */
  retiredAt: number | null;
}

/** A user pool group (AWS: API_GroupType). Members are internal usernames, in the order they joined. */
export interface Group {
  name: string;
  description: string | null;
  /** Lower wins: it orders cognito:groups and picks cognito:preferred_role. Null sorts last. */
  precedence: number | null;
  roleArn: string | null;
  createdAt: number;
  modifiedAt: number;
  members: string[];
}

export interface Keys {
  kid: string;
  privateJwk: JWK;
}

interface Snapshot {
  version: 1;
  /** Signs ID tokens. Files from before two keys had only this one, which signed both kinds. */
  keys: Keys | null;
  /** Signs access tokens; absent in older files (the pool then adds one). */
  accessKeys?: Keys | null;
  /** Keys the simulated SRP challenge of unknown users (stable salt and id per username). */
  fakeUserSecret: string | null;
  users: User[];
  /** Absent in files written before groups existed. */
  groups?: Group[];
  refreshTokens: RefreshRecord[];
  revokedOrigins: string[];
}

/** A new, empty group; the fields are those CreateGroup takes. */
export function newGroup(name: string, fields: { description?: string | null; precedence?: number | null; roleArn?: string | null } = {}): Group {
  const now = Date.now();
  return {
    name,
    description: fields.description ?? null,
    precedence: fields.precedence ?? null,
    roleArn: fields.roleArn ?? null,
    createdAt: now,
    modifiedAt: now,
    members: [],
  };
}

/** Cognito's order for a user's groups: by precedence, lower first, groups without one last; then by name. */
export function byPrecedence(a: Group, b: Group) {
  const pa = a.precedence ?? Infinity;
  const pb = b.precedence ?? Infinity;
  return pa === pb ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : pa - pb;
}

export class Store {
  users = new Map<string, User>();
  /** Group name (case-sensitive, as Cognito's are) → group. */
  groups = new Map<string, Group>();
  refreshTokens = new Map<string, RefreshRecord>();
  revokedOrigins = new Set<string>();
  /** The ID token key and the access token key (Cognito signs the two kinds with different kids). */
  keys: Keys | null = null;
  accessKeys: Keys | null = null;
  fakeUserSecret: string | null = null;
  /** email (lower case) → username key, in email-as-username pools. */
  private emails = new Map<string, string>();
  private writing: Promise<void> | null = null;
  private pending: Promise<void> | null = null;

  constructor(
    private readonly file: string | null,
    private readonly emailAsUsername: boolean,
  ) {}

  static key(name: string) {
    return name.toLowerCase();
  }

  /** The user a typed name means: the internal username, or in email pools the email. */
  find(typed: string): User | undefined {
    if (this.emailAsUsername && typed.includes('@')) {
      const key = this.emails.get(typed.toLowerCase());
      return key === undefined ? undefined : this.users.get(key);
    }
    return this.users.get(Store.key(typed));
  }

  findByEmail(email: string): User | undefined {
    const key = this.emails.get(email.toLowerCase());
    return key === undefined ? undefined : this.users.get(key);
  }

  /** Adds a user; callers check for clashes first, synchronously, so concurrent sign-ups stay exclusive. */
  add(user: User) {
    this.users.set(Store.key(user.username), user);
    this.index(user);
  }

  remove(user: User) {
    this.users.delete(Store.key(user.username));
    this.unindex(user);
    for (const record of this.refreshTokens.values()) {
      if (record.username === user.username) this.refreshTokens.delete(record.token);
    }
    for (const group of this.groups.values()) this.removeMember(group, user);
  }

  /** Adds a group; callers check for a clash (GroupExistsException) first. */
  addGroup(group: Group) {
    this.groups.set(group.name, group);
  }

  removeGroup(group: Group) {
    this.groups.delete(group.name);
  }

  /** Adding a member twice is no change, as in Cognito. Returns whether the user joined. */
  addMember(group: Group, user: User): boolean {
    if (group.members.includes(user.username)) return false;
    group.members.push(user.username);
    return true;
  }

  removeMember(group: Group, user: User) {
    group.members = group.members.filter((name) => name !== user.username);
  }

  /** The user's groups in Cognito's order (byPrecedence). */
  groupsOf(user: User): Group[] {
    return [...this.groups.values()].filter((group) => group.members.includes(user.username)).sort(byPrecedence);
  }

  /** The group's members that still exist, in the order they joined. */
  membersOf(group: Group): User[] {
    return group.members.map((name) => this.users.get(Store.key(name))).filter((user): user is User => user !== undefined);
  }

  /** Forgets refresh tokens past their expiry (rotation leaves one retired token per refresh). */
  dropExpiredRefreshTokens(now = Date.now()) {
    for (const [token, record] of this.refreshTokens) if (record.expiresAt <= now) this.refreshTokens.delete(token);
  }

  /** Call around attribute changes so the email index follows. */
  reindex(user: User, change: () => void) {
    this.unindex(user);
    change();
    this.index(user);
  }

  clear() {
    this.users.clear();
    this.groups.clear();
    this.emails.clear();
    this.refreshTokens.clear();
    this.revokedOrigins.clear();
  }

  private index(user: User) {
    // A federated user (identities set) does not sign in with its email: the address stays free
    // for a native user, as in Cognito.
    if (this.emailAsUsername && user.attributes.email && !user.attributes.identities)
      this.emails.set(user.attributes.email.toLowerCase(), Store.key(user.username));
  }

  private unindex(user: User) {
    const email = user.attributes.email?.toLowerCase();
    if (email && this.emails.get(email) === Store.key(user.username)) this.emails.delete(email);
  }

  async load(): Promise<boolean> {
    if (!this.file) return false;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    let snapshot: Snapshot;
    try {
      snapshot = JSON.parse(text) as Snapshot;
    } catch {
      throw new Error(`local pool data file ${this.file} is not valid JSON`);
    }
    this.keys = snapshot.keys;
    this.accessKeys = snapshot.accessKeys ?? null;
    this.fakeUserSecret = snapshot.fakeUserSecret;
    for (const user of snapshot.users) this.add(user);
    for (const group of snapshot.groups ?? []) this.addGroup(group);
    // Files written before rotation existed lack retiredAt: those tokens were never replaced.
    for (const record of snapshot.refreshTokens) this.refreshTokens.set(record.token, { ...record, retiredAt: record.retiredAt ?? null });
    this.revokedOrigins = new Set(snapshot.revokedOrigins);
    return true;
  }

  /**
   * Resolves once the current state is on disk. Writes are serialised and grouped: callers that
   * arrive while a write runs share the next one, so 200 concurrent sign-ups cost a few writes.
   */
  save(): Promise<void> {
    if (!this.file) return Promise.resolve();
    if (this.pending) return this.pending;
    const previous = this.writing ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(() => {
        this.pending = null;
        this.writing = next;
        return this.write();
      })
      .finally(() => {
        if (this.writing === next) this.writing = null;
      });
    this.pending = next;
    return next;
  }

  private snapshot(): Snapshot {
    return {
      version: 1,
      keys: this.keys,
      accessKeys: this.accessKeys,
      fakeUserSecret: this.fakeUserSecret,
      users: [...this.users.values()],
      groups: [...this.groups.values()],
      refreshTokens: [...this.refreshTokens.values()],
      revokedOrigins: [...this.revokedOrigins],
    };
  }

  /** temp file + fsync + rename + fsync(dir): a kill -9 leaves either the old or the new file. */
  private async write() {
    const file = this.file as string;
    const dir = dirname(file);
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `.${basename(file)}.${process.pid}.tmp`);
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(this.snapshot()));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    const dirHandle = await open(dir, 'r');
    try {
      await dirHandle.sync();
    } catch {
      // Some file systems refuse fsync on a directory; the rename is still atomic.
    } finally {
      await dirHandle.close();
    }
  }
}
