/**
 * Migration 0013: CEMS hourly values (`cems_hours`, declared in src/sources/tables.ts) and
 * permitted emission amounts per enterprise or outlet, pollutant and year (`emission_permits`).
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';

/** Builds migration 0013 for a dialect. */
export const m0013Cems = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    let hours = db.schema
      .createTable('cems_hours')
      .addColumn('outlet_id', 'integer', (c) =>
        c.notNull().references('outlets.id').onDelete('cascade'),
      )
      .addColumn('pollutant', 'text', (c) => c.notNull())
      .addColumn('hour', 'bigint', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull());
    for (const col of ['avg', 'zs_device', 'zs_calc', 'o2', 'cou']) {
      hours = hours.addColumn(col, 'double precision');
    }
    hours = hours
      .addColumn('flag', 'text')
      .addColumn('valid', 'integer', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('minutes', 'integer')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('cems_hours_pk', ['outlet_id', 'pollutant', 'hour']);
    if (dialect === 'sqlite') hours = hours.modifyEnd(sql`without rowid`);
    await hours.execute();
    // What changed since a compliance refresh (src/sources/cems/compliance-cache.ts).
    await db.schema
      .createIndex('cems_hours_updated')
      .on('cems_hours')
      .column('updated_at')
      .execute();

    await db.schema
      .createTable('emission_permits')
      .addColumn('enterprise_id', 'integer', (c) =>
        c.notNull().references('enterprises.id').onDelete('cascade'),
      )
      // '' = the whole enterprise, else the outlet's code.
      .addColumn('outlet_code', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('pollutant', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('permitted_kg', 'double precision', (c) => c.notNull())
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('emission_permits_pk', [
        'enterprise_id',
        'outlet_code',
        'pollutant',
        'year',
      ])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('emission_permits').execute();
    await db.schema.dropTable('cems_hours').execute();
  },
});
