/**
 * When the CEMS projector writes an hour (src/sources/cems/cems-projector.ts): an hour with an
 * hourly upload (CN 2061) at once; an hour built from minute uploads (CN 2051) only once it has
 * ended (plus 2 minutes), never a partial hour; device-hours of station devices are ignored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cemsConfig } from '../src/sources/cems/cems-config.ts';
import { CemsProjector } from '../src/sources/cems/cems-projector.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { MN_AIR, MN_CEMS, seedDevices } from './ingest-support.ts';
import { movableClock } from './support/sign-in.ts';

const HOUR = 3_600_000;
const H = Date.UTC(2024, 5, 1, 2); // 10:00 Beijing

describe.each(dialectsUnderTest())('CEMS projector timing on %s', (dialect) => {
  let t: TestStore;
  let cems = 0;
  let air = 0;
  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedDevices(t.db);
    const ids = await t.db.kysely.selectFrom('devices').select(['id', 'mn']).execute();
    cems = ids.find((d) => d.mn === MN_CEMS)!.id;
    air = ids.find((d) => d.mn === MN_AIR)!.id;
  });
  afterAll(() => t?.cleanup());

  /** Stores uploads as the listener would and returns them as a committed batch. */
  async function commit(rows: Array<[number, number, string, number, number]>) {
    await t.db.kysely
      .insertInto('device_values')
      .values(
        rows.map(([device_id, cn, code, data_time, avg]) => ({
          minute: Math.floor(data_time / 60_000),
          device_id,
          cn,
          code,
          data_time,
          rtd: null,
          avg,
          min: null,
          max: null,
          zs_rtd: null,
          zs_avg: null,
          zs_min: null,
          zs_max: null,
          cou: null,
          flag: 'N',
          eflag: null,
          extra: null,
          received_at: 0,
        })),
      )
      .execute();
    return {
      n: rows.length,
      deviceId: rows.map((r) => r[0]),
      cn: rows.map((r) => r[1]),
      dataTime: rows.map((r) => r[3]),
    };
  }
  const stored = () =>
    t.db.kysely
      .selectFrom('cems_hours')
      .select(['hour', 'pollutant', 'origin', 'minutes', 'valid'])
      .orderBy('hour')
      .orderBy('pollutant')
      .execute();

  it('waits for a minute-built hour to end and writes an hourly upload at once', async () => {
    const clock = movableClock(H + 30 * 60_000);
    const p = new CemsProjector(t.db, clock, cemsConfig(), { error: () => undefined });
    const minutes = Array.from(
      { length: 30 },
      (_, m) =>
        [cems, 2051, 'a21002', H + m * 60_000, 40] as [number, number, string, number, number],
    );
    p.note(await commit(minutes));
    p.note(await commit([[air, 2061, 'a21026', H, 8]]));
    await p.flush();
    expect(await stored()).toEqual([]);

    clock.t = H + HOUR + 60_000; // ended, but within the 2-minute grace
    await p.flush();
    expect(await stored()).toEqual([]);

    clock.t = H + HOUR + 3 * 60_000;
    p.note(await commit([[cems, 2061, 'a21002', H + HOUR, 41]])); // the next hour, not ended
    await p.flush();
    expect(await stored()).toEqual([
      { hour: H, pollutant: 'a21002', origin: '2051', minutes: 30, valid: 0 },
      { hour: H + HOUR, pollutant: 'a21002', origin: '2061', minutes: null, valid: 1 },
    ]);
    expect(p.rows).toBe(2);
  });
});
