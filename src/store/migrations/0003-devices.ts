/**
 * Migration 0003: enterprise outlets, the HJ 212 device registry, per-device status, every value
 * of device uploads, and the quarantine of packets from unknown devices.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idColumn } from './columns.ts';

/** Builds migration 0003 for a dialect. */
export const m0003Devices = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const epoch = 'bigint';
    const id = idColumn(dialect);
    const pk = dialect === 'sqlite';
    await db.schema
      .createTable('outlets')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('enterprise', 'text')
      .addColumn('region_adcode', 'text', (c) => c.references('regions.adcode'))
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('devices')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('mn', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('station_id', 'integer', (c) => c.references('stations.id'))
      .addColumn('outlet_id', 'integer', (c) => c.references('outlets.id'))
      .addColumn('password', 'text', (c) => c.notNull())
      .addColumn('edition', 'text', (c) => c.notNull().defaultTo('auto'))
      .addColumn('crc', 'text', (c) => c.notNull().defaultTo('standard'))
      .addColumn('interval_s', 'integer', (c) => c.notNull())
      .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('source_id', 'integer', (c) => c.notNull().references('data_sources.id'))
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .addCheckConstraint(
        'devices_target',
        sql`(kind = 'station' and station_id is not null and outlet_id is null)
          or (kind = 'outlet' and outlet_id is not null and station_id is null)`,
      )
      .execute();
    await db.schema.createIndex('devices_station').on('devices').column('station_id').execute();
    await db.schema.createIndex('devices_outlet').on('devices').column('outlet_id').execute();

    await db.schema
      .createTable('device_status')
      .addColumn('device_id', 'integer', (c) => c.primaryKey())
      .addColumn('last_packet_at', epoch, (c) => c.notNull())
      .addColumn('last_cn', 'text', (c) => c.notNull())
      .addColumn('last_peer', 'text')
      .addColumn('last_data_time', epoch)
      .addColumn('packets', epoch, (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .execute();

    // Key bucketed by minute first (src/ingest/value-key.ts explains why not by day), so live
    // appends of all devices stay at the right edge of the B-tree. No foreign key on device_id:
    // the hot path inserts ~10^5 rows/s, and values outlive a device removed from the registry.
    let values = db.schema
      .createTable('device_values')
      .addColumn('minute', 'integer', (c) => c.notNull())
      .addColumn('device_id', 'integer', (c) => c.notNull())
      .addColumn('cn', 'integer', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('data_time', epoch, (c) => c.notNull());
    for (const col of ['rtd', 'avg', 'min', 'max', 'zs_rtd', 'zs_avg', 'zs_min', 'zs_max', 'cou']) {
      values = values.addColumn(col, 'double precision');
    }
    values = values
      .addColumn('flag', 'text')
      .addColumn('eflag', 'text')
      .addColumn('extra', 'text')
      .addColumn('received_at', epoch, (c) => c.notNull())
      .addPrimaryKeyConstraint('device_values_pk', [
        'minute',
        'device_id',
        'cn',
        'code',
        'data_time',
      ]);
    if (dialect === 'sqlite') values = values.modifyEnd(sql`without rowid`);
    await values.execute();

    await db.schema
      .createTable('quarantine')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('received_at', epoch, (c) => c.notNull())
      .addColumn('peer', 'text', (c) => c.notNull())
      .addColumn('mn', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('st', 'text')
      .addColumn('cn', 'text')
      .addColumn('raw', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('quarantine_mn')
      .on('quarantine')
      .columns(['mn', 'received_at'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const t of ['quarantine', 'device_values', 'device_status', 'devices', 'outlets']) {
      await db.schema.dropTable(t).execute();
    }
  },
});
