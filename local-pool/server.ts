// HTTP front: who may call (access.ts), CORS, body limits, test controls under /_local/, JWKS, and
// the operation dispatch.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { hasCredentials, missingCredentials, needsCredentials, type Access } from './access.js';
import { CognitoError } from './errors.js';
import type { Fault, Faults } from './faults.js';
import { Input } from './input.js';
import { discoveryDocument } from './oauth/discovery.js';
import type { HostedUi } from './oauth/hosted-ui.js';
import { handleHostedUi, isHostedUiPath } from './oauth/routes.js';
import { operations } from './operations/index.js';
import type { Pool } from './pool.js';
import type { RequestLog } from './requests.js';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const EXPOSE = 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date';

export interface ServerControls {
  access: Access;
  faults: Faults;
  requests: RequestLog;
  /** The hosted UI's state (codes, browser sessions): the OAuth 2.0 endpoints under oauth/. */
  hostedUi: HostedUi;
  /** Empties the pool (POST /_local/reset). */
  reset(): Promise<void>;
}

/** An allowed origin is echoed (with credentials); another gets no Allow-Origin, so its page reads nothing. */
function corsHeaders(req: IncomingMessage, access: Access): Record<string, string> {
  const origin = req.headers.origin;
  if (origin === undefined) return { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': EXPOSE };
  if (!access.corsAllows(origin)) return { Vary: 'Origin' };
  return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin', 'Access-Control-Expose-Headers': EXPOSE };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.1',
    'Content-Length': String(Buffer.byteLength(text)),
    'x-amzn-RequestId': randomUUID(),
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: CognitoError, headers: Record<string, string> = {}) {
  // Header values must stay Latin-1 and on one line.
  const headerMessage = error.message.replace(/[^\x20-\x7e]/g, '?');
  sendJson(
    res,
    error.status,
    { __type: error.type, message: error.message },
    {
      'x-amzn-ErrorType': error.type,
      'x-amzn-ErrorMessage': headerMessage,
      ...headers,
    },
  );
}

/** A forged answer (fault kind 'answer'): its body exactly, with the headers a real answer has. */
function sendForgedAnswer(res: ServerResponse, fault: Fault) {
  const body = fault.body ?? {};
  const status = fault.status ?? 200;
  // Clients that read the error type from the header (as the AWS SDKs may) see the forged one too.
  const errorHeaders: Record<string, string> =
    status >= 400 && typeof body.__type === 'string'
      ? {
          'x-amzn-ErrorType': body.__type.replace(/[^\x20-\x7e]/g, '?'),
          ...(typeof body.message === 'string' ? { 'x-amzn-ErrorMessage': body.message.replace(/[^\x20-\x7e]/g, '?') } : {}),
        }
      : {};
  sendJson(res, status, body, errorHeaders);
}

/**
 * Reads the body up to `limit` bytes; past it, drains the rest and answers 'too-large' (cutting
 * off a body that goes on far beyond). 'aborted' when the client hung up: nobody to answer.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > limit * 16) resolve('too-large');
    });
    req.on('end', () => resolve(size > limit ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', () => resolve('aborted'));
    req.on('close', () => resolve(req.complete ? (size > limit ? 'too-large' : Buffer.concat(chunks)) : 'aborted'));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function handleOperation(pool: Pool, controls: ServerControls, req: IncomingMessage, res: ServerResponse) {
  // Logged on arrival, whatever follows (refusal, fault, drop), so tests can count what clients sent.
  if (req.headers['x-amz-target']) controls.requests.record(String(req.headers['x-amz-target']), res);
  const raw = await readBody(req, pool.config.maxBodyBytes);
  if (raw === 'aborted') return;
  if (raw === 'too-large') {
    return sendError(res, new CognitoError('InvalidParameterException', `Request body is larger than ${pool.config.maxBodyBytes} bytes.`), {
      Connection: 'close',
    });
  }
  const target = String(req.headers['x-amz-target'] ?? '');
  if (!target.startsWith(TARGET_PREFIX)) {
    return sendError(res, new CognitoError('UnknownOperationException', target ? `Unknown target ${target}.` : 'Missing X-Amz-Target header.'));
  }
  const name = target.slice(TARGET_PREFIX.length);
  if (operations[name] && needsCredentials(name)) {
    controls.access.checkAdmin(req.headers, `Admin operations (${name})`);
    if (!hasCredentials(req.headers)) throw missingCredentials(name);
  }
  const fault = controls.faults.take(name);
  if (fault?.kind === 'drop') return void req.socket.destroy();
  if (fault?.kind === 'http-500') return sendError(res, new CognitoError('InternalErrorException', 'Injected fault: internal error.', 500));
  if (fault?.kind === 'throttle') return sendError(res, new CognitoError('TooManyRequestsException', 'Rate exceeded'));
  if (fault?.kind === 'delay') await sleep(fault.delayMs);
  if (fault?.kind === 'answer') return sendForgedAnswer(res, fault);

  const operation = operations[name];
  if (!operation) {
    return sendError(res, new CognitoError('UnknownOperationException', `The local pool does not know the operation ${name}.`));
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8') || '{}');
  } catch {
    return sendError(res, new CognitoError('SerializationException', 'The request body is not valid JSON.'));
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return sendError(res, new CognitoError('SerializationException', 'The request body must be a JSON object.'));
  }
  const result = await operation(pool, new Input(body as Record<string, unknown>));
  sendJson(res, 200, result);
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const raw = await readBody(req, limit);
  if (raw === 'aborted') return {};
  if (raw === 'too-large') throw new CognitoError('InvalidParameterException', 'Request body too large.');
  try {
    return JSON.parse(raw.toString('utf8') || '{}');
  } catch {
    throw new CognitoError('SerializationException', 'The request body is not valid JSON.');
  }
}

async function handleLocal(pool: Pool, controls: ServerControls, req: IncomingMessage, res: ServerResponse, url: URL) {
  controls.access.checkAdmin(req.headers, 'the /_local/ controls (mailbox, faults, requests, reset)');
  const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
  switch (route) {
    case 'GET /_local/messages':
      return sendJson(res, 200, pool.mailbox.list(url.searchParams.get('to')), { 'Content-Type': 'application/json' });
    case 'DELETE /_local/messages':
      pool.mailbox.clear();
      return sendJson(res, 200, {}, { 'Content-Type': 'application/json' });
    case 'GET /_local/faults':
      return sendJson(res, 200, controls.faults.list(), { 'Content-Type': 'application/json' });
    case 'POST /_local/faults': {
      const fault = controls.faults.add(await readJson(req, pool.config.maxBodyBytes));
      if (typeof fault === 'string') throw new CognitoError('InvalidParameterException', fault);
      return sendJson(res, 200, fault, { 'Content-Type': 'application/json' });
    }
    case 'DELETE /_local/faults':
      controls.faults.clear();
      return sendJson(res, 200, {}, { 'Content-Type': 'application/json' });
    case 'GET /_local/requests':
      return sendJson(res, 200, controls.requests.list(url.searchParams.get('operation')), { 'Content-Type': 'application/json' });
    case 'DELETE /_local/requests':
      controls.requests.clear();
      return sendJson(res, 200, {}, { 'Content-Type': 'application/json' });
    case 'POST /_local/reset':
      await controls.reset();
      return sendJson(res, 200, {}, { 'Content-Type': 'application/json' });
    default:
      throw new CognitoError('ResourceNotFoundException', `No local control at ${route}.`);
  }
}

function handleGet(pool: Pool, res: ServerResponse, url: URL) {
  const { poolId } = pool.config;
  const json = { 'Content-Type': 'application/json' };
  if (url.pathname === `/${poolId}/.well-known/jwks.json`) return sendJson(res, 200, pool.tokens.jwks, json);
  if (url.pathname === `/${poolId}/.well-known/openid-configuration`) {
    return sendJson(res, 200, discoveryDocument(pool), json);
  }
  if (url.pathname === '/') {
    return sendJson(res, 200, { service: 'local Cognito user pool', poolId, clientId: pool.config.clientId, region: pool.config.region }, json);
  }
  throw new CognitoError('ResourceNotFoundException', `Nothing at GET ${url.pathname}.`);
}

export function createPoolServer(pool: Pool, controls: ServerControls): Server {
  const server = createServer((req, res) => {
    // Parsed against a fixed origin: a path such as `//` is not a URL on its own, and must not
    // throw out of the request handler (that would stop the pool).
    const url = new URL(`http://local${req.url?.startsWith('/') ? req.url : '/'}`);
    // On every answer, errors and refusals included (writeHead adds to headers set here).
    for (const [name, value] of Object.entries(corsHeaders(req, controls.access))) res.setHeader(name, value);
    const handle = async () => {
      controls.access.checkRequest(req.headers);
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'Access-Control-Allow-Methods': 'POST, GET, DELETE, OPTIONS',
          'Access-Control-Allow-Headers':
            req.headers['access-control-request-headers'] ??
            'content-type,x-amz-target,x-amz-user-agent,cache-control,amz-sdk-invocation-id,amz-sdk-request,authorization,x-amz-date,x-amz-security-token,x-amz-content-sha256',
          'Access-Control-Max-Age': '600',
          'Content-Length': '0',
        });
        return void res.end();
      }
      if (url.pathname.startsWith('/_local/')) return handleLocal(pool, controls, req, res, url);
      if (isHostedUiPath(url.pathname)) return handleHostedUi(pool, controls.hostedUi, req, res, url);
      if (req.method === 'GET' || req.method === 'HEAD') return handleGet(pool, res, url);
      if (req.method === 'POST') return handleOperation(pool, controls, req, res);
      throw new CognitoError('UnknownOperationException', `Method ${req.method} is not supported.`);
    };
    handle().catch((error: unknown) => {
      if (error instanceof CognitoError) return sendError(res, error);
      // A bug, not an injected fault: answer rather than crash, and say so on the console.
      console.error('[local-pool] internal error:', error);
      sendError(res, new CognitoError('InternalErrorException', 'Internal error in the local pool.', 500));
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 20_000;
  return server;
}
