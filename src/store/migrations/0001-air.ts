/** Migration 0001: regions, stations, data sources, hourly readings, station-day statistics. */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idColumn } from './columns.ts';

/** Builds migration 0001 for a dialect. */
export const m0001Air = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const epoch = 'bigint';
    await db.schema
      .createTable('regions')
      .addColumn('adcode', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('parent_adcode', 'text', (c) => c.references('regions.adcode'))
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Asia/Shanghai'))
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('regions_parent').on('regions').column('parent_adcode').execute();

    await db.schema
      .createTable('stations')
      .addColumn('id', idColumn(dialect), (c) =>
        dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
      )
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('region_adcode', 'text', (c) => c.notNull().references('regions.adcode'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull().defaultTo('assessment'))
      .addColumn('lon', 'double precision')
      .addColumn('lat', 'double precision')
      .addColumn('pollutants', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('stations_region').on('stations').column('region_adcode').execute();

    await db.schema
      .createTable('data_sources')
      .addColumn('id', idColumn(dialect), (c) =>
        dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
      )
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('detail', 'text')
      .addColumn('created_at', epoch, (c) => c.notNull())
      .execute();

    // Key (day, station, pollutant, hour), day = floor(hour / 86 400 000): data arrive in time
    // order, so inserts land in the last day's bucket at the right edge of the B-tree (as with a
    // time-first key), while one station's hours stay one seek per day apart for queries.
    // bench/reading-keys.ts measures this against time-first and station-first keys.
    let readings = db.schema
      .createTable('readings')
      .addColumn('day', 'integer', (c) => c.notNull())
      .addColumn('hour', epoch, (c) => c.notNull())
      .addColumn('station_id', 'integer', (c) => c.notNull())
      .addColumn('pollutant', 'text', (c) => c.notNull())
      .addColumn('value', 'double precision', (c) => c.notNull())
      .addColumn('flag', 'text')
      .addColumn('source_id', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('readings_pk', ['day', 'station_id', 'pollutant', 'hour']);
    if (dialect === 'sqlite') readings = readings.modifyEnd(sql`without rowid`);
    await readings.execute();

    let daily = db.schema
      .createTable('station_daily')
      .addColumn('station_id', 'integer', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull());
    for (const col of ['so2', 'no2', 'pm10', 'pm2_5', 'co', 'o3_1h', 'o3_8h']) {
      daily = daily.addColumn(col, 'double precision');
    }
    for (const col of ['so2_n', 'no2_n', 'pm10_n', 'pm2_5_n', 'co_n', 'o3_1h_n', 'o3_8h_n']) {
      daily = daily.addColumn(col, 'integer', (c) => c.notNull().defaultTo(0));
    }
    daily = daily
      .addColumn('computed_at', epoch, (c) => c.notNull())
      .addPrimaryKeyConstraint('station_daily_pk', ['station_id', 'day']);
    if (dialect === 'sqlite') daily = daily.modifyEnd(sql`without rowid`);
    await daily.execute();

    await db.schema
      .createTable('import_issues')
      .addColumn('id', idColumn(dialect), (c) =>
        dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
      )
      .addColumn('source_id', 'integer', (c) => c.notNull())
      .addColumn('file', 'text', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('field', 'text')
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('import_issues_source')
      .on('import_issues')
      .column('source_id')
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const t of [
      'import_issues',
      'station_daily',
      'readings',
      'data_sources',
      'stations',
      'regions',
    ]) {
      await db.schema.dropTable(t).execute();
    }
  },
});
