/** Queries of sites and low-emission zones (machinery_sites, machinery_zones). */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import type { MachinerySiteTable, MachineryZoneTable } from './tables.ts';

type K = Kysely<DatabaseSchema>;
export type SiteRow = Selectable<MachinerySiteTable>;
export type ZoneRow = Selectable<MachineryZoneTable>;

/** A site by id. */
export function findSite(k: K, id: number): Promise<SiteRow | undefined> {
  return k.selectFrom('machinery_sites').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Sites by ids. */
export async function sitesByIds(k: K, ids: readonly number[]): Promise<SiteRow[]> {
  if (ids.length === 0) return [];
  return k
    .selectFrom('machinery_sites')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

/** Sites of the given counties. */
export async function listSites(k: K, regions: 'all' | string[]): Promise<SiteRow[]> {
  if (regions !== 'all' && regions.length === 0) return [];
  let q = k.selectFrom('machinery_sites').selectAll().orderBy('id');
  if (regions !== 'all') q = q.where('region_adcode', 'in', regions);
  return q.execute();
}

/** Inserts a site; returns its id. */
export async function insertSite(k: K, row: Insertable<MachinerySiteTable>): Promise<number> {
  const r = await k
    .insertInto('machinery_sites')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Every zone. */
export function listZones(k: K): Promise<ZoneRow[]> {
  return k.selectFrom('machinery_zones').selectAll().orderBy('id').execute();
}

/** A zone by id. */
export function findZone(k: K, id: number): Promise<ZoneRow | undefined> {
  return k.selectFrom('machinery_zones').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a zone; returns its id. */
export async function insertZone(k: K, row: Insertable<MachineryZoneTable>): Promise<number> {
  const r = await k
    .insertInto('machinery_zones')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Replaces a zone's fields. */
export async function replaceZone(
  k: K,
  id: number,
  row: Omit<Insertable<MachineryZoneTable>, 'id'>,
): Promise<void> {
  await k.updateTable('machinery_zones').set(row).where('id', '=', id).execute();
}
