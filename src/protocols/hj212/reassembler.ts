// Reassembly of split messages (HJ 212-2017 Table 3 PNUM/PNO and Flag bit D; Tables C.49/C.50).
// Every part carries its own QN and its own complete CP area; parts of one message share MN, CN
// and DataTime, so they are grouped by (MN, CN, DataTime) — or by QN when the CP area has no
// DataTime (HJ/T 212-2005 parts share the request's QN) — and joined in PNO order.
//
// Memory is bounded: at most maxParts parts per message and maxPendingParts parts in all (the
// oldest message is evicted first), and a message not complete within timeoutMs is dropped.
// Time is passed in by the caller (no clock here), so tests and the server decide what "now" is.

import { FLAG_SPLIT, type Hj212Packet, dataTime, isSplit } from './packet.ts';

/** Reassembly limits. */
export interface ReassemblerOptions {
  /** Drop a message whose first part is older than this; default 60 000 ms. */
  readonly timeoutMs?: number;
  /** Largest PNUM accepted; default 256. */
  readonly maxParts?: number;
  /** Parts held across all pending messages; default 4096. */
  readonly maxPendingParts?: number;
}

/** Outcome of adding a part, or of expiring old messages. */
export type ReassemblyEvent =
  | {
      readonly kind: 'complete';
      /** The whole message: first part's header, D bit and PNUM/PNO removed, CP areas joined. */
      readonly packet: Hj212Packet;
      /** The parts in PNO order (a packet that was not split is its own single part). */
      readonly parts: Hj212Packet[];
    }
  | {
      readonly kind: 'pending';
      readonly key: string;
      readonly received: number;
      readonly total: number;
    }
  | {
      readonly kind: 'dropped';
      readonly reason: 'split_timeout' | 'split_evicted' | 'too_long' | 'bad_field';
      readonly detail: string;
      readonly parts: Hj212Packet[];
    };

interface Pending {
  readonly total: number;
  readonly firstSeenMs: number;
  readonly parts: Array<Hj212Packet | undefined>;
  received: number;
}

/** Collects parts of split messages and returns each message once all its parts are in. */
export class Hj212Reassembler {
  private readonly timeoutMs: number;
  private readonly maxParts: number;
  private readonly maxPendingParts: number;
  // Map iteration order is insertion order = order of first part, so the oldest come first.
  private readonly pending = new Map<string, Pending>();
  private heldParts = 0;

  constructor(options: ReassemblerOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.maxParts = options.maxParts ?? 256;
    this.maxPendingParts = options.maxPendingParts ?? 4096;
    if (this.maxParts > this.maxPendingParts) {
      throw new RangeError('maxParts must not exceed maxPendingParts');
    }
  }

  /** Parts currently held. */
  get pendingParts(): number {
    return this.heldParts;
  }

  /** Messages currently incomplete. */
  get pendingMessages(): number {
    return this.pending.size;
  }

  /** Adds a packet (split or not) at time nowMs; returns expiries, then this packet's outcome. */
  add(p: Hj212Packet, nowMs: number): ReassemblyEvent[] {
    const out = this.expire(nowMs);
    if (!isSplit(p)) {
      out.push({ kind: 'complete', packet: p, parts: [p] });
      return out;
    }
    const { pnum, pno } = p;
    if (pnum === undefined || pno === undefined || pno < 1 || pno > pnum) {
      out.push(dropped('bad_field', `分包的 PNUM/PNO 无效（PNUM=${pnum}，PNO=${pno}）`, [p]));
      return out;
    }
    if (pnum > this.maxParts) {
      out.push(dropped('too_long', `PNUM=${pnum} 超过分包数上限 ${this.maxParts}`, [p]));
      return out;
    }
    const key = messageKey(p);
    let group = this.pending.get(key);
    if (group !== undefined && group.total !== pnum) {
      // The device split the same data again differently: the new split wins.
      this.remove(key, group);
      const detail = `同一报文的 PNUM 由 ${group.total} 变为 ${pnum}，丢弃旧的分包`;
      out.push(dropped('bad_field', detail, present(group)));
      group = undefined;
    }
    if (group === undefined) {
      group = {
        total: pnum,
        firstSeenMs: nowMs,
        parts: new Array(pnum).fill(undefined),
        received: 0,
      };
      this.pending.set(key, group);
    }
    // A retransmitted part replaces the earlier copy and is counted once.
    if (group.parts[pno - 1] === undefined) {
      this.makeRoom(key, out);
      group.received++;
      this.heldParts++;
    }
    group.parts[pno - 1] = p;
    if (group.received < group.total) {
      out.push({ kind: 'pending', key, received: group.received, total: group.total });
      return out;
    }
    this.remove(key, group);
    const parts = group.parts as Hj212Packet[];
    out.push({ kind: 'complete', packet: merge(parts), parts });
    return out;
  }

  /** Drops messages whose first part arrived timeoutMs or longer before nowMs. */
  expire(nowMs: number): ReassemblyEvent[] {
    const out: ReassemblyEvent[] = [];
    for (const [key, group] of this.pending) {
      if (nowMs - group.firstSeenMs < this.timeoutMs) break;
      this.remove(key, group);
      const detail = `${this.timeoutMs} 毫秒内只收到 ${group.received}/${group.total} 个分包`;
      out.push(dropped('split_timeout', detail, present(group)));
    }
    return out;
  }

  // Evicts the oldest other messages until one more part fits. Since maxParts ≤ maxPendingParts,
  // the message being filled always fits once it is the only one left.
  private makeRoom(key: string, out: ReassemblyEvent[]): void {
    for (const [oldKey, old] of this.pending) {
      if (this.heldParts < this.maxPendingParts) return;
      if (oldKey === key) continue;
      this.remove(oldKey, old);
      out.push(dropped('split_evicted', `待拼接分包超过 ${this.maxPendingParts} 个`, present(old)));
    }
  }

  private remove(key: string, group: Pending): void {
    this.pending.delete(key);
    this.heldParts -= group.received;
  }
}

/** Key of the message a part belongs to: MN, CN and DataTime (or QN without DataTime). */
function messageKey(p: Hj212Packet): string {
  const dt = dataTime(p);
  return `${p.mn}|${p.cn}|${dt !== undefined ? 'DataTime=' + dt : 'QN=' + (p.qn ?? '')}`;
}

function present(group: Pending): Hj212Packet[] {
  return group.parts.filter((x): x is Hj212Packet => x !== undefined);
}

function dropped(
  reason: 'split_timeout' | 'split_evicted' | 'too_long' | 'bad_field',
  detail: string,
  parts: Hj212Packet[],
): ReassemblyEvent {
  return { kind: 'dropped', reason, detail, parts };
}

// The first part's header without PNUM/PNO and the D bit; each later part's repeated DataTime
// is left out so the joined CP area reads like one packet.
function merge(parts: Hj212Packet[]): Hj212Packet {
  const first = parts[0]!;
  const dt = dataTime(first);
  const cp: Array<[string, string]> = [...first.cp];
  for (let i = 1; i < parts.length; i++) {
    for (const pair of parts[i]!.cp) {
      if (pair[0] === 'DataTime' && pair[1] === dt) continue;
      cp.push(pair);
    }
  }
  const { pnum: _pnum, pno: _pno, ...header } = first;
  const merged: Hj212Packet = { ...header, cp };
  if (merged.flag !== undefined) merged.flag &= ~FLAG_SPLIT;
  return merged;
}
