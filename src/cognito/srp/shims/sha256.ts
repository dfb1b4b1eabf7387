// Stands in for @aws-crypto/sha256-js 1.2.2 (which pulls in @aws-crypto/util, the AWS utf8 helper
// and all of CommonJS tslib) inside amazon-cognito-identity-js in the browser bundle: the same
// `Sha256` class, synchronous SHA-256 and HMAC-SHA256 (`new Sha256(secret)`), `update`,
// `digestSync` and `digest`. FIPS 180-4; tested against WebCrypto in test/browser/srp/shims.test.ts.

// FIPS 180-4 §4.2.2 and §5.3.3: the round constants K are the first 32 bits of the fractional parts
// of the cube roots of the first 64 primes, the initial hash H those of the square roots of the
// first 8. Computed instead of written out (about 300 bytes gzip less). Every value lies at least
// 0.0055 from an integer before truncation, far above any floating-point error of sqrt or cbrt.
// A wrong constant changes every digest, which test/browser/srp/shims.test.ts compares with WebCrypto.
const K = new Uint32Array(64);
const H = new Uint32Array(8);
for (let n = 2, found = 0; found < 64; n++) {
  let prime = true;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
  if (!prime) continue;
  if (found < 8) H[found] = (Math.sqrt(n) % 1) * 2 ** 32;
  K[found++] = (Math.cbrt(n) % 1) * 2 ** 32;
}
const encoder = new TextEncoder();

type SourceData = string | ArrayBuffer | ArrayBufferView;

function toBytes(data: SourceData): Uint8Array {
  if (typeof data === 'string') return encoder.encode(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

class RawSha256 {
  state = H.slice();
  block = new Uint8Array(64);
  filled = 0;
  length = 0;
  words = new Uint32Array(64);

  update(bytes: Uint8Array): void {
    for (const byte of bytes) {
      this.block[this.filled++] = byte;
      if (this.filled === 64) this.compress();
    }
    this.length += bytes.length;
  }

  digest() {
    const bits = this.length * 8;
    this.update(Uint8Array.of(0x80));
    while (this.filled !== 56) this.update(Uint8Array.of(0));
    const tail = new DataView(new ArrayBuffer(8));
    tail.setUint32(0, Math.floor(bits / 2 ** 32));
    tail.setUint32(4, bits >>> 0);
    this.update(new Uint8Array(tail.buffer));
    const out = new Uint8Array(32);
    const view = new DataView(out.buffer);
    this.state.forEach((word, i) => view.setUint32(i * 4, word));
    return out;
  }

  compress() {
    const w = this.words;
    const view = new DataView(this.block.buffer);
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15], b = w[i - 2];
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let [a, b, c, d, e, f, g, h] = this.state;
    for (let i = 0; i < 64; i++) {
      const t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
      const t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    const s = this.state;
    s[0] += a; s[1] += b; s[2] += c; s[3] += d; s[4] += e; s[5] += f; s[6] += g; s[7] += h;
    this.filled = 0;
  }
}

export class Sha256 {
  private readonly hash = new RawSha256();
  private readonly outer?: RawSha256;

  constructor(secret?: SourceData) {
    if (secret) {
      let key = toBytes(secret);
      if (key.length > 64) {
        const keyHash = new RawSha256();
        keyHash.update(key);
        key = keyHash.digest();
      }
      const inner = new Uint8Array(64);
      inner.set(key);
      const outer = inner.map((byte) => byte ^ 0x5c);
      this.hash.update(inner.map((byte) => byte ^ 0x36));
      this.outer = new RawSha256();
      this.outer.update(outer);
    }
  }

  update(data: SourceData): void {
    this.hash.update(toBytes(data));
  }

  digestSync(): Uint8Array {
    const digest = this.hash.digest();
    if (!this.outer) return digest;
    this.outer.update(digest);
    return this.outer.digest();
  }

  async digest(): Promise<Uint8Array> {
    return this.digestSync();
  }
}
