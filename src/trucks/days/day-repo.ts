/**
 * Vehicle-day storage: reading a vehicle's minute summaries of a day, writing its metrics
 * (truck_vehicle_days, key vehicle + day) and replacing its judgements (truck_judgements) in one
 * transaction, so that recomputing a day gives the same rows. Plain rows in, plain rows out.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Db } from '../../store/db.ts';
import type { DatabaseSchema } from '../../store/schema.ts';
import type { RuleWindow } from '../rules/windowed-rules.ts';
import type { TruckJudgementTable, TruckVehicleDayTable } from '../tables.ts';
import type { MinuteRow } from './day-metrics.ts';

type K = Kysely<DatabaseSchema>;

/** A stored vehicle-day. */
export type VehicleDayRow = Selectable<TruckVehicleDayTable>;
/** A stored judgement. */
export type JudgementRow = Selectable<TruckJudgementTable>;

/** The minute summaries of a vehicle in [start, end), in time order. */
export async function minutesOf(
  k: K,
  vehicleId: number,
  start: number,
  end: number,
): Promise<MinuteRow[]> {
  const rows = await k
    .selectFrom('truck_minutes')
    .select([
      'minute',
      'seen_lo',
      'seen_hi',
      'records',
      'engine_seconds',
      'fuel_l',
      'nox_g',
      'mileage_min',
      'mileage_max',
      'fixes',
      'flag_counts',
    ])
    .where('vehicle_id', '=', vehicleId)
    .where('minute', '>=', start)
    .where('minute', '<', end)
    .orderBy('minute')
    .execute();
  return rows.map((r) => ({ ...r, minute: Number(r.minute) }));
}

/** Judgements to store for a vehicle-day: null keeps the stored ones (no detail loader). */
export type DayJudgements = { version: string; windows: RuleWindow[] } | null;

/**
 * Writes a vehicle-day: replaces its judgements when given, then upserts the metrics row with
 * the number of judgements stored for the day. Returns that number.
 */
export async function writeVehicleDay(
  db: Db,
  row: Omit<TruckVehicleDayTable, 'judgements'>,
  judgements: DayJudgements,
): Promise<number> {
  return db.kysely.transaction().execute(async (trx) => {
    if (judgements) {
      await trx
        .deleteFrom('truck_judgements')
        .where('vehicle_id', '=', row.vehicle_id)
        .where('day', '=', row.day)
        .execute();
      for (const w of judgements.windows) {
        await trx
          .insertInto('truck_judgements')
          .values({
            vehicle_id: row.vehicle_id,
            rule: w.rule,
            rule_version: judgements.version,
            start_time: w.start,
            end_time: w.end,
            day: row.day,
            detail: w.detail,
            evidence: JSON.stringify(w.evidence),
            created_at: row.computed_at,
          })
          .onConflict((oc) => oc.columns(['vehicle_id', 'rule', 'start_time']).doNothing())
          .execute();
      }
    }
    const counted = await trx
      .selectFrom('truck_judgements')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('vehicle_id', '=', row.vehicle_id)
      .where('day', '=', row.day)
      .executeTakeFirstOrThrow();
    const full = { ...row, judgements: Number(counted.n) };
    const { vehicle_id: _v, day: _d, ...rest } = full;
    await trx
      .insertInto('truck_vehicle_days')
      .values(full)
      .onConflict((oc) => oc.columns(['vehicle_id', 'day']).doUpdateSet(rest))
      .execute();
    return full.judgements;
  });
}

const numeric = (r: VehicleDayRow): VehicleDayRow => ({
  ...r,
  first_at: r.first_at === null ? null : Number(r.first_at),
  last_at: r.last_at === null ? null : Number(r.last_at),
  computed_at: Number(r.computed_at),
});

/** Every stored vehicle-day of a day. */
export async function vehicleDaysOn(k: K, day: string): Promise<VehicleDayRow[]> {
  const rows = await k
    .selectFrom('truck_vehicle_days')
    .selectAll()
    .where('day', '=', day)
    .execute();
  return rows.map(numeric);
}

/** Judgements of a vehicle, of one day or all, by start time. */
export async function judgementsOf(k: K, vehicleId: number, day: string): Promise<JudgementRow[]> {
  const rows = await k
    .selectFrom('truck_judgements')
    .selectAll()
    .where('vehicle_id', '=', vehicleId)
    .where('day', '=', day)
    .orderBy('start_time')
    .orderBy('rule')
    .execute();
  return rows.map((r) => ({
    ...r,
    start_time: Number(r.start_time),
    end_time: Number(r.end_time),
    created_at: Number(r.created_at),
  }));
}

/** Judgement counts by rule for the vehicles of a day. */
export async function judgementCountsOn(
  k: K,
  day: string,
): Promise<Array<{ vehicle_id: number; rule: string; n: number }>> {
  const rows = await k
    .selectFrom('truck_judgements')
    .select(['vehicle_id', 'rule', (e) => e.fn.countAll<number>().as('n')])
    .where('day', '=', day)
    .groupBy(['vehicle_id', 'rule'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}
