/**
 * Migration 0014: alarms on pollution sources (src/sources/tables.ts AlarmTable, docs/sources.md
 * § Alarms), their events and evidence files, and an index on cems_hours(hour) for the window
 * the runner reads (cems_hours itself is migration 0013).
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idColumn } from './columns.ts';

/** Builds migration 0014 for a dialect. */
export const m0014Alarms = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const epoch = 'bigint';
    const id = idColumn(dialect);
    const pk = dialect === 'sqlite';

    // The alarm runner reads a window of hours of every outlet: one range seek by hour instead of
    // a scan of the whole table, whose key begins with the outlet.
    await db.schema.createIndex('cems_hours_hour').on('cems_hours').column('hour').execute();

    await db.schema
      .createTable('alarms')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('enterprise_id', 'integer', (c) =>
        c.references('enterprises.id').onDelete('cascade'),
      )
      .addColumn('region_adcode', 'text')
      .addColumn('outlet_id', 'integer', (c) => c.references('outlets.id').onDelete('cascade'))
      .addColumn('line_id', 'integer', (c) =>
        c.references('production_lines.id').onDelete('cascade'),
      )
      .addColumn('pollutant', 'text')
      .addColumn('subject_key', 'text', (c) => c.notNull())
      .addColumn('open_key', 'text', (c) => c.unique())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('opened_at', epoch, (c) => c.notNull())
      .addColumn('first_seen', epoch, (c) => c.notNull())
      .addColumn('last_seen', epoch, (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('escalate_at', epoch)
      .addColumn('acked_by', 'text')
      .addColumn('acked_at', epoch)
      .addColumn('closed_by', 'text')
      .addColumn('closed_at', epoch)
      .addColumn('close_reason', 'text')
      .addColumn('close_text', 'text')
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .addCheckConstraint(
        'alarms_status',
        sql`status in ('open', 'acknowledged', 'closed') and (open_key is null) = (status = 'closed')`,
      )
      .execute();
    await db.schema
      .createIndex('alarms_status_region')
      .on('alarms')
      .columns(['status', 'region_adcode'])
      .execute();
    await db.schema
      .createIndex('alarms_subject')
      .on('alarms')
      .columns(['subject_key', 'last_seen'])
      .execute();
    await db.schema.createIndex('alarms_enterprise').on('alarms').column('enterprise_id').execute();

    await db.schema
      .createTable('alarm_events')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('alarm_id', 'integer', (c) =>
        c.notNull().references('alarms.id').onDelete('cascade'),
      )
      .addColumn('at', epoch, (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('role', 'text')
      .addColumn('text', 'text')
      .addColumn('detail', 'text')
      .execute();
    await db.schema
      .createIndex('alarm_events_alarm')
      .on('alarm_events')
      .column('alarm_id')
      .execute();

    await db.schema
      .createTable('alarm_evidence')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('alarm_id', 'integer', (c) =>
        c.notNull().references('alarms.id').onDelete('cascade'),
      )
      .addColumn('event_id', 'integer', (c) =>
        c.notNull().references('alarm_events.id').onDelete('cascade'),
      )
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('uploaded_by', 'text', (c) => c.notNull())
      .addColumn('uploaded_at', epoch, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('alarm_evidence_alarm')
      .on('alarm_evidence')
      .column('alarm_id')
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('cems_hours_hour').execute();
    for (const t of ['alarm_evidence', 'alarm_events', 'alarms']) {
      await db.schema.dropTable(t).execute();
    }
  },
});
