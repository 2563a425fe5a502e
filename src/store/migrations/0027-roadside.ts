/**
 * Migration 0027: remote-sensing stations, black-smoke cameras and roadside check teams, their
 * records, and the inspection-station records the trace-back joins to (src/roadside/tables.ts).
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idColumn } from './columns.ts';

/** Builds migration 0027 for a dialect. */
export const m0027Roadside = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const id = idColumn(dialect);
    const pk = dialect === 'sqlite';
    const num = 'double precision';
    await db.schema
      .createTable('roadside_devices')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('region_adcode', 'text', (c) => c.notNull().references('regions.adcode'))
      .addColumn('location', 'text', (c) => c.notNull())
      .addColumn('lon', num)
      .addColumn('lat', num)
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('token_hint', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint(
        'roadside_devices_kind',
        sql`kind in ('remote-sensing', 'black-smoke', 'roadside-check')`,
      )
      .execute();
    await db.schema
      .createTable('roadside_records')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('device_id', 'integer', (c) =>
        c.notNull().references('roadside_devices.id').onDelete('cascade'),
      )
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text')
      .addColumn('measured_at', 'bigint', (c) => c.notNull())
      .addColumn('place', 'text')
      .addColumn('plate', 'text', (c) => c.notNull())
      .addColumn('plate_colour', 'text', (c) => c.notNull())
      .addColumn('vin', 'text')
      .addColumn('co', num)
      .addColumn('hc', num)
      .addColumn('no', num)
      .addColumn('opacity', num)
      .addColumn('ringelmann', num)
      .addColumn('device_verdict', 'text')
      .addColumn('failing', 'text', (c) => c.notNull())
      .addColumn('failed', 'integer', (c) => c.notNull())
      .addColumn('rule_version', 'text', (c) => c.notNull())
      .addColumn('photos', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('roadside_records_external', ['device_id', 'external_id'])
      .execute();
    await db.schema
      .createIndex('roadside_records_time')
      .on('roadside_records')
      .columns(['measured_at'])
      .execute();
    await db.schema
      .createIndex('roadside_records_vehicle')
      .on('roadside_records')
      .columns(['plate', 'plate_colour', 'measured_at'])
      .execute();
    await db.schema
      .createTable('roadside_inspections')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('plate', 'text', (c) => c.notNull())
      .addColumn('plate_colour', 'text', (c) => c.notNull())
      .addColumn('vin', 'text')
      .addColumn('station_code', 'text', (c) => c.notNull())
      .addColumn('station_name', 'text', (c) => c.notNull())
      .addColumn('serial', 'text', (c) => c.notNull())
      .addColumn('inspected_at', 'bigint', (c) => c.notNull())
      .addColumn('passed', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('roadside_inspections_serial', ['station_code', 'serial'])
      .execute();
    await db.schema
      .createIndex('roadside_inspections_vehicle')
      .on('roadside_inspections')
      .columns(['plate', 'plate_colour', 'inspected_at'])
      .execute();
  },
});
