/**
 * The one place the alarm runner learns an outlet's emission limits. Today: the outlet's own
 * limits (outlet_limits). When the sector defaults (data/sources/ultra-low-limits.json and their
 * resolver in src/sources/cems/) are in place, this function is switched to them, and nothing
 * else of the alarms changes.
 */
import type { Db } from '../../store/db.ts';

/** A limit of one outlet for one pollutant, mg/m³ (hourly mean) at ref O2 (null: none). */
export interface AlarmLimit {
  limit: number;
  refO2: number | null;
}

/** Limits by outlet, then by pollutant. */
export async function alarmLimits(db: Db): Promise<Map<number, Map<string, AlarmLimit>>> {
  const rows = await db.kysely
    .selectFrom('outlet_limits as l')
    .innerJoin('outlets as o', 'o.id', 'l.outlet_id')
    .select([
      'l.outlet_id',
      'l.pollutant',
      'l.limit_mg_m3',
      'l.ref_o2',
      'o.ref_o2 as outlet_ref_o2',
    ])
    .execute();
  const out = new Map<number, Map<string, AlarmLimit>>();
  for (const r of rows) {
    const m = out.get(r.outlet_id) ?? new Map<string, AlarmLimit>();
    m.set(r.pollutant, { limit: r.limit_mg_m3, refO2: r.ref_o2 ?? r.outlet_ref_o2 });
    out.set(r.outlet_id, m);
  }
  return out;
}
