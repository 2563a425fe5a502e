/** Progress reports, reviews, uploads and allocations in the store: plain rows in and out. */
import type { Insertable, Kysely } from 'kysely';
import type { Db } from '../store/db.ts';
import type { DatabaseSchema } from '../store/schema.ts';
import { allocationKey, type Allocations } from './rules/row-plan.ts';
import type { ReportFact, ReviewDecision } from './rules/status-rules.ts';
import type {
  TaskReportRow,
  TaskReportsTable,
  TaskReviewRow,
  TaskUploadRow,
  TaskUploadsTable,
} from './tables.ts';

type K = Kysely<DatabaseSchema>;
const kOf = (db: Db | K): K => ('kysely' in db ? db.kysely : db);

/** A report row with its review (if any). */
export interface ReportWithReview extends TaskReportRow {
  review: TaskReviewRow | null;
}

/** Stores an upload's record; returns its id. */
export async function insertUpload(k: K, row: Insertable<TaskUploadsTable>): Promise<number> {
  const r = await k
    .insertInto('task_uploads')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Uploads by id. */
export async function findUploads(db: Db | K, ids: readonly number[]): Promise<TaskUploadRow[]> {
  if (ids.length === 0) return [];
  return kOf(db)
    .selectFrom('task_uploads')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

/** The version the next report of a row gets. */
export async function nextVersion(
  k: K,
  plan: string,
  number: string,
  unit: string,
): Promise<number> {
  const r = await k
    .selectFrom('task_reports')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('plan', '=', plan)
    .where('number', '=', number)
    .where('unit_adcode', '=', unit)
    .executeTakeFirst();
  return Number(r?.v ?? 0) + 1;
}

/** Stores a report with its attachments; returns its id. */
export async function insertReport(
  k: K,
  row: Insertable<TaskReportsTable>,
  uploadIds: readonly number[],
): Promise<number> {
  const r = await k
    .insertInto('task_reports')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  if (uploadIds.length > 0)
    await k
      .insertInto('task_report_attachments')
      .values(uploadIds.map((u, i) => ({ report_id: r.id, upload_id: u, position: i })))
      .execute();
  return r.id;
}

/** Stores a review. */
export async function insertReview(
  k: K,
  reportId: number,
  decision: ReviewDecision,
  comment: string,
  reviewer: string,
  at: number,
): Promise<number> {
  const r = await k
    .insertInto('task_reviews')
    .values({ report_id: reportId, decision, comment, reviewer, reviewed_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Filters of a report listing. */
export interface ReportQuery {
  plan: string;
  number?: string | undefined;
  numbers?: readonly string[] | undefined;
  unit?: string | undefined;
  units?: readonly string[] | undefined;
  limit?: number | undefined;
}

/** Reports with their reviews, oldest first. */
export async function listReports(db: Db | K, q: ReportQuery): Promise<ReportWithReview[]> {
  let sel = kOf(db)
    .selectFrom('task_reports as r')
    .leftJoin('task_reviews as v', 'v.report_id', 'r.id')
    .selectAll('r')
    .select(['v.id as review_id', 'v.decision', 'v.comment', 'v.reviewer', 'v.reviewed_at'])
    .where('r.plan', '=', q.plan)
    .orderBy('r.id');
  if (q.number) sel = sel.where('r.number', '=', q.number);
  if (q.numbers)
    sel = q.numbers.length
      ? sel.where('r.number', 'in', [...q.numbers])
      : sel.where('r.id', '<', 0);
  if (q.unit) sel = sel.where('r.unit_adcode', '=', q.unit);
  if (q.units)
    sel = q.units.length
      ? sel.where('r.unit_adcode', 'in', [...q.units])
      : sel.where('r.id', '<', 0);
  if (q.limit) sel = sel.limit(q.limit);
  const rows = await sel.execute();
  return rows.map(({ review_id, decision, comment, reviewer, reviewed_at, ...r }) => ({
    ...r,
    review:
      review_id === null
        ? null
        : {
            id: review_id,
            report_id: r.id,
            decision: decision!,
            comment: comment!,
            reviewer: reviewer!,
            reviewed_at: reviewed_at!,
          },
  }));
}

/** One report with its review, or undefined. */
export async function findReport(db: Db | K, id: number): Promise<ReportWithReview | undefined> {
  const k = kOf(db);
  const r = await k.selectFrom('task_reports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  const review = await k
    .selectFrom('task_reviews')
    .selectAll()
    .where('report_id', '=', id)
    .executeTakeFirst();
  return { ...r, review: review ?? null };
}

/** The latest version of a row, or undefined. */
export async function latestReport(
  db: Db | K,
  plan: string,
  number: string,
  unit: string,
): Promise<TaskReportRow | undefined> {
  return kOf(db)
    .selectFrom('task_reports')
    .selectAll()
    .where('plan', '=', plan)
    .where('number', '=', number)
    .where('unit_adcode', '=', unit)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Attachments of reports: report id → uploads in order. */
export async function attachmentsOf(
  db: Db | K,
  reportIds: readonly number[],
): Promise<Map<number, TaskUploadRow[]>> {
  const out = new Map<number, TaskUploadRow[]>();
  if (reportIds.length === 0) return out;
  const rows = await kOf(db)
    .selectFrom('task_report_attachments as a')
    .innerJoin('task_uploads as u', 'u.id', 'a.upload_id')
    .selectAll('u')
    .select(['a.report_id', 'a.position'])
    .where('a.report_id', 'in', [...reportIds])
    .orderBy('a.report_id')
    .orderBy('a.position')
    .execute();
  for (const { report_id, position: _p, ...u } of rows)
    out.set(report_id, [...(out.get(report_id) ?? []), u]);
  return out;
}

/** A report row as the status rules see it. */
export function reportFact(r: ReportWithReview): ReportFact {
  return {
    id: r.id,
    version: r.version,
    reportedAt: r.reported_at,
    values: JSON.parse(r.values_json) as Record<string, number>,
    checklist: JSON.parse(r.checklist_json) as string[],
    review: r.review
      ? { decision: r.review.decision as ReviewDecision, at: r.review.reviewed_at }
      : null,
  };
}

/** A plan's allocations of city targets to units. */
export async function readAllocations(db: Db | K, plan: string): Promise<Allocations> {
  const rows = await kOf(db)
    .selectFrom('task_allocations')
    .selectAll()
    .where('plan', '=', plan)
    .execute();
  return new Map(rows.map((r) => [allocationKey(r.number, r.target_id, r.unit_adcode), r.value]));
}

/** Sets (or replaces) a unit's share of a city target. */
export async function upsertAllocation(
  k: K,
  row: {
    plan: string;
    number: string;
    target_id: string;
    unit_adcode: string;
    value: number;
    set_by: string;
    set_at: number;
  },
): Promise<void> {
  await k
    .insertInto('task_allocations')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['plan', 'number', 'target_id', 'unit_adcode'])
        .doUpdateSet({ value: row.value, set_by: row.set_by, set_at: row.set_at }),
    )
    .execute();
}
