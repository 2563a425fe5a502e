/**
 * Fixture rows of the trucks' summary tables, written straight into the store (the archive-backed
 * storage that fills them in production is another part): a drive of realistic vehicle-minutes in
 * truck_minutes and windowed-rule judgements in truck_judgements.
 */
import type { Db } from '../../src/store/db.ts';
import type { TruckJudgementTable, TruckMinuteTable } from '../../src/trucks/tables.ts';

/** The stored id of a registered VIN. */
export async function vehicleIdOf(db: Db, vin: string): Promise<number> {
  const v = await db.kysely
    .selectFrom('truck_vehicles')
    .select('id')
    .where('vin', '=', vin)
    .executeTakeFirstOrThrow();
  return Number(v.id);
}

/** One minute of a drive, as the fixture describes it. */
export interface DriveMinute {
  minute: number;
  speed: number;
  noxUp: number;
  noxDown: number;
  scrIn: number;
  scrOut: number;
  reagent: number;
  /** Last valid fix (WGS-84), or null when the minute had none. */
  lon: number | null;
  lat: number | null;
  flags?: Record<string, number>;
}

/**
 * `count` minutes from `start` (UTC ms, a minute boundary) of a truck heading north-east from
 * (lon, lat) at about 50 km/h, the SCR warming up over the first minutes; minutes `high` (indices)
 * have downstream NOx near upstream (an SCR not converting) and carry nox_high flags.
 */
export function drive(
  start: number,
  count: number,
  from: readonly [number, number] = [114.47, 36.58],
  high: readonly number[] = [],
): DriveMinute[] {
  return Array.from({ length: count }, (_, i) => {
    const bad = high.includes(i);
    return {
      minute: start + i * 60_000,
      speed: 45 + 10 * Math.sin(i / 3),
      noxUp: 700 + 50 * Math.cos(i / 4),
      noxDown: bad ? 640 : 60 + 5 * (i % 3),
      scrIn: Math.min(150 + 20 * i, 300),
      scrOut: Math.min(140 + 20 * i, 285),
      reagent: 60 - i * 0.05,
      lon: from[0] + i * 0.004,
      lat: from[1] + i * 0.003,
      ...(bad ? { flags: { nox_high: 60, scr_no_conversion: 58 } } : {}),
    };
  });
}

/** A truck_minutes row of 60 one-second records summarising `m`. */
export function minuteRow(vehicleId: number, m: DriveMinute): TruckMinuteTable {
  const n = 60;
  return {
    vehicle_id: vehicleId,
    minute: m.minute,
    seen_lo: 0x3fffffff,
    seen_hi: 0x3fffffff,
    records: n,
    reissued: 0,
    engine_seconds: n,
    moving_seconds: m.speed >= 5 ? n : 0,
    speed_sum: m.speed * n,
    speed_max: m.speed + 3,
    nox_down_sum: m.noxDown * n,
    nox_down_n: n,
    nox_up_sum: m.noxUp * n,
    nox_up_n: n,
    scr_in_sum: m.scrIn * n,
    scr_in_n: n,
    scr_out_sum: m.scrOut * n,
    scr_out_n: n,
    reagent_min: m.reagent,
    reagent_max: m.reagent + 0.05,
    fuel_l: 0.45,
    nox_g: 0.8,
    mileage_min: 10_000 + m.minute / 60_000 / 100,
    mileage_max: 10_000 + m.minute / 60_000 / 100 + 0.8,
    fixes: m.lon === null ? 0 : n,
    last_lon: m.lon,
    last_lat: m.lat,
    flag_counts: m.flags ? JSON.stringify(m.flags) : null,
    rule_version: 'trucks-record-1',
    updated_at: m.minute + 60_000,
  };
}

/** Writes the minutes of a drive for the vehicle. */
export async function insertMinutes(
  db: Db,
  vehicleId: number,
  minutes: readonly DriveMinute[],
): Promise<void> {
  const rows = minutes.map((m) => minuteRow(vehicleId, m));
  for (let i = 0; i < rows.length; i += 200)
    await db.kysely
      .insertInto('truck_minutes')
      .values(rows.slice(i, i + 200))
      .execute();
}

/** A judgement to write (id and created_at are filled in). */
export type JudgementFixture = Omit<TruckJudgementTable, 'id' | 'created_at'>;

/** Writes windowed-rule judgements. */
export async function insertJudgements(
  db: Db,
  judgements: readonly JudgementFixture[],
): Promise<void> {
  if (judgements.length === 0) return;
  await db.kysely
    .insertInto('truck_judgements')
    .values(judgements.map((j) => ({ ...j, created_at: j.end_time + 60_000 })))
    .execute();
}
