// RS256 ID and access tokens with Cognito's claims (protocol §5), signed with jose.
import { randomUUID } from 'node:crypto';
import {
  SignJWT,
  calculateJwkThumbprint,
  createLocalJWKSet,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import { notAuthorized } from './errors.js';
import { accessTokenGroupClaims, idTokenGroupClaims } from './group-claims.js';
import type { Group, Keys, User } from './store.js';

export interface TokenKeys {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** Cognito signs ID and access tokens with different keys (two kids in its JWKS); so does the pool. */
export interface SigningKeys {
  id: TokenKeys;
  access: TokenKeys;
}

export async function createKeys(): Promise<Keys> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const privateJwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(privateJwk);
  return { kid, privateJwk };
}

export async function loadKeys(keys: Keys): Promise<TokenKeys> {
  const { kty, n, e } = keys.privateJwk;
  const publicJwk: JWK = { alg: 'RS256', e, kid: keys.kid, kty, n, use: 'sig' };
  return {
    kid: keys.kid,
    privateKey: (await importJWK({ ...keys.privateJwk, alg: 'RS256' }, 'RS256')) as CryptoKey,
    publicJwk,
  };
}

export interface SignInContext {
  originJti: string;
  eventId: string;
  authTime: number;
}

export interface AccessClaims {
  sub: string;
  username: string;
  client_id: string;
  origin_jti: string;
  token_use: string;
  scope: string;
  iat: number;
  exp: number;
}

export class TokenIssuer {
  readonly jwks: JSONWebKeySet;
  private readonly publishedKeys: ReturnType<typeof createLocalJWKSet>;

  /**
   * `issuer` is the `iss` claim (the local URL, or Cognito's own with --issuer cognito);
   * `jwksUri` is where the pool publishes the keys, which is always the local pool.
   */
  constructor(
    private readonly keys: SigningKeys,
    readonly issuer: string,
    readonly jwksUri: string,
    private readonly ttlSeconds: number,
  ) {
    this.jwks = { keys: [keys.id.publicJwk, keys.access.publicJwk] };
    this.publishedKeys = createLocalJWKSet(this.jwks);
  }

  private sign(claims: Record<string, unknown>, now: number, key: TokenKeys) {
    return new SignJWT({ ...claims, iss: this.issuer, iat: now, exp: now + this.ttlSeconds, jti: randomUUID() })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .sign(key.privateKey);
  }

  /**
   * ID token: sub, aud, cognito:username, the user's attributes (*_verified as booleans), and
   * from `groups` (the user's, in precedence order) cognito:groups, cognito:roles, cognito:preferred_role.
   * `extra`: what the hosted UI adds (nonce, at_hash, amr, identities as JSON).
   */
  idToken(user: User, clientId: string, context: SignInContext, groups: Group[] = [], extra: Record<string, unknown> = {}) {
    const now = Math.floor(Date.now() / 1000);
    const attributes: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(user.attributes)) {
      attributes[name] = name.endsWith('_verified') ? value === 'true' : value;
    }
    return this.sign(
      {
        ...attributes,
        ...idTokenGroupClaims(groups),
        ...extra,
        sub: user.attributes.sub,
        aud: clientId,
        'cognito:username': user.username,
        token_use: 'id',
        origin_jti: context.originJti,
        event_id: context.eventId,
        auth_time: context.authTime,
      },
      now,
      this.keys.id,
    );
  }

  /** Access token: cognito:groups from `groups` as in the ID token; `extra` (the hosted UI's scope) overrides. */
  accessToken(user: User, clientId: string, context: SignInContext, groups: Group[] = [], extra: Record<string, unknown> = {}) {
    const now = Math.floor(Date.now() / 1000);
    return this.sign(
      {
        ...accessTokenGroupClaims(groups),
        sub: user.attributes.sub,
        client_id: clientId,
        username: user.username,
        token_use: 'access',
        scope: 'aws.cognito.signin.user.admin',
        ...extra,
        origin_jti: context.originJti,
        event_id: context.eventId,
        auth_time: context.authTime,
      },
      now,
      this.keys.access,
    );
  }

  /**
   * Checks signature, issuer and token_use; throws Cognito's access-token errors. Any published
   * key will do: before the pool had two keys its one key, now the ID key, signed access tokens
   * too, and those stay valid until they expire.
   */
  async verifyAccessToken(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.publishedKeys, { issuer: this.issuer, algorithms: ['RS256'] });
      if (payload.token_use !== 'access') throw notAuthorized('Invalid Access Token');
      return payload as unknown as AccessClaims;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw notAuthorized('Access Token has expired');
      if (error instanceof errors.JOSEError || error instanceof TypeError) throw notAuthorized('Invalid Access Token');
      throw error;
    }
  }
}
