/**
 * Migration 0015: electricity sub-metering (分表计电) and LDAR (泄漏检测与修复).
 *
 * - power_meters and power_readings, as declared in src/sources/tables.ts (their interfaces came
 *   with 0012; the tables are created here). Readings are keyed (meter_id, time): a meter's range
 *   is one seek, and a re-sent or re-projected reading is an upsert that changes nothing.
 * - power_projection: the watermark of the projector that turns HJ 212 device values of mapped
 *   loggers into power readings (src/sources/power/power-projector.ts).
 * - ldar_rounds: LDAR survey rounds per enterprise (src/sources/ldar/).
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idColumn } from './columns.ts';

/** Builds migration 0015 for a dialect. */
export const m0015PowerLdar = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const epoch = 'bigint';
    const id = idColumn(dialect);
    const pk = dialect === 'sqlite';
    await db.schema
      .createTable('power_meters')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('enterprise_id', 'integer', (c) =>
        c.notNull().references('enterprises.id').onDelete('cascade'),
      )
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('line_id', 'integer', (c) =>
        c.references('production_lines.id').onDelete('set null'),
      )
      .addColumn('facility_id', 'integer', (c) =>
        c.references('control_facilities.id').onDelete('set null'),
      )
      .addColumn('device_mn', 'text')
      .addColumn('device_code', 'text')
      .addColumn('factor', 'double precision', (c) => c.notNull().defaultTo(1))
      .addColumn('running_kw', 'double precision', (c) => c.notNull())
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .addUniqueConstraint('power_meters_code', ['enterprise_id', 'code'])
      .addCheckConstraint('power_meters_role', sql`role in ('production', 'treatment')`)
      .execute();
    await db.schema
      .createIndex('power_meters_device')
      .on('power_meters')
      .columns(['device_mn', 'device_code'])
      .unique()
      .execute();

    let readings = db.schema
      .createTable('power_readings')
      .addColumn('meter_id', 'integer', (c) =>
        c.notNull().references('power_meters.id').onDelete('cascade'),
      )
      .addColumn('time', epoch, (c) => c.notNull())
      .addColumn('kw', 'double precision', (c) => c.notNull())
      .addColumn('kwh', 'double precision')
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('received_at', epoch, (c) => c.notNull())
      .addPrimaryKeyConstraint('power_readings_pk', ['meter_id', 'time']);
    if (dialect === 'sqlite') readings = readings.modifyEnd(sql`without rowid`);
    await readings.execute();

    await db.schema
      .createTable('power_projection')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('watermark', epoch, (c) => c.notNull())
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('ldar_rounds')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('enterprise_id', 'integer', (c) =>
        c.notNull().references('enterprises.id').onDelete('cascade'),
      )
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('period_from', 'text', (c) => c.notNull())
      .addColumn('period_to', 'text', (c) => c.notNull())
      .addColumn('components', 'integer', (c) => c.notNull())
      .addColumn('leaks', 'integer', (c) => c.notNull())
      .addColumn('repaired_on_time', 'integer', (c) => c.notNull())
      .addColumn('repaired_late', 'integer', (c) => c.notNull())
      .addColumn('unrepaired', 'integer', (c) => c.notNull())
      .addColumn('notes', 'text')
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .addUniqueConstraint('ldar_rounds_key', ['enterprise_id', 'year', 'round'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const t of ['ldar_rounds', 'power_projection', 'power_readings', 'power_meters'])
      await db.schema.dropTable(t).execute();
  },
});
