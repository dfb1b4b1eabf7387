// The four passkey operations, each with the user's access token (scope aws.cognito.signin.user.admin).
// AWS: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_StartWebAuthnRegistration.html
// (and API_CompleteWebAuthnRegistration, API_ListWebAuthnCredentials, API_DeleteWebAuthnCredential).
import { err, invalidParameter } from '../errors.js';
import type { Input } from '../input.js';
import type { Pool } from '../pool.js';
import type { Passkey } from '../store.js';
import { completeRegistration, deletePasskey, passkeysOf, startRegistration } from '../webauthn.js';
import { webAuthnError } from '../webauthn-rules.js';
import { authenticate } from './user.js';

/** ListWebAuthnCredentials' MaxResults: 1..20, 20 when absent (Amplify's page size). */
const MAX_RESULTS = 20;

/** The signed-in user and the app client their token came from; passkeys must be on in the pool. */
async function signedIn(pool: Pool, input: Input) {
  const user = await authenticate(pool, input);
  // Cognito offers passkeys once the pool's sign-in policy allows WEB_AUTHN as a first factor.
  if (!pool.config.firstAuthFactors.includes('WEB_AUTHN')) throw webAuthnError('notEnabled');
  const { client_id: clientId } = await pool.tokens.verifyAccessToken(input.string('AccessToken'));
  return { user, clientId };
}

export async function startWebAuthnRegistration(pool: Pool, input: Input) {
  const { user, clientId } = await signedIn(pool, input);
  return { CredentialCreationOptions: await startRegistration(pool, user, clientId) };
}

export async function completeWebAuthnRegistration(pool: Pool, input: Input) {
  const { user, clientId } = await signedIn(pool, input);
  const credential = input.body.Credential;
  if (credential === undefined || credential === null) {
    throw invalidParameter("1 validation error detected: Value null at 'credential' failed to satisfy constraint: Member must not be null");
  }
  await completeRegistration(pool, user, clientId, credential);
  return {};
}

const described = (passkey: Passkey) => ({
  CredentialId: passkey.id,
  FriendlyCredentialName: passkey.friendlyName,
  RelyingPartyId: passkey.rpId,
  ...(passkey.attachment ? { AuthenticatorAttachment: passkey.attachment } : {}),
  AuthenticatorTransports: passkey.transports,
  CreatedAt: passkey.createdAt / 1000,
});

/** Oldest first: by creation time, then id. */
const order = (a: Passkey, b: Passkey) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A NextToken names the last passkey of its page, so passkeys deleted or added between pages skip or repeat none. */
const tokenFor = (passkey: Passkey) => Buffer.from(JSON.stringify({ after: [passkey.createdAt, passkey.id] })).toString('base64url');

function afterOf(token: string): Pick<Passkey, 'createdAt' | 'id'> {
  try {
    const { after } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown };
    if (Array.isArray(after) && typeof after[0] === 'number' && typeof after[1] === 'string') return { createdAt: after[0], id: after[1] };
  } catch {
    // Refused below.
  }
  throw invalidParameter('Invalid NextToken.');
}

export async function listWebAuthnCredentials(pool: Pool, input: Input) {
  const { user } = await signedIn(pool, input);
  const max = input.optionalInteger('MaxResults') ?? MAX_RESULTS;
  if (max < 1 || max > MAX_RESULTS) {
    const bound = max < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_RESULTS}`;
    throw invalidParameter(`1 validation error detected: Value '${max}' at 'maxResults' failed to satisfy constraint: Member must have value ${bound}`);
  }
  const token = input.optionalString('NextToken');
  const after = token === undefined ? null : afterOf(token);
  const rest = [...passkeysOf(user)].sort(order).filter((passkey) => !after || order(passkey, after as Passkey) > 0);
  const taken = rest.slice(0, max);
  return { Credentials: taken.map(described), ...(rest.length > max ? { NextToken: tokenFor(taken[taken.length - 1]) } : {}) };
}

export async function deleteWebAuthnCredential(pool: Pool, input: Input) {
  const { user } = await signedIn(pool, input);
  const credentialId = input.string('CredentialId');
  if (!(await deletePasskey(pool, user, credentialId))) throw err('ResourceNotFoundException', 'The passkey credential was not found.');
  return {};
}
