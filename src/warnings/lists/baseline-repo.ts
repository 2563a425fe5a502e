/**
 * Per-enterprise daily baselines of the reduction pollutants (docs/warnings.md):
 * - CEMS: the mean over the enterprise's last `days` days with valid hours (looking back at most
 *   3 × `days` calendar days before `beforeDay`) of the day's sum of valid hours' -Cou amounts
 *   over all its outlets (cems_hours, kg);
 * - else the registry: the permitted yearly amount (emission_permits, the whole enterprise's row
 *   of the latest year, else the sum of its outlets' rows of that year) / 365.
 * The source is named per pollutant.
 */
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../store/schema.ts';
import type { ItemBaseline, ReductionPollutant } from '../measures.ts';

type K = Kysely<DatabaseSchema>;

/** HJ 212 codes of the reduction pollutants (VOCs as non-methane hydrocarbons, NMHC). */
export const POLLUTANT_CODES: Record<string, ReductionPollutant> = {
  a21026: 'SO2',
  a21002: 'NOx',
  a34013: 'PM',
  a24088: 'VOCs',
};

const round1 = (x: number) => Math.round(x * 10) / 10;

function shiftDay(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

async function cemsBaselines(
  k: K,
  ids: number[],
  beforeDay: string,
  days: number,
): Promise<Map<number, ItemBaseline>> {
  const rows = await k
    .selectFrom('cems_hours as h')
    .innerJoin('outlets as o', 'o.id', 'h.outlet_id')
    .select(['o.enterprise_id', 'h.pollutant', 'h.day'])
    .select((eb) => eb.fn.sum<number>('h.cou').as('kg'))
    .where('o.enterprise_id', 'in', ids)
    .where('h.pollutant', 'in', Object.keys(POLLUTANT_CODES))
    .where('h.valid', '=', 1)
    .where('h.cou', 'is not', null)
    .where('h.day', '>=', shiftDay(beforeDay, -3 * days))
    .where('h.day', '<', beforeDay)
    .groupBy(['o.enterprise_id', 'h.pollutant', 'h.day'])
    .orderBy('h.day', 'desc')
    .execute();
  const perDay = new Map<string, number[]>();
  for (const r of rows) {
    const key = `${r.enterprise_id}|${POLLUTANT_CODES[r.pollutant]}`;
    const list = perDay.get(key) ?? [];
    if (list.length < days) list.push(Number(r.kg));
    perDay.set(key, list);
  }
  const out = new Map<number, ItemBaseline>();
  for (const [key, list] of perDay) {
    const [id, p] = key.split('|') as [string, ReductionPollutant];
    const b = out.get(Number(id)) ?? {};
    b[p] = { kgPerDay: round1(list.reduce((a, x) => a + x, 0) / list.length), source: 'cems' };
    out.set(Number(id), b);
  }
  return out;
}

async function permitBaselines(k: K, ids: number[]): Promise<Map<number, ItemBaseline>> {
  const rows = await k
    .selectFrom('emission_permits')
    .select(['enterprise_id', 'pollutant', 'year', 'outlet_code', 'permitted_kg'])
    .where('enterprise_id', 'in', ids)
    .where('pollutant', 'in', Object.keys(POLLUTANT_CODES))
    .execute();
  const latest = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.enterprise_id}|${r.pollutant}`;
    latest.set(key, Math.max(latest.get(key) ?? 0, r.year));
  }
  const whole = new Map<string, number>();
  const outlets = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.enterprise_id}|${r.pollutant}`;
    if (r.year !== latest.get(key)) continue;
    const target = r.outlet_code === '' ? whole : outlets;
    target.set(key, (target.get(key) ?? 0) + Number(r.permitted_kg));
  }
  const out = new Map<number, ItemBaseline>();
  for (const key of latest.keys()) {
    const [id, code] = key.split('|') as [string, string];
    const kg = whole.get(key) ?? outlets.get(key) ?? 0;
    const b = out.get(Number(id)) ?? {};
    b[POLLUTANT_CODES[code]!] = { kgPerDay: round1(kg / 365), source: 'registry' };
    out.set(Number(id), b);
  }
  return out;
}

/** Baselines of the enterprises: CEMS per pollutant where measured, else the registry's. */
export async function enterpriseBaselines(
  k: K,
  ids: number[],
  beforeDay: string,
  days: number,
): Promise<Map<number, ItemBaseline>> {
  const out = new Map<number, ItemBaseline>();
  if (ids.length === 0) return out;
  const cems = await cemsBaselines(k, ids, beforeDay, days);
  const permits = await permitBaselines(k, ids);
  for (const id of ids) out.set(id, { ...permits.get(id), ...cems.get(id) });
  return out;
}
