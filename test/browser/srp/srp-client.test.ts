import { expect } from '@open-wc/testing';
import { bytesToHex, fromHex, hexToBytes, modPow, padHex } from '../../../src/cognito/srp/bigint.js';
import { hexHash, sha256Hex, utf8 } from '../../../src/cognito/srp/hash.js';
import {
  answerPasswordVerifier,
  base64ToBytes,
  computeA,
  computeS,
  computeU,
  computeX,
  deriveKey,
  formatTimestamp,
  g,
  k,
  N,
  passwordClaimSignature,
} from '../../../src/cognito/srp/srp-client.js';
import { vector } from './vector.js';

describe('SRP client maths', () => {
  describe('the worked example (vector.ts, computed with the SDK), step by step', () => {
    const a = fromHex(vector.a);
    const A = fromHex(vector.A);
    const B = fromHex(vector.B);

    it('k is H(PAD(N) ‖ PAD(g))', async () => {
      expect(padHex(N)).to.have.length(770);
      expect(await hexHash(padHex(N) + padHex(g))).to.equal(vector.k);
      expect(k.toString(16)).to.equal(vector.k);
    });

    it('A = g^a mod N, sent unpadded, padded with 00 for hashing', () => {
      expect(computeA(a).toString(16)).to.equal(vector.A);
      expect(padHex(A)).to.equal(`00${vector.A}`);
    });

    it('u = H(PAD(A) ‖ PAD(B)) has 63 digits and pads to 64', async () => {
      const u = await computeU(A, B);
      expect(u.toString(16)).to.equal(vector.u);
      expect(padHex(u)).to.equal(`0${vector.u}`);
    });

    it('x hashes PAD(salt) with the inner hash as hex text', async () => {
      expect(padHex(fromHex(vector.salt))).to.equal(`00${vector.salt}`);
      expect(await sha256Hex(utf8(`${vector.poolName}${vector.userId}:${vector.password}`))).to.equal(vector.innerHash);
      const x = await computeX(vector.poolName, vector.userId, vector.password, fromHex(vector.salt));
      expect(x.toString(16)).to.equal(vector.x);
    });

    it('S = (B − k·g^x)^(a + u·x) mod N', () => {
      const S = computeS(a, B, fromHex(vector.u), fromHex(vector.x));
      expect(S.toString(16)).to.equal(vector.S);
      expect(padHex(S)).to.equal(vector.S);
    });

    it('HKDF gives the PRK and the 16-byte key', async () => {
      const { prk, key } = await deriveKey(fromHex(vector.S), fromHex(vector.u));
      expect(bytesToHex(prk)).to.equal(vector.prk);
      expect(bytesToHex(key)).to.equal(vector.key);
    });

    it('the timestamp and PASSWORD_CLAIM_SIGNATURE', async () => {
      expect(formatTimestamp(vector.date)).to.equal(vector.timestamp);
      const signature = await passwordClaimSignature(hexToBytes(vector.key), vector.poolName, vector.userId, vector.secretBlock, vector.timestamp);
      expect(signature).to.equal(vector.signature);
    });

    it('answerPasswordVerifier does all of it from the challenge parameters', async () => {
      const answer = await answerPasswordVerifier({
        a,
        A,
        poolName: vector.poolName,
        userId: vector.userId,
        password: vector.password,
        srpB: vector.B.toUpperCase(),
        salt: vector.salt,
        secretBlock: vector.secretBlock,
        now: vector.date,
      });
      expect(answer).to.deep.equal({ timestamp: vector.timestamp, signature: vector.signature });
    });
  });

  describe('padHex (Java BigInteger.toByteArray)', () => {
    const cases: [bigint, string][] = [
      [0n, '00'],
      [0x14n, '14'],
      [0x7fn, '7f'],
      [0x80n, '0080'],
      [0xecn, '00ec'],
      [0x123n, '0123'],
      [0xabcn, '0abc'],
      [0x8abcn, '008abc'],
    ];
    for (const [n, hex] of cases) {
      it(`0x${n.toString(16)} → ${hex}`, () => expect(padHex(n)).to.equal(hex));
    }
  });

  it('modPow agrees with plain square-and-multiply on random 3072-bit inputs', () => {
    const plain = (base: bigint, exponent: bigint) => {
      let result = 1n;
      for (const bit of exponent.toString(2)) {
        result = (result * result) % N;
        if (bit === '1') result = (result * base) % N;
      }
      return result;
    };
    for (let i = 0; i < 4; i++) {
      const base = fromHex(bytesToHex(crypto.getRandomValues(new Uint8Array(384)))) % N;
      const exponent = fromHex(bytesToHex(crypto.getRandomValues(new Uint8Array(40 + i * 50))));
      expect(modPow(base, exponent, N)).to.equal(plain(base, exponent));
    }
    expect(modPow(-5n, 3n, N)).to.equal(N - 125n);
    expect(modPow(7n, 0n, N)).to.equal(1n);
  });

  describe('formatTimestamp', () => {
    it('does not pad the day, pads the time, and reads UTC', () => {
      expect(formatTimestamp(new Date(Date.UTC(2026, 0, 1, 0, 0, 0)))).to.equal('Thu Jan 1 00:00:00 UTC 2026');
      expect(formatTimestamp(new Date(Date.UTC(2025, 11, 31, 23, 59, 9)))).to.equal('Wed Dec 31 23:59:09 UTC 2025');
      expect(formatTimestamp(new Date(Date.UTC(2024, 1, 29, 9, 5, 7)))).to.equal('Thu Feb 29 09:05:07 UTC 2024');
    });
  });

  describe('base64ToBytes', () => {
    it('reads standard, unpadded and url-safe base64 like the SDK Buffer does', () => {
      const bytes = [0xfb, 0xff, 0xbf, 0x01];
      expect([...base64ToBytes('+/+/AQ==')]).to.deep.equal(bytes);
      expect([...base64ToBytes('+/+/AQ')]).to.deep.equal(bytes);
      expect([...base64ToBytes('-_-_AQ==')]).to.deep.equal(bytes);
      expect([...base64ToBytes('+/+/\nAQ==')]).to.deep.equal(bytes);
    });
  });

  it('rejects B ≡ 0 mod N as the SDK does', async () => {
    let error: unknown;
    try {
      await answerPasswordVerifier({
        a: 5n,
        A: computeA(5n),
        poolName: 'p',
        userId: 'u',
        password: 'p',
        srpB: N.toString(16),
        salt: '01',
        secretBlock: '',
        now: new Date(),
      });
    } catch (err) {
      error = err;
    }
    expect(String(error)).to.contain('B cannot be zero');
  });
});
