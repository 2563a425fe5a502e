/**
 * Migration 0031: photos a gate uploads ahead of its passage (src/gates/tables.ts,
 * GatePhotoUploadTable), so that a passage sent as JSON can refer to them by SHA-256 and only the
 * uploading gate can.
 */
import type { Kysely, Migration } from 'kysely';

/** Builds migration 0031. */
export const m0031GatesMore = (): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('gate_photo_uploads')
      .addColumn('gate_id', 'integer', (c) =>
        c.notNull().references('gates.id').onDelete('cascade'),
      )
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('gate_photo_uploads_pk', ['gate_id', 'sha256'])
      .execute();
  },
});
