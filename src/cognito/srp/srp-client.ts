// The client half of SRP-6a exactly as amazon-cognito-identity-js computes it
// (AuthenticationHelper, CognitoUser.authenticateUserDefaultAuth, DateHelper), on native BigInt and
// WebCrypto. test/browser/srp/sdk-parity.test.ts checks it against the SDK's own maths.
import { fromHex, hexToBytes, modPow, padHex } from './bigint.js';
import { concatBytes, hexHash, hmacSha256, sha256Hex, utf8 } from './hash.js';

/**
 * ⌊2^bits · π⌋, by Machin's formula π = 16·atan(1/5) − 4·atan(1/239) in fixed point with 32
 * guard bits (each of the ~650 series terms truncates by less than one unit of the last place).
 */
function piTimesPowerOfTwo(bits: bigint): bigint {
  const one = 1n << (bits + 32n);
  const atanOfInverse = (x: bigint): bigint => {
    let sum = 0n;
    for (let term = one / x, k = 1n, sign = 1n; term; term /= x * x, k += 2n, sign = -sign) sum += (sign * term) / k;
    return sum;
  };
  return (16n * atanOfInverse(5n) - 4n * atanOfInverse(239n)) >> 32n;
}

/**
 * The 3072-bit MODP prime of RFC 3526 / RFC 5054, generator 2, from its definition there:
 * 2^3072 − 2^3008 − 1 + 2^64 · (⌊2^2942 · π⌋ + 1690314). Computed (about 3 ms) rather than written
 * out: its 768 hex digits were 400 bytes of the drop-in file's gzip. test/node/srp-prime.test.ts
 * checks it against the RFC's hex.
 */
export const N = (1n << 3072n) - (1n << 3008n) - 1n + ((piTimesPowerOfTwo(2942n) + 1690314n) << 64n);
export const g = 2n;
/** k = H(PAD(N) ‖ PAD(g)); a test recomputes it. */
export const k = fromHex('538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6');

/** A = g^a mod N, refusing the degenerate A ≡ 0 as the SDK does. */
export function computeA(a: bigint): bigint {
  const A = modPow(g, a, N);
  if (A % N === 0n) throw new Error('Illegal paramater. A mod N cannot be 0.');
  return A;
}

/** u = H(PAD(A) ‖ PAD(B)). */
export async function computeU(A: bigint, B: bigint): Promise<bigint> {
  return fromHex(await hexHash(padHex(A) + padHex(B)));
}

/** x = H(PAD(salt) ‖ H(poolName ‖ userId ‖ ":" ‖ password)), the inner hash as hex text. */
export async function computeX(poolName: string, userId: string, password: string, salt: bigint): Promise<bigint> {
  const inner = await sha256Hex(utf8(`${poolName}${userId}:${password}`));
  return fromHex(await hexHash(padHex(salt) + inner));
}

/** S = (B − k·g^x)^(a + u·x) mod N. */
export function computeS(a: bigint, B: bigint, u: bigint, x: bigint): bigint {
  return modPow(B - k * modPow(g, x, N), a + u * x, N);
}

const info = utf8('Caldera Derived Key\x01');

/** HKDF-SHA256 with one output block, cut to 16 bytes: PRK = HMAC(PAD(u), PAD(S)), K = HMAC(PRK, info ‖ 1). */
export async function deriveKey(S: bigint, u: bigint): Promise<{ prk: Uint8Array; key: Uint8Array }> {
  const prk = await hmacSha256(hexToBytes(padHex(u)), hexToBytes(padHex(S)));
  return { prk, key: (await hmacSha256(prk, info)).slice(0, 16) };
}

const days = 'SunMonTueWedThuFriSat';
const months = 'JanFebMarAprMayJunJulAugSepOctNovDec';
const two = (n: number) => String(n).padStart(2, '0');

/** `EEE MMM d HH:mm:ss UTC yyyy` in UTC, the day not zero-padded (the SDK's DateHelper). */
export function formatTimestamp(date: Date): string {
  const day = date.getUTCDay() * 3;
  const month = date.getUTCMonth() * 3;
  return (
    `${days.slice(day, day + 3)} ${months.slice(month, month + 3)} ${date.getUTCDate()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`
  );
}

/** Decodes base64 as leniently as the SDK's Buffer does (url-safe letters, no padding, stray characters). */
export function base64ToBytes(base64: string): Uint8Array {
  const clean = base64
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .replace(/[^A-Za-z0-9+/]/g, '');
  const binary = atob(clean + '='.repeat(-clean.length & 3));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

export function bytesToBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

/** PASSWORD_CLAIM_SIGNATURE = base64(HMAC(K, poolName ‖ userId ‖ SECRET_BLOCK bytes ‖ timestamp)). */
export async function passwordClaimSignature(key: Uint8Array, poolName: string, userId: string, secretBlock: string, timestamp: string): Promise<string> {
  const message = concatBytes(utf8(poolName), utf8(userId), base64ToBytes(secretBlock), utf8(timestamp));
  return bytesToBase64(await hmacSha256(key, message));
}

/** Everything the PASSWORD_VERIFIER answer needs, from the InitiateAuth challenge. */
export async function answerPasswordVerifier(input: {
  a: bigint;
  A: bigint;
  poolName: string;
  userId: string;
  password: string;
  srpB: string;
  salt: string;
  secretBlock: string;
  now: Date;
}): Promise<{ timestamp: string; signature: string }> {
  const B = fromHex(input.srpB);
  if (B % N === 0n) throw new Error('B cannot be zero.');
  const u = await computeU(input.A, B);
  if (u === 0n) throw new Error('U cannot be zero.');
  const x = await computeX(input.poolName, input.userId, input.password, fromHex(input.salt));
  const { key } = await deriveKey(computeS(input.a, B, u, x), u);
  const timestamp = formatTimestamp(input.now);
  const signature = await passwordClaimSignature(key, input.poolName, input.userId, input.secretBlock, timestamp);
  return { timestamp, signature };
}
