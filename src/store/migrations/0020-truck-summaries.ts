/**
 * Migration 0020: what the database keeps of heavy-truck data once the raw frames live in the
 * compressed archive (src/trucks/archive): one summary row per vehicle and minute, the metrics
 * of each vehicle and day, and the judgements of the windowed rules with their evidence.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idColumn } from './columns.ts';

/** Builds migration 0020 for a dialect. */
export const m0020TruckSummaries = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const epoch = 'bigint';
    const real = 'double precision';
    let minutes = db.schema
      .createTable('truck_minutes')
      .addColumn('vehicle_id', 'integer', (c) => c.notNull())
      .addColumn('minute', epoch, (c) => c.notNull())
      .addColumn('seen_lo', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('seen_hi', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('records', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('reissued', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('engine_seconds', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('moving_seconds', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('speed_sum', real, (c) => c.notNull().defaultTo(0))
      .addColumn('speed_max', real)
      .addColumn('nox_down_sum', real, (c) => c.notNull().defaultTo(0))
      .addColumn('nox_down_n', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('nox_up_sum', real, (c) => c.notNull().defaultTo(0))
      .addColumn('nox_up_n', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('scr_in_sum', real, (c) => c.notNull().defaultTo(0))
      .addColumn('scr_in_n', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('scr_out_sum', real, (c) => c.notNull().defaultTo(0))
      .addColumn('scr_out_n', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('reagent_min', real)
      .addColumn('reagent_max', real)
      .addColumn('fuel_l', real, (c) => c.notNull().defaultTo(0))
      .addColumn('nox_g', real, (c) => c.notNull().defaultTo(0))
      .addColumn('mileage_min', real)
      .addColumn('mileage_max', real)
      .addColumn('fixes', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_lon', real)
      .addColumn('last_lat', real)
      .addColumn('flag_counts', 'text')
      .addColumn('rule_version', 'text')
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .addPrimaryKeyConstraint('truck_minutes_pk', ['vehicle_id', 'minute']);
    if (dialect === 'sqlite') minutes = minutes.modifyEnd(sql`without rowid`);
    await minutes.execute();

    let days = db.schema
      .createTable('truck_vehicle_days')
      .addColumn('vehicle_id', 'integer', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('online', 'integer', (c) => c.notNull())
      .addColumn('records', 'integer', (c) => c.notNull())
      .addColumn('engine_seconds', 'integer', (c) => c.notNull())
      .addColumn('completeness', real)
      .addColumn('packet_loss', real)
      .addColumn('mileage_km', real)
      .addColumn('fuel_l', real)
      .addColumn('nox_g', real)
      .addColumn('fixes', 'integer', (c) => c.notNull())
      .addColumn('first_at', epoch)
      .addColumn('last_at', epoch)
      .addColumn('flag_counts', 'text')
      .addColumn('judgements', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('metrics_version', 'text', (c) => c.notNull())
      .addColumn('computed_at', epoch, (c) => c.notNull())
      .addPrimaryKeyConstraint('truck_vehicle_days_pk', ['vehicle_id', 'day']);
    if (dialect === 'sqlite') days = days.modifyEnd(sql`without rowid`);
    await days.execute();
    await db.schema
      .createIndex('truck_vehicle_days_day')
      .on('truck_vehicle_days')
      .column('day')
      .execute();

    const id = idColumn(dialect);
    const pk = dialect === 'sqlite';
    await db.schema
      .createTable('truck_judgements')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('vehicle_id', 'integer', (c) => c.notNull())
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('rule_version', 'text', (c) => c.notNull())
      .addColumn('start_time', epoch, (c) => c.notNull())
      .addColumn('end_time', epoch, (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('evidence', 'text', (c) => c.notNull())
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addUniqueConstraint('truck_judgements_window', ['vehicle_id', 'rule', 'start_time'])
      .execute();
    await db.schema
      .createIndex('truck_judgements_day')
      .on('truck_judgements')
      .columns(['day', 'vehicle_id'])
      .execute();
  },
});
