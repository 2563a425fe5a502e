/** Migration 0005: accounts, sessions, API tokens and sign-in failures (src/auth/tables.ts). */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idColumn } from './columns.ts';

/** Builds migration 0005 for a dialect. */
export const m0005Auth = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const id = idColumn(dialect);
    const epoch = 'bigint';
    await db.schema
      .createTable('users')
      .addColumn('id', id, (c) =>
        dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
      )
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('region_adcode', 'text', (c) => c.references('regions.adcode'))
      .addColumn('department', 'text')
      .addColumn('enterprise', 'text')
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .addColumn('password_changed_at', epoch, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('auth_sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addColumn('last_seen_at', epoch, (c) => c.notNull())
      .addColumn('expires_at', epoch, (c) => c.notNull())
      .addColumn('revoked_at', epoch)
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .execute();
    await db.schema
      .createIndex('auth_sessions_user')
      .on('auth_sessions')
      .column('user_id')
      .execute();

    await db.schema
      .createTable('auth_tokens')
      .addColumn('id', id, (c) =>
        dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
      )
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('hint', 'text', (c) => c.notNull())
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('expires_at', epoch)
      .addColumn('last_used_at', epoch)
      .addColumn('revoked_at', epoch)
      .execute();
    await db.schema.createIndex('auth_tokens_user').on('auth_tokens').column('user_id').execute();

    await db.schema
      .createTable('auth_login_failures')
      .addColumn('id', id, (c) =>
        dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
      )
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('at', epoch, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('auth_login_failures_key_at')
      .on('auth_login_failures')
      .columns(['key', 'at'])
      .execute();
    await db.schema
      .createIndex('auth_login_failures_at')
      .on('auth_login_failures')
      .column('at')
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const t of ['auth_login_failures', 'auth_tokens', 'auth_sessions', 'users']) {
      await db.schema.dropTable(t).execute();
    }
  },
});
