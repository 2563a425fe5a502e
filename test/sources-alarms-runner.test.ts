/** The alarm runner over a real store (both dialects): opens, merges, clears, escalates. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAlarms } from '../src/sources/alarms/alarm-runner.ts';
import { powerLineStates } from '../src/sources/alarms/power-line-states.ts';
import { DEFAULT_RUNNING_RULES } from '../src/sources/power/rules/meter-state.ts';
import { HOUR_MS } from '../src/standards/local-date.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import {
  CFG,
  T0,
  hourAt,
  lastPacket,
  putHours,
  seedSources,
  type Seeded,
} from './sources-alarms-support.ts';

const quiet = { ...CFG, missingHours: 99 };

for (const dialect of dialectsUnderTest()) {
  describe(`alarm runner (${dialect})`, () => {
    let store: TestStore;
    let s: Seeded;
    beforeEach(async () => {
      store = await openTestStore(dialect);
      s = await seedSources(store.db);
    });
    afterEach(() => store.cleanup());

    const alarms = () => store.db.kysely.selectFrom('alarms').selectAll().orderBy('id').execute();
    const events = (id: number) =>
      store.db.kysely
        .selectFrom('alarm_events')
        .select('action')
        .where('alarm_id', '=', id)
        .orderBy('id')
        .execute();

    it('three hours over open one exceedance; more hours extend it; a rerun changes nothing', async () => {
      await putHours(store.db, s.steelOutlet, 0, [30, 36, 40, 38]);
      const now = hourAt(4) + 10 * 60_000;
      expect((await runAlarms(store.db, quiet, now)).opened).toBe(1);
      let [a] = await alarms();
      expect(a).toMatchObject({
        kind: 'exceedance',
        outlet_id: s.steelOutlet,
        pollutant: 'a21026',
        enterprise_id: s.steel,
        region_adcode: '130481',
        status: 'open',
        count: 3,
        active: 1,
        first_seen: hourAt(1),
        last_seen: hourAt(3),
        level: 0,
        escalate_at: now + 24 * HOUR_MS,
      });
      expect(JSON.parse(a!.detail)).toMatchObject({ limit: 35, max: 40 });
      expect(await runAlarms(store.db, quiet, now)).toEqual({
        opened: 0,
        extended: 0,
        cleared: 0,
        recurred: 0,
        escalated: 0,
      });
      await putHours(store.db, s.steelOutlet, 4, [50]);
      expect((await runAlarms(store.db, quiet, now + HOUR_MS)).extended).toBe(1);
      [a] = await alarms();
      expect(a).toMatchObject({ count: 4, last_seen: hourAt(4) });
      expect(JSON.parse(a!.detail)).toMatchObject({ max: 50 });
      await putHours(store.db, s.steelOutlet, 5, [20]);
      expect((await runAlarms(store.db, quiet, now + 2 * HOUR_MS)).cleared).toBe(1);
      await putHours(store.db, s.steelOutlet, 6, [60, 61, 62]);
      expect((await runAlarms(store.db, quiet, now + 5 * HOUR_MS)).recurred).toBe(1);
      const all = await alarms();
      expect(all).toHaveLength(1);
      expect(all[0]).toMatchObject({ count: 7, active: 1 });
      expect((await events(all[0]!.id)).map((e) => e.action)).toEqual([
        'opened',
        'cleared',
        'recurred',
      ]);
    });

    it('missing hours, an offline logger and a flat line each open their own alarm', async () => {
      await putHours(store.db, s.steelOutlet, 0, [20, 20, 20, 20, 20, 20]);
      await putHours(store.db, s.cokeOutlet, 0, [10, 11]);
      await lastPacket(store.db, s.device, hourAt(6));
      const now = hourAt(8) + 5 * 60_000;
      await runAlarms(store.db, CFG, now);
      const got = (await alarms()).map((a) => [a.kind, a.outlet_id, a.pollutant, a.count]);
      // Hour 6 ended at 07:00 and was due by 08:00 (grace 60 min); offline from 06:30: hours 6–8.
      expect(got).toEqual([
        ['flat', s.steelOutlet, 'a21026', 6],
        ['missing', s.steelOutlet, null, 1],
        ['offline', s.steelOutlet, null, 3],
        ['missing', s.cokeOutlet, null, 5],
      ]);
    });

    it('without an override the sector default applies (coking oven SO2 30 mg/m³)', async () => {
      await store.db.kysely
        .deleteFrom('outlet_limits')
        .where('outlet_id', '=', s.cokeOutlet)
        .execute();
      await putHours(store.db, s.cokeOutlet, 0, [31, 32, 33]);
      await putHours(store.db, s.steelOutlet, 0, [31, 32, 33]); // override 35: within
      await runAlarms(store.db, quiet, hourAt(3));
      const got = await alarms();
      expect(got.map((a) => [a.kind, a.outlet_id])).toEqual([['exceedance', s.cokeOutlet]]);
      expect(JSON.parse(got[0]!.detail)).toMatchObject({ limit: 30 });
    });

    it('a closed alarm is not reopened for its own hours, only for new ones', async () => {
      await putHours(store.db, s.cokeOutlet, 0, [40, 40.5, 41]);
      const now = hourAt(3);
      await runAlarms(store.db, quiet, now);
      const [a] = await alarms();
      await store.db.kysely
        .updateTable('alarms')
        .set({ status: 'closed', open_key: null, closed_at: now })
        .where('id', '=', a!.id)
        .execute();
      expect((await runAlarms(store.db, quiet, now)).opened).toBe(0);
      await putHours(store.db, s.cokeOutlet, 3, [42]);
      expect((await runAlarms(store.db, quiet, now + HOUR_MS)).opened).toBe(1);
      expect((await alarms())[1]).toMatchObject({
        status: 'open',
        count: 1,
        first_seen: hourAt(3),
      });
    });

    it('production without treatment from line states given by the caller', async () => {
      const states = async () =>
        new Map([
          [
            s.steelLine,
            [0, 1, 2].map((i) => ({ time: hourAt(i), production: true, treatment: i === 0 })),
          ],
        ]);
      await runAlarms(store.db, quiet, hourAt(3), states);
      expect((await alarms()).map((a) => [a.kind, a.line_id, a.enterprise_id, a.count])).toEqual([
        ['no_treatment', s.steelLine, s.steel, 2],
      ]);
    });

    it('production without treatment from the power meters of the line and its facility', async () => {
      const k = store.db.kysely;
      const facility = (
        await k
          .insertInto('control_facilities')
          .values({
            enterprise_id: s.steel,
            line_id: s.steelLine,
            code: 'TL1',
            name: '1号脱硫',
            kind: 'desulphurisation',
            created_at: T0,
            updated_at: T0,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      const meter = async (
        code: string,
        role: string,
        line_id: number | null,
        facility_id: number | null,
      ) =>
        (
          await k
            .insertInto('power_meters')
            .values({
              enterprise_id: s.steel,
              code,
              name: code,
              role,
              line_id,
              facility_id,
              device_mn: null,
              device_code: null,
              running_kw: 50,
              created_at: T0,
              updated_at: T0,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      const prod = await meter('P1', 'production', s.steelLine, null);
      const treat = await meter('T1', 'treatment', null, facility);
      // Production runs hours 0–3; treatment runs hour 0 only, then draws 5 kW (stopped).
      for (let i = 0; i < 4; i++) {
        for (const [m, kw] of [
          [prod, 400],
          [treat, i === 0 ? 120 : 5],
        ] as const)
          await k
            .insertInto('power_readings')
            .values({
              meter_id: m,
              time: hourAt(i) + 30 * 60_000,
              kw,
              kwh: null,
              origin: 'csv',
              received_at: T0,
            })
            .execute();
      }
      await runAlarms(store.db, quiet, hourAt(4), powerLineStates(store.db, DEFAULT_RUNNING_RULES));
      const got = (await alarms()).filter((a) => a.kind === 'no_treatment');
      expect(got.map((a) => [a.line_id, a.first_seen, a.count])).toEqual([
        [s.steelLine, hourAt(1), 3],
      ]);
    });

    it('raises to the county after 24 h and to the city after 72 h', async () => {
      await putHours(store.db, s.cokeOutlet, 0, [40, 40, 41]);
      const now = hourAt(3);
      await runAlarms(store.db, quiet, now);
      expect((await runAlarms(store.db, quiet, now + 24 * HOUR_MS - 1)).escalated).toBe(0);
      expect((await runAlarms(store.db, quiet, now + 24 * HOUR_MS)).escalated).toBe(1);
      expect((await alarms())[0]).toMatchObject({ level: 1, escalate_at: now + 72 * HOUR_MS });
      expect((await runAlarms(store.db, quiet, now + 100 * HOUR_MS)).escalated).toBe(1);
      expect((await alarms())[0]).toMatchObject({ level: 2, escalate_at: null });
      void T0;
    });
  });
}
