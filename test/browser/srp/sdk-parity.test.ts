// Our SRP maths against the SDK's own AuthenticationHelper, step by step, on the same inputs:
// vectors chosen to hit every padding case. (Our whole sign-in against the SDK's is in
// test/browser/cognito/sdk-interop.test.ts: each reads the session the other signed in.)
import { expect } from '@open-wc/testing';
import * as sdkModule from 'amazon-cognito-identity-js';
import { bytesToHex, fromHex, padHex } from '../../../src/cognito/srp/bigint.js';
import { computeA, computeS, computeU, computeX, deriveKey, N } from '../../../src/cognito/srp/srp-client.js';
import { cases, det } from './padding-cases.js';

const poolName = 'Ab12Cd34E';
// Exported at runtime, missing from the SDK's .d.ts.
const AuthenticationHelper = (sdkModule as unknown as { AuthenticationHelper: new (poolName: string) => unknown }).AuthenticationHelper;

/** The SDK's AuthenticationHelper with a fixed a: A, u, x, S and the HKDF key. */
function sdkSteps(aHex: string, saltHex: string, bHex: string, userId: string, password: string) {
  const helper = new AuthenticationHelper(poolName) as any;
  const BigInteger = helper.smallAValue.constructor;
  helper.smallAValue = new BigInteger(aHex, 16);
  helper.largeAValue = null;
  let A = '';
  helper.getLargeAValue((_: unknown, value: any) => (A = value.toString(16)));
  const B = new BigInteger(bHex, 16);
  const salt = new BigInteger(saltHex, 16);
  let key = '';
  helper.getPasswordAuthenticationKey(userId, password, B, salt, (_: unknown, hkdf: Uint8Array) => {
    key = bytesToHex(new Uint8Array(hkdf));
  });
  const x = new BigInteger(helper.hexHash(helper.padHex(salt) + helper.hash(`${poolName}${userId}:${password}`)), 16);
  let S = '';
  helper.calculateS(x, B, (_: unknown, value: any) => (S = value.toString(16)));
  return { A, u: helper.UValue.toString(16) as string, x: x.toString(16) as string, S, key, padS: helper.padHex(new BigInteger(S, 16)) };
}

describe('SRP parity with the SDK', () => {
  describe("the SDK's AuthenticationHelper, step by step", () => {
    for (const c of cases) {
      it(`agrees on A, u, x, S and the key: ${c.name}`, async () => {
        const aHex = await det(`${c.name}/a/${c.seed}`, 128);
        const B = fromHex(await det(`${c.name}/B/${c.seed}`, 384)) % N;
        const a = fromHex(aHex);
        const A = computeA(a);
        const u = await computeU(A, B);
        const x = await computeX(poolName, c.userId, c.password, fromHex(c.salt));
        const S = computeS(a, B, u, x);
        const { key } = await deriveKey(S, u);
        const ours = { A: A.toString(16), B: B.toString(16), u: u.toString(16), S: S.toString(16) };
        expect(c.holds(ours), `vector still covers ${c.name}`).to.equal(true);

        const sdk = sdkSteps(aHex, c.salt, ours.B, c.userId, c.password);
        expect(ours.A).to.equal(sdk.A);
        expect(ours.u).to.equal(sdk.u);
        expect(x.toString(16)).to.equal(sdk.x);
        expect(ours.S).to.equal(sdk.S);
        expect(padHex(S)).to.equal(sdk.padS);
        expect(bytesToHex(key)).to.equal(sdk.key);
      });
    }
  });
});
