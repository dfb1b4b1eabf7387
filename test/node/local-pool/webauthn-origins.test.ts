// Which pages' passkeys the pool accepts (webauthn-rules.ts), and the relying party options
// checked at start-up (options.ts), without a browser: passkeys.test.ts drives real ones.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../../local-pool/options.js';
import { originAllowed } from '../../../local-pool/webauthn-rules.js';

const rulesOf = (options: Parameters<typeof resolveConfig>[0]) => resolveConfig(options).webauthn;

describe('passkey origins', () => {
  it('by default: any port of localhost or a subdomain, over http or https', () => {
    const rules = rulesOf({});
    assert.equal(rules.rpId, 'localhost');
    for (const origin of ['http://localhost:8000', 'http://localhost', 'https://localhost:8443', 'http://app.localhost:3000']) {
      assert.ok(originAllowed(rules, origin), origin);
    }
    for (const origin of [
      'http://127.0.0.1:8000',
      'http://[::1]:8000',
      'http://localhost.example.com',
      'http://notlocalhost:80',
      'null',
      'http://localhost:8000/path',
    ]) {
      assert.ok(!originAllowed(rules, origin), origin);
    }
  });

  it('another RP id: https only, on it or its subdomains', () => {
    const rules = rulesOf({ webauthnRpId: 'Example.test' });
    assert.equal(rules.rpId, 'example.test');
    assert.ok(originAllowed(rules, 'https://example.test'));
    assert.ok(originAllowed(rules, 'https://app.example.test:8443'));
    assert.ok(!originAllowed(rules, 'http://app.example.test'), 'http is a secure context for localhost names only');
    assert.ok(!originAllowed(rules, 'https://badexample.test'));
  });

  it('with webauthnOrigins: exactly those', () => {
    const rules = rulesOf({ webauthnOrigins: ['http://localhost:8000/', 'http://app.localhost:8000'] });
    assert.deepEqual(rules.origins, ['http://localhost:8000', 'http://app.localhost:8000']);
    assert.ok(originAllowed(rules, 'http://localhost:8000'));
    assert.ok(!originAllowed(rules, 'http://localhost:8001'));
  });

  it('refuses at start-up what a browser would never accept', () => {
    assert.throws(() => rulesOf({ webauthnOrigins: ['http://example.com'] }), /not on the relying party localhost/);
    assert.throws(() => rulesOf({ webauthnOrigins: ['localhost:8000'] }), /not an origin/);
    assert.throws(() => rulesOf({ webauthnRpId: 'http://localhost' }), /not a domain name/);
    assert.throws(() => rulesOf({ webauthnRpId: 'localhost:8000' }), /not a domain name/);
    assert.throws(() => rulesOf({ webauthnUserVerification: 'discouraged' as 'required' }), /required or preferred/);
  });
});
