// The drop-in file's weight budget. Sizes are deterministic for a given source and lockfile, so
// this is an exact check, not a timing. Lower BUDGET when you win bytes; never raise it lightly.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * gzip -9 bytes (Node's zlib, as measured below; GNU `gzip -9` comes out ~300 bytes smaller)
 * allowed for dist/cognito-auth-elements.js: the measured size rounded up to the next 500.
 * History (Node zlib): 2026-11-22 with the three elements 27 545, and 28 920 once the adapter signs
 * in through nativeSrpSignIn. With forgot-password, the sign-in challenge steps (QR code) and
 * signout/user/gate: 41 968; 38 790 once qrSlim swapped qrcode-generator for a cut-down copy;
 * 38 278 with the SHA-256 stand-in's constants computed; 37 954 with the QR copy in Byte mode only;
 * 2026-12-01: 30 985 with our own Cognito client instead of amazon-cognito-identity-js; 31 076 once
 * signing out while the service is down leaves its note for the next page's sign-in form; 31 110 with renewals
 * timed on the pool's clock; 30 552 with lean-qr 2.7.4 in place of the cut-down
 * qrcode-generator copy (31 169 just before, with the licence banner).
 * 26 817 once the QR encoder became a part loaded on demand (3 838 B gzip beside the drop-in file).
 * 30 301 with the English message catalogue (its keys, about 1 kB gzip; the texts were inline
 * before) and the polish it carries: errors cleared while typing, a busy label per action, the
 * show-password button, "already signed in as …", notes for the next page, help links.
 * 30 351 once long words wrap and input borders reach 3:1. 32 947 (node's zlib; 32 797 by the
 * gzip command) with choice-based sign-in:
 * the shared challenge handling, email MFA, the passkey error codes and their messages (1.2 kB)
 * and <auth-signin methods>' steps (1.3 kB); the USER_AUTH and passkey clients themselves are
 * parts loaded on first use (user-auth, passkeys, passkey-ceremony beside the drop-in file).
 */
// 33 576 with issue 13's passwordless sign-up, sign-in right after verifying and the passkey
// offer after sign-in (its step loads on demand; the hooks and messages stay).
// Issue 16's languages cost 817 B (the locale of each element, plurals, numbers, re-rendering on
// a lang change, the twelve locale loaders); computing the SRP prime from its RFC 3526
// definition instead of carrying its hex digits won 594 B back: +223 B net. The locales are
// files beside this one (cognito-auth-elements-<tag>.js, 7-8 kB gzip each), not in it.
// 36 812 once the rest landed with it, each measured by building with and without: the hosted
// UI's part of every page (+1.4 kB: taking a callback out of the URL, the domain and redirect
// settings and their checks, the sign-out hook, the provider buttons' markup; the exchange, the
// button element, the logos and the provider names load on demand), device tracking's sign-in
// side (sending a remembered device's key; confirming a new device loads on demand), the
// second-factor picker, FreshSignIn's hook and the loader of the on-demand elements
// (defineOnDemand). The account page's words (160 keys, about 2.4 kB) went to
// en-account.ts and its operations to account-client.ts, both loaded with its elements, so none of
// the account page is in this file.
const BUDGET = 37_000;

const file = fileURLToPath(new URL('../../../dist/cognito-auth-elements.js', import.meta.url));

test('dist/cognito-auth-elements.js stays within its gzip budget', () => {
  const source = readFileSync(file);
  const gzipped = gzipSync(source, { level: 9 }).length;
  assert.ok(
    gzipped <= BUDGET,
    `dist/cognito-auth-elements.js is ${gzipped} bytes gzip -9 (${source.length} raw), over the ${BUDGET}-byte budget ` +
      `by ${gzipped - BUDGET}. To see where the bytes go: node test/bench/bundle-sizes.mjs (per package, before ` +
      `minification), or build with and without a change and compare \`gzip -9c dist/cognito-auth-elements.js | wc -c\`. ` +
      `amazon-cognito-identity-js must not be imported by src/ (our client in src/cognito/ replaces it); check that a ` +
      `new import did not bring it, or another heavy package, in.`,
  );
});

test('dist/cognito-auth-elements.js defines every element and carries neither the SDK nor its polyfills', () => {
  const source = readFileSync(file, 'utf8');
  for (const tag of ['auth-register', 'auth-verify', 'auth-signin', 'auth-signout', 'auth-user', 'auth-gate']) {
    assert.ok(source.includes(`"${tag}"`) || source.includes(`'${tag}'`), `${tag} is missing from the bundle`);
  }
  // Markers of the SDK (its user agent, its session class), the npm buffer polyfill, CommonJS tslib,
  // unfetch, jsbn's BigInteger, and the QR package's renderers (createSvgTag's markup, the GIF
  // encoder's data URL) and Kanji self-test.
  for (const marker of [
    'aws-amplify/',
    'CognitoUserSession',
    'Unknown encoding',
    '__generator',
    'XMLHttpRequest',
    '0123456789abcdefghijklmnopqrstuvwxyz',
    'data:image/gif',
    'sjis not supported',
  ]) {
    assert.ok(!source.includes(marker), `the bundle contains "${marker}": a swapped-out dependency came back`);
  }
});
