// Stands in for the SDK's AuthenticationHelper in the browser bundle: the same methods, callbacks
// and values (proven against the original in test/browser/srp/shims.test.ts), on native BigInt and
// a synchronous SHA-256, so the SDK's own flows that still use it (authenticateUser when called
// directly, completeNewPasswordChallenge, which builds one just for a constant, device SRP and
// device confirmation) no longer spend 100+ ms in jsbn. The secret exponent is 512 bits, for the
// reasons given in ../ephemeral.ts.
import { bytesToHex, fromHex, modPow, padHex } from '../bigint.js';
import { computeA, computeS, g, N } from '../srp-client.js';
import BigInteger from './big-integer.js';
import { Buffer } from './buffer.js';
import { Sha256 } from './sha256.js';

type Callback<T> = (err: unknown, result: T | null) => void;

const randomBytes = (count: number) => crypto.getRandomValues(new Uint8Array(count));
const info = Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Uint8Array.of(1)]);

export default class AuthenticationHelper {
  // Drawn on first use: authenticateUserInternal and completeNewPasswordChallenge build a helper
  // without ever needing a.
  private smallAValue?: BigInteger;
  private largeAValue?: BigInteger;
  /** Read by tests, as on the original. */
  UValue?: BigInteger;
  private randomPassword?: string;
  private SaltToHashDevices?: string;
  private verifierDevices?: string;

  constructor(private readonly poolName: string) {}

  getSmallAValue(): BigInteger {
    return (this.smallAValue ??= new BigInteger(fromHex(bytesToHex(randomBytes(64)))));
  }

  getLargeAValue(callback: Callback<BigInteger>): void {
    if (!this.largeAValue) {
      try {
        this.largeAValue = new BigInteger(computeA(this.getSmallAValue().value));
      } catch (err) {
        callback(err, null);
        return;
      }
    }
    callback(null, this.largeAValue);
  }

  getRandomPassword(): string | undefined {
    return this.randomPassword;
  }

  getSaltDevices(): string | undefined {
    return this.SaltToHashDevices;
  }

  getVerifierDevices(): string | undefined {
    return this.verifierDevices;
  }

  generateHashDevice(deviceGroupKey: string, username: string, callback: Callback<null>): void {
    this.randomPassword = Buffer.from(randomBytes(40)).toString('base64');
    const hashed = this.hash(`${deviceGroupKey}${username}:${this.randomPassword}`);
    this.SaltToHashDevices = padHex(fromHex(bytesToHex(randomBytes(16))));
    const x = fromHex(this.hexHash(this.SaltToHashDevices + hashed));
    this.verifierDevices = padHex(modPow(g, x, N));
    callback(null, null);
  }

  /** SHA-256 as 64 hex digits. */
  hash(data: string | Uint8Array): string {
    const sha = new Sha256();
    sha.update(data);
    return bytesToHex(sha.digestSync());
  }

  hexHash(hex: string): string {
    return this.hash(Buffer.from(hex, 'hex'));
  }

  computehkdf(ikm: Uint8Array, salt: Uint8Array): Uint8Array {
    const prk = new Sha256(salt);
    prk.update(ikm);
    const okm = new Sha256(prk.digestSync());
    okm.update(info);
    return okm.digestSync().slice(0, 16);
  }

  getPasswordAuthenticationKey(
    username: string,
    password: string,
    serverBValue: BigInteger,
    salt: BigInteger,
    callback: Callback<Uint8Array>,
  ): void {
    const B = serverBValue.value;
    if (B % N === 0n) throw new Error('B cannot be zero.');
    // authenticateUserDefaultAuth always asks for A first; compute it if a caller did not.
    this.getLargeAValue(() => {});
    const u = fromHex(this.hexHash(padHex(this.largeAValue!.value) + padHex(B)));
    this.UValue = new BigInteger(u);
    if (u === 0n) throw new Error('U cannot be zero.');
    const x = fromHex(this.hexHash(padHex(salt.value) + this.hash(`${this.poolName}${username}:${password}`)));
    const S = computeS(this.getSmallAValue().value, B, u, x);
    callback(null, this.computehkdf(Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex')));
  }

  getNewPasswordRequiredChallengeUserAttributePrefix(): string {
    return 'userAttributes.';
  }

  /** Java toByteArray() hex of a non-negative number (the SDK never pads a negative one). */
  padHex(bigInt: BigInteger): string {
    return padHex(bigInt.value);
  }
}
