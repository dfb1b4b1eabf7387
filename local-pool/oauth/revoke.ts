// POST /oauth2/revoke: revokes a refresh token and the whole sign-in it belongs to (its access
// tokens stop working at userInfo and the API). RFC 7009: an unknown token is no error.
// AWS: https://docs.aws.amazon.com/cognito/latest/developerguide/revocation-endpoint.html
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Pool } from '../pool.js';
import { oauthError, readForm } from './http.js';

function clientIdOf(req: IncomingMessage, form: URLSearchParams): { id: string | undefined; secret: string | undefined } {
  const header = req.headers.authorization;
  if (header?.startsWith('Basic ')) {
    const [id, secret] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
    return { id, secret: secret || undefined };
  }
  return { id: form.get('client_id') ?? undefined, secret: form.get('client_secret') ?? undefined };
}

export async function revokeEndpoint(pool: Pool, req: IncomingMessage, res: ServerResponse) {
  const form = await readForm(req, pool.config.maxBodyBytes);
  if (!form) return oauthError(res, 'invalid_request', 'The body must be application/x-www-form-urlencoded');
  const token = form.get('token');
  if (!token) return oauthError(res, 'invalid_request', 'token is required');
  const client = clientIdOf(req, form);
  if (client.id !== pool.config.clientId || client.secret !== undefined) return oauthError(res, 'invalid_client', undefined, 401);
  if (token.split('.').length === 3) return oauthError(res, 'unsupported_token_type');
  const record = pool.store.refreshTokens.get(token);
  if (record && record.clientId === client.id) {
    record.revoked = true;
    pool.store.revokedOrigins.add(record.originJti);
    await pool.store.save();
  }
  res.writeHead(200, { 'Content-Length': '0', 'Cache-Control': 'no-store' });
  res.end();
}
