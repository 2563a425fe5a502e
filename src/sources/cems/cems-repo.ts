/**
 * CEMS hours in the store (cems_hours), the uploads they are projected from (device_values of
 * outlet devices), outlets with what their limits depend on, and permitted amounts.
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../../store/schema.ts';
import type { Db } from '../../store/db.ts';
import { HOUR_MS } from '../../standards/local-date.ts';
import type { CemsHourTable, EmissionPermitTable, OutletLimitTable } from '../tables.ts';
import { CN_HOUR, CN_MINUTE, type StoredValue } from './rules/hour-projection.ts';

/** A stored CEMS hour. */
export type CemsHour = Selectable<CemsHourTable>;
/** A CEMS hour to write. */
export type NewCemsHour = Insertable<CemsHourTable>;
/** A permitted amount. */
export type EmissionPermit = Selectable<EmissionPermitTable>;
/** An outlet's own limit. */
export type OutletLimit = Selectable<OutletLimitTable>;

/** What judging an outlet's hours needs to know about it. */
export interface OutletSettings {
  id: number;
  code: string;
  name: string;
  kind: string;
  ref_o2: number | null;
  pollutants: string;
  region_adcode: string | null;
  enterprise_id: number | null;
  credit_code: string | null;
  enterprise_name: string | null;
  enterprise_region: string | null;
  industry: string | null;
  process: string | null;
}

const MINUTES_PER_HOUR = HOUR_MS / 60_000;
const UPSERT_ROWS = 500;

/** Outlet devices: device id → outlet id. */
export async function outletDevices(db: Db): Promise<Map<number, number>> {
  const rows = await db.kysely
    .selectFrom('devices')
    .select(['id', 'outlet_id'])
    .where('kind', '=', 'outlet')
    .where('outlet_id', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.outlet_id!]));
}

/**
 * The hourly and minute uploads of one device for one hour: one index seek per minute bucket of
 * the device_values key (src/ingest/value-key.ts).
 */
export async function hourUploads(db: Db, deviceId: number, hour: number): Promise<StoredValue[]> {
  const first = hour / 60_000;
  const minutes = Array.from({ length: MINUTES_PER_HOUR }, (_, i) => first + i);
  return db.kysely
    .selectFrom('device_values')
    .select(['cn', 'code', 'avg', 'zs_avg', 'cou', 'flag'])
    .where('minute', 'in', minutes)
    .where('device_id', '=', deviceId)
    .where('cn', 'in', [CN_HOUR, CN_MINUTE])
    .where('data_time', '>=', hour)
    .where('data_time', '<', hour + HOUR_MS)
    .execute();
}

/** Outlets with their enterprise's industry and their line's process. */
export async function outletSettings(db: Db, ids?: readonly number[]): Promise<OutletSettings[]> {
  if (ids !== undefined && ids.length === 0) return [];
  let q = db.kysely
    .selectFrom('outlets as o')
    .leftJoin('enterprises as e', 'e.id', 'o.enterprise_id')
    .leftJoin('production_lines as l', 'l.id', 'o.line_id')
    .select([
      'o.id',
      'o.code',
      'o.name',
      'o.kind',
      'o.ref_o2',
      'o.pollutants',
      'o.region_adcode',
      'o.enterprise_id',
      'e.credit_code',
      'e.name as enterprise_name',
      'e.region_adcode as enterprise_region',
      'e.industry',
      'l.process',
    ])
    .orderBy('o.code');
  if (ids !== undefined) q = q.where('o.id', 'in', ids);
  return q.execute();
}

/** Outlets of some enterprises. */
export async function outletIdsOfEnterprises(
  db: Db,
  enterpriseIds: readonly number[],
): Promise<number[]> {
  if (enterpriseIds.length === 0) return [];
  const rows = await db.kysely
    .selectFrom('outlets')
    .select('id')
    .where('enterprise_id', 'in', enterpriseIds)
    .execute();
  return rows.map((r) => r.id);
}

/** Overrides of some outlets (outlet_limits). */
export async function outletLimits(db: Db, ids: readonly number[]): Promise<OutletLimit[]> {
  if (ids.length === 0) return [];
  return db.kysely.selectFrom('outlet_limits').selectAll().where('outlet_id', 'in', ids).execute();
}

/**
 * Writes hours in one transaction (a compliance refresh sees all of a round or none of it); a
 * re-projected hour replaces the stored one.
 */
export async function upsertCemsHours(db: Db, rows: readonly NewCemsHour[]): Promise<void> {
  if (rows.length === 0) return;
  await db.kysely.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += UPSERT_ROWS)
      await upsertChunk(trx, rows.slice(i, i + UPSERT_ROWS));
  });
}

async function upsertChunk(k: Kysely<DatabaseSchema>, rows: readonly NewCemsHour[]): Promise<void> {
  await k
    .insertInto('cems_hours')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['outlet_id', 'pollutant', 'hour']).doUpdateSet((eb) => ({
        day: eb.ref('excluded.day'),
        avg: eb.ref('excluded.avg'),
        zs_device: eb.ref('excluded.zs_device'),
        zs_calc: eb.ref('excluded.zs_calc'),
        o2: eb.ref('excluded.o2'),
        cou: eb.ref('excluded.cou'),
        flag: eb.ref('excluded.flag'),
        valid: eb.ref('excluded.valid'),
        origin: eb.ref('excluded.origin'),
        minutes: eb.ref('excluded.minutes'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/** The stored hours of some outlets in [from, to), optionally of some pollutants only. */
export async function cemsHours(
  db: Db,
  outletIds: readonly number[],
  from: number,
  to: number,
  pollutants?: readonly string[],
): Promise<CemsHour[]> {
  if (outletIds.length === 0 || pollutants?.length === 0) return [];
  let q = db.kysely
    .selectFrom('cems_hours')
    .selectAll()
    .where('outlet_id', 'in', outletIds)
    .where('hour', '>=', from)
    .where('hour', '<', to);
  if (pollutants !== undefined) q = q.where('pollutant', 'in', pollutants);
  return q.orderBy('outlet_id').orderBy('pollutant').orderBy('hour').execute();
}

/** Permitted amounts of some enterprises for a year. */
export async function emissionPermits(
  db: Db,
  enterpriseIds: readonly number[],
  year: number,
): Promise<EmissionPermit[]> {
  if (enterpriseIds.length === 0) return [];
  return db.kysely
    .selectFrom('emission_permits')
    .selectAll()
    .where('enterprise_id', 'in', enterpriseIds)
    .where('year', '=', year)
    .execute();
}

/** Emission amounts (sum of -Cou, kg) of some outlets per outlet and pollutant in [from, to). */
export async function emissionSums(
  db: Db,
  outletIds: readonly number[],
  from: number,
  to: number,
): Promise<Array<{ outlet_id: number; pollutant: string; kg: number | null }>> {
  if (outletIds.length === 0) return [];
  const rows = await db.kysely
    .selectFrom('cems_hours')
    .select(['outlet_id', 'pollutant', (eb) => eb.fn.sum<number | null>('cou').as('kg')])
    .where('outlet_id', 'in', outletIds)
    .where('hour', '>=', from)
    .where('hour', '<', to)
    .where('cou', 'is not', null)
    .groupBy(['outlet_id', 'pollutant'])
    .execute();
  return rows.map((r) => ({ ...r, kg: r.kg === null ? null : Number(r.kg) }));
}

/** Sets a permitted amount (replacing the one of the same enterprise, outlet, pollutant, year). */
export async function upsertEmissionPermit(
  k: Kysely<DatabaseSchema>,
  row: Insertable<EmissionPermitTable>,
): Promise<void> {
  await k
    .insertInto('emission_permits')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['enterprise_id', 'outlet_code', 'pollutant', 'year']).doUpdateSet((eb) => ({
        permitted_kg: eb.ref('excluded.permitted_kg'),
        basis: eb.ref('excluded.basis'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/** What the compliance pages show of an enterprise. */
export interface EnterpriseHead {
  id: number;
  credit_code: string;
  name: string;
  region_adcode: string;
  industry: string;
  categories: string;
}

const ENTERPRISE_HEAD = [
  'id',
  'credit_code',
  'name',
  'region_adcode',
  'industry',
  'categories',
] as const;

/** One enterprise by credit code. */
export async function enterpriseByCode(db: Db, code: string): Promise<EnterpriseHead | undefined> {
  return db.kysely
    .selectFrom('enterprises')
    .select(ENTERPRISE_HEAD)
    .where('credit_code', '=', code)
    .executeTakeFirst();
}

/**
 * Enterprises of some regions (all when `regions` is undefined) or of one credit code, that have
 * at least one outlet, ordered by region and name.
 */
export async function enterprisesWithOutlets(
  db: Db,
  where: { regions?: readonly string[]; creditCode?: string },
): Promise<EnterpriseHead[]> {
  let q = db.kysely
    .selectFrom('enterprises as e')
    .select(ENTERPRISE_HEAD.map((c) => `e.${c}` as const))
    .where((eb) =>
      eb.exists(
        eb.selectFrom('outlets as o').select('o.id').whereRef('o.enterprise_id', '=', 'e.id'),
      ),
    )
    .orderBy('e.region_adcode')
    .orderBy('e.name');
  if (where.regions !== undefined) {
    if (where.regions.length === 0) return [];
    q = q.where('e.region_adcode', 'in', where.regions);
  }
  if (where.creditCode !== undefined) q = q.where('e.credit_code', '=', where.creditCode);
  return q.execute();
}

/** The id of an enterprise's outlet by code, or undefined. */
export async function outletOfEnterprise(
  db: Db,
  enterpriseId: number,
  code: string,
): Promise<number | undefined> {
  const o = await db.kysely
    .selectFrom('outlets')
    .select('id')
    .where('code', '=', code)
    .where('enterprise_id', '=', enterpriseId)
    .executeTakeFirst();
  return o?.id;
}

/** The parts of a stored hour compliance reads. */
export type HourForCompliance = Pick<
  CemsHour,
  'day' | 'avg' | 'zs_device' | 'zs_calc' | 'valid' | 'cou'
>;

const OUTLETS_PER_QUERY = 100;

/** The hours of one outlet's pollutant in [from, to). */
export interface HourRange {
  outletId: number;
  pollutant: string;
  from: number;
  to: number;
}

/**
 * Calls `fn` with every stored hour of each range: on SQLite one prepared seek per range on the
 * (outlet_id, pollutant, hour) key, raw rows; on PostgreSQL one query per 100 outlets of ranges
 * with the same bounds.
 */
export async function forEachHour(
  db: Db,
  ranges: readonly HourRange[],
  fn: (r: HourRange, h: HourForCompliance) => void,
): Promise<void> {
  if (db.sqlite !== undefined) {
    const st = db.sqlite
      .prepare(
        `select day, avg, zs_device, zs_calc, valid, cou from cems_hours
         where outlet_id = ? and pollutant = ? and hour >= ? and hour < ?`,
      )
      .raw();
    for (const r of ranges) {
      for (const x of st.iterate(r.outletId, r.pollutant, r.from, r.to) as Iterable<unknown[]>) {
        fn(r, {
          day: x[0] as string,
          avg: x[1] as number | null,
          zs_device: x[2] as number | null,
          zs_calc: x[3] as number | null,
          valid: x[4] as number,
          cou: x[5] as number | null,
        });
      }
    }
    return;
  }
  const byBounds = new Map<string, Map<string, HourRange>>();
  for (const r of ranges) {
    let m = byBounds.get(`${r.from}|${r.to}`);
    if (m === undefined) byBounds.set(`${r.from}|${r.to}`, (m = new Map()));
    m.set(`${r.outletId}|${r.pollutant}`, r);
  }
  for (const m of byBounds.values()) {
    const { from, to } = m.values().next().value!;
    const ids = [...new Set([...m.values()].map((r) => r.outletId))];
    for (let i = 0; i < ids.length; i += OUTLETS_PER_QUERY) {
      const rows = await db.kysely
        .selectFrom('cems_hours')
        .select(['outlet_id', 'pollutant', 'day', 'avg', 'zs_device', 'zs_calc', 'valid', 'cou'])
        .where('outlet_id', 'in', ids.slice(i, i + OUTLETS_PER_QUERY))
        .where('hour', '>=', from)
        .where('hour', '<', to)
        .execute();
      for (const row of rows) {
        const r = m.get(`${row.outlet_id}|${row.pollutant}`);
        if (r !== undefined) fn(r, row);
      }
    }
  }
}

/** A range with the limit its hours are judged against. */
export interface JudgedRange extends HourRange {
  limit: number | null;
  refO2: number | null;
}

/** One day's sums of a range, as rules/compliance.ts DaySummary. */
export interface DaySums {
  day: string;
  hours: number;
  valid: number;
  over: number;
  sum: number;
  cou: number | null;
}

/**
 * SQLite: the day sums of each range computed by SQLite, one prepared seek per range returning a
 * row per day instead of every hour. The CASE is rules/hour-judgement.ts (judgeHour) in SQL: a
 * valid hour is judged by the device's corrected value, else Lantian's, or by the measured mean
 * when the limit has no reference O2; an hour without that value is invalid; over = value >
 * limit. test/sources-cems-e2e.test.ts checks both forms against the same hand computation
 * (PostgreSQL takes the row path of forEachHour and judgeHour).
 */
export function sqliteDaySums(
  db: Db,
  ranges: readonly JudgedRange[],
  fn: (r: JudgedRange, d: DaySums) => void,
): void {
  const st = db
    .sqlite!.prepare(
      `select day, count(*), count(v), coalesce(sum(v > :limit), 0), total(v), sum(cou)
       from (select day, cou,
               case when valid = 1 then
                 case when :ref is null then avg else coalesce(zs_device, zs_calc) end
               end as v
             from cems_hours
             where outlet_id = :outlet and pollutant = :pollutant and hour >= :from and hour < :to)
       group by day`,
    )
    .raw();
  for (const r of ranges) {
    const rows = st.all({
      outlet: r.outletId,
      pollutant: r.pollutant,
      from: r.from,
      to: r.to,
      limit: r.limit,
      ref: r.refO2,
    }) as Array<[string, number, number, number, number, number | null]>;
    for (const [day, hours, valid, over, sum, cou] of rows)
      fn(r, { day, hours, valid, over, sum, cou });
  }
}

/** (outlet, pollutant, hour) of the hours written after `since`, and the newest stamp. */
export async function hoursChangedSince(
  db: Db,
  since: number,
): Promise<{
  rows: Array<{ outlet_id: number; pollutant: string; hour: number }>;
  newest: number;
}> {
  const rows = await db.kysely
    .selectFrom('cems_hours')
    .select(['outlet_id', 'pollutant', 'hour', 'updated_at'])
    .where('updated_at', '>', since)
    .execute();
  return { rows, newest: rows.reduce((m, r) => Math.max(m, r.updated_at), since) };
}

/** The newest write stamp of cems_hours (0 when empty): one seek on its index. */
export async function newestHourUpdate(db: Db): Promise<number> {
  const r = await db.kysely
    .selectFrom('cems_hours')
    .select((eb) => eb.fn.max('updated_at').as('newest'))
    .executeTakeFirst();
  return r?.newest === null || r?.newest === undefined ? 0 : Number(r.newest);
}
