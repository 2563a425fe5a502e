/**
 * A vehicle's day through the API: the search by VIN or plate, the Beijing day's minute series
 * from truck_minutes and its windowed-rule judgements from truck_judgements (fixture rows written
 * straight into the store), each county seeing only its own vehicles.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.ts';
import { createVehicle } from '../src/trucks/vehicle-service.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { drive, insertJudgements, insertMinutes, vehicleIdOf } from './support/truck-drive.ts';
import {
  buildTruckApp,
  COUNTY_B,
  seedTrucks,
  seedVehicles,
  vehicle,
  VIN_GB,
  VIN_HJ,
  WHO,
} from './trucks-support.ts';

const DAY = '2026-11-30';
/** 08:00 Beijing on DAY. */
const EIGHT = Date.parse(`${DAY}T08:00:00+08:00`);
const MIDNIGHT = Date.parse(`${DAY}T00:00:00+08:00`);

describe.each(dialectsUnderTest())('truck track API on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let tokens: Awaited<ReturnType<typeof seedTrucks>>;
  const get = (url: string, token: string) =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    t = await openTestStore(dialect);
    tokens = await seedTrucks(t.db);
    await seedVehicles(t.db);
    await createVehicle(
      t.db,
      systemClock,
      vehicle({ vin: 'LSVAM41Z5F2000003', plate: '冀DA1234', county: COUNTY_B }),
      WHO,
    );
    const hj = await vehicleIdOf(t.db, VIN_HJ);
    // A drive of 90 minutes from 08:00, minutes 30–34 with an SCR not converting; one minute
    // in the day before and one in the day after (outside the day asked for).
    await insertMinutes(t.db, hj, [
      ...drive(MIDNIGHT - 60_000, 1),
      ...drive(EIGHT, 90, [114.47, 36.58], [30, 31, 32, 33, 34]),
      ...drive(MIDNIGHT + 86_400_000, 1),
    ]);
    await insertMinutes(t.db, await vehicleIdOf(t.db, VIN_GB), drive(EIGHT, 10));
    await insertJudgements(t.db, [
      {
        vehicle_id: hj,
        rule: 'scr_no_conversion_window',
        rule_version: 'trucks-window-1',
        start_time: EIGHT + 30 * 60_000,
        end_time: EIGHT + 35 * 60_000,
        day: DAY,
        detail: 'SCR 入口 ≥ 200 °C 时下游 NOx 持续 5 分钟不低于上游的 80%',
        evidence: JSON.stringify({ minutes: 5, noxUpMean: 700, noxDownMean: 640 }),
      },
      {
        vehicle_id: hj,
        rule: 'scr_no_conversion_window',
        rule_version: 'trucks-window-1',
        start_time: MIDNIGHT - 3_600_000,
        end_time: MIDNIGHT - 3_000_000,
        day: '2026-11-29',
        detail: '前一日',
        evidence: '{}',
      },
    ]);
    app = await buildTruckApp(t.db);
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  const vins = (body: Array<{ vin: string }>) => body.map((v) => v.vin);

  it('finds vehicles by part of a VIN in any case, or by part of a plate', async () => {
    const byVin = await get('/api/trucks/search?q=f200000', tokens.admin);
    expect(byVin.statusCode, byVin.body).toBe(200);
    // By plate: 冀D00001, 冀D00002, 冀DA1234.
    expect(vins(byVin.json())).toEqual([VIN_HJ, VIN_GB, 'LSVAM41Z5F2000003']);
    const full = (await get(`/api/trucks/search?q=${VIN_GB.toLowerCase()}`, tokens.admin)).json();
    expect(full).toEqual([
      {
        vin: VIN_GB,
        plate: '冀D00002',
        plateColour: '黄',
        emissionStage: '国六',
        fleet: '钢铁运输队',
        county: COUNTY_B,
      },
    ]);
    const plate = await get(`/api/trucks/search?q=${encodeURIComponent('冀da12')}`, tokens.admin);
    expect(vins(plate.json())).toEqual(['LSVAM41Z5F2000003']);
    expect((await get('/api/trucks/search?q=%25', tokens.admin)).json()).toEqual([]);
    expect((await get('/api/trucks/search?q=', tokens.admin)).statusCode).toBe(400);
  });

  it('searches only the vehicles of the county’s own region', async () => {
    const a = (await get('/api/trucks/search?q=LSVAM', tokens.countyA)).json();
    expect(vins(a)).toEqual([VIN_HJ]);
    const b = (await get(`/api/trucks/search?q=${VIN_HJ}`, tokens.countyB)).json();
    expect(b).toEqual([]);
  });

  it('gives the Beijing day’s minutes with means, positions and flag counts', async () => {
    const r = await get(`/api/trucks/vehicles/${VIN_HJ}/minutes?day=${DAY}`, tokens.countyA);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({
      vin: VIN_HJ,
      day: DAY,
      from: MIDNIGHT,
      to: MIDNIGHT + 86_400_000,
    });
    expect(body.minutes).toHaveLength(90);
    expect(body.minutes[0]).toEqual({
      minute: EIGHT,
      records: 60,
      reissued: 0,
      speed: 45,
      speedMax: 48,
      noxUp: 750,
      noxDown: 60,
      scrIn: 150,
      scrOut: 140,
      reagentMin: 60,
      lon: 114.47,
      lat: 36.58,
      fixes: 60,
      flags: {},
    });
    expect(body.minutes[31].noxDown).toBe(640);
    expect(body.minutes[31].flags).toEqual({ nox_high: 60, scr_no_conversion: 58 });
    expect(body.flags).toEqual({ nox_high: 300, scr_no_conversion: 290 });
    expect(body.ruleVersions).toEqual(['trucks-record-1']);
    const times = body.minutes.map((m: { minute: number }) => m.minute);
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });

  it('answers an empty day with no minutes, and refuses a day that does not exist', async () => {
    const empty = (
      await get(`/api/trucks/vehicles/${VIN_HJ}/minutes?day=2026-11-28`, tokens.admin)
    ).json();
    expect(empty).toMatchObject({ minutes: [], flags: {}, ruleVersions: [] });
    const bad = await get(`/api/trucks/vehicles/${VIN_HJ}/minutes?day=2026-02-30`, tokens.admin);
    expect(bad.statusCode).toBe(400);
  });

  it('gives the day’s judgements with their evidence window and rule version', async () => {
    const r = await get(`/api/trucks/vehicles/${VIN_HJ}/judgements?day=${DAY}`, tokens.admin);
    expect(r.statusCode, r.body).toBe(200);
    const [j, ...rest] = r.json().judgements;
    expect(rest).toEqual([]);
    expect(j).toMatchObject({
      rule: 'scr_no_conversion_window',
      ruleVersion: 'trucks-window-1',
      start: EIGHT + 30 * 60_000,
      end: EIGHT + 35 * 60_000,
      evidence: { minutes: 5, noxUpMean: 700, noxDownMean: 640 },
    });
  });

  it('refuses another county’s vehicle and an unknown one with the house errors', async () => {
    for (const path of ['minutes', 'judgements']) {
      const other = await get(`/api/trucks/vehicles/${VIN_HJ}/${path}?day=${DAY}`, tokens.countyB);
      expect(other.statusCode).toBe(403);
      expect(other.json().code).toBe('LT_ERR_OUT_OF_SCOPE');
      const none = await get(`/api/trucks/vehicles/LSVAM41Z0F2999999/${path}`, tokens.admin);
      expect(none.statusCode).toBe(404);
      expect(none.json().code).toBe('LT_ERR_VEHICLE_NOT_FOUND');
    }
  });
});
