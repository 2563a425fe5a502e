import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Hj212Reassembler, type ReassemblyEvent } from './reassembler.ts';
import type { Hj212Packet } from './packet.ts';

function part(pno: number, pnum: number, over: Partial<Hj212Packet> = {}): Hj212Packet {
  return {
    qn: `2024010109000000${pno}`,
    st: '31',
    cn: '2061',
    pw: '123456',
    mn: 'A1B2C3D4E5F6A7B8C9D0E1F2',
    flag: 7,
    version: '2017',
    pnum,
    pno,
    cp: [
      ['DataTime', '20240101080000'],
      [`a2100${pno}-Avg`, String(pno)],
    ],
    ...over,
  };
}
const kinds = (events: ReassemblyEvent[]) => events.map((e) => e.kind);

describe('Hj212Reassembler', () => {
  it('passes a packet that is not split straight through', () => {
    const p = { ...part(1, 1), flag: 5, pnum: undefined, pno: undefined };
    expect(new Hj212Reassembler().add(p, 0)).toEqual([{ kind: 'complete', packet: p, parts: [p] }]);
  });

  it('reassembles parts arriving out of order, in PNO order', () => {
    const r = new Hj212Reassembler();
    expect(kinds(r.add(part(3, 3), 0))).toEqual(['pending']);
    expect(kinds(r.add(part(1, 3), 1))).toEqual(['pending']);
    const events = r.add(part(2, 3), 2);
    expect(kinds(events)).toEqual(['complete']);
    const done = events[0] as Extract<ReassemblyEvent, { kind: 'complete' }>;
    expect(done.parts.map((p) => p.pno)).toEqual([1, 2, 3]);
    expect(done.packet.cp).toEqual([
      ['DataTime', '20240101080000'],
      ['a21001-Avg', '1'],
      ['a21002-Avg', '2'],
      ['a21003-Avg', '3'],
    ]);
    expect(done.packet.qn).toBe('20240101090000001'); // the first part's header
    expect(done.packet.flag).toBe(5); // D bit cleared, A kept
    expect(done.packet.pnum).toBeUndefined();
    expect(done.packet.pno).toBeUndefined();
    expect(r.pendingParts).toBe(0);
    expect(r.pendingMessages).toBe(0);
  });

  it('counts a retransmitted part once', () => {
    const r = new Hj212Reassembler();
    r.add(part(1, 2), 0);
    expect(r.add(part(1, 2), 1)).toEqual([
      { kind: 'pending', key: expect.any(String), received: 1, total: 2 },
    ]);
    expect(r.pendingParts).toBe(1);
    expect(kinds(r.add(part(2, 2), 2))).toEqual(['complete']);
  });

  it('keeps messages with another DataTime, MN or CN apart', () => {
    const r = new Hj212Reassembler();
    r.add(part(1, 2), 0);
    r.add(part(2, 2, { cp: [['DataTime', '20240101090000']] }), 0);
    r.add(part(2, 2, { mn: 'OTHER00000000001' }), 0);
    r.add(part(2, 2, { cn: '2051' }), 0);
    expect(r.pendingMessages).toBe(4);
  });

  it('groups parts without DataTime by QN (HJ/T 212-2005 parts share the request QN)', () => {
    const r = new Hj212Reassembler();
    const noDt = (pno: number, qn: string) =>
      part(pno, 2, { qn, flag: undefined, cp: [[`x${pno}`, '1']] });
    expect(kinds(r.add(noDt(1, '1'), 0))).toEqual(['pending']);
    expect(kinds(r.add(noDt(2, '2'), 0))).toEqual(['pending']);
    expect(kinds(r.add(noDt(2, '1'), 0))).toEqual(['complete']);
  });

  it('drops a message not complete within the timeout, and frees its parts', () => {
    const r = new Hj212Reassembler({ timeoutMs: 1000 });
    r.add(part(1, 2), 0);
    expect(r.expire(999)).toEqual([]);
    const [e] = r.expire(1000);
    expect(e).toMatchObject({ kind: 'dropped', reason: 'split_timeout' });
    expect(e!.kind === 'dropped' && e!.parts.map((p) => p.pno)).toEqual([1]);
    expect(r.pendingParts).toBe(0);
    // add() expires first: a late part starts a new message.
    r.add(part(1, 2), 2000);
    expect(kinds(r.add(part(2, 2), 3500))).toEqual(['dropped', 'pending']);
  });

  it('evicts the oldest message when the part budget is used up', () => {
    const r = new Hj212Reassembler({ maxPendingParts: 4, maxParts: 4 });
    const at = (dt: string) => ({ cp: [['DataTime', dt]] as Array<[string, string]> });
    r.add(part(1, 3, at('1')), 0);
    r.add(part(2, 3, at('1')), 0);
    r.add(part(1, 3, at('2')), 0);
    r.add(part(1, 3, at('3')), 0);
    const events = r.add(part(2, 3, at('3')), 0);
    expect(events[0]).toMatchObject({ kind: 'dropped', reason: 'split_evicted' });
    expect(r.pendingParts).toBe(3);
  });

  it('refuses a PNUM above the limit as too_long', () => {
    const [e] = new Hj212Reassembler({ maxParts: 10 }).add(part(1, 11), 0);
    expect(e).toMatchObject({ kind: 'dropped', reason: 'too_long' });
  });

  it('starts over when the same message arrives split differently', () => {
    const r = new Hj212Reassembler();
    r.add(part(1, 3), 0);
    const events = r.add(part(1, 2), 1);
    expect(events[0]).toMatchObject({ kind: 'dropped', reason: 'bad_field' });
    expect(kinds(r.add(part(2, 2), 2))).toEqual(['complete']);
  });

  it('never holds more parts than its budget and completes only whole messages (fast-check)', () => {
    const arbPart = fc
      .record({
        mn: fc.constantFrom('MN00000000000A', 'MN00000000000B'),
        dt: fc.constantFrom('1', '2', '3'),
        pnum: fc.integer({ min: 1, max: 4 }),
        k: fc.nat(),
      })
      .map(({ mn, dt, pnum, k }) =>
        part((k % pnum) + 1, pnum, {
          mn,
          cp: [
            ['DataTime', dt],
            ['v', String(k)],
          ],
        }),
      );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(arbPart, fc.integer({ min: 0, max: 50 })), { maxLength: 60 }),
        (steps) => {
          const r = new Hj212Reassembler({ maxPendingParts: 6, maxParts: 4, timeoutMs: 200 });
          let now = 0;
          for (const [p, dt] of steps) {
            now += dt;
            for (const e of r.add(p, now)) {
              if (e.kind === 'complete') {
                expect(e.parts.map((x) => x.pno)).toEqual(
                  Array.from({ length: p.pnum! }, (_, i) => i + 1),
                );
              }
            }
            expect(r.pendingParts).toBeLessThanOrEqual(6);
          }
        },
      ),
    );
  });
});
