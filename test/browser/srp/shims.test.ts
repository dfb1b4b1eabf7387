// The stand-ins the browser bundle uses for the SDK's `buffer` and `@aws-crypto/sha256-js`
// (src/cognito/srp/shims/, wired by rollup.config.mjs). Expected values come from the npm buffer
// polyfill 4.9.2 the SDK ships with and from WebCrypto.
import { expect } from '@open-wc/testing';
import { Buffer } from '../../../src/cognito/srp/shims/buffer.js';
import { Sha256 } from '../../../src/cognito/srp/shims/sha256.js';

const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
const random = (length: number) => crypto.getRandomValues(new Uint8Array(length));

describe('SDK stand-ins', () => {
  describe('Buffer', () => {
    it('decodes a JWT payload (base64url, unpadded) to UTF-8 as CognitoJwtToken does', () => {
      const payload = 'eyJzdWIiOiJhYmMiLCJuYW1lIjoiSm9zw6kg8J-YgCJ9';
      expect(JSON.parse(Buffer.from(payload, 'base64').toString('utf8'))).to.deep.equal({ sub: 'abc', name: 'José 😀' });
      expect(Buffer.from(payload.replace('-', '+'), 'base64').toString('utf8')).to.equal('{"sub":"abc","name":"José 😀"}');
    });

    it('reads base64 as leniently as the polyfill', () => {
      expect(Buffer.from('ab=c', 'base64').toString('hex')).to.equal('69b7');
      expect(Buffer.from('a', 'base64')).to.have.length(0);
      expect(Buffer.from('abcde', 'base64').toString('hex')).to.equal('69b71d');
      expect(Buffer.from('ZGV2\nLXNl', 'base64').toString('utf8')).to.equal('dev-se');
    });

    it('converts hex, and stops at the first non-hex pair as the polyfill does', () => {
      expect(Buffer.from('00ff10ab', 'hex').toString('base64')).to.equal('AP8Qqw==');
      expect(Buffer.from('0aZZ', 'hex')).to.have.length(1);
      const bytes = random(300);
      expect(hex(Buffer.from(hex(bytes), 'hex'))).to.equal(hex(bytes));
      expect(Buffer.from(hex(bytes), 'hex').toString('hex')).to.equal(hex(bytes));
    });

    it('concatenates utf8, base64 and byte parts as the SRP signature message does', () => {
      const message = Buffer.concat([Buffer.from('Ab12', 'utf8'), Buffer.from('ZGV2', 'base64'), Buffer.from('é✓', 'utf8')]);
      expect(message.toString('hex')).to.equal('41623132646576c3a9e29c93');
      expect(message).to.be.instanceOf(Uint8Array);
      expect(Buffer.from(message).toString('utf8')).to.equal('Ab12dev\u00e9\u2713');
    });

    it('copies byte arrays and round-trips base64 of any length', () => {
      for (let length = 0; length < 70; length++) {
        const bytes = random(length);
        const copy = Buffer.from(bytes);
        bytes[0] = bytes[0]! ^ 0xff;
        const base64 = copy.toString('base64');
        expect(base64).to.equal(btoa(String.fromCharCode(...copy)));
        expect(hex(Buffer.from(base64, 'base64'))).to.equal(hex(copy));
      }
      expect(Buffer.from('Caldera Derived Key', 'utf8').slice(0, 7).toString()).to.equal('Caldera');
    });
  });

  describe('Sha256', () => {
    async function webSha256(data: Uint8Array) {
      return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', data as BufferSource)));
    }
    async function webHmac(key: Uint8Array, data: Uint8Array) {
      const cryptoKey = await crypto.subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      return hex(new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, data as BufferSource)));
    }

    it('hashes like WebCrypto at every block boundary', async () => {
      for (const length of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000]) {
        const data = random(length);
        const hash = new Sha256();
        hash.update(data.subarray(0, length >> 1));
        hash.update(data.subarray(length >> 1));
        expect(hex(hash.digestSync()), `length ${length}`).to.equal(await webSha256(data));
      }
    });

    it('hashes strings as UTF-8 and typed-array views by their bytes', async () => {
      const hash = new Sha256();
      hash.update('Ab12Cd34E7d8ca528:pässwörd ✓');
      expect(hex(hash.digestSync())).to.equal(await webSha256(new TextEncoder().encode('Ab12Cd34E7d8ca528:pässwörd ✓')));
      const words = new Uint32Array([1, 2, 3]);
      const viewed = new Sha256();
      viewed.update(words.subarray(1));
      expect(hex(await viewed.digest())).to.equal(await webSha256(new Uint8Array(words.buffer, 4, 8)));
    });

    it('computes HMAC-SHA256 with short, block-sized and long keys', async () => {
      for (const keyLength of [1, 16, 32, 64, 65, 200]) {
        const key = random(keyLength);
        const data = random(101);
        const hmac = new Sha256(key);
        hmac.update(data);
        expect(hex(hmac.digestSync()), `key ${keyLength}`).to.equal(await webHmac(key, data));
      }
      const known = new Sha256('key');
      known.update('The quick brown fox jumps over the lazy dog');
      expect(hex(known.digestSync())).to.equal('f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
    });
  });
});
