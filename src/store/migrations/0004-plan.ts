/** Migration 0004: work plans, their immutable versions, and accountability notices. */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idColumn } from './columns.ts';

/** Builds migration 0004 for a dialect. */
export const m0004Plan = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const epoch = 'bigint';
    await db.schema
      .createTable('plans')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('city_adcode', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('plan_versions')
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .addColumn('published_at', epoch)
      .addColumn('published_by', 'text')
      .addPrimaryKeyConstraint('plan_versions_pk', ['plan_id', 'version'])
      .execute();

    await db.schema
      .createTable('plan_notices')
      .addColumn('id', idColumn(dialect), (c) =>
        dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
      )
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
      .addColumn('plan_version', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('unit_adcode', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('facts', 'text', (c) => c.notNull())
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .addColumn('reviewed_at', epoch)
      .addColumn('reviewed_by', 'text')
      .addColumn('issued_at', epoch)
      .addColumn('issued_by', 'text')
      .addColumn('responded_at', epoch)
      .addColumn('responded_by', 'text')
      .addColumn('response', 'text')
      .addUniqueConstraint('plan_notices_key', ['plan_id', 'kind', 'unit_adcode', 'period'])
      .execute();
    await db.schema
      .createIndex('plan_notices_period')
      .on('plan_notices')
      .columns(['plan_id', 'period'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const t of ['plan_notices', 'plan_versions', 'plans']) {
      await db.schema.dropTable(t).execute();
    }
  },
});
