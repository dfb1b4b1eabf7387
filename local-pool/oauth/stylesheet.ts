// The hosted UI's one stylesheet, served from the pool (the pages' CSP allows no inline style).
import type { ServerResponse } from 'node:http';

const CSS = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; padding: 0 0.75rem; background: Canvas; color: CanvasText; }
main { max-width: 24rem; margin: 2rem auto; padding: 1.5rem; border: 1px solid GrayText; border-radius: 0.5rem; }
h1 { font-size: 1.4rem; margin-top: 0; }
label { display: block; font-weight: 600; margin-top: 1rem; }
input[type="email"], input[type="password"], input[type="text"] {
  box-sizing: border-box; width: 100%; padding: 0.6rem; font: inherit; border: 1px solid GrayText; border-radius: 0.3rem;
}
input:focus-visible, button:focus-visible, a:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
button { margin-top: 1.25rem; width: 100%; padding: 0.7rem; font: inherit; font-weight: 600; border-radius: 0.3rem;
  border: 1px solid #0b57d0; background: #0b57d0; color: #fff; cursor: pointer; }
button.provider, a.provider { background: Canvas; color: CanvasText; border: 1px solid GrayText; }
a.provider { display: block; box-sizing: border-box; margin-top: 0.75rem; padding: 0.7rem; border-radius: 0.3rem; text-align: center;
  font-weight: 600; text-decoration: none; }
fieldset { border: 1px solid GrayText; border-radius: 0.3rem; margin-top: 1rem; }
.error { color: #b3261e; border-left: 4px solid #b3261e; padding-left: 0.6rem; }
.note { color: #4a4a4a; font-size: 0.9rem; }
.links { margin-top: 1.25rem; display: flex; justify-content: space-between; flex-wrap: wrap; gap: 0.5rem; }
.providers { margin-top: 1.5rem; border-top: 1px solid GrayText; padding-top: 0.5rem; }
.choice { display: flex; gap: 0.5rem; align-items: center; font-weight: 400; }
@media (prefers-color-scheme: dark) { .error { color: #f2b8b5; border-color: #f2b8b5; } .note { color: #c8c8c8; } }
`;

export function sendStylesheet(res: ServerResponse) {
  res.writeHead(200, {
    'Content-Type': 'text/css; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(CSS)),
    'Cache-Control': 'public, max-age=300',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(CSS);
}
