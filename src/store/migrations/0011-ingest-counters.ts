/**
 * Migration 0011: the totals of the HJ 212 listener (packets, values, acks, refusals by reason,
 * connections evicted …), persisted so that a restart does not reset them.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';

/** Builds migration 0011 for a dialect. */
export const m0011IngestCounters = (_dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('ingest_counters')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('ingest_counters').execute();
  },
});
