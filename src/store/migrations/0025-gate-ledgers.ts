/**
 * Migration 0025: the gate operations side (src/gates/ledgers/tables.ts) — the ledgers of
 * hand-entered transport vehicles, in-plant vehicles and non-road machinery per enterprise, the
 * hours a gate sent a heartbeat, and the retention job's log.
 */
import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idColumn } from './columns.ts';

const enterpriseColumn = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
  c.notNull().references('enterprises.id').onDelete('cascade');

async function createLedgers(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('gate_ledger_vehicles')
    .addColumn('id', idColumn(dialect), (c) => c.primaryKey())
    .addColumn('enterprise_id', 'integer', enterpriseColumn)
    .addColumn('plate', 'text', (c) => c.notNull())
    .addColumn('plate_colour', 'text')
    .addColumn('vin', 'text')
    .addColumn('engine_no', 'text')
    .addColumn('emission_stage', 'text')
    .addColumn('fuel', 'text')
    .addColumn('registration_date', 'text')
    .addColumn('fleet', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('gate_ledger_vehicles_plate', ['enterprise_id', 'plate'])
    .execute();
  await db.schema
    .createTable('gate_inplant_vehicles')
    .addColumn('id', idColumn(dialect), (c) => c.primaryKey())
    .addColumn('enterprise_id', 'integer', enterpriseColumn)
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('registration_date', 'text')
    .addColumn('vin', 'text')
    .addColumn('engine_no', 'text')
    .addColumn('emission_stage', 'text', (c) => c.notNull())
    .addColumn('fuel', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('gate_inplant_vehicles_code', ['enterprise_id', 'code'])
    .execute();
  await db.schema
    .createTable('gate_machinery')
    .addColumn('id', idColumn(dialect), (c) => c.primaryKey())
    .addColumn('enterprise_id', 'integer', enterpriseColumn)
    .addColumn('registration_code', 'text', (c) => c.notNull())
    .addColumn('production_date', 'text')
    .addColumn('emission_stage', 'text', (c) => c.notNull())
    .addColumn('machine_code', 'text')
    .addColumn('fuel', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('gate_machinery_code', ['enterprise_id', 'registration_code'])
    .execute();
}

async function createOperations(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('gate_seen_hours')
    .addColumn('gate_id', 'integer', (c) => c.notNull().references('gates.id').onDelete('cascade'))
    .addColumn('hour_start', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('gate_seen_hours_pk', ['gate_id', 'hour_start'])
    .execute();
  await db.schema
    .createTable('gate_retention_runs')
    .addColumn('id', idColumn(dialect), (c) => c.primaryKey())
    .addColumn('ran_at', 'bigint', (c) => c.notNull())
    .addColumn('passage_cutoff', 'bigint', (c) => c.notNull())
    .addColumn('photo_cutoff', 'bigint', (c) => c.notNull())
    .addColumn('passages_removed', 'integer', (c) => c.notNull())
    .addColumn('photo_rows_removed', 'integer', (c) => c.notNull())
    .addColumn('files_removed', 'integer', (c) => c.notNull())
    .addColumn('bytes_removed', 'bigint', (c) => c.notNull())
    .addColumn('passages_held', 'integer', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .execute();
}

/** Builds migration 0025 for a dialect. */
export const m0025GateLedgers = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await createLedgers(db, dialect);
    await createOperations(db, dialect);
  },
});
