/** Migration 0006: key-task dispatch — departments, measures, reports, reviews (src/tasks/tables.ts). */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idColumn } from './columns.ts';

const TABLES = [
  'task_notices',
  'task_status',
  'task_reviews',
  'task_report_attachments',
  'task_reports',
  'task_uploads',
  'task_allocations',
  'task_milestones',
  'task_target_values',
  'task_targets',
  'task_measure_units',
  'task_measure_departments',
  'task_measures',
  'task_departments',
  'task_plans',
];

/** Builds migration 0006 for a dialect. */
export const m0006Tasks = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const epoch = 'bigint';
    const real = 'double precision';
    const serial = (t: string) =>
      db.schema
        .createTable(t)
        .addColumn('id', idColumn(dialect), (c) =>
          dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        );

    await db.schema
      .createTable('task_plans')
      .addColumn('plan', 'text', (c) => c.primaryKey())
      .addColumn('city_adcode', 'text', (c) => c.notNull())
      .addColumn('start_on', 'text', (c) => c.notNull())
      .addColumn('units_json', 'text', (c) => c.notNull())
      .addColumn('meta_json', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('digest', 'text', (c) => c.notNull())
      .addColumn('loaded_at', epoch, (c) => c.notNull())
      .addColumn('loaded_by', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('task_departments')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('parent_code', 'text')
      .addColumn('note', 'text')
      .addColumn('sort', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('task_measures')
      .addColumn('plan', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('parent_number', 'text')
      .addColumn('campaign', 'text', (c) => c.notNull())
      .addColumn('campaign_title', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('is_leaf', 'integer', (c) => c.notNull())
      .addColumn('units_note', 'text')
      .addColumn('start_on', 'text', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull())
      .addColumn('loaded_at', epoch, (c) => c.notNull())
      .addPrimaryKeyConstraint('task_measures_pk', ['plan', 'number'])
      .execute();

    await db.schema
      .createTable('task_measure_departments')
      .addColumn('plan', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('department_code', 'text', (c) => c.notNull().references('task_departments.code'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('task_measure_departments_pk', ['plan', 'number', 'department_code'])
      .execute();
    await db.schema
      .createIndex('task_measure_departments_dept')
      .on('task_measure_departments')
      .column('department_code')
      .execute();

    await db.schema
      .createTable('task_measure_units')
      .addColumn('plan', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('unit_adcode', 'text', (c) => c.notNull().references('regions.adcode'))
      .addPrimaryKeyConstraint('task_measure_units_pk', ['plan', 'number', 'unit_adcode'])
      .execute();

    await db.schema
      .createTable('task_targets')
      .addColumn('plan', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('value', real)
      .addColumn('max_value', real)
      .addColumn('note', 'text')
      .addPrimaryKeyConstraint('task_targets_pk', ['plan', 'number', 'target_id'])
      .execute();

    await db.schema
      .createTable('task_target_values')
      .addColumn('plan', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('unit_adcode', 'text', (c) => c.notNull())
      .addColumn('value', real, (c) => c.notNull())
      .addPrimaryKeyConstraint('task_target_values_pk', [
        'plan',
        'number',
        'target_id',
        'unit_adcode',
      ])
      .execute();

    await db.schema
      .createTable('task_milestones')
      .addColumn('plan', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('milestone_id', 'text', (c) => c.notNull())
      .addColumn('due_on', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text')
      .addColumn('share', real)
      .addColumn('implicit', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('units', 'text')
      .addPrimaryKeyConstraint('task_milestones_pk', ['plan', 'number', 'milestone_id'])
      .execute();

    await db.schema
      .createTable('task_allocations')
      .addColumn('plan', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('unit_adcode', 'text', (c) => c.notNull())
      .addColumn('value', real, (c) => c.notNull())
      .addColumn('set_by', 'text', (c) => c.notNull())
      .addColumn('set_at', epoch, (c) => c.notNull())
      .addPrimaryKeyConstraint('task_allocations_pk', [
        'plan',
        'number',
        'target_id',
        'unit_adcode',
      ])
      .execute();

    await serial('task_uploads')
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('size', epoch, (c) => c.notNull())
      .addColumn('uploaded_by', 'text', (c) => c.notNull())
      .addColumn('uploaded_at', epoch, (c) => c.notNull())
      .execute();

    await serial('task_reports')
      .addColumn('plan', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('unit_adcode', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('corrects_id', 'integer')
      .addColumn('values_json', 'text', (c) => c.notNull())
      .addColumn('checklist_json', 'text', (c) => c.notNull())
      .addColumn('narrative', 'text', (c) => c.notNull())
      .addColumn('reporter', 'text', (c) => c.notNull())
      .addColumn('reporter_role', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('reported_at', epoch, (c) => c.notNull())
      .addUniqueConstraint('task_reports_row_version', ['plan', 'number', 'unit_adcode', 'version'])
      .execute();

    await db.schema
      .createTable('task_report_attachments')
      .addColumn('report_id', 'integer', (c) => c.notNull().references('task_reports.id'))
      .addColumn('upload_id', 'integer', (c) => c.notNull().references('task_uploads.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('task_report_attachments_pk', ['report_id', 'upload_id'])
      .execute();

    await serial('task_reviews')
      .addColumn('report_id', 'integer', (c) => c.notNull().unique().references('task_reports.id'))
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('comment', 'text', (c) => c.notNull())
      .addColumn('reviewer', 'text', (c) => c.notNull())
      .addColumn('reviewed_at', epoch, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('task_status')
      .addColumn('plan', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('unit_adcode', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('since_on', 'text', (c) => c.notNull())
      .addColumn('warned_reason', 'text')
      .addColumn('updated_at', epoch, (c) => c.notNull())
      .addPrimaryKeyConstraint('task_status_pk', ['plan', 'number', 'unit_adcode'])
      .execute();

    await serial('task_notices')
      .addColumn('plan', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('addressee_kind', 'text', (c) => c.notNull())
      .addColumn('addressee', 'text', (c) => c.notNull())
      .addColumn('on_date', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('facts_json', 'text', (c) => c.notNull())
      .addColumn('created_at', epoch, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addUniqueConstraint('task_notices_once', [
        'plan',
        'kind',
        'addressee_kind',
        'addressee',
        'on_date',
      ])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const t of TABLES) await db.schema.dropTable(t).execute();
  },
});
