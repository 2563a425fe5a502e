/**
 * Reading and upserting per-vehicle-minute summaries inside the listener's batch transaction
 * (SQLite and PostgreSQL). The batch's minutes are read first, the frames merged into them in
 * memory (minute-summary.ts: masks dedupe reissued seconds), then written back whole. One
 * listener commits batches one at a time, so the read-merge-write is not raced.
 */
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../store/schema.ts';
import { minuteKey, type MinuteSummary } from './minute-summary.ts';

type K = Kysely<DatabaseSchema>;

const CHUNK = 400;

/** The stored minutes of the given (vehicle, minute) keys, by minuteKey. */
export async function loadMinutes(
  trx: K,
  keys: ReadonlyArray<{ vehicleId: number; minute: number }>,
): Promise<Map<string, MinuteSummary>> {
  const out = new Map<string, MinuteSummary>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const chunk = keys.slice(i, i + CHUNK);
    const rows = await trx
      .selectFrom('truck_minutes')
      .selectAll()
      .where((eb) =>
        eb(
          eb.refTuple('vehicle_id', 'minute'),
          'in',
          chunk.map((k) => eb.tuple(k.vehicleId, k.minute)),
        ),
      )
      .execute();
    for (const r of rows) {
      const m = numeric(r);
      out.set(minuteKey(m.vehicle_id, m.minute), m);
    }
  }
  return out;
}

/** PostgreSQL returns bigint columns as strings. */
function numeric(r: MinuteSummary): MinuteSummary {
  return { ...r, minute: Number(r.minute), updated_at: Number(r.updated_at) };
}

/** Writes minutes whole (insert or replace by key). */
export async function upsertMinutes(trx: K, rows: readonly MinuteSummary[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto('truck_minutes')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(['vehicle_id', 'minute']).doUpdateSet((eb) => ({
          seen_lo: eb.ref('excluded.seen_lo'),
          seen_hi: eb.ref('excluded.seen_hi'),
          records: eb.ref('excluded.records'),
          reissued: eb.ref('excluded.reissued'),
          engine_seconds: eb.ref('excluded.engine_seconds'),
          moving_seconds: eb.ref('excluded.moving_seconds'),
          speed_sum: eb.ref('excluded.speed_sum'),
          speed_max: eb.ref('excluded.speed_max'),
          nox_down_sum: eb.ref('excluded.nox_down_sum'),
          nox_down_n: eb.ref('excluded.nox_down_n'),
          nox_up_sum: eb.ref('excluded.nox_up_sum'),
          nox_up_n: eb.ref('excluded.nox_up_n'),
          scr_in_sum: eb.ref('excluded.scr_in_sum'),
          scr_in_n: eb.ref('excluded.scr_in_n'),
          scr_out_sum: eb.ref('excluded.scr_out_sum'),
          scr_out_n: eb.ref('excluded.scr_out_n'),
          reagent_min: eb.ref('excluded.reagent_min'),
          reagent_max: eb.ref('excluded.reagent_max'),
          fuel_l: eb.ref('excluded.fuel_l'),
          nox_g: eb.ref('excluded.nox_g'),
          mileage_min: eb.ref('excluded.mileage_min'),
          mileage_max: eb.ref('excluded.mileage_max'),
          fixes: eb.ref('excluded.fixes'),
          last_lon: eb.ref('excluded.last_lon'),
          last_lat: eb.ref('excluded.last_lat'),
          flag_counts: eb.ref('excluded.flag_counts'),
          rule_version: eb.ref('excluded.rule_version'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}
