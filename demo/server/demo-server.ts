// The demo: the local pool (unless js/config.js names a real one), the demo's pages and bundle,
// and the protected ride API, on one local HTTP server. The pool mints Cognito's issuer, so the
// API checks tokens with the production verifier, and lets the demo's own pages (the mailbox)
// read its /_local/ controls; other sites' pages it refuses.
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalPool, type FirstAuthFactor } from '../../local-pool/index.js';
import { handleApi, rideVerifier, type TokenVerifier } from './ride-api.js';
import { pointsAtLocalPool, readSiteConfig, servedConfigScript, type SiteConfig } from './site-config.js';
import { serveFile, type Mount } from './static-files.js';

/** The repository root: this file runs as build/demo/server/demo-server.js. */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const demoDir = join(repoRoot, 'demo');
const configFile = join(demoDir, 'js', 'config.js');

export interface DemoOptions {
  /** The site's port; 0 picks a free one. Default 8080. */
  port?: number;
  /** The local pool's port; 0 picks a free one. Default 9229. */
  poolPort?: number;
  /** Where the local pool keeps its users. Default: in memory only. */
  dataFile?: string;
  /** Silence the local pool's request log. */
  quiet?: boolean;
  /** The local pool's MFA setting (`MFA=ON npm start` shows the TOTP and SMS steps). Default OFF. */
  mfa?: 'OFF' | 'OPTIONAL' | 'ON';
  /**
   * The pool's first auth factors for choice-based sign-in (`METHODS=passkey,email,sms,password npm
   * start`, tried on passwordless.html). Default PASSWORD only, as a new Cognito pool.
   */
  firstAuthFactors?: FirstAuthFactor[];
}

export interface RunningDemo {
  /** The site, ending in '/'. */
  url: string;
  /** The local pool, ending in '/', or null when js/config.js names a real pool. */
  poolUrl: string | null;
  close(): Promise<void>;
}

/** An error for a port already taken, naming the setting that moves it. */
export class PortInUseError extends Error {
  constructor(what: string, port: number, envName: string) {
    super(`Port ${port} is already in use, so the ${what} cannot start there. Stop whatever uses it, or pick another port: ${envName}=<port> npm start`);
    this.name = 'PortInUseError';
  }
}

function isAddressInUse(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE' || /EADDRINUSE/.test(String(err));
}

/** The page's CSP: scripts and styles from this site only, and calls to this site and the pool. */
function contentSecurityPolicy(config: SiteConfig, poolUrl: string | null): string {
  const connect = ["'self'"];
  if (poolUrl) {
    const { port } = new URL(poolUrl);
    connect.push(`http://localhost:${port}`, `http://127.0.0.1:${port}`);
  } else {
    connect.push(`https://cognito-idp.${config.cognito.region}.amazonaws.com`);
  }
  return `default-src 'self'; connect-src ${connect.join(' ')}; img-src 'self' data:`;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', (err) => fail(isAddressInUse(err) ? new PortInUseError('demo site', port, 'PORT') : err));
    server.listen(port, '127.0.0.1', () => done((server.address() as AddressInfo).port));
  });
}

type LocalPool = Awaited<ReturnType<typeof startLocalPool>>;

/** The demo's pages the hosted UI may return to (on both names the site is opened by). */
function demoPages(siteUrl: URL, paths: string[]): string[] {
  return ['localhost', '127.0.0.1'].flatMap((host) => paths.map((path) => `http://${host}:${siteUrl.port}${path}`));
}

/** The local pool for the site at `siteUrl` (whose pages, the mailbox among them, may use its /_local/ controls). */
async function startDemoPool(site: SiteConfig, siteUrl: URL, options: DemoOptions): Promise<LocalPool> {
  const poolPort = options.poolPort ?? 9229;
  if (options.dataFile) await mkdir(dirname(options.dataFile), { recursive: true });
  try {
    return await startLocalPool({
      port: poolPort,
      poolId: site.cognito.userPoolId,
      clientId: site.cognito.userPoolClientId,
      issuer: 'cognito',
      // The site is on 127.0.0.1, opened as localhost or 127.0.0.1.
      browserAdminOrigins: [`http://localhost:${siteUrl.port}`, `http://127.0.0.1:${siteUrl.port}`],
      dataFile: options.dataFile,
      quiet: options.quiet,
      mfa: options.mfa,
      firstAuthFactors: options.firstAuthFactors,
      // The hosted UI (Sign in with Google / Apple through the pool's stand-ins) returns to these pages.
      callbackUrls: demoPages(siteUrl, ['/', '/signin.html', '/ride.html']),
      logoutUrls: demoPages(siteUrl, ['/', '/signin.html']),
      federated: ['Google', 'SignInWithApple'],
      // Passkeys are made for the page's origin. The RP id is localhost, so only the site opened as
      // localhost can use them (browsers refuse an RP id of localhost on 127.0.0.1).
      ...(options.firstAuthFactors?.includes('WEB_AUTHN') ? { webauthnOrigins: [`http://localhost:${siteUrl.port}`] } : {}),
    });
  } catch (err) {
    throw isAddressInUse(err) ? new PortInUseError('local user pool', poolPort, 'POOL_PORT') : err;
  }
}

export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const site = await readSiteConfig(configFile);
  const { cognito } = site.config;

  // The site listens first: the pool is told the site's origin, known once it has its port.
  // A request that comes before the pool is up (before startDemo returns) gets a 503.
  let app: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null = null;
  const server = createServer((req, res) => {
    if (!app) return void res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '1' }).end('Starting\n');
    app(req, res).catch((err) => {
      console.error(err);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal error\n');
    });
  });
  const port = await listen(server, options.port ?? 8080);
  const url = `http://localhost:${port}/`;
  const closeSite = () =>
    new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    });

  let pool: LocalPool | null = null;
  let verifier: TokenVerifier;
  if (pointsAtLocalPool(site.config)) {
    try {
      pool = await startDemoPool(site.config, new URL(url), options);
    } catch (err) {
      await closeSite();
      throw err;
    }
    verifier = rideVerifier(pool.poolId, pool.clientId, pool.jwksUrl);
  } else {
    verifier = rideVerifier(cognito.userPoolId, cognito.userPoolClientId);
  }
  const poolUrl = pool?.url ?? null;

  const csp = contentSecurityPolicy(site.config, poolUrl);
  const configScript = servedConfigScript(site, poolUrl);
  // The drop-in bundle is served from dist/ under js/, as a site would copy it next to its scripts.
  const bundleMount: Mount[] = [{ prefix: '/js/', dir: join(repoRoot, 'dist') }];
  // The published SDK as one ES module (built by rollup.config.mjs into build/vendor/), for the
  // workshop page that uses amazon-cognito-identity-js directly (workshop-ride.html).
  const vendorMount: Mount[] = [{ prefix: '/vendor/', dir: join(repoRoot, 'build', 'vendor') }];
  const siteMount: Mount[] = [{ prefix: '/', dir: demoDir }];

  app = async function handle(req: IncomingMessage, res: ServerResponse) {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (await handleApi(req, res, verifier)) return;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
      return;
    }
    // Against a fixed origin, so `//…` (not a URL by itself) cannot throw and stop the demo.
    const { pathname } = new URL(`http://localhost${req.url?.startsWith('/') ? req.url : '/'}`);
    if (pathname === '/js/config.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : configScript);
      return;
    }
    const served =
      // The drop-in file and the parts it loads on demand from beside itself.
      /^\/js\/cognito-auth-elements(-[\w-]+)?\.js$/.test(pathname)
        ? await serveFile(req, res, bundleMount)
        : pathname === '/vendor/amazon-cognito-identity-js.js'
          ? await serveFile(req, res, vendorMount)
          : // The server's own source is not part of the site.
            !pathname.startsWith('/server/') && (await serveFile(req, res, siteMount));
    if (!served) res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
  };

  return {
    url,
    poolUrl,
    async close() {
      await closeSite();
      await pool?.close();
    },
  };
}
