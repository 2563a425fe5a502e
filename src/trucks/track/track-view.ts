/** Stored minutes of a vehicle as the API shows them (pure). */
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { TruckMinuteTable } from '../tables.ts';
import type { VehicleMinuteOut } from './schema.ts';

type Minute = Selectable<TruckMinuteTable>;

/** sum ÷ n, or null when nothing valid was summed. */
function mean(sum: number, n: number): number | null {
  return n > 0 ? sum / n : null;
}

/** The stored flag counts ({} when none). */
export function flagCounts(json: string | null): Record<string, number> {
  return json === null ? {} : (JSON.parse(json) as Record<string, number>);
}

/** One minute: means over the valid readings; speed over every record (no count is kept). */
export function minuteOut(m: Minute): z.infer<typeof VehicleMinuteOut> {
  return {
    minute: Number(m.minute),
    records: m.records,
    reissued: m.reissued,
    speed: mean(m.speed_sum, m.records),
    speedMax: m.speed_max,
    noxUp: mean(m.nox_up_sum, m.nox_up_n),
    noxDown: mean(m.nox_down_sum, m.nox_down_n),
    scrIn: mean(m.scr_in_sum, m.scr_in_n),
    scrOut: mean(m.scr_out_sum, m.scr_out_n),
    reagentMin: m.reagent_min,
    lon: m.last_lon,
    lat: m.last_lat,
    fixes: m.fixes,
    flags: flagCounts(m.flag_counts),
  };
}

/** The flag counts of the minutes added up. */
export function totalFlags(minutes: ReadonlyArray<{ flags: Record<string, number> }>) {
  const total: Record<string, number> = {};
  for (const m of minutes)
    for (const [code, n] of Object.entries(m.flags)) total[code] = (total[code] ?? 0) + n;
  return total;
}

/** The distinct record-rule versions of the minutes, in order. */
export function ruleVersions(minutes: readonly Minute[]): string[] {
  return [...new Set(minutes.flatMap((m) => (m.rule_version ? [m.rule_version] : [])))].sort();
}
