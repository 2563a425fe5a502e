/** Regions in the store: plain rows in, plain rows out. */
import type { Db } from '../store/db.ts';
import type { Region } from './tables.ts';

/** What a caller supplies to create or update a region. */
export interface RegionInput {
  adcode: string;
  name: string;
  parentAdcode: string | null;
  level: string;
  timeZone?: string;
}

/** Inserts or updates regions (by adcode); parents must come before children. */
export async function upsertRegions(
  db: Db,
  regions: readonly RegionInput[],
  now: number,
): Promise<void> {
  if (regions.length === 0) return;
  await db.kysely.transaction().execute(async (trx) => {
    for (const r of regions) {
      await trx
        .insertInto('regions')
        .values({
          adcode: r.adcode,
          name: r.name,
          parent_adcode: r.parentAdcode,
          level: r.level,
          time_zone: r.timeZone ?? 'Asia/Shanghai',
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.column('adcode').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            parent_adcode: eb.ref('excluded.parent_adcode'),
            level: eb.ref('excluded.level'),
            time_zone: eb.ref('excluded.time_zone'),
            updated_at: now,
          })),
        )
        .execute();
    }
  });
}

/** All regions, ordered by adcode. */
export async function listRegions(db: Db): Promise<Region[]> {
  return db.kysely.selectFrom('regions').selectAll().orderBy('adcode').execute();
}

/** One region, or undefined. */
export async function findRegion(db: Db, adcode: string): Promise<Region | undefined> {
  return db.kysely
    .selectFrom('regions')
    .selectAll()
    .where('adcode', '=', adcode)
    .executeTakeFirst();
}

/** A region and all regions below it (any depth). */
export async function regionSubtree(db: Db, adcode: string): Promise<Region[]> {
  const all = await listRegions(db);
  const byParent = new Map<string, Region[]>();
  for (const r of all) {
    if (!r.parent_adcode) continue;
    const list = byParent.get(r.parent_adcode) ?? [];
    list.push(r);
    byParent.set(r.parent_adcode, list);
  }
  const root = all.find((r) => r.adcode === adcode);
  if (!root) return [];
  const out: Region[] = [root];
  for (let i = 0; i < out.length; i++) out.push(...(byParent.get(out[i]!.adcode) ?? []));
  return out;
}
