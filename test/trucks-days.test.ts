/**
 * Vehicle-days end to end: minute summaries (inserted as the listener writes them) and 1-Hz
 * records (through an injected detail loader) recomputed into truck_vehicle_days and
 * truck_judgements, idempotently; the days, roll-up and judgement routes with county scope; and
 * `lantian trucks days`, whose archive loader turns an archived anti-tamper frame (0x06) into a
 * terminal-removal judgement.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.ts';
import { encodeMessage } from '../src/protocols/gb17691/index.ts';
import { loadTasks } from '../src/tasks/definition-loader.ts';
import { openTruckArchive } from '../src/trucks/archive/truck-archive.ts';
import { beijingDayRange } from '../src/trucks/beijing-day.ts';
import { recomputeDays, type DetailLoader } from '../src/trucks/days/day-job.ts';
import { DEFAULT_TRUCKS_CONFIG } from '../src/trucks/trucks-config.ts';
import { findVehicle } from '../src/trucks/vehicle-repo.ts';
import { createVehicle } from '../src/trucks/vehicle-service.ts';
import { runCli } from './support/cli.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { insertMinutes, minuteRow, series } from './support/truck-days.ts';
import {
  buildTruckApp,
  COUNTY_A,
  COUNTY_B,
  seedTrucks,
  seedVehicles,
  vehicle,
  VIN_GB,
  VIN_HJ,
  VIN_OTHER,
  WHO,
} from './trucks-support.ts';

const DAY = '2024-05-01';
const { start } = beijingDayRange(DAY);
const D0 = start + 2 * 3600_000;
const cfg = DEFAULT_TRUCKS_CONFIG.days;

describe.each(dialectsUnderTest())('truck vehicle-days on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let tokens: Awaited<ReturnType<typeof seedTrucks>>;
  const ids: Record<string, number> = {};
  const get = (url: string, token: string) =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  // The HJ truck's 1-Hz detail: five minutes of high downstream NOx under load.
  const loader: DetailLoader = async (vehicleId) =>
    vehicleId === ids[VIN_HJ] ? series(D0, 300, () => ({ nox_downstream: 650 })) : [];
  const stored = async () => ({
    days: await t.db.kysely
      .selectFrom('truck_vehicle_days')
      .selectAll()
      .orderBy('vehicle_id')
      .execute(),
    judgements: await t.db.kysely
      .selectFrom('truck_judgements')
      .select(['vehicle_id', 'rule', 'rule_version', 'start_time', 'end_time', 'day', 'detail'])
      .orderBy('vehicle_id')
      .execute(),
  });
  const withoutTimes = <T extends { computed_at: unknown }>(rows: T[]) =>
    rows.map(({ computed_at: _c, ...r }) => r);

  beforeAll(async () => {
    t = await openTestStore(dialect);
    tokens = await seedTrucks(t.db);
    await seedVehicles(t.db);
    await createVehicle(
      t.db,
      systemClock,
      vehicle({ vin: VIN_OTHER, fleet: '焦化运输队', county: COUNTY_A }),
      WHO,
    );
    for (const vin of [VIN_HJ, VIN_GB, VIN_OTHER])
      ids[vin] = (await findVehicle(t.db.kysely, vin))!.id;
    await insertMinutes(t.db, [
      minuteRow(ids[VIN_HJ]!, D0, {
        fuelPerRecord: 0.01,
        km: 1000,
        kmPerRecord: 0.01,
        flags: { nox_high: 3 },
      }),
      minuteRow(ids[VIN_HJ]!, D0 + 60_000, {
        to: 29,
        fuelPerRecord: 0.01,
        km: 1000.6,
        kmPerRecord: 0.01,
      }),
      minuteRow(ids[VIN_HJ]!, D0 + 180_000, {
        from: 30,
        fuelPerRecord: 0.01,
        km: 1001.5,
        kmPerRecord: 0.01,
      }),
      minuteRow(ids[VIN_OTHER]!, D0, { flags: { reagent_empty: 2 } }),
      // The day before and the day after: not part of DAY.
      minuteRow(ids[VIN_GB]!, start - 60_000),
      minuteRow(ids[VIN_GB]!, start + 86_400_000),
    ]);
    app = await buildTruckApp(t.db);
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('recomputes a day from minutes and detail, and again to the same rows', async () => {
    const r = await recomputeDays(t.db, systemClock, cfg, [DAY], { loader });
    expect(r).toEqual({ days: [DAY], vehicleDays: 3, online: 2, judgements: 1, windowed: true });
    const first = await stored();
    const hj = first.days.find((d) => d.vehicle_id === ids[VIN_HJ])!;
    expect(hj).toMatchObject({
      day: DAY,
      online: 1,
      records: 120,
      engine_seconds: 120,
      completeness: 0.5,
      packet_loss: 0.5,
      mileage_km: 1.8,
      fixes: 120,
      judgements: 1,
      metrics_version: 'trucks-day-1',
    });
    expect(Number(hj.first_at)).toBe(D0);
    expect(Number(hj.last_at)).toBe(D0 + 239_000);
    expect(hj.fuel_l).toBeCloseTo(1.2, 6);
    expect(first.days.find((d) => d.vehicle_id === ids[VIN_GB])).toMatchObject({
      online: 0,
      records: 0,
      completeness: null,
      packet_loss: null,
    });
    expect(first.judgements).toHaveLength(1);
    expect(first.judgements[0]).toMatchObject({
      vehicle_id: ids[VIN_HJ],
      rule: 'nox_high_load',
      rule_version: 'trucks-window-1',
      day: DAY,
    });
    expect(Number(first.judgements[0]!.start_time)).toBe(D0);
    expect(Number(first.judgements[0]!.end_time)).toBe(D0 + 299_000);

    await recomputeDays(t.db, systemClock, cfg, [DAY], { loader });
    const second = await stored();
    expect(withoutTimes(second.days)).toEqual(withoutTimes(first.days));
    expect(second.judgements).toEqual(first.judgements);

    // Without a loader the stored judgements stay and are still counted.
    const kept = await recomputeDays(t.db, systemClock, cfg, [DAY]);
    expect(kept).toMatchObject({ judgements: 1, windowed: false });
    expect((await stored()).judgements).toEqual(first.judgements);
  });

  it('lists vehicle-days in scope', async () => {
    const city = (await get(`/api/trucks/days?day=${DAY}`, tokens.admin)).json();
    expect(city.vehicles.map((v: { vin: string }) => v.vin).sort()).toEqual(
      [VIN_HJ, VIN_GB, VIN_OTHER].sort(),
    );
    const a = await get(`/api/trucks/days?day=${DAY}`, tokens.countyA);
    expect(a.statusCode, a.body).toBe(200);
    const hj = a.json().vehicles.find((v: { vin: string }) => v.vin === VIN_HJ);
    expect(hj).toMatchObject({
      online: true,
      completeness: 0.5,
      packetLoss: 0.5,
      mileageKm: 1.8,
      flagCounts: { nox_high: 3 },
      judgements: 1,
      county: COUNTY_A,
      metricsVersion: 'trucks-day-1',
    });
    expect(a.json().vehicles).toHaveLength(2);
    const b = (await get(`/api/trucks/days?day=${DAY}`, tokens.countyB)).json();
    expect(b.vehicles.map((v: { vin: string }) => v.vin)).toEqual([VIN_GB]);
    expect((await get('/api/trucks/days?day=2024-13-01', tokens.admin)).statusCode).toBe(400);
  });

  it('rolls up by county and by fleet, in scope', async () => {
    const city = (await get(`/api/trucks/rollups?day=${DAY}&by=county`, tokens.admin)).json();
    expect(city.groups).toMatchObject([
      {
        key: COUNTY_A,
        name: '邯山区',
        registered: 2,
        online: 2,
        onlineRate: 1,
        completeness: 0.75,
        flags: 5,
        judgements: 1,
        judgementsByRule: { nox_high_load: 1 },
      },
      {
        key: COUNTY_B,
        name: '丛台区',
        registered: 1,
        online: 0,
        onlineRate: 0,
        completeness: null,
        judgements: 0,
      },
    ]);
    expect(city.total).toMatchObject({
      registered: 3,
      online: 2,
      onlineRate: 0.6667,
      flags: 5,
      judgements: 1,
    });
    expect(city.computedAt).toEqual(expect.any(Number));
    const fleets = (await get(`/api/trucks/rollups?day=${DAY}&by=fleet`, tokens.countyA)).json();
    expect(
      fleets.groups.map((g: { key: string; registered: number }) => [g.key, g.registered]),
    ).toEqual([
      ['焦化运输队', 1],
      ['钢铁运输队', 1],
    ]);
    expect(fleets.total).toMatchObject({ registered: 2, online: 2 });
    const b = (await get(`/api/trucks/rollups?day=${DAY}&by=fleet`, tokens.countyB)).json();
    expect(b.total).toMatchObject({ registered: 1, online: 0, judgements: 0 });
  });

  it('lists a vehicle’s judgements with their evidence, in scope', async () => {
    const r = await get(`/api/trucks/vehicles/${VIN_HJ}/judgements?day=${DAY}`, tokens.countyA);
    expect(r.statusCode, r.body).toBe(200);
    const [j] = r.json().judgements;
    expect(j).toMatchObject({ rule: 'nox_high_load', ruleVersion: 'trucks-window-1', start: D0 });
    expect(j.evidence).toMatchObject({ records: 300, noxDownstreamMean: 650 });
    expect(j.detail).toContain('650 ppm');
    expect(
      (await get(`/api/trucks/vehicles/${VIN_HJ}/judgements?day=${DAY}`, tokens.countyB))
        .statusCode,
    ).toBe(403);
    expect(
      (await get(`/api/trucks/vehicles/LSVAM41Z9F2000009/judgements?day=${DAY}`, tokens.admin))
        .statusCode,
    ).toBe(404);
  });

  it('counts networked vehicles against the plan’s 12,600 target', async () => {
    const loaded = await loadTasks(t.db, systemClock, WHO, 'handan-2020');
    expect(loaded).toBeTruthy();
    const now = Date.now();
    const status = (vehicleId: number, at: number) => ({
      vehicle_id: vehicleId,
      last_frame_at: at,
      last_command: 2,
      last_peer: null,
      last_login_at: null,
      last_logout_at: null,
      last_record_time: at,
      last_lon: null,
      last_lat: null,
      last_speed: null,
      records: 1,
      updated_at: at,
    });
    await t.db.kysely
      .insertInto('truck_status')
      .values([status(ids[VIN_HJ]!, now - 86_400_000), status(ids[VIN_GB]!, now - 40 * 86_400_000)])
      .execute();
    const city = (await get('/api/trucks/networked', tokens.admin)).json();
    expect(city).toMatchObject({
      windowDays: 30,
      registered: 3,
      networked: 1,
      target: { number: '三.(三).6.1', targetId: 't1', value: 12600, unit: '辆' },
      ratio: 0.0001,
    });
    const b = (await get('/api/trucks/networked', tokens.countyB)).json();
    expect(b).toMatchObject({ registered: 1, networked: 0, ratio: null });
  });

  it('recomputes with `lantian trucks days`, judging an archived anti-tamper frame', async () => {
    const raw = encodeMessage({
      kind: 'anti-tamper',
      command: 0x06,
      vin: VIN_GB,
      time: '2024-05-01T10:00:00+08:00',
      serial: 1,
      fixValid: true,
      lon: 114.48,
      lat: 36.61,
    } as Parameters<typeof encodeMessage>[0]);
    // The frame as the listener leaves it: in the raw archive the CLI reads (read-only).
    const dir = mkdtempSync(join(tmpdir(), 'lantian-days-archive-'));
    const archive = await openTruckArchive(dir, { retentionDays: 30, maintenanceIntervalMs: 0 });
    await archive.append([
      {
        vehicleId: ids[VIN_GB]!,
        receivedAt: Date.parse('2024-05-01T10:00:01+08:00'),
        bytes: raw,
      },
    ]);
    await archive.close();
    const env = { ...t.env, LANTIAN_TRUCKS_ARCHIVE_DIR: dir };
    const r = await runCli(['trucks', 'days', '--day', DAY, '--json'], env);
    rmSync(dir, { recursive: true, force: true });
    expect(r.code, r.stderr).toBe(0);
    // The stored records hold no detail for the HJ truck: its NOx judgement is gone; the alarm is new.
    expect(JSON.parse(r.stdout)).toMatchObject({ vehicleDays: 3, online: 2, judgements: 1 });
    const j = (
      await get(`/api/trucks/vehicles/${VIN_GB}/judgements?day=${DAY}`, tokens.countyB)
    ).json();
    expect(j.judgements).toMatchObject([
      {
        rule: 'terminal_removal',
        start: Date.parse('2024-05-01T10:00:00+08:00'),
        evidence: { alarms: 1, lon: 114.48, lat: 36.61 },
      },
    ]);
    const bad = await runCli(['trucks', 'days', '--day', '2024-5-1'], t.env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('LT_ERR_BAD_DATE');
  });
});
