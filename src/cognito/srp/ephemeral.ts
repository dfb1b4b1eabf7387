// The client's ephemeral SRP pair (a, A). A costs one modular exponentiation, so it is computed
// ahead (when a sign-in form appears, in idle time after it has painted) and a submit only pays for S.
import { idleAfterPaint } from '../../shared/after-paint.js';
import { bytesToHex, fromHex } from './bigint.js';
import { computeA } from './srp-client.js';

export interface Ephemeral {
  /** The secret exponent. Used for one sign-in, then dropped. */
  readonly a: bigint;
  /** g^a mod N. */
  readonly A: bigint;
}

/**
 * Size of the secret exponent a: 512 bits (64 random bytes).
 * - RFC 5054 §2.5.4 asks for at least 256 bits; NIST SP 800-56A r3 §5.6.1.1.4 asks for at least
 *   twice the group's security strength, 2 × 128 = 256 bits for the 3072-bit group. Short-exponent
 *   attacks (Pollard lambda, van Oorschot–Wiener) cost about 2^(bits/2), so 256 bits already meets
 *   the group's own ~128-bit strength; 512 bits doubles that margin.
 * - It costs nothing at submit: S's exponent is a + u·x, and u·x (two 256-bit hashes) is already
 *   ~512 bits long, so S takes the same time for any a up to 512 bits. Only A grows, and A is
 *   computed ahead of time.
 * - The SDK draws 1024 bits; past 2× the group's strength extra bits add time, not security. The
 *   server cannot tell the difference: A is just a group element.
 */
const SECRET_BYTES = 64;

/** Draws a fresh secret a (never zero) and computes A. */
export function prepareEphemeral(): Ephemeral {
  let a = 0n;
  while (a === 0n) a = fromHex(bytesToHex(crypto.getRandomValues(new Uint8Array(SECRET_BYTES))));
  return { a, A: computeA(a) };
}

// A pool of one: at most one prepared pair waits, and taking it empties the slot.
let prepared: Promise<Ephemeral> | null = null;

/** Computes the next sign-in's pair in idle time after the next paint, unless one is already waiting. */
export function prepareEphemeralWhenIdle(): void {
  prepared ??= idleAfterPaint().then(prepareEphemeral);
}

/** The waiting pair if there is one (it is never handed out twice), else a fresh one. */
export function takeEphemeral(): Promise<Ephemeral> {
  const next = prepared ?? new Promise<Ephemeral>((resolve) => resolve(prepareEphemeral()));
  prepared = null;
  return next;
}
