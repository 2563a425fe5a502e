/**
 * Migration 0010: per-device link settings (line end, clock sync, automatic history requests)
 * and the log of commands sent to devices (HJ 212 downlink).
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idColumn } from './columns.ts';

/** Builds migration 0010 for a dialect. */
export const m0010DeviceLink = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const epoch = 'bigint';
    const id = idColumn(dialect);
    const pk = dialect === 'sqlite';
    // 'any': a frame complete by length and CRC is complete; 'crlf': CR LF is demanded.
    await db.schema
      .alterTable('devices')
      .addColumn('line_end', 'text', (c) => c.notNull().defaultTo('any'))
      .execute();
    // 'off' | 'auto': set the logger's clock (CN 1012) when it drifts beyond the threshold.
    await db.schema
      .alterTable('devices')
      .addColumn('clock_sync', 'text', (c) => c.notNull().defaultTo('off'))
      .execute();
    // 'auto' | 'off': request missing hours (CN 2061) after a gap.
    await db.schema
      .alterTable('devices')
      .addColumn('backfill', 'text', (c) => c.notNull().defaultTo('auto'))
      .execute();

    await db.schema
      .createTable('device_commands')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('device_id', 'integer', (c) => c.notNull())
      .addColumn('mn', 'text', (c) => c.notNull())
      .addColumn('cn', 'text', (c) => c.notNull())
      .addColumn('qn', 'text', (c) => c.notNull())
      .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('actor', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addColumn('sent_at', epoch)
      .addColumn('answered_at', epoch)
      .addColumn('answer', 'text')
      .addColumn('detail', 'text')
      .execute();
    await db.schema
      .createIndex('device_commands_device')
      .on('device_commands')
      .columns(['device_id', 'created_at'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('device_commands').execute();
    for (const c of ['backfill', 'clock_sync', 'line_end']) {
      await db.schema.alterTable('devices').dropColumn(c).execute();
    }
  },
});
