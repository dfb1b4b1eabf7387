// Server side of Cognito's SRP-6a variant (protocol §4), with native BigInt and node:crypto.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The 3072-bit MODP prime of RFC 3526 / 5054. */
export const N = BigInt(
  '0xffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437' +
    '4fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7edee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf05' +
    '98da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b' +
    'e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf6955817183995497cea956ae515d2261898fa051015728e5a8aaac42dad33170d04507a33' +
    'a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864' +
    'd87602733ec86a64521f2b18177b200cbbe117577a615d6c770988c0bad946e208e24fa074e5ab3143db5bfce0fd108e4b82d120a93ad2caffffffffffffffff',
);
export const g = 2n;

/**
 * Modular exponentiations done so far: the costly step of SRP. Tests read it to check that an
 * unknown user's sign-in does the same work as a real one (so its timing reveals nothing).
 */
export const srpWork = { modPows: 0 };

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  srpWork.modPows += 1;
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    e >>= 1n;
    b = (b * b) % modulus;
  }
  return result;
}

/** Java BigInteger.toByteArray as hex: even length, `00` prefix when the top bit is set (§4.1). */
export function padHex(n: bigint): string {
  let hex = n.toString(16);
  if (hex.length % 2 === 1) hex = '0' + hex;
  else if ('89abcdef'.includes(hex[0])) hex = '00' + hex;
  return hex;
}

export const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
export const hexHash = (hex: string) => sha256Hex(Buffer.from(hex, 'hex'));
export const hexToBigInt = (hex: string) => BigInt('0x' + (hex || '0'));

export const k = hexToBigInt(hexHash(padHex(N) + padHex(g)));

/** x = H(PAD(salt) ‖ H(poolName ‖ userId ‖ ":" ‖ password)) */
export function computeX(poolName: string, userId: string, password: string, saltHex: string): bigint {
  const inner = sha256Hex(Buffer.from(`${poolName}${userId}:${password}`, 'utf8'));
  return hexToBigInt(hexHash(padHex(hexToBigInt(saltHex)) + inner));
}

export const computeVerifier = (x: bigint) => modPow(g, x, N);

/** A fresh salt and verifier for a password (sign-up and every password change). */
export function makeVerifier(poolName: string, userId: string, password: string) {
  const salt = randomBytes(16).toString('hex');
  const verifier = computeVerifier(computeX(poolName, userId, password, salt)).toString(16);
  return { salt, verifier };
}

/** USER_PASSWORD_AUTH and ChangePassword: recompute g^x and compare with the stored verifier. */
export function passwordMatches(poolName: string, userId: string, password: string, saltHex: string, verifierHex: string) {
  const v = computeVerifier(computeX(poolName, userId, password, saltHex));
  return v === hexToBigInt(verifierHex);
}

/** B = (k·v + g^b) mod N */
export const computeB = (v: bigint, b: bigint) => (k * v + modPow(g, b, N)) % N;

/**
 * A random private b and its B for the client's A. Retries (astronomically rarely) until B mod N ≠ 0
 * and u = H(A ‖ B) ≠ 0, as SRP-6a requires; the server picks b, so it can always choose again.
 */
export function serverEphemeral(v: bigint, A: bigint) {
  for (;;) {
    const b = hexToBigInt(randomBytes(32).toString('hex'));
    const B = computeB(v, b);
    if (B % N !== 0n && computeU(A, B) !== 0n) return { b, B };
  }
}

export const computeU = (A: bigint, B: bigint) => hexToBigInt(hexHash(padHex(A) + padHex(B)));

/** S = (A·v^u)^b mod N */
export const computeServerS = (A: bigint, v: bigint, u: bigint, b: bigint) => modPow((A * modPow(v, u, N)) % N, b, N);

/** HKDF-SHA256, one 16-byte block, salt PAD(u), input PAD(S), info "Caldera Derived Key". */
export function computeK(S: bigint, u: bigint): Buffer {
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex'))
    .update(Buffer.from(padHex(S), 'hex'))
    .digest();
  return createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]))
    .digest()
    .subarray(0, 16);
}

/** base64(HMAC-SHA256(K, poolName ‖ userId ‖ secretBlock ‖ timestamp)) */
export function computeSignature(K: Buffer, poolName: string, userId: string, secretBlockB64: string, timestamp: string) {
  const msg = Buffer.concat([
    Buffer.from(poolName, 'utf8'),
    Buffer.from(userId, 'utf8'),
    Buffer.from(secretBlockB64, 'base64'),
    Buffer.from(timestamp, 'utf8'),
  ]);
  return createHmac('sha256', K).update(msg).digest('base64');
}

export function signaturesEqual(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'base64');
  const b = Buffer.from(actual, 'base64');
  return a.length === b.length && timingSafeEqual(a, b);
}

const TIMESTAMP =
  /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (0?[1-9]|[12][0-9]|3[01]) ([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]) UTC ([0-9]{4})$/;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `EEE MMM d HH:mm:ss UTC yyyy`, as the SDK renders it (§4.3 step 7). */
export function formatTimestamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
}

/**
 * Parses a client TIMESTAMP and re-renders it canonically (§4.5): null when the text does not
 * match Cognito's pattern. A zero-padded day or a wrong weekday re-renders differently, so the
 * signature fails with "Incorrect username or password.", as real Cognito answers [OBS].
 */
export function canonicalTimestamp(text: string): string | null {
  const m = TIMESTAMP.exec(text);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[7]), MONTHS.indexOf(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  return formatTimestamp(date);
}
