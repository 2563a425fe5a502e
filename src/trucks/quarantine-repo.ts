/** Reading the quarantine of unregistered VINs (written by batch-repo.ts). */
import type { Db } from '../store/db.ts';

/** Quarantined VINs, most recent first. */
export async function listTruckQuarantine(db: Db, limit: number) {
  return db.kysely
    .selectFrom('truck_quarantine')
    .selectAll()
    .orderBy('last_at', 'desc')
    .limit(limit)
    .execute();
}
