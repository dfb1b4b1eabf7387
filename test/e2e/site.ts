// The demo's pages as a static site (as a user's own site would be served in their tests): the
// pages from demo/, the drop-in file from dist/ under js/. Its js/config.js is answered per test
// by the `page` fixture, pointing at that worker's pool.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serveFile, type Mount } from '../../build/demo/server/static-files.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bundle: Mount[] = [{ prefix: '/js/', dir: `${root}dist` }];
const pages: Mount[] = [{ prefix: '/', dir: `${root}demo` }];

export async function startSite(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const mounts = /^\/js\/cognito-auth-elements(-[\w-]+)?\.js$/.test(pathname) ? bundle : pages;
    serveFile(req, res, mounts).then(
      (served) => void (served || res.writeHead(404).end()),
      () => void res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // localhost: a secure context, which WebCrypto (and so SRP in the page) needs.
    url: `http://localhost:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
