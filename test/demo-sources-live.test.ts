/**
 * `lantian simulate --sources-demo` end to end: the demo's enterprises registered by
 * runSourcesDemo, the first six of their outlets' loggers (src/demo/sources-fleet.ts) send CN 2051
 * minutes and CN 2061 hours over a real socket to the HJ 212 listener, and the projector of serve
 * turns them into cems_hours: every packet acknowledged, hours of each outlet stored, the
 * device's -ZsAvg kept where it sends one, Lantian's own correction from O2 where the logger
 * sends raw values only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.ts';
import { runSourcesDemo } from '../src/demo/sources-demo.ts';
import { sourcesDemoFleet } from '../src/demo/sources-fleet.ts';
import { startHj212Ingest, type Hj212Ingest } from '../src/ingest/hj212/server.ts';
import { cemsConfig } from '../src/sources/cems/cems-config.ts';
import { CemsProjector } from '../src/sources/cems/cems-projector.ts';
import { simulatorOptions } from '../src/simulator/options.ts';
import { Simulator } from '../src/simulator/simulator.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const HOUR = 3_600_000;

describe.each(dialectsUnderTest())('demo outlets over HJ 212 on %s', (dialect) => {
  let t: TestStore;
  let ingest: Hj212Ingest;
  let sent = 0;
  let acked = 0;
  const start = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR;
  const fleet = sourcesDemoFleet(start, 60).slice(0, 6);

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await runSourcesDemo(t.db, systemClock, { days: 0, actor: 'test' });
    const projector = new CemsProjector(t.db, systemClock, cemsConfig(), {
      error: () => undefined,
    });
    ingest = await startHj212Ingest(
      { db: t.db, clock: systemClock, committed: (v) => projector.note(v) },
      {
        host: '127.0.0.1',
        port: 0,
        archive: false,
        commitDelayMs: 2,
        rateLimit: { perSecond: 0, burst: 1 },
      },
    );
    // Two simulated hours and a bit per logger: 61 packets an hour (60 minutes and the hour).
    const sim = new Simulator(
      simulatorOptions({
        host: '127.0.0.1',
        port: ingest.port,
        fleet,
        devices: fleet.length,
        connections: 2,
        startMs: start,
        timeScale: 36_000,
        packets: fleet.length * 125,
        splitProb: 0,
        glueProb: 0,
      }),
    );
    sim.start();
    const summary = await sim.done();
    sent = summary.sent;
    acked = summary.acked;
    await ingest.drain();
    await projector.flush();
  }, 120_000);
  afterAll(async () => {
    await ingest?.stop();
    await t?.cleanup();
  });

  it('stores the hours of every outlet, corrected by the device or by Lantian', async () => {
    expect(sent).toBe(fleet.length * 125);
    expect(acked).toBe(sent);
    const rows = await t.db.kysely
      .selectFrom('cems_hours')
      .innerJoin('outlets', 'outlets.id', 'cems_hours.outlet_id')
      .select([
        'outlets.code',
        'cems_hours.pollutant',
        'cems_hours.zs_device',
        'cems_hours.zs_calc',
        'cems_hours.origin',
        'cems_hours.valid',
        'cems_hours.avg',
      ])
      .where('cems_hours.pollutant', '=', 'a21026')
      .execute();
    for (const d of fleet) {
      const mine = rows.filter((r) => r.code === d.target);
      expect(mine.length, d.target).toBeGreaterThanOrEqual(2);
      expect(mine.some((r) => r.origin === '2061')).toBe(true);
      expect(mine.filter((r) => r.valid === 1).length, d.target).toBeGreaterThanOrEqual(2);
      for (const r of mine) {
        // Lantian corrects from a valid O2 hour only; the last, partly sent hour (a few minutes
        // of CN 2051 before the simulator stopped) is invalid and keeps its measured mean.
        if (r.valid === 1) expect(r.zs_calc, d.target).not.toBeNull();
        else expect(r.avg, d.target).not.toBeNull();
        if (d.cems!.zsSent) expect(r.zs_device).not.toBeNull();
        else expect(r.zs_device).toBeNull();
      }
    }
    expect(fleet.some((d) => !d.cems!.zsSent)).toBe(true);
  });
});
