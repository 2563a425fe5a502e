/**
 * Fixtures of the trucks' daily metrics: per-minute summary rows as the listener writes them
 * (truck_minutes: seen masks, counts, integrals, odometer) and 1-Hz record series as the archive
 * gives them back (RecordRow), so that day metrics and windowed rules can be tested on data of a
 * known shape without the listener.
 */
import type { Insertable } from 'kysely';
import type { Db } from '../../src/store/db.ts';
import type { RecordRow } from '../../src/trucks/record-rows.ts';
import type { TruckMinuteTable } from '../../src/trucks/tables.ts';

/** Seen masks of the seconds from..to (inclusive) of a minute. */
export function seenMasks(from: number, to: number): { seen_lo: number; seen_hi: number } {
  let lo = 0;
  let hi = 0;
  for (let s = from; s <= to; s++) {
    if (s < 30) lo |= 1 << s;
    else hi |= 1 << (s - 30);
  }
  return { seen_lo: lo >>> 0, seen_hi: hi >>> 0 };
}

/**
 * A minute with one record per second from..to, the engine running (or not), fuel and NOx per
 * record, and the odometer running from `km` at `kmPerRecord`.
 */
export function minuteRow(
  vehicleId: number,
  minute: number,
  o: {
    from?: number;
    to?: number;
    engine?: boolean;
    fuelPerRecord?: number;
    noxPerRecord?: number;
    km?: number | null;
    kmPerRecord?: number;
    flags?: Record<string, number>;
  } = {},
): Insertable<TruckMinuteTable> {
  const from = o.from ?? 0;
  const to = o.to ?? 59;
  const n = to - from + 1;
  const km = o.km === undefined ? 1000 : o.km;
  return {
    vehicle_id: vehicleId,
    minute,
    ...seenMasks(from, to),
    records: n,
    reissued: 0,
    engine_seconds: o.engine === false ? 0 : n,
    moving_seconds: o.engine === false ? 0 : n,
    speed_sum: o.engine === false ? 0 : 40 * n,
    speed_max: o.engine === false ? 0 : 40,
    nox_down_sum: 0,
    nox_down_n: 0,
    nox_up_sum: 0,
    nox_up_n: 0,
    scr_in_sum: 0,
    scr_in_n: 0,
    scr_out_sum: 0,
    scr_out_n: 0,
    reagent_min: 50,
    reagent_max: 50,
    fuel_l: (o.fuelPerRecord ?? 0) * n,
    nox_g: (o.noxPerRecord ?? 0) * n,
    mileage_min: km,
    mileage_max: km === null ? null : km + (o.kmPerRecord ?? 0) * (n - 1),
    fixes: n,
    last_lon: 114.5,
    last_lat: 36.6,
    flag_counts: o.flags ? JSON.stringify(o.flags) : null,
    rule_version: 'trucks-record-1',
    updated_at: minute + 60_000,
  };
}

/** Inserts minute rows. */
export async function insertMinutes(db: Db, rows: Insertable<TruckMinuteTable>[]): Promise<void> {
  for (const r of rows) await db.kysely.insertInto('truck_minutes').values(r).execute();
}

/** A data-stream record (block 0x02) at `time` with plausible defaults: cruising, SCR working. */
export function record(time: number, over: Partial<RecordRow> = {}): RecordRow {
  return {
    record_time: time,
    type: 0x02,
    seq: 0,
    command: 0x02,
    speed: 50,
    lon: 114.5,
    lat: 36.6,
    nox_upstream: 600,
    nox_downstream: 40,
    scr_inlet_temp: 300,
    scr_outlet_temp: 280,
    reagent: 60,
    rpm: 1400,
    torque: 50,
    fuel_flow: 30,
    air_flow: 600,
    mileage: 1000,
    fix_valid: 1,
    extra: null,
    flags: null,
    rule_version: 'trucks-record-1',
    ...over,
  };
}

/**
 * `n` records one second apart from `start`, each changed by `over(i)`; the SCR inlet temperature
 * moves a little from second to second, as a working sensor's does.
 */
export function series(
  start: number,
  n: number,
  over: (i: number) => Partial<RecordRow> = () => ({}),
): RecordRow[] {
  return Array.from({ length: n }, (_, i) =>
    record(start + i * 1000, { scr_inlet_temp: 300 + (i % 5), ...over(i) }),
  );
}

/** An OBD block (0x01) as a row: MIL and DTCs (8 hex digits each) in `extra`. */
export function obdRow(time: number, mil: number, dtcs: string[], protocol = 2): RecordRow {
  return {
    ...record(time),
    type: 0x01,
    speed: null,
    lon: null,
    lat: null,
    nox_upstream: null,
    nox_downstream: null,
    scr_inlet_temp: null,
    scr_outlet_temp: null,
    reagent: null,
    rpm: null,
    torque: null,
    fuel_flow: null,
    air_flow: null,
    mileage: null,
    fix_valid: null,
    extra: JSON.stringify({ protocol, mil, dtcCount: dtcs.length, dtcs }),
    rule_version: null,
  };
}
