/**
 * Site monitors: the link of an HJ 212 device to a dust source, and the hourly values (CN 2061)
 * the existing ingest stored in device_values, read only. device_values is keyed by the minute
 * of DataTime (src/ingest/value-key.ts); hourly values sit at the hour starts, so a range of
 * hours is one seek per hour.
 */
import type { Kysely } from 'kysely';
import { valueBucket } from '../ingest/value-key.ts';
import type { DatabaseSchema } from '../store/schema.ts';

type K = Kysely<DatabaseSchema>;
const HOUR = 3_600_000;

/** HJ 212-2017 codes of PM10 and TSP (src/devices/hj212-codes.ts). */
export const PM10_CODE = 'a34002';
export const TSP_CODE = 'a34001';

/** Links a device to a source (replacing nothing: one source per device). */
export async function insertLink(
  k: K,
  deviceId: number,
  sourceId: number,
  at: number,
): Promise<void> {
  await k
    .insertInto('dust_site_monitors')
    .values({ device_id: deviceId, source_id: sourceId, linked_at: at })
    .execute();
}

/** The source a device is linked to, if any. */
export async function linkOf(k: K, deviceId: number): Promise<number | undefined> {
  const r = await k
    .selectFrom('dust_site_monitors')
    .select('source_id')
    .where('device_id', '=', deviceId)
    .executeTakeFirst();
  return r?.source_id;
}

/** Every link: source id → device ids. */
export async function allLinks(k: K): Promise<Map<number, number[]>> {
  const rows = await k
    .selectFrom('dust_site_monitors')
    .select(['source_id', 'device_id'])
    .execute();
  const out = new Map<number, number[]>();
  for (const r of rows) out.set(r.source_id, [...(out.get(r.source_id) ?? []), r.device_id]);
  return out;
}

/** When each source got its first monitor (alarms look no further back). */
export async function linkedSince(k: K): Promise<Map<number, number>> {
  const rows = await k
    .selectFrom('dust_site_monitors')
    .select(['source_id', k.fn.min<number>('linked_at').as('since')])
    .groupBy('source_id')
    .execute();
  return new Map(rows.map((r) => [r.source_id, Number(r.since)]));
}

/** One hour of a site: valid hourly means (null when none or flagged). */
export interface SiteHour {
  at: number;
  pm10: number | null;
  tsp: number | null;
}

const valid = (flag: string | null, extra: string | null) =>
  (flag === null || flag === 'N') && !(extra ?? '').includes('Avg.invalid');

/** Hourly PM10 and TSP of some devices over [from, to) (hour starts), averaged over devices. */
export async function siteHours(
  k: K,
  deviceIds: readonly number[],
  from: number,
  to: number,
): Promise<SiteHour[]> {
  if (deviceIds.length === 0) return [];
  const starts: number[] = [];
  for (let h = Math.ceil(from / HOUR) * HOUR; h < to; h += HOUR) starts.push(valueBucket(h));
  const acc = new Map<number, { pm10: number[]; tsp: number[] }>();
  for (let i = 0; i < starts.length; i += 500) {
    const rows = await k
      .selectFrom('device_values')
      .select(['data_time', 'code', 'avg', 'flag', 'extra'])
      .where('minute', 'in', starts.slice(i, i + 500))
      .where('device_id', 'in', [...deviceIds])
      .where('cn', '=', 2061)
      .where('code', 'in', [PM10_CODE, TSP_CODE])
      .execute();
    for (const r of rows) {
      if (r.avg === null || !valid(r.flag, r.extra)) continue;
      const a = acc.get(r.data_time) ?? { pm10: [], tsp: [] };
      (r.code === PM10_CODE ? a.pm10 : a.tsp).push(r.avg);
      acc.set(r.data_time, a);
    }
  }
  const mean = (v: number[]) => (v.length ? v.reduce((x, y) => x + y, 0) / v.length : null);
  return [...acc.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([at, a]) => ({ at, pm10: mean(a.pm10), tsp: mean(a.tsp) }));
}

/** Upserts an alarm by (source, kind, start); true when it was new. */
export async function saveAlarm(
  k: K,
  a: {
    source_id: number;
    kind: string;
    start_at: number;
    end_at: number | null;
    peak: number;
    edition: string;
    rule: string;
  },
  now: number,
): Promise<boolean> {
  const before = await k
    .selectFrom('dust_site_alarms')
    .select(['id', 'end_at', 'peak'])
    .where('source_id', '=', a.source_id)
    .where('kind', '=', a.kind)
    .where('start_at', '=', a.start_at)
    .executeTakeFirst();
  if (!before) {
    await k
      .insertInto('dust_site_alarms')
      .values({ ...a, detected_at: now })
      .execute();
    return true;
  }
  if (before.end_at !== a.end_at || before.peak !== a.peak)
    await k
      .updateTable('dust_site_alarms')
      .set({ end_at: a.end_at, peak: a.peak })
      .where('id', '=', before.id)
      .execute();
  return false;
}

/** Alarms with their sources, newest first. */
export function listAlarms(k: K, openOnly: boolean) {
  let q = k
    .selectFrom('dust_site_alarms as a')
    .innerJoin('dust_sources as s', 's.id', 'a.source_id')
    .select([
      'a.id',
      'a.source_id',
      's.code',
      's.name',
      's.region_adcode',
      's.department',
      'a.kind',
      'a.start_at',
      'a.end_at',
      'a.peak',
      'a.edition',
    ])
    .orderBy('a.start_at', 'desc')
    .limit(2000);
  if (openOnly) q = q.where('a.end_at', 'is', null);
  return q.execute();
}
