/**
 * The one place the alarm runner learns an outlet's emission limits: the CEMS part's resolver
 * (src/sources/cems/outlet-judging.ts), so that an exceedance alarm and the compliance figures
 * judge an hour against the same limit: the outlet's override (outlet_limits) when set, else the
 * sector default of data/sources/ultra-low-limits.json (docs/standards/ultra-low.md §1).
 */
import type { Db } from '../../store/db.ts';
import { cemsConfig } from '../cems/cems-config.ts';
import { outletJudging } from '../cems/outlet-judging.ts';

/** A limit of one outlet for one pollutant, mg/m³ (hourly mean) at ref O2 (null: none). */
export interface AlarmLimit {
  limit: number;
  refO2: number | null;
}

/** Limits by outlet, then by pollutant (pollutants without a limit are absent). */
export async function alarmLimits(db: Db): Promise<Map<number, Map<string, AlarmLimit>>> {
  const out = new Map<number, Map<string, AlarmLimit>>();
  for (const [id, j] of await outletJudging(db, cemsConfig())) {
    const m = new Map<string, AlarmLimit>();
    for (const p of j.limited()) {
      const r = j.limitOf(p);
      if (r.limit !== null) m.set(p, { limit: r.limit, refO2: r.refO2 });
    }
    if (m.size > 0) out.set(id, m);
  }
  return out;
}
