// The workshop's RequestUnicorn, as a small protected API: POST /api/ride with the user's ID token
// in the Authorization header gets a unicorn; anything else gets 401. The token is verified the
// way a real backend must: RS256 signature against the pool's JWKS, issuer, audience (the app
// client), expiry and token_use 'id', with aws-jwt-verify.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CognitoJwtVerifier, JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import {
  CognitoJwtInvalidClientIdError,
  CognitoJwtInvalidTokenUseError,
  FetchError,
  JwtExpiredError,
  JwtInvalidAudienceError,
  JwtInvalidIssuerError,
  JwtInvalidSignatureError,
  JwtNotBeforeError,
  KidNotFoundInJwksError,
  NonRetryableFetchError,
  WaitPeriodNotYetEndedJwkError,
} from 'aws-jwt-verify/error';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';

/** Why a request was refused; sent back as `reason` so the demo (and its tests) can show it. */
export type RefusalReason =
  'missing-token' | 'malformed-token' | 'bad-signature' | 'unknown-key' | 'expired' | 'not-yet-valid' | 'wrong-issuer' | 'wrong-audience' | 'wrong-token-use';

export interface TokenVerifier {
  verify(token: string): Promise<JwtPayload>;
}

const unicorns = [
  { Name: 'Bucephalus', Color: 'Golden', Gender: 'Male' },
  { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
  { Name: 'Rocinante', Color: 'Yellow', Gender: 'Female' },
];

/**
 * A verifier for ID tokens of the local pool. Cognito's own verifier derives the issuer from the
 * pool id (https://cognito-idp.<region>.amazonaws.com/<id>), which the local pool cannot be, so
 * this uses the generic verifier with the issuer and JWKS the pool's OpenID discovery names, plus
 * aws-jwt-verify's Cognito claim checks (token_use, client id).
 */
export async function localPoolVerifier(poolUrl: string, poolId: string, clientId: string): Promise<TokenVerifier> {
  const discoveryUrl = new URL(`${poolId}/.well-known/openid-configuration`, poolUrl).href;
  const response = await fetch(discoveryUrl);
  if (!response.ok) throw new Error(`GET ${discoveryUrl} answered ${response.status}`);
  const { issuer, jwks_uri: jwksUri } = (await response.json()) as { issuer: string; jwks_uri: string };
  // aws-jwt-verify fetches over https only; the local pool speaks http.
  const jwksCache = new SimpleJwksCache({
    fetcher: {
      async fetch(uri: string) {
        const answer = await fetch(uri);
        if (!answer.ok) throw new NonRetryableFetchError(uri, `Status code is ${answer.status}, expected 200`);
        return answer.arrayBuffer();
      },
    },
  });
  return JwtVerifier.create(
    {
      issuer,
      jwksUri,
      // As CognitoJwtVerifier does: the audience is checked by the Cognito field checks (aud of
      // an ID token, client_id of an access token), after token_use, so an access token is
      // refused as the wrong kind of token rather than for lacking an aud.
      audience: null,
      customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse: 'id', clientId }),
    },
    { jwksCache },
  );
}

/** A verifier for ID tokens of a real Cognito user pool. */
export function cognitoVerifier(userPoolId: string, clientId: string): TokenVerifier {
  return CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse: 'id' });
}

function reasonFor(err: unknown): RefusalReason {
  if (err instanceof JwtExpiredError) return 'expired';
  if (err instanceof JwtNotBeforeError) return 'not-yet-valid';
  if (err instanceof CognitoJwtInvalidTokenUseError) return 'wrong-token-use';
  if (err instanceof JwtInvalidAudienceError || err instanceof CognitoJwtInvalidClientIdError) return 'wrong-audience';
  if (err instanceof JwtInvalidIssuerError) return 'wrong-issuer';
  if (err instanceof JwtInvalidSignatureError) return 'bad-signature';
  // An unknown kid makes the cache refetch the JWKS; a second one soon after is refused without
  // a refetch (the penalty box), which is still "signed by a key the pool does not have".
  if (err instanceof KidNotFoundInJwksError || err instanceof WaitPeriodNotYetEndedJwkError) return 'unknown-key';
  return 'malformed-token';
}

/** The workshop sends the bare token; `Bearer <token>` is accepted too. */
function tokenFrom(req: IncomingMessage): string | null {
  const header = req.headers.authorization?.trim();
  if (!header) return null;
  return header.replace(/^Bearer\s+/i, '') || null;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

function refuse(res: ServerResponse, reason: RefusalReason, message: string) {
  sendJson(
    res,
    401,
    { error: 'unauthorized', reason, message },
    {
      'WWW-Authenticate': `Bearer error="invalid_token", error_description="${reason}"`,
    },
  );
}

/** Drains the request body (the workshop posts a pickup location; the demo ignores it). */
async function drain(req: IncomingMessage) {
  for await (const chunk of req) void chunk;
}

/** Handles /api/*; returns false for other paths. */
export async function handleApi(req: IncomingMessage, res: ServerResponse, verifier: TokenVerifier): Promise<boolean> {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (!pathname.startsWith('/api/')) return false;
  if (pathname !== '/api/ride') {
    sendJson(res, 404, { error: 'not-found' });
    return true;
  }
  if (req.method !== 'POST') {
    sendJson(res, 405, { error: 'method-not-allowed' }, { Allow: 'POST' });
    return true;
  }
  await drain(req);
  const token = tokenFrom(req);
  if (!token) {
    refuse(res, 'missing-token', 'Send your ID token in the Authorization header.');
    return true;
  }
  let claims: JwtPayload;
  try {
    claims = await verifier.verify(token);
  } catch (err) {
    if (err instanceof FetchError) {
      sendJson(res, 503, { error: 'jwks-unavailable', message: 'The user pool did not answer.' });
      return true;
    }
    refuse(res, reasonFor(err), err instanceof Error ? err.message : String(err));
    return true;
  }
  const unicorn = unicorns[Math.floor(Math.random() * unicorns.length)];
  sendJson(res, 201, {
    RideId: randomUUID(),
    Unicorn: unicorn,
    UnicornName: unicorn.Name,
    Eta: '30 seconds',
    Rider: claims.email ?? claims['cognito:username'],
  });
  return true;
}
