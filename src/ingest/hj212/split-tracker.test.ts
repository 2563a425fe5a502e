import { describe, expect, it } from 'vitest';
import type { Hj212Packet } from '../../protocols/hj212/index.ts';
import { silentLog } from './ingest-log.ts';
import { SplitTracker } from './split-tracker.ts';

const part = (pno: number, pnum = 2): Hj212Packet => ({
  qn: `2024030108000000${pno}`,
  st: '31',
  cn: '2051',
  pw: '123456',
  mn: 'A1B2C3D4E5F6000000000002',
  flag: 7,
  version: '2017',
  pnum,
  pno,
  cp: [
    ['DataTime', '20240301080000'],
    [`a2102${pno}-Avg`, '1'],
  ],
});

describe('split message tracking (HJ 212-2017 Tables C.49/C.50)', () => {
  it('counts complete messages and messages whose parts never all arrived', () => {
    const t = new SplitTracker(silentLog, 1000);
    t.add({ ...part(1), flag: 5, pnum: undefined, pno: undefined }, 0); // not split: ignored
    t.add(part(1), 0);
    t.add(part(2), 10);
    expect([t.complete, t.incomplete]).toEqual([1, 0]);
    t.add(part(1, 3), 20);
    t.expire(500);
    expect(t.incomplete).toBe(0);
    t.expire(1020);
    expect([t.complete, t.incomplete]).toEqual([1, 1]);
  });
});
