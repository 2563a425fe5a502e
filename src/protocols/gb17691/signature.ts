// The signature that ends a signed HJ 1239 real-time data unit and an activation data unit
// (docs/standards/gb17691.md §4): rLen(1) | R | sLen(1) | S, in practice 0x20 | R(32) | 0x20 |
// S(32) = 66 bytes, an SM2-with-SM3 signature by the terminal's security chip (user ID = chip ID)
// over every data-unit byte before it. A parser finds it by the length byte 0x20 standing where
// an info type would be. A DER form `30 L 02 Lr R 02 Ls S` is what verifiers expecting ASN.1 take.

import { toHex } from './hex.ts';

/** The rLen byte of the usual 32-byte R (also the marker in place of an info type). */
export const SIGNATURE_TAG = 0x20;

/** A signature as received: R and S as upper-case hex. */
export interface Signature {
  r: string;
  s: string;
  /** True when checked against a configured key; absent when no key was configured. */
  verified?: boolean;
}

/** Byte length of the signature at data[at, end) when it fills that span exactly, else -1. */
export function signatureLength(data: Uint8Array, at: number, end: number): number {
  if (at + 2 > end) return -1;
  const rLen = data[at]!;
  const sAt = at + 1 + rLen;
  if (rLen < 1 || rLen > 33 || sAt >= end) return -1;
  const sLen = data[sAt]!;
  if (sLen < 1 || sLen > 33 || sAt + 1 + sLen !== end) return -1;
  return end - at;
}

/** Reads the signature at `at` (its length checked by signatureLength). */
export function readSignature(data: Uint8Array, at: number): Signature {
  const rLen = data[at]!;
  const sAt = at + 1 + rLen;
  return {
    r: toHex(data.subarray(at + 1, sAt)),
    s: toHex(data.subarray(sAt + 1, sAt + 1 + data[sAt]!)),
  };
}

/** The wire bytes of a signature. Throws RangeError when R or S is not 1–33 bytes of hex. */
export function signatureBytes(sig: Signature): Buffer {
  const r = part('r', sig.r);
  const s = part('s', sig.s);
  return Buffer.concat([Buffer.of(r.length), r, Buffer.of(s.length), s]);
}

/** DER encoding (SEQUENCE of two INTEGERs) of a signature. */
export function signatureDer(sig: Signature): Buffer {
  const int = (hex: string) => {
    let b = Buffer.from(hex, 'hex');
    let i = 0;
    while (i < b.length - 1 && b[i] === 0 && b[i + 1]! < 0x80) i++;
    b = b.subarray(i);
    if (b[0]! >= 0x80) b = Buffer.concat([Buffer.of(0), b]);
    return Buffer.concat([Buffer.of(0x02, b.length), b]);
  };
  const body = Buffer.concat([int(sig.r), int(sig.s)]);
  return Buffer.concat([Buffer.of(0x30, body.length), body]);
}

function part(key: string, hex: string): Buffer {
  if (typeof hex !== 'string' || !/^(?:[0-9A-Fa-f]{2}){1,33}$/.test(hex)) {
    throw new RangeError(`签名的 ${key} 应为 1–33 字节的十六进制`);
  }
  return Buffer.from(hex, 'hex');
}
