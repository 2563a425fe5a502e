// SM2 digital signatures (GB/T 32918.2) on the recommended 256-bit curve (GB/T 32918.5), with
// SM3 hashing (GB/T 32905, from Node's OpenSSL). HJ 1239 terminals sign real-time data and
// activation frames with the security chip's key, user ID = chip ID (docs/standards/gb17691.md
// §4–§5; docs/trucks.md). Node's crypto offers SM2 keys only as ECDSA, not the SM2 signature
// scheme, hence this small implementation; it is checked against signatures made by the OpenSSL
// command line in sm2.test.ts. Activation and signed frames are rare next to 1-Hz data, and a
// verification costs about a millisecond, so BigInt arithmetic is fast enough.

import { createHash, randomBytes } from 'node:crypto';

const P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
const A = P - 3n;
const B = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n;
const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const GX = 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n;
const GY = 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n;

/** Default user ID of GM/T 0009 when none is agreed ("1234567812345678"). */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

/** An affine point, or null for the point at infinity. */
type Affine = { x: bigint; y: bigint } | null;
/** A Jacobian point (Z = 0 is infinity). */
type Jacobian = [bigint, bigint, bigint];

/**
 * Verifies an SM2 signature (r, s; 32-byte big-endian integers or shorter) of `message` by the
 * holder of `publicKey` (64 bytes X‖Y, or 65 with a leading 0x04) with the given user ID.
 */
export function sm2Verify(
  publicKey: Uint8Array,
  userId: string | Uint8Array,
  message: Uint8Array,
  r: Uint8Array,
  s: Uint8Array,
): boolean {
  const q = parsePublicKey(publicKey);
  if (q === null) return false;
  const ri = toBig(r);
  const si = toBig(s);
  if (ri < 1n || ri >= N || si < 1n || si >= N) return false;
  const e = toBig(sm3(sm2Z(userId, publicKey), message));
  const t = (ri + si) % N;
  if (t === 0n) return false;
  const point = toAffine(mulAdd(si, gTable(), t, table([q.x, q.y, 1n])));
  if (point === null) return false;
  return (e + point.x) % N === ri;
}

/**
 * Signs `message` with an SM2 private key (32 bytes) and user ID; returns 32-byte r and s.
 * `k` (the per-signature random number) is for tests only; by default it is random.
 */
export function sm2Sign(
  privateKey: Uint8Array,
  userId: string | Uint8Array,
  message: Uint8Array,
  k?: bigint,
): { r: Buffer; s: Buffer } {
  const d = toBig(privateKey);
  if (d < 1n || d >= N - 1n) throw new RangeError('SM2 私钥不在有效范围内');
  const e = toBig(sm3(sm2Z(userId, sm2PublicKey(privateKey)), message));
  for (;;) {
    const kk = k ?? (toBig(randomBytes(32)) % (N - 1n)) + 1n;
    const x1 = toAffine(mul(kk, [GX, GY, 1n]))!.x;
    const r = (e + x1) % N;
    if (r === 0n || r + kk === N) {
      if (k !== undefined) throw new RangeError('k 不可用');
      continue;
    }
    const s = (inv(1n + d, N) * (((kk - r * d) % N) + N)) % N;
    if (s === 0n) {
      if (k !== undefined) throw new RangeError('k 不可用');
      continue;
    }
    return { r: toBytes(r), s: toBytes(s) };
  }
}

/** The public key (64 bytes X‖Y) of an SM2 private key. */
export function sm2PublicKey(privateKey: Uint8Array): Buffer {
  const q = toAffine(mul(toBig(privateKey), [GX, GY, 1n]))!;
  return Buffer.concat([toBytes(q.x), toBytes(q.y)]);
}

/** Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) of GB/T 32918.2 §5.5. */
export function sm2Z(userId: string | Uint8Array, publicKey: Uint8Array): Buffer {
  const id = typeof userId === 'string' ? Buffer.from(userId, 'latin1') : Buffer.from(userId);
  const key = publicKey.length === 65 ? publicKey.subarray(1) : publicKey;
  const entl = Buffer.from([(id.length * 8) >> 8, (id.length * 8) & 0xff]);
  return sm3(entl, id, toBytes(A), toBytes(B), toBytes(GX), toBytes(GY), key);
}

function sm3(...parts: Uint8Array[]): Buffer {
  const h = createHash('sm3');
  for (const p of parts) h.update(p);
  return h.digest();
}

function parsePublicKey(key: Uint8Array): Affine {
  let k = key;
  if (k.length === 65 && k[0] === 0x04) k = k.subarray(1);
  if (k.length !== 64) return null;
  const x = toBig(k.subarray(0, 32));
  const y = toBig(k.subarray(32));
  if (x >= P || y >= P) return null;
  if (mod(y * y - (x * x * x + A * x + B)) !== 0n) return null;
  return { x, y };
}

function mod(a: bigint, m = P): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

function inv(a: bigint, m = P): bigint {
  let [r0, r1] = [mod(a, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0, m);
}

// Jacobian doubling for a = −3 (dbl-2001-b) and general addition (add-2007-bl without caching).
function double([x, y, z]: Jacobian): Jacobian {
  if (z === 0n || y === 0n) return [0n, 1n, 0n];
  const delta = mod(z * z);
  const gamma = mod(y * y);
  const beta = mod(x * gamma);
  const alpha = mod(3n * (x - delta) * (x + delta));
  const x3 = mod(alpha * alpha - 8n * beta);
  const z3 = mod((y + z) ** 2n - gamma - delta);
  const y3 = mod(alpha * (4n * beta - x3) - 8n * gamma * gamma);
  return [x3, y3, z3];
}

function add(p: Jacobian, q: Jacobian): Jacobian {
  if (p[2] === 0n) return q;
  if (q[2] === 0n) return p;
  const z1z1 = mod(p[2] * p[2]);
  const z2z2 = mod(q[2] * q[2]);
  const u1 = mod(p[0] * z2z2);
  const u2 = mod(q[0] * z1z1);
  const s1 = mod(p[1] * q[2] * z2z2);
  const s2 = mod(q[1] * p[2] * z1z1);
  if (u1 === u2) return s1 === s2 ? double(p) : [0n, 1n, 0n];
  const h = mod(u2 - u1);
  const i = mod(4n * h * h);
  const j = mod(h * i);
  const rr = mod(2n * (s2 - s1));
  const v = mod(u1 * i);
  const x3 = mod(rr * rr - j - 2n * v);
  const y3 = mod(rr * (v - x3) - 2n * s1 * j);
  const z3 = mod(((p[2] + q[2]) ** 2n - z1z1 - z2z2) * h);
  return [x3, y3, z3];
}

function mul(k: bigint, p: Jacobian): Jacobian {
  let acc: Jacobian = [0n, 1n, 0n];
  for (let i = BigInt(k.toString(2).length - 1); i >= 0n; i--) {
    acc = double(acc);
    if ((k >> i) & 1n) acc = add(acc, p);
  }
  return acc;
}

// s·G + t·Q in one pass over 4-bit windows of both scalars (Shamir's trick), with tables of
// 0..15 times each point: 256 doublings and at most 128 additions.
function mulAdd(s: bigint, gt: readonly Jacobian[], t: bigint, qt: readonly Jacobian[]): Jacobian {
  let acc: Jacobian = [0n, 1n, 0n];
  for (let shift = 252n; shift >= 0n; shift -= 4n) {
    acc = double(double(double(double(acc))));
    const a = Number((s >> shift) & 15n);
    const b = Number((t >> shift) & 15n);
    if (a !== 0) acc = add(acc, gt[a]!);
    if (b !== 0) acc = add(acc, qt[b]!);
  }
  return acc;
}

function table(p: Jacobian): Jacobian[] {
  const t: Jacobian[] = [[0n, 1n, 0n], p];
  for (let i = 2; i < 16; i++) t.push(add(t[i - 1]!, p));
  return t;
}

let G_TABLE: Jacobian[] | undefined;
function gTable(): Jacobian[] {
  return (G_TABLE ??= table([GX, GY, 1n]));
}

function toAffine([x, y, z]: Jacobian): Affine {
  if (z === 0n) return null;
  const zi = inv(z);
  const zi2 = mod(zi * zi);
  return { x: mod(x * zi2), y: mod(y * zi2 * zi) };
}

function toBig(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt('0x' + Buffer.from(b).toString('hex'));
}

function toBytes(n: bigint): Buffer {
  return Buffer.from(n.toString(16).padStart(64, '0'), 'hex');
}
