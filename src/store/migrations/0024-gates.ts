/**
 * Migration 0024: the gate domain (门禁, src/gates/tables.ts) — gates per enterprise entrance with
 * their own credential, passages (idempotent on the gate's own record id) and their photos, the
 * versioned blacklist, capacity settings by warning level and the violations found.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idColumn } from './columns.ts';

async function createGates(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('gates')
    .addColumn('id', idColumn(dialect), (c) => c.primaryKey())
    .addColumn('enterprise_id', 'integer', (c) =>
      c.notNull().references('enterprises.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('lon', 'double precision')
    .addColumn('lat', 'double precision')
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_hint', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('expected_hours', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint')
    .addCheckConstraint('gates_direction', sql`direction in ('in', 'out', 'both')`)
    .execute();
  await db.schema.createIndex('gates_enterprise').on('gates').column('enterprise_id').execute();
}

async function createPassages(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('gate_passages')
    .addColumn('id', idColumn(dialect), (c) => c.primaryKey())
    .addColumn('gate_id', 'integer', (c) => c.notNull().references('gates.id').onDelete('cascade'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull())
    .addColumn('gate_record_id', 'text', (c) => c.notNull())
    .addColumn('passed_at', 'bigint', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('plate', 'text', (c) => c.notNull())
    .addColumn('plate_colour', 'text')
    .addColumn('vin', 'text')
    .addColumn('engine_no', 'text')
    .addColumn('emission_stage', 'text')
    .addColumn('fuel', 'text')
    .addColumn('registration_date', 'text')
    .addColumn('goods', 'text')
    .addColumn('quantity_t', 'double precision')
    .addColumn('fleet', 'text')
    .addColumn('manual_open', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('manual_by', 'text')
    .addColumn('manual_reason', 'text')
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('flags', 'text', (c) => c.notNull())
    .addUniqueConstraint('gate_passages_record', ['gate_id', 'gate_record_id'])
    .addCheckConstraint('gate_passages_direction', sql`direction in ('in', 'out')`)
    .execute();
  await db.schema
    .createIndex('gate_passages_enterprise_time')
    .on('gate_passages')
    .columns(['enterprise_id', 'passed_at'])
    .execute();
  await db.schema.createIndex('gate_passages_time').on('gate_passages').column('passed_at').execute();
  await db.schema
    .createIndex('gate_passages_plate')
    .on('gate_passages')
    .columns(['plate', 'passed_at'])
    .execute();
  await db.schema
    .createTable('gate_photos')
    .addColumn('passage_id', 'integer', (c) =>
      c.notNull().references('gate_passages.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('gate_photos_pk', ['passage_id', 'kind', 'sha256'])
    .execute();
  await db.schema.createIndex('gate_photos_sha').on('gate_photos').column('sha256').execute();
}

async function createBlacklist(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('gate_blacklist')
    .addColumn('id', idColumn(dialect), (c) => c.primaryKey())
    .addColumn('plate', 'text')
    .addColumn('vin', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('region_adcode', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .addColumn('removed_by', 'text')
    .addColumn('removed_at', 'bigint')
    .addCheckConstraint('gate_blacklist_subject', sql`plate is not null or vin is not null`)
    .execute();
  await db.schema.createIndex('gate_blacklist_plate').on('gate_blacklist').column('plate').execute();
  await db.schema.createIndex('gate_blacklist_vin').on('gate_blacklist').column('vin').execute();
  await db.schema
    .createTable('gate_blacklist_changes')
    .addColumn('id', idColumn(dialect), (c) => c.primaryKey())
    .addColumn('entry_id', 'integer', (c) => c.notNull().references('gate_blacklist.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'bigint', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addCheckConstraint('gate_blacklist_changes_action', sql`action in ('add', 'remove')`)
    .execute();
}

async function createRulesAndViolations(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('gate_capacity_rules')
    .addColumn('id', idColumn(dialect), (c) => c.primaryKey())
    .addColumn('enterprise_id', 'integer', (c) => c.references('enterprises.id').onDelete('cascade'))
    .addColumn('from_level', 'text', (c) => c.notNull())
    .addColumn('banned_up_to_stage', 'text')
    .addColumn('min_trucks_per_day', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('daily_truck_cap', 'integer')
    .addColumn('valid_from', 'bigint', (c) => c.notNull())
    .addColumn('valid_to', 'bigint')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('gate_capacity_level', sql`from_level in ('yellow', 'orange', 'red')`)
    .execute();
  await db.schema
    .createTable('gate_violations')
    .addColumn('id', idColumn(dialect), (c) => c.primaryKey())
    .addColumn('passage_id', 'integer', (c) =>
      c.notNull().references('gate_passages.id').onDelete('cascade'),
    )
    .addColumn('enterprise_id', 'integer', (c) => c.notNull())
    .addColumn('county_adcode', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('level', 'text')
    .addColumn('rule_version', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text')
    .addColumn('closed_at', 'bigint')
    .addColumn('findings', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('gate_violations_subject', ['passage_id', 'kind'])
    .addCheckConstraint(
      'gate_violations_kind',
      sql`kind in ('blacklisted', 'banned-stage', 'over-cap', 'manual-open')`,
    )
    .execute();
  await db.schema
    .createIndex('gate_violations_county')
    .on('gate_violations')
    .columns(['county_adcode', 'status', 'created_at'])
    .execute();
}

/** Builds migration 0024 for a dialect. */
export const m0024Gates = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await createGates(db, dialect);
    await createPassages(db, dialect);
    await createBlacklist(db, dialect);
    await createRulesAndViolations(db, dialect);
  },
});
