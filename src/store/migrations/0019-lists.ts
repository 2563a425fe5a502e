/**
 * Migration 0019: the bulk-transport truck counts of enterprises the emergency-reduction lists
 * read for the truck ban (src/warnings/lists/tables.ts), and the edition of the matrix and of the
 * reduction arithmetic a list was generated with (emergency_lists.edition).
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';

/** Builds migration 0019 for a dialect. */
export const m0019Lists = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    let t = db.schema
      .createTable('emergency_transport')
      .addColumn('enterprise_id', 'integer', (c) =>
        c.primaryKey().references('enterprises.id').onDelete('cascade'),
      )
      .addColumn('trucks_per_day', 'integer', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint('emergency_transport_trucks', sql`trucks_per_day >= 0`);
    if (dialect === 'sqlite') t = t.modifyEnd(sql`without rowid`);
    await t.execute();
    await db.schema.alterTable('emergency_lists').addColumn('edition', 'text').execute();
  },
});
