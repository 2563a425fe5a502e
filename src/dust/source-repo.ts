/** Queries of the registered dust sources and their site monitors. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import type { DustVisibility } from './dust-scope.ts';
import type { DustSourceTable } from './tables.ts';

export type DustSourceRow = Selectable<DustSourceTable>;
export type DustSourceColumns = Omit<
  Insertable<DustSourceTable>,
  'id' | 'created_at' | 'updated_at'
>;
type K = Kysely<DatabaseSchema>;

/** The sources of the visibility's regions (all for other kinds: callers filter by department), optionally of one kind or region. */
export async function listSources(
  k: K,
  v: DustVisibility,
  f: { kind?: string; regions?: readonly string[] } = {},
): Promise<DustSourceRow[]> {
  if (v.kind === 'none') return [];
  let q = k.selectFrom('dust_sources').selectAll().orderBy('code');
  if (v.kind === 'regions') q = q.where('region_adcode', 'in', v.regions.length ? v.regions : ['']);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.regions) q = q.where('region_adcode', 'in', f.regions.length ? [...f.regions] : ['']);
  return q.execute();
}

/** One source by id. */
export function findSourceById(k: K, id: number): Promise<DustSourceRow | undefined> {
  return k.selectFrom('dust_sources').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One source by code. */
export function findSourceByCode(k: K, code: string): Promise<DustSourceRow | undefined> {
  return k.selectFrom('dust_sources').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Inserts or replaces a source by code; true when it was new. */
export async function saveSource(k: K, c: DustSourceColumns, now: number): Promise<boolean> {
  const before = await findSourceByCode(k, c.code);
  if (before) {
    await k
      .updateTable('dust_sources')
      .set({ ...c, updated_at: now })
      .where('id', '=', before.id)
      .execute();
    return false;
  }
  await k
    .insertInto('dust_sources')
    .values({ ...c, created_at: now, updated_at: now })
    .execute();
  return true;
}

/** MNs of the devices linked to each source. */
export async function monitorsBySource(k: K): Promise<Map<number, string[]>> {
  const rows = await k
    .selectFrom('dust_site_monitors as m')
    .innerJoin('devices as d', 'd.id', 'm.device_id')
    .select(['m.source_id', 'd.mn'])
    .orderBy('d.mn')
    .execute();
  const out = new Map<number, string[]>();
  for (const r of rows) out.set(r.source_id, [...(out.get(r.source_id) ?? []), r.mn]);
  return out;
}

/** Count of rows per source id of a table with source_id and an open condition. */
export async function openCounts(
  k: K,
): Promise<{ inspections: Map<number, number>; alarms: Map<number, number> }> {
  const ins = await k
    .selectFrom('dust_inspections')
    .select(['source_id', k.fn.countAll<number>().as('n')])
    .where('status', '=', 'open')
    .groupBy('source_id')
    .execute();
  const al = await k
    .selectFrom('dust_site_alarms')
    .select(['source_id', k.fn.countAll<number>().as('n')])
    .where('end_at', 'is', null)
    .groupBy('source_id')
    .execute();
  return {
    inspections: new Map(ins.map((r) => [r.source_id, Number(r.n)])),
    alarms: new Map(al.map((r) => [r.source_id, Number(r.n)])),
  };
}
