// The whole receive pipeline of one connection: framer (structure + CRC) then segment/CP parser.

import type { FrameRejection, Hj212Frame } from './frame-event.ts';
import { type FramerOptions, Hj212Framer } from './framer.ts';
import type { Hj212Packet } from './packet.ts';
import { parseSegment, type SegmentOptions } from './segment.ts';

/** A frame that passed framing, CRC and field checks. */
export interface DecodedPacket {
  readonly ok: true;
  readonly packet: Hj212Packet;
  readonly frame: Hj212Frame;
}

/** What the decoder yields: a packet or a rejection (framing, CRC or field error). */
export type DecodeEvent = DecodedPacket | FrameRejection;

/** Framer and parser settings of one connection or device. */
export interface DecoderOptions extends FramerOptions, SegmentOptions {}

/**
 * Parses a verified frame's data segment. The segment is decoded as UTF-8 because HJ 212-2017
 * §6.3 allows UTF-8 Chinese text in log items; pure-ASCII segments decode identically.
 */
export function decodeFrame(frame: Hj212Frame, options: SegmentOptions = {}): DecodeEvent {
  const result = parseSegment(frame.segment.toString('utf8'), options);
  if (result.ok) return { ok: true, packet: result.packet, frame };
  return {
    ok: false,
    reason: result.reason,
    detail: result.detail,
    raw: frame.raw,
    length: frame.raw.length,
  };
}

/** Streaming decoder: push bytes, get parsed packets and rejections in stream order. */
export class Hj212Decoder {
  private readonly framer: Hj212Framer;
  private readonly options: DecoderOptions;

  constructor(options: DecoderOptions = {}) {
    this.framer = new Hj212Framer(options);
    this.options = options;
  }

  /** Bytes held back waiting for the rest of a frame. */
  get bufferedBytes(): number {
    return this.framer.bufferedBytes;
  }

  /** Feeds the next chunk; returns the packets and rejections it completes. */
  push(chunk: Uint8Array): DecodeEvent[] {
    return this.decodeAll(this.framer.push(chunk));
  }

  /** Ends the stream, reporting any incomplete frame as `truncated`. */
  flush(): DecodeEvent[] {
    return this.decodeAll(this.framer.flush());
  }

  private decodeAll(events: Array<Hj212Frame | FrameRejection>): DecodeEvent[] {
    const out: DecodeEvent[] = new Array(events.length);
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      out[i] = e.ok ? decodeFrame(e, this.options) : e;
    }
    return out;
  }
}
