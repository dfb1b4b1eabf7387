// The workshop's RequestUnicorn, as a small protected API: POST /api/ride with the user's ID token
// in the Authorization header gets a unicorn; anything else gets 401. The token is verified the
// way a real backend does, with the production verifier, aws-jwt-verify's CognitoJwtVerifier:
// RS256 signature against the pool's JWKS, issuer, audience (the app client), expiry and
// token_use 'id'. Against the local pool (issuer 'cognito') only where the keys come from differs.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
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
  ParameterValidationError,
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
 * The keys of the local pool in place of Cognito's: the verifier asks for
 * https://cognito-idp.<region>.amazonaws.com/<pool id>/.well-known/jwks.json (the pool's issuer
 * with /.well-known/jwks.json) and gets the local pool's JWKS, over http, which aws-jwt-verify's own
 * fetcher refuses.
 */
function localPoolKeys(jwksUrl: string): SimpleJwksCache {
  return new SimpleJwksCache({
    fetcher: {
      async fetch() {
        const answer = await fetch(jwksUrl);
        if (!answer.ok) throw new NonRetryableFetchError(jwksUrl, `Status code is ${answer.status}, expected 200`);
        return answer.arrayBuffer();
      },
    },
  });
}

/**
 * The verifier for the ride API: CognitoJwtVerifier for ID tokens of `userPoolId` issued to
 * `clientId`, as a deployed API runs it. `localJwksUrl`: the local pool's JWKS, for a pool started
 * with issuer 'cognito' (its tokens carry Cognito's issuer for that pool id); absent for a real pool.
 */
export function rideVerifier(userPoolId: string, clientId: string, localJwksUrl?: string): TokenVerifier {
  return CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse: 'id' }, localJwksUrl ? { jwksCache: localPoolKeys(localJwksUrl) } : undefined);
}

function reasonFor(err: unknown): RefusalReason {
  if (err instanceof JwtExpiredError) return 'expired';
  if (err instanceof JwtNotBeforeError) return 'not-yet-valid';
  if (err instanceof CognitoJwtInvalidTokenUseError) return 'wrong-token-use';
  if (err instanceof JwtInvalidAudienceError || err instanceof CognitoJwtInvalidClientIdError) return 'wrong-audience';
  // CognitoJwtVerifier looks the token's iss up among the issuers it was made for (its pool's,
  // regional and global): another pool's token is "issuer not configured".
  if (err instanceof JwtInvalidIssuerError || err instanceof ParameterValidationError) return 'wrong-issuer';
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
  const { pathname } = new URL(`http://localhost${req.url?.startsWith('/') ? req.url : '/'}`);
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
