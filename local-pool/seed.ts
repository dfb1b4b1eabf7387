// Users a pool starts with (the `users` option: an array, or a JSON file holding one) and the
// in-process createUser(): confirmed users with a permanent password, groups and MFA factors, made
// directly in the store, so a test needs no sign-up round trip and no mailbox to get a user.
import { readFile } from 'node:fs/promises';
import { Secret } from 'otpauth';
import { CognitoError } from './errors.js';
import { checkAttributes, checkRequired, checkUsernameShape, isEmail, newUser, type Pool } from './pool.js';
import { checkPassword } from './policy.js';
import type { CreatedUser, SeedUser } from './seed-user.js';
import { newGroup, type MfaName, type User } from './store.js';

/** A checked entry, ready to become a user. */
interface SeedPlan {
  signInName: string;
  password: string;
  attributes: Record<string, string>;
  groups: string[];
  confirmed: boolean;
  mfa: { totpSecret: string | null; sms: boolean; email: boolean; preferred: MfaName | null };
}

const FIELDS = ['email', 'username', 'password', 'attributes', 'groups', 'confirmed', 'mfa'];
const MFA_FIELDS = ['totpSecret', 'sms', 'email', 'preferred'];
const PREFERRED: Record<MfaName, 'totpSecret' | 'sms' | 'email'> = { SOFTWARE_TOKEN_MFA: 'totpSecret', SMS_MFA: 'sms', EMAIL_OTP: 'email' };
// Cognito's GroupName constraints (API_CreateGroup).
const GROUP_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;

/** An error in one entry: where it is (source, index, field) comes first, so the file can be fixed. */
class EntryError extends Error {
  constructor(where: string, field: string, problem: string) {
    super(`${where}: ${field}: ${problem}`);
    this.name = 'SeedError';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads the `users` option: the array itself, or the JSON file it names. */
export async function readSeed(users: string | SeedUser[]): Promise<{ source: string; entries: unknown[] }> {
  if (Array.isArray(users)) return { source: 'users', entries: users };
  let text: string;
  try {
    text = await readFile(users, 'utf8');
  } catch (error) {
    throw new Error(`users file ${users} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`users file ${users} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (!Array.isArray(parsed)) throw new Error(`users file ${users} must hold a JSON array of users ([{ "email": …, "password": … }, …])`);
  return { source: users, entries: parsed };
}

/** Runs one of the pool's own checks, reporting its Cognito error against `field`. */
function check(where: string, field: string, run: () => void) {
  try {
    run();
  } catch (error) {
    if (error instanceof CognitoError) throw new EntryError(where, field, error.message);
    throw error;
  }
}

function optionalString(entry: Record<string, unknown>, where: string, field: string): string | undefined {
  const value = entry[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new EntryError(where, field, 'must be a non-empty string');
  return value;
}

function unknownFields(value: Record<string, unknown>, known: string[], where: string, prefix = '') {
  const unknown = Object.keys(value).find((key) => !known.includes(key));
  if (unknown !== undefined) throw new EntryError(where, prefix + unknown, `unknown field (known: ${known.join(', ')})`);
}

function planAttributes(pool: Pool, entry: Record<string, unknown>, where: string): Record<string, string> {
  const given = entry.attributes ?? {};
  if (!isObject(given)) throw new EntryError(where, 'attributes', 'must be an object of attribute names to values');
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) {
    const field = `attributes.${name}`;
    if (!['string', 'number', 'boolean'].includes(typeof value)) throw new EntryError(where, field, 'must be a string, number or boolean');
    if (name === 'sub') throw new EntryError(where, field, 'sub is assigned by the pool');
    const text = String(value);
    check(where, field, () => checkAttributes(pool, [{ Name: name, Value: text }], 'create'));
    attributes[name] = text;
  }
  const email = optionalString(entry, where, 'email');
  if (email !== undefined) {
    if (!isEmail(email)) throw new EntryError(where, 'email', 'is not an email address');
    if (attributes.email !== undefined && attributes.email.toLowerCase() !== email.toLowerCase()) {
      throw new EntryError(where, 'attributes.email', `differs from email (${email})`);
    }
    attributes.email = email;
  }
  check(where, 'attributes', () => checkRequired(pool, attributes));
  return attributes;
}

function planMfa(value: unknown, attributes: Record<string, string>, where: string): SeedPlan['mfa'] {
  if (value === undefined) return { totpSecret: null, sms: false, email: false, preferred: null };
  if (!isObject(value))
    throw new EntryError(where, 'mfa', 'must be an object such as { "totpSecret": "JBSWY3DPEHPK3PXP" }, { "sms": true } or { "email": true }');
  unknownFields(value, MFA_FIELDS, where, 'mfa.');
  let totpSecret: string | null = null;
  if (value.totpSecret !== undefined) {
    const secret = typeof value.totpSecret === 'string' ? value.totpSecret.replace(/\s+/g, '').toUpperCase() : '';
    // otpauth decodes leniently; refuse what an authenticator app would refuse.
    if (!/^[A-Z2-7]+=*$/.test(secret)) throw new EntryError(where, 'mfa.totpSecret', 'must be a base32 string (A-Z, 2-7)');
    Secret.fromBase32(secret);
    totpSecret = secret;
  }
  for (const flag of ['sms', 'email'] as const) {
    if (value[flag] !== undefined && typeof value[flag] !== 'boolean') throw new EntryError(where, `mfa.${flag}`, 'must be true or false');
  }
  const sms = value.sms === true;
  if (sms && !attributes.phone_number) throw new EntryError(where, 'mfa.sms', 'needs a phone_number attribute to send codes to');
  const email = value.email === true;
  if (email && !attributes.email) throw new EntryError(where, 'mfa.email', 'needs an email to send codes to');
  const preferred = value.preferred;
  if (preferred !== undefined && !(typeof preferred === 'string' && preferred in PREFERRED)) {
    throw new EntryError(where, 'mfa.preferred', 'must be SOFTWARE_TOKEN_MFA, SMS_MFA or EMAIL_OTP');
  }
  const factors = { totpSecret: totpSecret !== null, sms, email };
  if (preferred !== undefined && !factors[PREFERRED[preferred as MfaName]]) {
    throw new EntryError(where, 'mfa.preferred', `${preferred} needs mfa.${PREFERRED[preferred as MfaName]}`);
  }
  const fallback: MfaName | null = totpSecret ? 'SOFTWARE_TOKEN_MFA' : sms ? 'SMS_MFA' : email ? 'EMAIL_OTP' : null;
  return { totpSecret, sms, email, preferred: (preferred as MfaName | undefined) ?? fallback };
}

function planGroups(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new EntryError(where, 'groups', 'must be an array of group names');
  value.forEach((name, i) => {
    if (typeof name !== 'string' || !GROUP_NAME.test(name)) throw new EntryError(where, `groups[${i}]`, 'must be a group name (1-128 characters, no spaces)');
  });
  return [...new Set(value as string[])];
}

/** Checks one entry against the pool's settings; `where` names it in errors. */
function plan(pool: Pool, entry: unknown, where: string): SeedPlan {
  if (!isObject(entry)) throw new EntryError(where, '(entry)', 'must be an object with at least email (or username) and password');
  unknownFields(entry, FIELDS, where);
  const { emailAsUsername } = pool.config;
  const email = optionalString(entry, where, 'email');
  const username = optionalString(entry, where, 'username');
  let signInName: string;
  if (emailAsUsername) {
    if (username !== undefined && email !== undefined && username.toLowerCase() !== email.toLowerCase()) {
      throw new EntryError(where, 'username', 'this pool signs in with the email; give email only');
    }
    signInName = email ?? username ?? '';
    if (!isEmail(signInName)) throw new EntryError(where, 'email', 'is required and must be an email address (the pool uses email as username)');
  } else {
    signInName = username ?? email ?? '';
    if (!signInName) throw new EntryError(where, 'username', 'is required');
  }
  check(where, emailAsUsername ? 'email' : 'username', () => checkUsernameShape(signInName));
  if (typeof entry.password !== 'string') throw new EntryError(where, 'password', 'is required (a string)');
  const password = entry.password;
  check(where, 'password', () => checkPassword(pool.config.passwordPolicy, password, 'signup'));
  if (entry.confirmed !== undefined && typeof entry.confirmed !== 'boolean') throw new EntryError(where, 'confirmed', 'must be true or false');
  const attributes = planAttributes(pool, entry, where);
  return {
    signInName,
    password,
    attributes,
    groups: planGroups(entry.groups, where),
    confirmed: entry.confirmed ?? true,
    mfa: planMfa(entry.mfa, attributes, where),
  };
}

function create(pool: Pool, planned: SeedPlan): User {
  const attributes = { ...planned.attributes };
  // A confirmed user has proven the addresses it signed up with, unless the entry says otherwise.
  for (const name of ['email', 'phone_number']) {
    if (attributes[name] && attributes[`${name}_verified`] === undefined) attributes[`${name}_verified`] = String(planned.confirmed);
  }
  const user = newUser(pool, planned.signInName, attributes, planned.password);
  user.status = planned.confirmed ? 'CONFIRMED' : 'UNCONFIRMED';
  user.mfa.totpSecret = planned.mfa.totpSecret;
  user.mfa.totpEnabled = planned.mfa.totpSecret !== null;
  user.mfa.smsEnabled = planned.mfa.sms;
  user.mfa.emailEnabled = planned.mfa.email;
  user.mfa.preferred = planned.mfa.preferred;
  pool.store.add(user);
  for (const name of planned.groups) {
    let group = pool.store.groups.get(name);
    if (!group) {
      group = newGroup(name);
      pool.store.addGroup(group);
    }
    pool.store.addMember(group, user);
  }
  return user;
}

const describe = (entry: unknown) =>
  isObject(entry) && typeof (entry.email ?? entry.username) === 'string' ? ` (${String(entry.email ?? entry.username)})` : '';

/**
 * Creates the users of `entries` that the pool does not have yet, and leaves the others exactly as
 * they are: with a data file, a restart keeps what tests changed (a new password, MFA set up)
 * rather than duplicating or overwriting. Every entry is checked before any user is made, so a
 * bad file changes nothing. The caller saves.
 */
export function seedUsers(pool: Pool, source: string, entries: unknown[]): { created: number; existing: number } {
  const plans = entries.map((entry, i) => plan(pool, entry, `${source}: entry [${i}]${describe(entry)}`));
  const seen = new Map<string, number>();
  plans.forEach((planned, i) => {
    const key = planned.signInName.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined)
      throw new EntryError(`${source}: entry [${i}]`, pool.config.emailAsUsername ? 'email' : 'username', `${planned.signInName} is also entry [${first}]`);
    seen.set(key, i);
  });
  let created = 0;
  for (const planned of plans) {
    if (pool.store.find(planned.signInName)) continue;
    create(pool, planned);
    created += 1;
  }
  return { created, existing: plans.length - created };
}

/** createUser(): one entry, refused if the user exists. The caller saves. */
export function createSeedUser(pool: Pool, entry: SeedUser): CreatedUser {
  const planned = plan(pool, entry, 'createUser');
  if (pool.store.find(planned.signInName)) throw new Error(`createUser: ${planned.signInName} already exists`);
  const user = create(pool, planned);
  return { username: user.username, sub: user.attributes.sub, attributes: { ...user.attributes }, groups: [...planned.groups] };
}
