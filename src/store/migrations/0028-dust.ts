/**
 * Migration 0028: the dust domain (src/dust/tables.ts): registered dust sources with their
 * 8-standard checklist, dust-fall sampling points and monthly samples (HJ 1221), per-plan
 * dust-fall targets, site monitors (devices linked to a source), site alarms, inspections and
 * their photos.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idColumn } from './columns.ts';

/** Builds migration 0028 for a dialect. */
export const m0028Dust = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const epoch = 'bigint';
    const id = idColumn(dialect);
    const sqlite = dialect === 'sqlite';

    await db.schema
      .createTable('dust_sources')
      .addColumn('id', id, (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('construction_type', 'text')
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('department', 'text', (c) => c.notNull())
      .addColumn('region_adcode', 'text', (c) => c.notNull())
      .addColumn('lon', 'double precision', (c) => c.notNull())
      .addColumn('lat', 'double precision', (c) => c.notNull())
      .addColumn('polygon', 'text')
      .addColumn('start_date', 'text')
      .addColumn('end_date', 'text')
      .addColumn('checklist', 'text', (c) => c.notNull())
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('dust_sources_region')
      .on('dust_sources')
      .column('region_adcode')
      .execute();

    await db.schema
      .createTable('dust_fall_points')
      .addColumn('id', id, (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('region_adcode', 'text', (c) => c.notNull())
      .addColumn('lon', 'double precision')
      .addColumn('lat', 'double precision')
      .addColumn('created_at', epoch, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('dust_fall_samples')
      .addColumn('point_id', 'integer', (c) =>
        c.notNull().references('dust_fall_points.id').onDelete('cascade'),
      )
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('sample_g', 'double precision', (c) => c.notNull())
      .addColumn('blank_g', 'double precision', (c) => c.notNull())
      .addColumn('area_cm2', 'double precision', (c) => c.notNull())
      .addColumn('days', 'double precision', (c) => c.notNull())
      .addColumn('exact', 'double precision', (c) => c.notNull())
      .addColumn('value', 'double precision', (c) => c.notNull())
      .addColumn('edition', 'text', (c) => c.notNull())
      .addColumn('entered_by', 'text', (c) => c.notNull())
      .addColumn('entered_at', epoch, (c) => c.notNull())
      .addPrimaryKeyConstraint('dust_fall_samples_pk', ['point_id', 'month'])
      .execute();
    await db.schema
      .createIndex('dust_fall_samples_month')
      .on('dust_fall_samples')
      .column('month')
      .execute();

    await db.schema
      .createTable('dust_fall_targets')
      .addColumn('plan_id', 'text', (c) => c.notNull())
      .addColumn('adcode', 'text', (c) => c.notNull())
      .addColumn('target', 'double precision', (c) => c.notNull())
      .addColumn('set_by', 'text', (c) => c.notNull())
      .addColumn('set_at', epoch, (c) => c.notNull())
      .addPrimaryKeyConstraint('dust_fall_targets_pk', ['plan_id', 'adcode'])
      .execute();

    await db.schema
      .createTable('dust_site_monitors')
      .addColumn('device_id', 'integer', (c) =>
        c.primaryKey().references('devices.id').onDelete('cascade'),
      )
      .addColumn('source_id', 'integer', (c) =>
        c.notNull().references('dust_sources.id').onDelete('cascade'),
      )
      .addColumn('linked_at', epoch, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('dust_site_alarms')
      .addColumn('id', id, (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('source_id', 'integer', (c) =>
        c.notNull().references('dust_sources.id').onDelete('cascade'),
      )
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('start_at', epoch, (c) => c.notNull())
      .addColumn('end_at', epoch)
      .addColumn('peak', 'double precision', (c) => c.notNull())
      .addColumn('edition', 'text', (c) => c.notNull())
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('detected_at', epoch, (c) => c.notNull())
      .addUniqueConstraint('dust_site_alarms_key', ['source_id', 'kind', 'start_at'])
      .execute();

    await db.schema
      .createTable('dust_inspections')
      .addColumn('id', id, (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('source_id', 'integer', (c) =>
        c.notNull().references('dust_sources.id').onDelete('cascade'),
      )
      .addColumn('inspected_on', 'text', (c) => c.notNull())
      .addColumn('inspector', 'text', (c) => c.notNull())
      .addColumn('findings', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('passed', 'integer', (c) => c.notNull())
      .addColumn('deadline', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('rectified_by', 'text')
      .addColumn('rectified_at', epoch)
      .addColumn('rectification', 'text')
      .addColumn('edition', 'text', (c) => c.notNull())
      .addColumn('created_at', epoch, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('dust_inspection_photos')
      .addColumn('inspection_id', 'integer', (c) =>
        c.notNull().references('dust_inspections.id').onDelete('cascade'),
      )
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('dust_inspection_photos_pk', ['inspection_id', 'sha256'])
      .execute();
  },
});
