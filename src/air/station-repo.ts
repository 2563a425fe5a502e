/** Monitoring stations in the store. */
import type { Db } from '../store/db.ts';
import type { Station } from './tables.ts';

/** What a caller supplies to create or update a station. */
export interface StationInput {
  code: string;
  name: string;
  regionAdcode: string;
  kind: string;
  role?: string;
  lon: number | null;
  lat: number | null;
  pollutants: readonly string[];
}

/** Inserts or updates stations by code and returns code → id. */
export async function upsertStations(
  db: Db,
  stations: readonly StationInput[],
  now: number,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  await db.kysely.transaction().execute(async (trx) => {
    for (const s of stations) {
      const row = await trx
        .insertInto('stations')
        .values({
          code: s.code,
          name: s.name,
          region_adcode: s.regionAdcode,
          kind: s.kind,
          role: s.role ?? 'assessment',
          lon: s.lon,
          lat: s.lat,
          pollutants: JSON.stringify(s.pollutants),
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            region_adcode: eb.ref('excluded.region_adcode'),
            kind: eb.ref('excluded.kind'),
            role: eb.ref('excluded.role'),
            lon: eb.ref('excluded.lon'),
            lat: eb.ref('excluded.lat'),
            pollutants: eb.ref('excluded.pollutants'),
            updated_at: now,
          })),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(s.code, row.id);
    }
  });
  return ids;
}

/** All stations, optionally only those of the given regions. */
export async function listStations(db: Db, regionAdcodes?: readonly string[]): Promise<Station[]> {
  let q = db.kysely.selectFrom('stations').selectAll().orderBy('code');
  if (regionAdcodes) {
    if (regionAdcodes.length === 0) return [];
    q = q.where('region_adcode', 'in', regionAdcodes);
  }
  return q.execute();
}

/** One station by code, or undefined. */
export async function findStation(db: Db, code: string): Promise<Station | undefined> {
  return db.kysely.selectFrom('stations').selectAll().where('code', '=', code).executeTakeFirst();
}
