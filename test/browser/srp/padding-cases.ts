// Inputs that hit every padding case of the SRP maths, shared by the parity tests.
import { sha256Hex, utf8 } from '../../../src/cognito/srp/hash.js';

/** Deterministic bytes: SHA-256(label:0) ‖ SHA-256(label:1) ‖ … (as the search that picked the seeds). */
export async function det(label: string, bytes: number): Promise<string> {
  let hex = '';
  for (let i = 0; hex.length < bytes * 2; i++) hex += await sha256Hex(utf8(`${label}:${i}`));
  return hex.slice(0, bytes * 2);
}

const top = (hex: string) => /^[89a-f]/.test(hex);

export interface Case {
  name: string;
  seed: number;
  salt: string;
  userId: string;
  password: string;
  holds(v: { A: string; B: string; u: string; S: string }): boolean;
}

// Seeds found by searching det(`${name}/a/${seed}`) and det(`${name}/B/${seed}`); each case
// re-checks its property so a vector cannot silently stop covering it.
export const cases: Case[] = [
  { name: 'A-short', seed: 22, salt: '000f2e3d4c5b6a7988', userId: 'alice', password: 'Passw0rd!', holds: (v) => v.A.length < 768 },
  {
    name: 'u-leading-zero',
    seed: 4,
    salt: '7f00000000000000000000000000ffff',
    userId: '3f6e1d2c-0000-4000-8000-000000000001',
    password: 'pässwörd ✓ 密码',
    holds: (v) => v.u.length === 63,
  },
  { name: 'u-top-bit', seed: 3, salt: 'ffffffffffffffffffffffffffffffff', userId: 'bob', password: 'x', holds: (v) => v.u.length === 64 && top(v.u) },
  {
    name: 'S-odd',
    seed: 20,
    salt: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    userId: 'carol-at-example.com',
    password: 'correct horse battery staple',
    holds: (v) => v.S.length === 767,
  },
  { name: 'S-byte-short', seed: 51, salt: 'c0ffee00c0ffee00c0ffee00c0ffee00', userId: 'dave', password: 'Tr0ub4dor&3', holds: (v) => v.S.length <= 766 },
  {
    name: 'S-top-bit',
    seed: 14,
    salt: '8000000000000000000000000000000f',
    userId: 'erin',
    password: 'P@ss',
    holds: (v) => v.A.length === 768 && !top(v.A) && v.B.length === 768 && top(v.B) && v.S.length === 768 && top(v.S),
  },
];
