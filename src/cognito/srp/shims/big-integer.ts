// Stands in for the SDK's own BigInteger (a 19 kB port of jsbn) in the browser bundle, together
// with ./authentication-helper.ts, its only real user. CognitoUser itself only builds one from a
// challenge's hex (SRP_B, SALT) and prints one back as hex (SRP_A).
import { fromHex } from '../bigint.js';

export default class BigInteger {
  readonly value: bigint;

  constructor(text: string | bigint, radix?: number) {
    if (typeof text === 'bigint') this.value = text;
    else if (radix === 16) this.value = fromHex(text);
    else throw new Error('Only hexadecimal BigIntegers are supported');
  }

  toString(radix = 10): string {
    return this.value.toString(radix);
  }
}
