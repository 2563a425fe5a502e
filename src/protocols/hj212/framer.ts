// Streaming framer for HJ 212 byte streams (HJ 212-2017 §6.3.1, Table 2):
//   "##" | 4 decimal digits (data-segment length in bytes) | data segment | 4 hex CRC | CR LF
//
// Design (see also README.md in this folder):
// - push() takes chunks split or glued at any byte offset and returns events in stream order.
//   Accepted frames are views into the received bytes (no copy); only a frame that straddles two
//   chunks is copied once, and never more than one frame (≤ maxFrameLength + 12 bytes) is held.
// - The CRC is verified here, not later, because resynchronisation depends on it: the only bytes
//   ever consumed without being scanned again are those of a frame whose CRC matched. When a
//   candidate "##dddd" is rejected for any reason (over-long or wrong length, bad trailer, CRC
//   mismatch) scanning resumes right after its 6 header bytes, so a genuine frame that a garbage
//   header pretended to contain (e.g. "##0999" followed by a 300-byte frame) is found again.
// - The device's CRC variant is only known from its MN, so `crc` may be a function of the MN;
//   the framer then peeks the MN out of the segment bytes before checking.
// - A data segment never contains LF (no conforming packet does), so an LF inside the declared
//   span proves the declared length wrong at once: a garbage "##0999" is rejected as soon as the
//   next genuine frame's own LF arrives, not after 999 more bytes.
// - Rejected bytes form runs: a rejection starts at a plausible "##dddd" (or at garbage) and
//   extends to the next plausible "##dddd" or LF, whichever comes first; each run is reported
//   once, when it ends (or at flush()), with a copy of its bytes capped at maxRejectedBytes.
//   Whitespace between frames is skipped silently. Events therefore cover the stream in order
//   without overlaps, and in line mode each rejected line is reported on its own.

import { type CrcVariant, crc16 } from './crc.ts';
import { describeCrcMismatch, diagnoseLineEnd } from './frame-diagnosis.ts';
import type { FrameEvent } from './frame-event.ts';
import { peekMn } from './peek-mn.ts';
import type { RejectReason } from './reason-codes.ts';
import { RejectedRun } from '../rejected-run.ts';

/** A fixed CRC variant, or one looked up from the device's MN (undefined when no MN is found). */
export type CrcResolver = CrcVariant | ((mn: string | undefined) => CrcVariant);

/** Framer settings. */
export interface FramerOptions {
  /** Largest declared data-segment length accepted; default DEFAULT_MAX_FRAME_LENGTH, ≤ 9999. */
  readonly maxFrameLength?: number;
  /** CRC variant, fixed or per device; default 'standard' (HJ 212-2017 Appendix A). */
  readonly crc?: CrcResolver;
  /** Bytes of a rejected run kept in FrameRejection.raw; default 4096. */
  readonly maxRejectedBytes?: number;
  /**
   * Demand CR LF after the CRC (HJ 212-2017 Table 2), fixed or per device by MN; default false:
   * a frame whose length and CRC are complete and correct is complete without it.
   */
  readonly requireCrLf?: boolean | ((mn: string | undefined) => boolean);
}

/**
 * Default maximum data-segment length, the one default of the codec, the listener
 * (LANTIAN_HJ212_MAX_FRAME) and `hj212 parse`. HJ 212-2017 §6.3.1 Table 2 says 0–1024, but real
 * multi-parameter loggers send 1,025–1,623 bytes and the 4-digit length field allows 9999, so
 * nothing a length field can declare is refused by default. Memory stays bounded: the framer
 * holds at most one frame (≤ 9999 + 12 bytes) per connection, and a lying length is dropped at
 * the next LF.
 */
export const DEFAULT_MAX_FRAME_LENGTH = 9999;

const HASH = 0x23;
const CR = 0x0d;
const LF = 0x0a;
const AMP = 0x26;
const HEADER = Buffer.from('##', 'latin1');
const EMPTY = Buffer.alloc(0);

const HEX_VALUE: Int8Array = (() => {
  const t = new Int8Array(256).fill(-1);
  for (let i = 0; i < 10; i++) t[0x30 + i] = i;
  for (let i = 0; i < 6; i++) {
    t[0x41 + i] = 10 + i;
    t[0x61 + i] = 10 + i;
  }
  return t;
})();

/** Streaming HJ 212 framer: push bytes, get frames and rejections in stream order. */
export class Hj212Framer {
  /** Largest declared data-segment length accepted. */
  readonly maxFrameLength: number;
  private readonly crc: CrcResolver;
  private readonly maxRejectedBytes: number;
  private readonly requireCrLf: boolean | ((mn: string | undefined) => boolean);
  private pending: Buffer = EMPTY;
  private run: RejectedRun<RejectReason> | null = null;
  // Memo of the last LF search in the current buffer: the first LF at or after lfFrom is lfAt
  // (-1 = none). Candidates in garbage without line ends thus cost O(n) in all, not O(n²).
  private lfFrom = Infinity;
  private lfAt = -1;

  constructor(options: FramerOptions = {}) {
    const max = options.maxFrameLength ?? DEFAULT_MAX_FRAME_LENGTH;
    if (!Number.isInteger(max) || max < 0 || max > 9999) {
      throw new RangeError(`maxFrameLength must be an integer in 0..9999, got ${max}`);
    }
    this.maxFrameLength = max;
    this.crc = options.crc ?? 'standard';
    this.maxRejectedBytes = options.maxRejectedBytes ?? 4096;
    this.requireCrLf = options.requireCrLf ?? false;
  }

  /** Bytes held back waiting for the rest of a frame (never more than maxFrameLength + 12). */
  get bufferedBytes(): number {
    return this.pending.length;
  }

  /** Feeds the next chunk of the stream; returns the frames and rejections it completes. */
  push(chunk: Uint8Array): FrameEvent[] {
    const out: FrameEvent[] = [];
    const input = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const data = this.pending.length === 0 ? input : Buffer.concat([this.pending, input]);
    this.pending = EMPTY;
    this.lfFrom = Infinity;
    const n = data.length;
    let p = 0;
    while (p < n) {
      const h = data[p] === HASH && data[p + 1] === HASH ? p : data.indexOf(HEADER, p);
      if (h < 0) {
        // No header in the rest; a final '#' may be the first half of the next one.
        const end = data[n - 1] === HASH ? n - 1 : n;
        this.discard(data, p, end, out);
        p = end;
        break;
      }
      if (h > p) this.discard(data, p, h, out);
      const next = this.candidate(data, h, out);
      if (next < 0) {
        p = h;
        break;
      }
      p = next;
    }
    // Copy what must wait: the caller may reuse its chunk, and a view would pin a large buffer.
    if (p < n) this.pending = Buffer.from(data.subarray(p));
    return out;
  }

  /** Ends the stream: reports an incomplete frame as `truncated` and closes any rejected run. */
  flush(): FrameEvent[] {
    const out: FrameEvent[] = [];
    const rest = this.pending;
    this.pending = EMPTY;
    this.lfFrom = Infinity;
    if (rest.length >= 2 && rest[0] === HASH && rest[1] === HASH) {
      this.closeRun(out);
      const detail = `报文不完整：只收到 ${rest.length} 字节，数据流已结束`;
      this.openRun('truncated', detail, rest, 0, rest.length);
    } else if (rest.length > 0) {
      this.discard(rest, 0, rest.length, out);
    }
    this.closeRun(out);
    return out;
  }

  /**
   * Examines the candidate frame at h ("##" found). Returns the position where scanning goes on,
   * or -1 when more bytes are needed.
   */
  private candidate(data: Buffer, h: number, out: FrameEvent[]): number {
    const n = data.length;
    // Table 2: 4 decimal digits of length.
    const digitsEnd = Math.min(n, h + 6);
    let len = 0;
    for (let i = h + 2; i < digitsEnd; i++) {
      const d = data[i]! - 0x30;
      if (d < 0 || d > 9) {
        // Not "##dddd": skip one byte so "###0101…" still finds the header at h + 1.
        this.discard(data, h, h + 1, out);
        return h + 1;
      }
      len = len * 10 + d;
    }
    if (digitsEnd < h + 6) return -1;
    // A plausible frame start ends any rejected run before it.
    this.closeRun(out);
    const segStart = h + 6;
    if (len > this.maxFrameLength) {
      this.openRun(
        'bad_length',
        `数据段长度 ${len} 超过上限 ${this.maxFrameLength}（HJ 212-2017 表 2），未缓存其内容`,
        data,
        h,
        segStart,
      );
      return segStart;
    }
    const segEnd = segStart + len;
    const crcEnd = segEnd + 4;
    // The first LF after the header must end this frame (a data segment never contains one):
    // an LF anywhere else proves the declared length wrong at once, without waiting for it.
    const lf = this.nextLf(data, segStart);
    if (lf !== crcEnd && !(lf === crcEnd + 1 && data[crcEnd] === CR)) {
      // No CR LF where Table 2 puts it. Loggers that omit it, or glue the next frame on, still
      // send frames complete by length and CRC: those are taken at once (unless the device is
      // strict), so the logger gets its ack without waiting for its next frame.
      if (lf < 0 || lf >= crcEnd) {
        if (n < crcEnd) return -1;
        const end = this.withoutLineEnd(data, h, segStart, segEnd, out);
        if (end >= 0) return end;
      }
      // No LF yet: wait while the line end may still arrive where it should.
      if (lf < 0 && (n <= crcEnd || (data[crcEnd] === CR && n === crcEnd + 1))) return -1;
      const { reason, detail } = diagnoseLineEnd(data, segStart, len, lf);
      this.openRun(reason, detail, data, h, segStart);
      return segStart;
    }
    const h0 = HEX_VALUE[data[segEnd]!]!;
    const h1 = HEX_VALUE[data[segEnd + 1]!]!;
    const h2 = HEX_VALUE[data[segEnd + 2]!]!;
    const h3 = HEX_VALUE[data[segEnd + 3]!]!;
    const crcReceived = data.toString('latin1', segEnd, crcEnd);
    if ((h0 | h1 | h2 | h3) < 0) {
      this.openRun(
        'bad_trailer',
        `CRC 字段 "${crcReceived}" 不是 4 位十六进制数字`,
        data,
        h,
        segStart,
      );
      return segStart;
    }
    const received = (h0 << 12) | (h1 << 8) | (h2 << 4) | h3;
    const variant =
      typeof this.crc === 'function' ? this.crc(peekMn(data, segStart, segEnd)) : this.crc;
    const computed = crc16(variant, data, segStart, segEnd);
    if (computed !== received) {
      this.openRun(
        'crc_mismatch',
        describeCrcMismatch(data, segStart, segEnd, received, variant, computed),
        data,
        h,
        segStart,
      );
      return segStart;
    }
    out.push({
      ok: true,
      raw: data.subarray(h, lf + 1),
      segment: data.subarray(segStart, segEnd),
      crcReceived,
      crcVariant: variant,
    });
    return lf + 1;
  }

  /**
   * A frame complete by length and CRC but without CR LF after the CRC: emits it and returns the
   * position after it (after a lone CR too), or -1 when it is not one (the segment must end with
   * the CP area's "&&", the CRC must be 4 hex digits that match) or the device demands CR LF.
   */
  private withoutLineEnd(
    data: Buffer,
    h: number,
    segStart: number,
    segEnd: number,
    out: FrameEvent[],
  ): number {
    if (segEnd - segStart < 2 || data[segEnd - 1] !== AMP || data[segEnd - 2] !== AMP) return -1;
    const crcEnd = segEnd + 4;
    const h0 = HEX_VALUE[data[segEnd]!]!;
    const h1 = HEX_VALUE[data[segEnd + 1]!]!;
    const h2 = HEX_VALUE[data[segEnd + 2]!]!;
    const h3 = HEX_VALUE[data[segEnd + 3]!]!;
    if ((h0 | h1 | h2 | h3) < 0) return -1;
    const mn =
      typeof this.crc === 'function' || typeof this.requireCrLf === 'function'
        ? peekMn(data, segStart, segEnd)
        : undefined;
    const strict = typeof this.requireCrLf === 'function' ? this.requireCrLf(mn) : this.requireCrLf;
    if (strict) return -1;
    const variant = typeof this.crc === 'function' ? this.crc(mn) : this.crc;
    if (crc16(variant, data, segStart, segEnd) !== ((h0 << 12) | (h1 << 8) | (h2 << 4) | h3)) {
      return -1;
    }
    const end = crcEnd < data.length && data[crcEnd] === CR ? crcEnd + 1 : crcEnd;
    out.push({
      ok: true,
      raw: data.subarray(h, end),
      segment: data.subarray(segStart, segEnd),
      crcReceived: data.toString('latin1', segEnd, crcEnd),
      crcVariant: variant,
    });
    return end;
  }

  private nextLf(data: Buffer, from: number): number {
    if (from < this.lfFrom || (this.lfAt >= 0 && from > this.lfAt)) {
      this.lfFrom = from;
      this.lfAt = data.indexOf(LF, from);
    }
    return this.lfAt;
  }

  /**
   * Bytes that belong to no frame: they extend the open rejected run, or start a `bad_header`
   * run (blank bytes are skipped when no run is open). A run also ends at an LF, so in line
   * mode every rejected line is reported on its own.
   */
  private discard(data: Buffer, start: number, end: number, out: FrameEvent[]): void {
    while (start < end) {
      if (this.run === null) {
        while (start < end && isBlankByte(data[start]!)) start++;
        if (start === end) return;
        this.openRun('bad_header', '不是以 "##" 加 4 位长度开头的数据，已跳过', data, start, start);
      }
      const lf = this.nextLf(data, start);
      if (lf < 0 || lf >= end) {
        this.append(data, start, end);
        return;
      }
      this.append(data, start, lf + 1);
      this.closeRun(out);
      start = lf + 1;
    }
  }

  private openRun(
    reason: RejectReason,
    detail: string,
    data: Buffer,
    start: number,
    end: number,
  ): void {
    this.run = new RejectedRun(reason, detail, this.maxRejectedBytes);
    this.run.append(data, start, end);
  }

  private append(data: Buffer, start: number, end: number): void {
    this.run!.append(data, start, end);
  }

  private closeRun(out: FrameEvent[]): void {
    if (this.run === null) return;
    out.push(this.run.toRejection());
    this.run = null;
  }
}

function isBlankByte(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === CR || c === LF;
}
