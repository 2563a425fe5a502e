/**
 * Tables of key-task dispatch (migration 0006). Definitions (departments, measures, targets,
 * milestones) are loaded from data/plans/<plan>/tasks; reports and reviews are append-only: a
 * correction is a new version, a review is a new row.
 */
import type { Generated, Selectable } from 'kysely';

/** A plan whose key tasks are loaded. */
export interface TaskPlansTable {
  plan: string;
  /** The city's adcode: the unit of city-level (全市) rows. */
  city_adcode: string;
  /** Local date the time-proportional pace starts from (the plan's issue date). */
  start_on: string;
  /** JSON [{adcode, name}]: the city (named 全市) then the units in the annex's order. */
  units_json: string;
  /** JSON {title, document, office}: the plan's title, document number and issuing office. */
  meta_json: string;
  /** Folder the definitions were loaded from. */
  source: string;
  /** SHA-256 of the compiled definitions (a reload with the same digest changes nothing). */
  digest: string;
  loaded_at: number;
  loaded_by: string;
}

/** The department registry (责任部门). */
export interface TaskDepartmentsTable {
  code: string;
  name: string;
  /** JSON array of other spellings. */
  aliases: string;
  parent_code: string | null;
  note: string | null;
  sort: number;
}

/** Measures and sub-measures of a plan's section 三. */
export interface TaskMeasuresTable {
  plan: string;
  number: string;
  parent_number: string | null;
  campaign: string;
  campaign_title: string;
  title: string;
  text: string;
  /** 1 for a measure that is reported on (no sub-measures). */
  is_leaf: number;
  units_note: string | null;
  /** Local date the time-proportional pace starts from. */
  start_on: string;
  sort: number;
  loaded_at: number;
}

/** Lead departments of a measure, in the plan's order. */
export interface TaskMeasureDepartmentsTable {
  plan: string;
  number: string;
  department_code: string;
  position: number;
}

/** Responsible units of a measure (the city's code for the city-level row). */
export interface TaskMeasureUnitsTable {
  plan: string;
  number: string;
  unit_adcode: string;
}

/** Quantitative targets. */
export interface TaskTargetsTable {
  plan: string;
  number: string;
  target_id: string;
  metric: string;
  unit: string;
  /** city | unit */
  scope: string;
  /** at-least | at-most */
  direction: string;
  value: number | null;
  max_value: number | null;
  note: string | null;
}

/** Per-unit values of unit-scope targets. */
export interface TaskTargetValuesTable {
  plan: string;
  number: string;
  target_id: string;
  unit_adcode: string;
  value: number;
}

/** Milestones. */
export interface TaskMilestonesTable {
  plan: string;
  number: string;
  milestone_id: string;
  due_on: string;
  label: string;
  target_id: string | null;
  share: number | null;
  implicit: number;
  /** JSON array of adcodes, or null for every row of the measure. */
  units: string | null;
}

/** A city target's share assigned to one unit by the city office (任务分解). */
export interface TaskAllocationsTable {
  plan: string;
  number: string;
  target_id: string;
  unit_adcode: string;
  value: number;
  set_by: string;
  set_at: number;
}

/** A file uploaded for a report; the bytes live in the BlobStore under `sha256`. */
export interface TaskUploadsTable {
  id: Generated<number>;
  sha256: string;
  filename: string;
  media_type: string;
  size: number;
  /** Audit actor of the uploader. */
  uploaded_by: string;
  uploaded_at: number;
}

/** A progress report: one version of a (measure, unit) row's progress. Never updated. */
export interface TaskReportsTable {
  id: Generated<number>;
  plan: string;
  number: string;
  unit_adcode: string;
  /** 1, 2, 3 … per (plan, number, unit). */
  version: number;
  /** The report this one corrects, if the reporter said so. */
  corrects_id: number | null;
  /** JSON object target id → cumulative value. */
  values_json: string;
  /** JSON array of checklist milestone ids done. */
  checklist_json: string;
  narrative: string;
  reporter: string;
  reporter_role: string;
  /** api | cli | excel */
  source: string;
  reported_at: number;
}

/** Files attached to a report. */
export interface TaskReportAttachmentsTable {
  report_id: number;
  upload_id: number;
  position: number;
}

/** The city office's review of a report (at most one per report). */
export interface TaskReviewsTable {
  id: Generated<number>;
  report_id: number;
  /** accept | return | request_evidence */
  decision: string;
  comment: string;
  reviewer: string;
  reviewed_at: number;
}

/** The last status recorded for each row by a status refresh (for detecting changes). */
export interface TaskStatusTable {
  plan: string;
  number: string;
  unit_adcode: string;
  status: string;
  since_on: string;
  /** The reason the row was last put in a warning notice for (reset when the status changes). */
  warned_reason: string | null;
  updated_at: number;
}

/** Warning notices (预警通知函) and reminders drafted by a refresh or on request. */
export interface TaskNoticesTable {
  id: Generated<number>;
  plan: string;
  /** warning | reminder */
  kind: string;
  /** unit | department */
  addressee_kind: string;
  addressee: string;
  on_date: string;
  title: string;
  body: string;
  facts_json: string;
  created_at: number;
  created_by: string;
}

/** Tables of the tasks domain. */
export interface TaskTables {
  task_plans: TaskPlansTable;
  task_departments: TaskDepartmentsTable;
  task_measures: TaskMeasuresTable;
  task_measure_departments: TaskMeasureDepartmentsTable;
  task_measure_units: TaskMeasureUnitsTable;
  task_targets: TaskTargetsTable;
  task_target_values: TaskTargetValuesTable;
  task_milestones: TaskMilestonesTable;
  task_allocations: TaskAllocationsTable;
  task_uploads: TaskUploadsTable;
  task_reports: TaskReportsTable;
  task_report_attachments: TaskReportAttachmentsTable;
  task_reviews: TaskReviewsTable;
  task_status: TaskStatusTable;
  task_notices: TaskNoticesTable;
}

/** A stored report. */
export type TaskReportRow = Selectable<TaskReportsTable>;
/** A stored review. */
export type TaskReviewRow = Selectable<TaskReviewsTable>;
/** A stored upload. */
export type TaskUploadRow = Selectable<TaskUploadsTable>;
/** A stored notice. */
export type TaskNoticeRow = Selectable<TaskNoticesTable>;
