/**
 * The listener's totals survive a restart (issue 15): packets, acks, values and refusals by
 * reason counted by one listener are there when the next one starts on the same database, keep
 * growing, and are saved periodically (not only at a clean stop). Real sockets, real database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCounters } from '../src/ingest/ingest-counters-repo.ts';
import type { Hj212Ingest } from '../src/ingest/hj212/server.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import {
  frame,
  MN_CEMS,
  seedDevices,
  sleep,
  startTestIngest,
  T0,
  TestClient,
  upload,
} from './ingest-support.ts';

const MINUTE = 60_000;

describe.each(dialectsUnderTest())('HJ 212 totals across restarts on %s', (dialect) => {
  let t: TestStore;
  let ingest: Hj212Ingest | undefined;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedDevices(t.db);
  });
  afterAll(async () => {
    await ingest?.stop();
    await t?.cleanup();
  });

  /** Sends `ok` accepted packets, one unknown-MN and one wrong-PW packet; waits for the acks. */
  async function traffic(i: Hj212Ingest, ok: number, from: number): Promise<void> {
    const c = await TestClient.open(i.port);
    for (let k = 0; k < ok; k++) {
      const at = T0 + (from + k) * MINUTE;
      await c.write(frame(upload(MN_CEMS, '2051', at, { a21026: { Avg: k } }, { st: '31' })));
    }
    await c.write(frame(upload('FFFF00000000000000000077', '2061', T0, { a34004: { Avg: 1 } })));
    await c.write(
      frame(upload(MN_CEMS, '2051', T0, { a21026: { Avg: 1 } }, { pw: 'nope', st: '31' })),
    );
    await c.waitFor(ok);
    await i.drain();
    c.close();
  }

  it('keeps counting from where the last listener stopped', async () => {
    const first = await startTestIngest(t.db, { statusFlushMs: 100 });
    ingest = first;
    const since = first.status().totals.since;
    await traffic(first, 3, 300_000);
    // Saved periodically, before any stop.
    await sleep(400);
    const saved = await loadCounters(t.db);
    expect(saved).toMatchObject({ packets: 3, acks: 3, rejected: 2 });
    await first.stop();

    const second = await startTestIngest(t.db);
    ingest = second;
    let s = second.status().totals;
    expect(s).toMatchObject({ since, packets: 3, values: 3, acks: 3, rejected: 2 });
    expect(s.rejectedBy).toMatchObject({ unknown_device: 1, bad_password: 1 });
    await traffic(second, 2, 310_000);
    s = second.status().totals;
    expect(s).toMatchObject({ packets: 5, acks: 5, rejected: 4 });
    await second.stop();

    const third = await startTestIngest(t.db);
    ingest = third;
    s = third.status().totals;
    expect(s).toMatchObject({ since, packets: 5, values: 5, acks: 5, rejected: 4 });
    expect(s.rejectedBy).toMatchObject({ unknown_device: 2, bad_password: 2 });
    // The live views start afresh: no per-minute counts yet in this process.
    expect(third.status().perMinute).toEqual([]);
  });
});
