/**
 * Migration 0030: public reports (举报), their files and timeline, and the documents of the
 * exposure board (src/tipoffs/tables.ts).
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idColumn } from './columns.ts';

/** Builds migration 0030 for a dialect. */
export const m0030Tipoffs = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const id = idColumn(dialect);
    await db.schema
      .createTable('tipoffs')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('lon', 'double precision')
      .addColumn('lat', 'double precision')
      .addColumn('address', 'text')
      .addColumn('suggested_county', 'text')
      .addColumn('contact_name', 'text')
      .addColumn('contact_phone', 'text')
      .addColumn('ip', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('county', 'text')
      .addColumn('department', 'text')
      .addColumn('deadline_at', 'bigint')
      .addColumn('escalated', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('result', 'text')
      .addColumn('finding', 'text')
      .addColumn('reply', 'text')
      .addColumn('handled_at', 'bigint')
      .addColumn('reward_status', 'text')
      .addColumn('reward_amount', 'double precision')
      .addColumn('reward_rule', 'text')
      .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('publish_photos', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('published_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint(
        'tipoffs_status',
        sql`status in ('received', 'assigned', 'handled', 'rejected')`,
      )
      .execute();
    await db.schema.createIndex('tipoffs_ip').on('tipoffs').columns(['ip', 'created_at']).execute();
    await db.schema
      .createIndex('tipoffs_phone')
      .on('tipoffs')
      .columns(['contact_phone', 'created_at'])
      .execute();
    await db.schema
      .createIndex('tipoffs_status')
      .on('tipoffs')
      .columns(['status', 'deadline_at'])
      .execute();
    await db.schema
      .createIndex('tipoffs_published')
      .on('tipoffs')
      .columns(['published', 'published_at'])
      .execute();
    await db.schema
      .createTable('tipoff_files')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('tipoff_id', 'integer', (c) =>
        c.notNull().references('tipoffs.id').onDelete('cascade'),
      )
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('tipoff_files_tipoff')
      .on('tipoff_files')
      .column('tipoff_id')
      .execute();
    await db.schema
      .createTable('tipoff_events')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('tipoff_id', 'integer', (c) =>
        c.notNull().references('tipoffs.id').onDelete('cascade'),
      )
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .execute();
    await db.schema
      .createIndex('tipoff_events_tipoff')
      .on('tipoff_events')
      .columns(['tipoff_id', 'at'])
      .execute();
    await db.schema
      .createTable('exposure_documents')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('url', 'text')
      .addColumn('pdf_sha256', 'text')
      .addColumn('published_by', 'text', (c) => c.notNull())
      .addColumn('published_at', 'bigint', (c) => c.notNull())
      .execute();
  },
});
