/**
 * Watching split messages (Flag bit D, PNUM/PNO; HJ 212-2017 Tables C.49/C.50). Parts are stored
 * as they arrive (packet-handler.ts explains why), so the codec's Hj212Reassembler is used here
 * only to notice messages whose parts never all arrived: they are counted and logged, so an
 * operator sees a logger that loses parts, although every part that did arrive is stored.
 */
import {
  Hj212Reassembler,
  isSplit,
  type Hj212Packet,
  type ReassemblyEvent,
} from '../../protocols/hj212/index.ts';
import type { IngestLog } from './ingest-log.ts';

/** Counts complete and incomplete split messages. */
export class SplitTracker {
  /** Split messages whose parts all arrived. */
  complete = 0;
  /** Split messages with parts missing after the timeout (or evicted). */
  incomplete = 0;
  private readonly reassembler: Hj212Reassembler;

  constructor(
    private readonly log: IngestLog,
    timeoutMs = 60_000,
  ) {
    this.reassembler = new Hj212Reassembler({ timeoutMs });
  }

  /** Notes an accepted packet (ignored unless it is a part of a split message). */
  add(p: Hj212Packet, now: number): void {
    if (!isSplit(p)) return;
    this.count(this.reassembler.add(p, now));
  }

  /** Ends messages older than the timeout. */
  expire(now: number): void {
    this.count(this.reassembler.expire(now));
  }

  private count(events: ReassemblyEvent[]): void {
    for (const e of events) {
      if (e.kind === 'complete') this.complete++;
      else if (e.kind === 'dropped') {
        this.incomplete++;
        const first = e.parts[0];
        this.log.warn(
          {
            mn: first?.mn,
            cn: first?.cn,
            reason: e.reason,
            detail: e.detail,
            parts: e.parts.length,
          },
          'HJ 212 分包报文不完整（已收到的分包均已入库）',
        );
      }
    }
  }
}
