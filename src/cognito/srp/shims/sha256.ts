// Stands in for @aws-crypto/sha256-js 1.2.2 (which pulls in @aws-crypto/util, the AWS utf8 helper
// and all of CommonJS tslib) inside amazon-cognito-identity-js in the browser bundle: the same
// `Sha256` class, synchronous SHA-256 and HMAC-SHA256 (`new Sha256(secret)`), `update`,
// `digestSync` and `digest`. FIPS 180-4; tested against WebCrypto in test/browser/srp/shims.test.ts.

const K = Uint32Array.from(
  '428a2f98 71374491 b5c0fbcf e9b5dba5 3956c25b 59f111f1 923f82a4 ab1c5ed5 d807aa98 12835b01 243185be 550c7dc3 72be5d74 80deb1fe 9bdc06a7 c19bf174 e49b69c1 efbe4786 0fc19dc6 240ca1cc 2de92c6f 4a7484aa 5cb0a9dc 76f988da 983e5152 a831c66d b00327c8 bf597fc7 c6e00bf3 d5a79147 06ca6351 14292967 27b70a85 2e1b2138 4d2c6dfc 53380d13 650a7354 766a0abb 81c2c92e 92722c85 a2bfe8a1 a81a664b c24b8b70 c76c51a3 d192e819 d6990624 f40e3585 106aa070 19a4c116 1e376c08 2748774c 34b0bcb5 391c0cb3 4ed8aa4a 5b9cca4f 682e6ff3 748f82ee 78a5636f 84c87814 8cc70208 90befffa a4506ceb bef9a3f7 c67178f2'
    .split(' '),
  (hex) => parseInt(hex, 16),
);
const encoder = new TextEncoder();

type SourceData = string | ArrayBuffer | ArrayBufferView;

function toBytes(data: SourceData): Uint8Array {
  if (typeof data === 'string') return encoder.encode(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

class RawSha256 {
  state = Uint32Array.of(0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19);
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
