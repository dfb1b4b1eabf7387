// The bundle's stand-in for the SDK's AuthenticationHelper and BigInteger
// (src/cognito/srp/shims/authentication-helper.ts) against the SDK's own, method by method, on the
// inputs that hit every padding case, the §4.6 example and the device verifier.
import { expect } from '@open-wc/testing';
import * as sdkModule from 'amazon-cognito-identity-js';
import { bytesToHex, fromHex } from '../../../src/cognito/srp/bigint.js';
import NativeHelper from '../../../src/cognito/srp/shims/authentication-helper.js';
import BigInteger from '../../../src/cognito/srp/shims/big-integer.js';
import { N } from '../../../src/cognito/srp/srp-client.js';
import { cases, det } from './padding-cases.js';
import { vector } from './vector.js';

const poolName = 'Ab12Cd34E';
// Exported at runtime, missing from the SDK's .d.ts.
const SdkHelper = (sdkModule as unknown as { AuthenticationHelper: new (poolName: string) => unknown }).AuthenticationHelper;

/** Both helpers with the same secret a; `sdkBig` builds the SDK's own BigInteger from hex. */
function helpers(aHex: string) {
  const sdk = new SdkHelper(poolName) as any;
  const SdkBig = sdk.smallAValue.constructor;
  sdk.smallAValue = new SdkBig(aHex, 16);
  sdk.largeAValue = null;
  const native = new NativeHelper(poolName) as any;
  native.smallAValue = new BigInteger(aHex, 16);
  return { sdk, native, sdkBig: (hex: string) => new SdkBig(hex, 16), nativeBig: (hex: string) => new BigInteger(hex, 16) };
}

function run(helper: any, aHex: string, big: (hex: string) => unknown, userId: string, password: string, salt: string, B: string) {
  let A = '';
  helper.getLargeAValue((err: unknown, value: { toString(radix: number): string }) => {
    if (err) throw err;
    A = value.toString(16);
  });
  let key = '';
  helper.getPasswordAuthenticationKey(userId, password, big(B), big(salt), (err: unknown, hkdf: Uint8Array) => {
    if (err) throw err;
    key = bytesToHex(new Uint8Array(hkdf));
  });
  return { aHex, A, u: helper.UValue.toString(16) as string, key };
}

describe("the bundle's AuthenticationHelper stand-in", () => {
  it('reproduces the §4.6 example', () => {
    const { sdk, native, sdkBig, nativeBig } = helpers(vector.a);
    const ours = run(native, vector.a, nativeBig, vector.userId, vector.password, vector.salt, vector.B);
    expect(ours).to.deep.equal({ aHex: vector.a, A: vector.A, u: vector.u, key: vector.key });
    expect(ours).to.deep.equal(run(sdk, vector.a, sdkBig, vector.userId, vector.password, vector.salt, vector.B));
  });

  for (const c of cases) {
    it(`gives the SDK's A, u and key: ${c.name}`, async () => {
      const aHex = await det(`${c.name}/a/${c.seed}`, 128);
      const B = (fromHex(await det(`${c.name}/B/${c.seed}`, 384)) % N).toString(16);
      const { sdk, native, sdkBig, nativeBig } = helpers(aHex);
      expect(run(native, aHex, nativeBig, c.userId, c.password, c.salt, B)).to.deep.equal(
        run(sdk, aHex, sdkBig, c.userId, c.password, c.salt, B),
      );
    });
  }

  it('hashes, pads and derives keys as the SDK does', () => {
    const { sdk, native, sdkBig, nativeBig } = helpers(vector.a);
    for (const text of ['', 'Ab12Cd34Ealice:pässwörd ✓']) expect(native.hash(text)).to.equal(sdk.hash(text));
    expect(native.hexHash(vector.S)).to.equal(sdk.hexHash(vector.S));
    for (const hex of ['14', 'ec', '8abc', vector.A, vector.u]) expect(native.padHex(nativeBig(hex))).to.equal(sdk.padHex(sdkBig(hex)));
    const ikm = crypto.getRandomValues(new Uint8Array(384));
    const salt = crypto.getRandomValues(new Uint8Array(33));
    expect(bytesToHex(native.computehkdf(ikm, salt))).to.equal(bytesToHex(new Uint8Array(sdk.computehkdf(ikm, salt))));
    expect(native.getNewPasswordRequiredChallengeUserAttributePrefix()).to.equal(sdk.getNewPasswordRequiredChallengeUserAttributePrefix());
  });

  it('makes the same device verifier from the same randomness', async () => {
    const { sdk, native } = helpers(vector.a);
    const stream = Uint8Array.from((await det('device', 56)).match(/../g)!, (byte) => parseInt(byte, 16));
    const withStream = (fn: () => void) => {
      let position = 0;
      const real = crypto.getRandomValues;
      crypto.getRandomValues = (<T extends ArrayBufferView | null>(array: T): T => {
        // The SDK draws one Uint32 at a time and writes each out big-endian; ours draws bytes.
        if (array instanceof Uint32Array) {
          for (let i = 0; i < array.length; i++, position += 4) array[i] = new DataView(stream.buffer).getUint32(position);
        } else if (array instanceof Uint8Array) {
          for (let i = 0; i < array.length; i++) array[i] = stream[position++]!;
        }
        return array;
      }) as typeof crypto.getRandomValues;
      try {
        fn();
      } finally {
        crypto.getRandomValues = real;
      }
    };
    const outcome = (helper: any) => {
      let done = false;
      withStream(() => helper.generateHashDevice('-device-group', 'us-east-1_device-key', () => (done = true)));
      expect(done).to.equal(true);
      return [helper.getRandomPassword(), helper.getSaltDevices(), helper.getVerifierDevices()];
    };
    expect(outcome(native)).to.deep.equal(outcome(sdk));
  });

  it('refuses B ≡ 0 mod N as the SDK does', () => {
    const { native, nativeBig } = helpers(vector.a);
    expect(() => native.getPasswordAuthenticationKey('u', 'p', nativeBig(N.toString(16)), nativeBig('01'), () => {})).to.throw('B cannot be zero.');
  });

  it('draws a fresh 512-bit secret per helper', () => {
    const a1 = (new NativeHelper(poolName) as any).getSmallAValue().value as bigint;
    const a2 = (new NativeHelper(poolName) as any).getSmallAValue().value as bigint;
    expect(a1).to.not.equal(a2);
    expect(a1.toString(2).length).to.be.within(481, 512);
  });
});
