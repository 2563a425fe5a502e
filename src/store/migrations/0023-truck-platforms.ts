/**
 * Migration 0023: forwarding platforms (enterprise / vendor platforms that forward many
 * vehicles' frames over one connection after a `~~` platform login) and the per-vehicle SM2
 * public key of the terminal's security chip (verifies activation and signed real-time data).
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idColumn } from './columns.ts';

/** Builds migration 0023 for a dialect. */
export const m0023TruckPlatforms = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('truck_platforms')
      .addColumn('id', idColumn(dialect), (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('region_adcode', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('last_login_at', 'bigint')
      .addColumn('last_login_peer', 'text')
      .execute();
    await db.schema.alterTable('truck_vehicles').addColumn('sign_key', 'text').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('truck_vehicles').dropColumn('sign_key').execute();
    await db.schema.dropTable('truck_platforms').execute();
  },
});
