/**
 * Migration 0021: heavy-truck raw frames and 1-Hz records leave the database. The frames live in
 * the compressed append-only archive (src/trucks/archive) and the records are decoded from it
 * again on demand (src/trucks/detail/vehicle-detail.ts); the database keeps per-vehicle-minute
 * summaries (truck_minutes, migration 0020). Rows of the dropped tables are not migrated into the
 * archive (the tables only ever held test and trial data).
 */
import type { Kysely, Migration } from 'kysely';

/** Builds migration 0021. */
export const m0021DropTruckRecords = (): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('truck_records').ifExists().execute();
    await db.schema.dropTable('truck_frames').ifExists().execute();
  },
});
