// Streaming framer for GB 17691-2018 Annex Q / HJ 1239 byte streams (frame-header.ts):
//   "##"|"~~" | 22 header bytes (VIN at a fixed place) | length WORD | data unit | BCC
//
// Design (see also README.md in this folder):
// - push() takes chunks split or glued at any byte offset and returns events in stream order.
//   Accepted frames are views into the received bytes (no copy); only a frame that straddles two
//   chunks is copied once. At most one candidate frame and the start of one frame inside it are
//   held: ≤ 2 × (maxDataLength + 25) bytes.
// - A candidate starts at "##" (or "~~") whose VIN bytes are printable ASCII or NUL. Random bytes
//   pass that filter with a probability of about 1e-7, so garbage rarely makes the framer wait.
// - The BCC is checked here because resynchronisation depends on it: the only bytes consumed
//   without being scanned again are those of a frame whose BCC matched. A rejected candidate
//   (length above the limit, BCC mismatch, a lying length) consumes only its 2 start bytes, so a
//   genuine frame inside the span it claimed is found again.
// - A length that claims more bytes than the frame has would hold every later frame back until
//   that many bytes arrived. While a candidate is incomplete, the framer therefore looks inside
//   it for a complete frame whose BCC matches and which ends the buffered data or is followed by
//   another start; finding one proves the length wrong (`bad_length`) at once.
// - An 8-bit BCC matches by chance once in 256, so a fragment of a frame (cut short and followed
//   by a new frame) can pass it. A frame whose span contains a plausible start is therefore only
//   accepted when no complete, BCC-valid frame begins inside it (see overlap()).
// - Rejected bytes form runs that extend to the next plausible frame start; each run is reported
//   once, when it ends (or at flush()), with a copy of its bytes capped at maxRejectedBytes.

import { bcc } from './bcc.ts';
import { diagnoseBcc } from './frame-diagnosis.ts';
import type { FrameEvent, FrameStart } from './frame-event.ts';
import {
  declaredLength,
  ENCRYPTION_OFFSET,
  FRAME_OVERHEAD,
  HEADER_BYTES,
  isStartByte,
  MAX_DATA_LENGTH,
  plausibleVinBytes,
  readVinField,
  startAt,
} from './frame-header.ts';
import type { RejectReason } from './reason-codes.ts';
import { RejectedRun } from '../rejected-run.ts';

/** Framer settings. */
export interface FramerOptions {
  /** Largest declared data-unit length accepted; default 8192, at most 65531. */
  readonly maxDataLength?: number;
  /** Bytes of a rejected run kept in FrameRejection.raw; default 4096. */
  readonly maxRejectedBytes?: number;
  /** Accept "~~" platform-forwarding frames (HJ 1239.3 ch. 5, UNVERIFIED); default true. */
  readonly platformFrames?: boolean;
}

/**
 * Default maximum data-unit length. The largest frames seen in implementations are HJ 1239
 * real-time frames of 10 one-second blocks plus an OBD block with DTCs and a signature
 * (about 2 KB); 8 KB leaves room for longer batches while bounding what one connection holds.
 */
export const DEFAULT_MAX_DATA_LENGTH = 8192;

const HASH2 = Buffer.from('##', 'latin1');
const TILDE2 = Buffer.from('~~', 'latin1');
const EMPTY = Buffer.alloc(0);

/** Streaming GB 17691 / HJ 1239 framer: push bytes, get frames and rejections in stream order. */
export class Gb17691Framer {
  /** Largest declared data-unit length accepted. */
  readonly maxDataLength: number;
  private readonly maxRejectedBytes: number;
  private readonly platformFrames: boolean;
  private pending: Buffer = EMPTY;
  private run: RejectedRun<RejectReason> | null = null;
  // Memo of the next "##" / "~~" at or after a position in the current buffer.
  private hashFrom = Infinity;
  private hashAt = -1;
  private tildeFrom = Infinity;
  private tildeAt = -1;

  constructor(options: FramerOptions = {}) {
    const max = options.maxDataLength ?? DEFAULT_MAX_DATA_LENGTH;
    if (!Number.isInteger(max) || max < 0 || max > MAX_DATA_LENGTH) {
      throw new RangeError(`maxDataLength must be an integer in 0..${MAX_DATA_LENGTH}, got ${max}`);
    }
    this.maxDataLength = max;
    this.maxRejectedBytes = options.maxRejectedBytes ?? 4096;
    this.platformFrames = options.platformFrames ?? true;
  }

  /** Bytes held back waiting for the rest of a frame (never more than 2 × (maxDataLength + 25)). */
  get bufferedBytes(): number {
    return this.pending.length;
  }

  /** Feeds the next chunk of the stream; returns the frames and rejections it completes. */
  push(chunk: Uint8Array): FrameEvent[] {
    const input = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const data = this.pending.length === 0 ? input : Buffer.concat([this.pending, input]);
    this.pending = EMPTY;
    const out: FrameEvent[] = [];
    const p = this.scan(data, out, false);
    // Copy what must wait: the caller may reuse its chunk, and a view would pin a large buffer.
    if (p < data.length) this.pending = Buffer.from(data.subarray(p));
    return out;
  }

  /** Ends the stream: reports an incomplete frame as `truncated` and closes any rejected run. */
  flush(): FrameEvent[] {
    const rest = this.pending;
    this.pending = EMPTY;
    const out: FrameEvent[] = [];
    this.scan(rest, out, true);
    this.closeRun(out);
    return out;
  }

  /** Scans data from 0; returns where the unconsumed bytes begin. */
  private scan(data: Buffer, out: FrameEvent[], final: boolean): number {
    this.hashFrom = this.tildeFrom = Infinity;
    const n = data.length;
    let p = 0;
    while (p < n) {
      const h = this.nextStart(data, p);
      if (h < 0) {
        // No start in the rest; a final "#" or "~" may be the first half of the next one.
        const end = !final && isStartByte(data[n - 1]!) ? n - 1 : n;
        this.discard(data, p, end);
        return end;
      }
      if (h > p) this.discard(data, p, h);
      const next = this.candidate(data, h, out, final);
      if (next < 0) return h;
      p = next;
    }
    return p;
  }

  /**
   * Examines the candidate frame at h (a start found). Returns the position where scanning goes
   * on, or -1 when more bytes are needed.
   */
  private candidate(data: Buffer, h: number, out: FrameEvent[], final: boolean): number {
    const n = data.length;
    const start = startAt(data, h)!;
    if (!plausibleVinBytes(data, h, start, n)) {
      // Not a frame start: skip one byte so "###…" still finds the start at h + 1.
      this.discard(data, h, h + 1);
      return h + 1;
    }
    if (n < h + HEADER_BYTES) {
      if (!final) return -1;
      this.reject(
        out,
        'truncated',
        `报文不完整：只收到 ${n - h} 字节的帧头，数据流已结束`,
        data,
        h,
      );
      return h + 2;
    }
    // A plausible frame start ends any rejected run before it.
    this.closeRun(out);
    const len = declaredLength(data, h);
    if (len > this.maxDataLength) {
      const detail = `数据单元长度 ${len} 超过上限 ${this.maxDataLength}，未缓存其内容`;
      this.reject(out, 'bad_length', detail, data, h);
      return h + 2;
    }
    const end = h + FRAME_OVERHEAD + len;
    if (n < end) {
      if (final) {
        const detail = `报文不完整：声明 ${end - h} 字节，只收到 ${n - h} 字节，数据流已结束`;
        this.reject(out, 'truncated', detail, data, h);
        return h + 2;
      }
      const inner = this.confirmedFrameInside(data, h + 2, n);
      if (inner < 0) return -1;
      const { detail } = diagnoseBcc(data, h, len, inner);
      this.reject(out, 'bad_length', detail, data, h);
      return h + 2;
    }
    const computed = bcc(data, h + 2, end - 1);
    if (computed !== data[end - 1]) {
      const { reason, detail } = diagnoseBcc(data, h, len, n);
      this.reject(out, reason, detail, data, h);
      return h + 2;
    }
    const verdict = this.overlap(data, h, end, final);
    if (verdict === 'wait') return -1;
    if (verdict === 'reject') {
      const detail = `声明数据单元长度 ${len} 字节的范围内开始了另一个完整的帧：本帧是被截断的残片（BCC 偶然相符）或长度字段错误`;
      this.reject(out, 'bad_length', detail, data, h);
      return h + 2;
    }
    out.push(frameAt(data, h, start, end));
    return end;
  }

  /**
   * A candidate at h whose BCC matched may still be a fragment whose declared span swallows a
   * genuine frame (an 8-bit BCC matches by chance once in 256). When a plausible start lies
   * inside its span: a complete, BCC-valid frame there wins ('reject'); an incomplete one makes
   * the framer wait for more bytes unless a start right after the candidate vouches for it.
   * Genuine frames rarely contain a plausible start (it needs 17 printable bytes after "##").
   */
  private overlap(
    data: Buffer,
    h: number,
    end: number,
    final: boolean,
  ): 'accept' | 'reject' | 'wait' {
    const first = this.nextStart(data, h + 2);
    if (first < 0 || first >= end) return 'accept';
    const n = data.length;
    let wait = false;
    for (let q = first; q >= 0 && q < end; q = this.nextStart(data, q + 1)) {
      const start = startAt(data, q)!;
      if (!plausibleVinBytes(data, q, start, n)) continue;
      if (q + HEADER_BYTES > n) {
        wait = true;
        continue;
      }
      const len = declaredLength(data, q);
      const qEnd = q + FRAME_OVERHEAD + len;
      if (len > this.maxDataLength) continue;
      if (qEnd > n) wait = true;
      else if (bcc(data, q + 2, qEnd - 1) === data[qEnd - 1]) return 'reject';
    }
    const vouched = end + 1 < n && startAt(data, end) !== null;
    return wait && !final && !vouched ? 'wait' : 'accept';
  }

  /**
   * The start of a complete, BCC-valid frame in data[from, n) that ends the data or is followed
   * by another start, or -1. Proves that an incomplete candidate before it has a lying length.
   */
  private confirmedFrameInside(data: Buffer, from: number, n: number): number {
    for (let q = this.nextStart(data, from); q >= 0; q = this.nextStart(data, q + 1)) {
      if (q + FRAME_OVERHEAD > n) return -1;
      const start = startAt(data, q)!;
      if (!plausibleVinBytes(data, q, start, n)) continue;
      const len = declaredLength(data, q);
      const end = q + FRAME_OVERHEAD + len;
      const followed = end === n || (end < n - 1 && startAt(data, end) !== null);
      if (len <= this.maxDataLength && followed && bcc(data, q + 2, end - 1) === data[end - 1]) {
        return q;
      }
    }
    return -1;
  }

  private nextStart(data: Buffer, from: number): number {
    if (from < this.hashFrom || (this.hashAt >= 0 && from > this.hashAt)) {
      this.hashFrom = from;
      this.hashAt = data.indexOf(HASH2, from);
    }
    if (!this.platformFrames) return this.hashAt;
    if (from < this.tildeFrom || (this.tildeAt >= 0 && from > this.tildeAt)) {
      this.tildeFrom = from;
      this.tildeAt = data.indexOf(TILDE2, from);
    }
    if (this.hashAt < 0) return this.tildeAt;
    if (this.tildeAt < 0) return this.hashAt;
    return Math.min(this.hashAt, this.tildeAt);
  }

  /** Bytes that belong to no frame: they extend the open rejected run or start a `bad_header` one. */
  private discard(data: Buffer, start: number, end: number): void {
    if (start >= end) return;
    if (this.run === null) {
      this.run = new RejectedRun(
        'bad_header',
        '不是以 "##"（或 "~~"）加 17 位 VIN 开头的数据，已跳过',
        this.maxRejectedBytes,
      );
    }
    this.run.append(data, start, end);
  }

  /** Rejects the candidate at h: a run starting with its 2 start bytes (the rest is rescanned). */
  private reject(
    out: FrameEvent[],
    reason: RejectReason,
    detail: string,
    data: Buffer,
    h: number,
  ): void {
    this.closeRun(out);
    this.run = new RejectedRun(reason, detail, this.maxRejectedBytes);
    this.run.append(data, h, h + 2);
  }

  private closeRun(out: FrameEvent[]): void {
    if (this.run === null) return;
    out.push(this.run.toRejection());
    this.run = null;
  }
}

function frameAt(data: Buffer, h: number, start: FrameStart, end: number) {
  return {
    ok: true as const,
    raw: data.subarray(h, end),
    start,
    command: data[h + 2]!,
    vin: readVinField(data, h, start),
    softwareVersion: start === '##' ? data[h + 20]! : null,
    replyFlag: start === '~~' ? data[h + 3]! : null,
    encryption: data[h + ENCRYPTION_OFFSET]!,
    data: data.subarray(h + HEADER_BYTES, end - 1),
  };
}
