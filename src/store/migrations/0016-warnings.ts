/**
 * Migration 0016: heavy-pollution warnings (src/warnings/tables.ts, docs/warnings.md): forecast
 * versions and days, episodes, decisions, confirmations, the emergency-measure matrix and
 * per-enterprise overrides, emergency-reduction lists and their items, and episode violations.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idColumn } from './columns.ts';

/** Builds migration 0016 for a dialect. */
export const m0016Warnings = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const epoch = 'bigint';
    const id = idColumn(dialect);
    const pk = dialect === 'sqlite';
    const level = (column: string) => sql`${sql.ref(column)} in ('yellow', 'orange', 'red')`;

    await db.schema
      .createTable('forecast_versions')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('region_adcode', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('issued', 'text', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('first_day', 'text', (c) => c.notNull())
      .addColumn('last_day', 'text', (c) => c.notNull())
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addUniqueConstraint('forecast_versions_number', ['region_adcode', 'version'])
      .addCheckConstraint('forecast_versions_origin', sql`origin in ('manual', 'import', 'api')`)
      .execute();

    let days = db.schema
      .createTable('forecast_days')
      .addColumn('version_id', 'integer', (c) =>
        c.notNull().references('forecast_versions.id').onDelete('cascade'),
      )
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('aqi', 'integer', (c) => c.notNull())
      .addColumn('aqi_low', 'integer')
      .addColumn('primary', 'text', (c) => c.notNull())
      .addColumn('cause', 'text')
      .addColumn('rolling24h_aqi', 'integer')
      .addPrimaryKeyConstraint('forecast_days_pk', ['version_id', 'date'])
      .addCheckConstraint('forecast_days_aqi', sql`aqi between 0 and 500`);
    if (dialect === 'sqlite') days = days.modifyEnd(sql`without rowid`);
    await days.execute();

    await db.schema
      .createTable('warning_episodes')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('region_adcode', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('peak_level', 'text', (c) => c.notNull())
      .addColumn('response', 'text', (c) => c.notNull())
      .addColumn('from_date', 'text', (c) => c.notNull())
      .addColumn('to_date', 'text')
      .addColumn('level_since', 'text', (c) => c.notNull())
      .addColumn('lifted_on', 'text')
      .addColumn('edition', 'text', (c) => c.notNull())
      .addColumn('forecast_version_id', 'integer', (c) => c.references('forecast_versions.id'))
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .addCheckConstraint('warning_episodes_status', sql`status in ('active', 'lifted')`)
      .addCheckConstraint('warning_episodes_level', level('level'))
      .addCheckConstraint('warning_episodes_peak', level('peak_level'))
      .addCheckConstraint('warning_episodes_response', sql`response in ('industrial', 'advice')`)
      .execute();
    await db.schema
      .createIndex('warning_episodes_region')
      .on('warning_episodes')
      .columns(['region_adcode', 'status'])
      .execute();

    await db.schema
      .createTable('warning_decisions')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('episode_id', 'integer', (c) =>
        c.notNull().references('warning_episodes.id').onDelete('cascade'),
      )
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('from_date', 'text', (c) => c.notNull())
      .addColumn('to_date', 'text')
      .addColumn('forecast_version_id', 'integer', (c) => c.references('forecast_versions.id'))
      .addColumn('edition', 'text')
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('override_reason', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('notice_number', 'text', (c) => c.notNull().unique())
      .addColumn('notice_blob', 'text')
      .addColumn('decided_by', 'text', (c) => c.notNull())
      .addColumn('decided_at', epoch, (c) => c.notNull())
      .addUniqueConstraint('warning_decisions_seq', ['episode_id', 'seq'])
      .addCheckConstraint(
        'warning_decisions_action',
        sql`action in ('issue', 'upgrade', 'downgrade', 'extend', 'lift')`,
      )
      .addCheckConstraint('warning_decisions_basis', sql`basis in ('supported', 'overridden')`)
      .execute();

    await db.schema
      .createTable('warning_confirmations')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('decision_id', 'integer', (c) =>
        c.notNull().references('warning_decisions.id').onDelete('cascade'),
      )
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('confirmed_by', 'text', (c) => c.notNull())
      .addColumn('confirmed_at', epoch, (c) => c.notNull())
      .addColumn('note', 'text')
      .addUniqueConstraint('warning_confirmations_unit', ['decision_id', 'unit'])
      .execute();

    await db.schema
      .createTable('emergency_matrix_cells')
      .addColumn('industry', 'text', (c) => c.notNull())
      .addColumn('grade', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('measures', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .addPrimaryKeyConstraint('emergency_matrix_cells_pk', ['industry', 'grade', 'level'])
      .addCheckConstraint('emergency_matrix_cells_level', level('level'))
      .execute();

    await db.schema
      .createTable('emergency_overrides')
      .addColumn('enterprise_id', 'integer', (c) =>
        c.notNull().references('enterprises.id').onDelete('cascade'),
      )
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('measures', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .addPrimaryKeyConstraint('emergency_overrides_pk', ['enterprise_id', 'level'])
      .addCheckConstraint('emergency_overrides_level', level('level'))
      .execute();

    await db.schema
      .createTable('emergency_lists')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('region_adcode', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('totals', 'text', (c) => c.notNull())
      .addColumn('shortfall_overridden', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('override_reason', 'text')
      .addColumn('generated_by', 'text', (c) => c.notNull())
      .addColumn('generated_at', epoch, (c) => c.notNull())
      .addColumn('published_by', 'text')
      .addColumn('published_at', epoch)
      .addUniqueConstraint('emergency_lists_version', ['region_adcode', 'level', 'kind', 'version'])
      .addCheckConstraint('emergency_lists_level', level('level'))
      .addCheckConstraint('emergency_lists_kind', sql`kind in ('industrial', 'voc-stagger')`)
      .addCheckConstraint(
        'emergency_lists_status',
        sql`status in ('draft', 'published', 'superseded')`,
      )
      .execute();

    let items = db.schema
      .createTable('emergency_list_items')
      .addColumn('list_id', 'integer', (c) =>
        c.notNull().references('emergency_lists.id').onDelete('cascade'),
      )
      .addColumn('enterprise_id', 'integer', (c) =>
        c.notNull().references('enterprises.id').onDelete('cascade'),
      )
      .addColumn('measures', 'text', (c) => c.notNull())
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('baseline', 'text', (c) => c.notNull())
      .addColumn('expected', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('emergency_list_items_pk', ['list_id', 'enterprise_id']);
    if (dialect === 'sqlite') items = items.modifyEnd(sql`without rowid`);
    await items.execute();

    await db.schema
      .createTable('warning_violations')
      .addColumn('id', id, (c) => (pk ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('episode_id', 'integer', (c) =>
        c.notNull().references('warning_episodes.id').onDelete('cascade'),
      )
      .addColumn('enterprise_id', 'integer', (c) =>
        c.notNull().references('enterprises.id').onDelete('cascade'),
      )
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('subject_key', 'text', (c) => c.notNull())
      .addColumn('window_from', epoch, (c) => c.notNull())
      .addColumn('window_to', epoch, (c) => c.notNull())
      .addColumn('evidence', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('assigned_to', 'text')
      .addColumn('assigned_by', 'text')
      .addColumn('assigned_at', epoch)
      .addColumn('findings', 'text')
      .addColumn('closed_by', 'text')
      .addColumn('closed_at', epoch)
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .addUniqueConstraint('warning_violations_subject', ['episode_id', 'subject_key'])
      .addCheckConstraint(
        'warning_violations_kind',
        sql`kind in ('not-cutting', 'line-running', 'banned-truck')`,
      )
      .addCheckConstraint(
        'warning_violations_status',
        sql`status in ('open', 'assigned', 'closed')`,
      )
      .execute();
  },
});
