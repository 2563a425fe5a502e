/**
 * Migration 0029: open burning (src/fires/tables.ts, docs/dust-fires-reports.md § 露天焚烧):
 * cameras, satellite-file imports and their issues, observations, events, their log and photos.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idColumn } from './columns.ts';

/** Builds migration 0029 for a dialect. */
export const m0029Fires = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const epoch = 'bigint';
    const real = dialect === 'sqlite' ? 'real' : 'double precision';
    const id = idColumn(dialect);
    const pk = dialect === 'sqlite';
    const idCol = (t: ReturnType<Kysely<unknown>['schema']['createTable']>) =>
      t.addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()));

    await idCol(db.schema.createTable('fire_cameras'))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('county_adcode', 'text')
      .addColumn('lon', real, (c) => c.notNull())
      .addColumn('lat', real, (c) => c.notNull())
      .addColumn('key_hash', 'text', (c) => c.notNull())
      .addColumn('key_hint', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', epoch, (c) => c.notNull())
      .execute();

    await idCol(db.schema.createTable('fire_imports'))
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('imported_by', 'text', (c) => c.notNull())
      .addColumn('imported_at', epoch, (c) => c.notNull())
      .addColumn('rows', 'integer', (c) => c.notNull())
      .addColumn('accepted', 'integer', (c) => c.notNull())
      .addColumn('outside', 'integer', (c) => c.notNull())
      .addColumn('repeated', 'integer', (c) => c.notNull())
      .addColumn('merged', 'integer', (c) => c.notNull())
      .addColumn('new_events', 'integer', (c) => c.notNull())
      .addColumn('errors', 'integer', (c) => c.notNull())
      .addColumn('rules', 'text', (c) => c.notNull())
      .execute();

    await idCol(db.schema.createTable('fire_import_issues'))
      .addColumn('import_id', 'integer', (c) =>
        c.notNull().references('fire_imports.id').onDelete('cascade'),
      )
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('field', 'text')
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('fire_import_issues_import')
      .on('fire_import_issues')
      .column('import_id')
      .execute();

    await idCol(db.schema.createTable('fire_events'))
      .addColumn('county_adcode', 'text', (c) => c.notNull())
      .addColumn('township_code', 'text')
      .addColumn('township_name', 'text')
      .addColumn('lon', real, (c) => c.notNull())
      .addColumn('lat', real, (c) => c.notNull())
      .addColumn('first_seen', epoch, (c) => c.notNull())
      .addColumn('last_seen', epoch, (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('observations', 'integer', (c) => c.notNull())
      .addColumn('sources', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('dispatched_at', epoch, (c) => c.notNull())
      .addColumn('deadline_at', epoch, (c) => c.notNull())
      .addColumn('escalated_at', epoch)
      .addColumn('answered_at', epoch)
      .addColumn('answered_by', 'text')
      .addColumn('outcome', 'text')
      .addColumn('answer_text', 'text')
      .addColumn('rules', 'text', (c) => c.notNull())
      .addCheckConstraint(
        'fire_events_status',
        sql`status in ('dispatched', 'escalated', 'answered') and (outcome is null) = (status <> 'answered')`,
      )
      .execute();
    await db.schema
      .createIndex('fire_events_county_month')
      .on('fire_events')
      .columns(['county_adcode', 'month'])
      .execute();
    await db.schema
      .createIndex('fire_events_status_deadline')
      .on('fire_events')
      .columns(['status', 'deadline_at'])
      .execute();
    await db.schema
      .createIndex('fire_events_first_seen')
      .on('fire_events')
      .column('first_seen')
      .execute();

    await idCol(db.schema.createTable('fire_observations'))
      .addColumn('obs_key', 'text', (c) => c.notNull().unique())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('import_id', 'integer', (c) => c.references('fire_imports.id').onDelete('cascade'))
      .addColumn('line', 'integer')
      .addColumn('camera_id', 'integer', (c) => c.references('fire_cameras.id'))
      .addColumn('observed_at', epoch, (c) => c.notNull())
      .addColumn('lon', real, (c) => c.notNull())
      .addColumn('lat', real, (c) => c.notNull())
      .addColumn('placement', 'text', (c) => c.notNull())
      .addColumn('county_adcode', 'text')
      .addColumn('township_code', 'text')
      .addColumn('township_name', 'text')
      .addColumn('event_id', 'integer', (c) => c.references('fire_events.id').onDelete('cascade'))
      .addColumn('satellite', 'text')
      .addColumn('instrument', 'text')
      .addColumn('confidence', 'text')
      .addColumn('confidence_level', 'text')
      .addColumn('brightness', real)
      .addColumn('frp', real)
      .addColumn('daynight', 'text')
      .addColumn('image_sha256', 'text')
      .addColumn('image_type', 'text')
      .addColumn('received_at', epoch, (c) => c.notNull())
      .addCheckConstraint('fire_observations_placement', sql`placement in ('inside', 'outside')`)
      .execute();
    await db.schema
      .createIndex('fire_observations_window')
      .on('fire_observations')
      .columns(['county_adcode', 'observed_at'])
      .execute();
    await db.schema
      .createIndex('fire_observations_event')
      .on('fire_observations')
      .column('event_id')
      .execute();
    await db.schema
      .createIndex('fire_observations_import')
      .on('fire_observations')
      .column('import_id')
      .execute();

    await idCol(db.schema.createTable('fire_event_log'))
      .addColumn('event_id', 'integer', (c) =>
        c.notNull().references('fire_events.id').onDelete('cascade'),
      )
      .addColumn('at', epoch, (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('detail', 'text')
      .execute();
    await db.schema
      .createIndex('fire_event_log_event')
      .on('fire_event_log')
      .column('event_id')
      .execute();

    await idCol(db.schema.createTable('fire_event_photos'))
      .addColumn('event_id', 'integer', (c) =>
        c.notNull().references('fire_events.id').onDelete('cascade'),
      )
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('uploaded_by', 'text', (c) => c.notNull())
      .addColumn('uploaded_at', epoch, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('fire_event_photos_event')
      .on('fire_event_photos')
      .column('event_id')
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const t of [
      'fire_event_photos',
      'fire_event_log',
      'fire_observations',
      'fire_events',
      'fire_import_issues',
      'fire_imports',
      'fire_cameras',
    ])
      await db.schema.dropTable(t).execute();
  },
});
