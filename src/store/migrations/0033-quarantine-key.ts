/**
 * Migration 0033: a de-duplication key on quarantine rows (src/ingest/tables.ts,
 * QuarantineTable.msg_key). Writers (`serve --role writer`) set it to the quarantine message's id
 * (src/scale/frame-message.ts) and insert with ON CONFLICT DO NOTHING, so a message JetStream
 * delivers again leaves one row. Rows of the one-process listener keep NULL (NULLs never
 * conflict in a unique index, on SQLite as on PostgreSQL).
 */
import type { Kysely, Migration } from 'kysely';

/** Builds migration 0033. */
export const m0033QuarantineKey = (): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('quarantine').addColumn('msg_key', 'text').execute();
    await db.schema
      .createIndex('quarantine_msg_key')
      .on('quarantine')
      .column('msg_key')
      .unique()
      .execute();
  },
});
