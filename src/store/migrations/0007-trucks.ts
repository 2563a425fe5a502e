/**
 * Migration 0007: heavy-truck remote emission monitoring (GB 17691-2018 Annex Q / HJ 1239):
 * the vehicle registry, each vehicle's last status, 1-Hz records deduplicated on
 * (vehicle, collection time, block type, sequence), the raw frames they came from, and the
 * quarantine of frames from unregistered VINs (one counted row per VIN).
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idColumn } from './columns.ts';

/** Builds migration 0007 for a dialect. */
export const m0007Trucks = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const epoch = 'bigint';
    const id = idColumn(dialect);
    const pk = dialect === 'sqlite';
    await db.schema
      .createTable('truck_vehicles')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('vin', 'text', (c) => c.notNull().unique())
      .addColumn('plate', 'text', (c) => c.notNull())
      .addColumn('plate_colour', 'text', (c) => c.notNull())
      .addColumn('emission_stage', 'text', (c) => c.notNull())
      .addColumn('fuel', 'text', (c) => c.notNull())
      .addColumn('owner', 'text')
      .addColumn('fleet', 'text')
      .addColumn('region_adcode', 'text', (c) => c.notNull().references('regions.adcode'))
      .addColumn('iccid', 'text')
      .addColumn('chip_id', 'text')
      .addColumn('reply_mode', 'text', (c) => c.notNull().defaultTo('hj'))
      .addColumn('layout', 'text')
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('truck_vehicles_plate')
      .on('truck_vehicles')
      .column('plate')
      .execute();
    await db.schema
      .createIndex('truck_vehicles_region')
      .on('truck_vehicles')
      .column('region_adcode')
      .execute();

    await db.schema
      .createTable('truck_status')
      .addColumn('vehicle_id', 'integer', (c) => c.primaryKey())
      .addColumn('last_frame_at', epoch, (c) => c.notNull())
      .addColumn('last_command', 'integer', (c) => c.notNull())
      .addColumn('last_peer', 'text')
      .addColumn('last_login_at', epoch)
      .addColumn('last_logout_at', epoch)
      .addColumn('last_record_time', epoch)
      .addColumn('last_lon', 'double precision')
      .addColumn('last_lat', 'double precision')
      .addColumn('last_speed', 'double precision')
      .addColumn('records', epoch, (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('truck_frames')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('vehicle_id', 'integer', (c) => c.notNull())
      .addColumn('received_at', epoch, (c) => c.notNull())
      .addColumn('peer', 'text', (c) => c.notNull())
      .addColumn('command', 'integer', (c) => c.notNull())
      .addColumn('layout', 'text')
      .addColumn('raw', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('truck_frames_vehicle')
      .on('truck_frames')
      .columns(['vehicle_id', 'received_at'])
      .execute();

    // No foreign keys on the hot path; records outlive a vehicle removed from the registry.
    let records = db.schema
      .createTable('truck_records')
      .addColumn('vehicle_id', 'integer', (c) => c.notNull())
      .addColumn('record_time', epoch, (c) => c.notNull())
      .addColumn('type', 'integer', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('command', 'integer', (c) => c.notNull())
      .addColumn('frame_id', 'integer', (c) => c.notNull());
    for (const col of [
      'speed',
      'lon',
      'lat',
      'nox_upstream',
      'nox_downstream',
      'scr_inlet_temp',
      'scr_outlet_temp',
      'reagent',
      'rpm',
      'torque',
      'fuel_flow',
      'air_flow',
      'mileage',
    ]) {
      records = records.addColumn(col, 'double precision');
    }
    records = records
      .addColumn('fix_valid', 'integer')
      .addColumn('extra', 'text')
      .addColumn('flags', 'text')
      .addColumn('rule_version', 'text')
      .addColumn('received_at', epoch, (c) => c.notNull())
      .addPrimaryKeyConstraint('truck_records_pk', ['vehicle_id', 'record_time', 'type', 'seq']);
    if (dialect === 'sqlite') records = records.modifyEnd(sql`without rowid`);
    await records.execute();

    await db.schema
      .createTable('truck_quarantine')
      .addColumn('vin', 'text', (c) => c.primaryKey())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('first_at', epoch, (c) => c.notNull())
      .addColumn('last_at', epoch, (c) => c.notNull())
      .addColumn('last_peer', 'text', (c) => c.notNull())
      .addColumn('frames', epoch, (c) => c.notNull())
      .addColumn('last_raw', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const t of [
      'truck_quarantine',
      'truck_records',
      'truck_frames',
      'truck_status',
      'truck_vehicles',
    ]) {
      await db.schema.dropTable(t).execute();
    }
  },
});
