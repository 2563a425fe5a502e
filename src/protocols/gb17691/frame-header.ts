// The 24-byte frame header shared by GB 17691-2018 Annex Q and HJ 1239 terminal frames, big-endian
// (docs/standards/gb17691.md §1; docs/trucks.md "Frame"):
//   "##" | command(1) | VIN(17) | software version(1) | encryption(1) | length WORD | data | BCC
// Platform-forwarding frames (HJ 1239.3 ch. 5, UNVERIFIED; two sources agree on the layout):
//   "~~" | command(1) | reply flag(1) | VIN(17) | encryption(1) | length WORD | data | BCC
// Both headers are 24 bytes; the BCC covers the bytes from the command to the end of the data.

import type { FrameStart } from './frame-event.ts';

/** Bytes before the data unit. */
export const HEADER_BYTES = 24;
/** Bytes of a frame besides its data unit (header + BCC). */
export const FRAME_OVERHEAD = 25;
/** Largest data-unit length the standard allows (length WORD 0–65531). */
export const MAX_DATA_LENGTH = 65531;
/** Offset of the length WORD. */
export const LENGTH_OFFSET = 22;
/** Offset of the encryption byte. */
export const ENCRYPTION_OFFSET = 21;

const HASH = 0x23;
const TILDE = 0x7e;

/** The start at data[i, i+2), or null. */
export function startAt(data: Uint8Array, i: number): FrameStart | null {
  const a = data[i];
  if (a === HASH) return data[i + 1] === HASH ? '##' : null;
  if (a === TILDE) return data[i + 1] === TILDE ? '~~' : null;
  return null;
}

/** Whether the byte may begin a start ("#" or "~"). */
export function isStartByte(b: number): boolean {
  return b === HASH || b === TILDE;
}

/** Offset of the VIN field inside the frame. */
export function vinOffset(start: FrameStart): number {
  return start === '##' ? 3 : 4;
}

/**
 * Whether the VIN bytes of a candidate header that are present (before `end`) could be a VIN
 * field: printable ASCII or NUL padding. This is only a resynchronisation filter — random bytes
 * pass it with a probability of about 1e-7 — the decoder checks the VIN itself (GB 16735).
 */
export function plausibleVinBytes(
  data: Uint8Array,
  h: number,
  start: FrameStart,
  end: number,
): boolean {
  const from = h + vinOffset(start);
  const to = Math.min(end, from + 17);
  for (let i = from; i < to; i++) {
    const c = data[i]!;
    if (c !== 0 && (c < 0x20 || c > 0x7e)) return false;
  }
  return true;
}

/** The declared data-unit length of the header at h (needs 24 bytes). */
export function declaredLength(data: Uint8Array, h: number): number {
  return (data[h + LENGTH_OFFSET]! << 8) | data[h + LENGTH_OFFSET + 1]!;
}

/** The VIN field at h as text, trailing NULs removed. */
export function readVinField(data: Buffer, h: number, start: FrameStart): string {
  const from = h + vinOffset(start);
  let to = from + 17;
  while (to > from && data[to - 1] === 0) to--;
  return data.toString('latin1', from, to);
}
