/**
 * Migration 0012: the enterprise registry (enterprises, production lines, control facilities),
 * outlets linked to enterprises and lines, and per-outlet emission limits. Existing outlet rows
 * are kept as they are (their `enterprise` name stays; enterprise_id is set when linked).
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idColumn } from './columns.ts';

/** Builds migration 0012 for a dialect. */
export const m0012Sources = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const epoch = 'bigint';
    const id = idColumn(dialect);
    const pk = dialect === 'sqlite';
    await db.schema
      .createTable('enterprises')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('credit_code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('region_adcode', 'text', (c) => c.notNull().references('regions.adcode'))
      .addColumn('address', 'text')
      .addColumn('lon', 'double precision')
      .addColumn('lat', 'double precision')
      .addColumn('industry', 'text', (c) => c.notNull())
      .addColumn('categories', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('grade', 'text')
      .addColumn('grade_edition', 'text')
      .addColumn('grade_date', 'text')
      .addColumn('positive_list', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('positive_reason', 'text')
      .addColumn('positive_until', 'text')
      .addColumn('guarantee', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('guarantee_reason', 'text')
      .addColumn('guarantee_until', 'text')
      .addColumn('key_discharger', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('simulated', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('enterprises_region')
      .on('enterprises')
      .columns(['region_adcode', 'industry'])
      .execute();

    await db.schema
      .createTable('production_lines')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('enterprise_id', 'integer', (c) =>
        c.notNull().references('enterprises.id').onDelete('cascade'),
      )
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('process', 'text')
      .addColumn('capacity', 'text')
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .addUniqueConstraint('production_lines_code', ['enterprise_id', 'code'])
      .execute();

    await db.schema
      .createTable('control_facilities')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('enterprise_id', 'integer', (c) =>
        c.notNull().references('enterprises.id').onDelete('cascade'),
      )
      .addColumn('line_id', 'integer', (c) =>
        c.references('production_lines.id').onDelete('set null'),
      )
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .addUniqueConstraint('control_facilities_code', ['enterprise_id', 'code'])
      .execute();

    // Outlets gain their place in the model; rows of 0003 keep every column they had.
    const outletColumns: [string, 'integer' | 'double precision' | 'text', string?][] = [
      ['enterprise_id', 'integer', 'enterprises.id'],
      ['line_id', 'integer', 'production_lines.id'],
      ['height_m', 'double precision'],
      ['ref_o2', 'double precision'],
    ];
    for (const [name, type, ref] of outletColumns) {
      await db.schema
        .alterTable('outlets')
        .addColumn(name, type, (c) => (ref ? c.references(ref) : c))
        .execute();
    }
    await db.schema
      .alterTable('outlets')
      .addColumn('kind', 'text', (c) => c.notNull().defaultTo('flue_gas'))
      .execute();
    await db.schema
      .alterTable('outlets')
      .addColumn('pollutants', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    await db.schema
      .alterTable('outlets')
      .addColumn('must_report', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .createIndex('outlets_enterprise')
      .on('outlets')
      .column('enterprise_id')
      .execute();

    await db.schema
      .createTable('outlet_limits')
      .addColumn('outlet_id', 'integer', (c) =>
        c.notNull().references('outlets.id').onDelete('cascade'),
      )
      .addColumn('pollutant', 'text', (c) => c.notNull())
      .addColumn('limit_mg_m3', 'double precision', (c) => c.notNull())
      .addColumn('ref_o2', 'double precision')
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .addPrimaryKeyConstraint('outlet_limits_pk', ['outlet_id', 'pollutant'])
      .addCheckConstraint('outlet_limits_positive', sql`limit_mg_m3 > 0`)
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('outlet_limits').execute();
    await db.schema.dropIndex('outlets_enterprise').execute();
    for (const c of [
      'must_report',
      'pollutants',
      'kind',
      'ref_o2',
      'height_m',
      'line_id',
      'enterprise_id',
    ]) {
      await db.schema.alterTable('outlets').dropColumn(c).execute();
    }
    for (const t of ['control_facilities', 'production_lines', 'enterprises']) {
      await db.schema.dropTable(t).execute();
    }
  },
});
