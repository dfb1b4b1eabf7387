// GET|POST /oauth2/userInfo: the signed-in user's claims, as many as the access token's scopes
// allow. Only the hosted UI's access tokens have the openid scope; the API's (InitiateAuth) are
// refused. AWS: https://docs.aws.amazon.com/cognito/latest/developerguide/userinfo-endpoint.html
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CognitoError } from '../errors.js';
import type { Pool } from '../pool.js';
import { Store, type User } from '../store.js';
import { sendOAuthJson } from './http.js';

const BY_SCOPE: Record<string, string[]> = {
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
  profile: [
    'name',
    'family_name',
    'given_name',
    'middle_name',
    'nickname',
    'preferred_username',
    'profile',
    'picture',
    'website',
    'gender',
    'birthdate',
    'zoneinfo',
    'locale',
    'updated_at',
    'address',
  ],
};

function refuse(res: ServerResponse, status: number, error: string, description: string) {
  sendOAuthJson(res, status, { error, error_description: description }, { 'WWW-Authenticate': `Bearer error="${error}", error_description="${description}"` });
}

/** Claims for the scopes: sub and username always; aws.cognito.signin.user.admin reads every attribute. */
function claims(user: User, scopes: string[]): Record<string, unknown> {
  const names = scopes.includes('aws.cognito.signin.user.admin') ? Object.keys(user.attributes) : scopes.flatMap((scope) => BY_SCOPE[scope] ?? []);
  const out: Record<string, unknown> = { sub: user.attributes.sub };
  for (const name of names) {
    const value = user.attributes[name];
    if (value === undefined) continue;
    // Cognito answers verified flags as the strings it stores; identities as its JSON string.
    out[name] = value;
  }
  out.username = user.username;
  return out;
}

export async function userInfo(pool: Pool, req: IncomingMessage, res: ServerResponse) {
  req.resume();
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return refuse(res, 400, 'invalid_request', 'Bad OAuth2 request at UserInfo Endpoint');
  const expired = 'Access token is expired, disabled, or deleted, or the user has globally signed out.';
  let payload;
  try {
    payload = await pool.tokens.verifyAccessToken(match[1]);
  } catch (error) {
    if (error instanceof CognitoError) return refuse(res, 401, 'invalid_token', expired);
    throw error;
  }
  if (pool.store.revokedOrigins.has(payload.origin_jti)) return refuse(res, 401, 'invalid_token', expired);
  const scopes = String(payload.scope ?? '').split(' ');
  if (!scopes.includes('openid')) return refuse(res, 401, 'invalid_token', 'Access token does not contain openid scope');
  const user = pool.store.users.get(Store.key(payload.username));
  if (!user || !user.enabled || user.attributes.sub !== payload.sub) return refuse(res, 401, 'invalid_token', expired);
  return sendOAuthJson(res, 200, claims(user, scopes));
}
