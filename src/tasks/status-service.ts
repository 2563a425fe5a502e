/**
 * Statuses of dispatch rows on a date: loads the plan's reports once, evaluates each row with the
 * pure rules (rules/status-rules.ts) and filters by status, department, unit, measure and by what the
 * caller may see.
 */
import { parseCalendarDate } from '../time/date-input.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { epochToLocalDate } from '../time/zoned-time.ts';
import { listReports, reportFact, type ReportWithReview } from './report-repo.ts';
import { allRows, type RowPlan } from './rules/row-plan.ts';
import { evaluateRow, type RowEvaluation, type RowStatus } from './rules/status-rules.ts';
import type { TasksConfig } from './task-config.ts';
import type { TaskActor, TaskContext } from './task-context.ts';
import { rowScopeProblem } from './rules/row-scope.ts';

/** Filters of a status listing. */
export interface StatusFilter {
  status?: readonly RowStatus[] | undefined;
  /** Department by code, name or alias: rows of the measures it (or a unit below it) leads. */
  dept?: string | undefined;
  /** Unit by adcode or name. */
  unit?: string | undefined;
  /** A measure number: the measure and its sub-measures. */
  measure?: string | undefined;
}

/** One row with its evaluation. */
export interface StatusRow {
  row: RowPlan;
  evaluation: RowEvaluation;
  unitName: string;
  departmentNames: string[];
  /** Every version of the row, oldest first. */
  reports: ReportWithReview[];
}

/** The local date of the clock's now. */
export function todayOf(clock: Clock, cfg: TasksConfig): string {
  return epochToLocalDate(cfg.timeZone, clock.now());
}

/** The rows a filter selects, before evaluation (checks the filter's names). */
export function selectRows(c: TaskContext, filter: StatusFilter, who?: TaskActor): RowPlan[] {
  let leaves = c.plan.measures.filter((m) => m.leaf);
  if (filter.measure) {
    const n = c.measure(filter.measure).number;
    leaves = leaves.filter((m) => m.number === n || m.parent === n);
  }
  if (filter.dept) {
    const d = c.registry.resolve(filter.dept);
    if (!d) throw new LantianError('LT_ERR_DEPARTMENT_NOT_FOUND', filter.dept);
    leaves = leaves.filter((m) => m.departments.some((x) => c.registry.covers(d.code, x)));
  }
  let rows = allRows(c.plan, c.allocations, leaves);
  if (filter.unit) {
    const u = c.resolveUnit(filter.unit);
    if (!u) throw new LantianError('LT_ERR_BAD_REQUEST', `未知的县（市、区）"${filter.unit}"`);
    rows = rows.filter((r) => r.unit === u);
  }
  if (who)
    rows = rows.filter(
      (r) =>
        rowScopeProblem(
          who.principal,
          r.measure,
          c.ancestry(r.unit),
          c.registry,
          c.unitName(r.unit),
        ) === null,
    );
  return rows;
}

/** Evaluates the selected rows on `date` (YYYY-MM-DD). */
export async function evaluateRows(
  db: Db,
  cfg: TasksConfig,
  c: TaskContext,
  date: string,
  filter: StatusFilter = {},
  who?: TaskActor,
): Promise<StatusRow[]> {
  parseCalendarDate(date);
  const rows = selectRows(c, filter, who);
  const numbers = [...new Set(rows.map((r) => r.measure.number))];
  const reports = await listReports(db, { plan: c.plan.plan, numbers });
  const byRow = new Map<string, ReportWithReview[]>();
  for (const r of reports) {
    const k = `${r.number}|${r.unit_adcode}`;
    byRow.set(k, [...(byRow.get(k) ?? []), r]);
  }
  const deptName = (code: string): string =>
    c.plan.departments.find((d) => d.code === code)?.name ?? code;
  const out: StatusRow[] = rows.map((row) => {
    const mine = byRow.get(`${row.measure.number}|${row.unit}`) ?? [];
    return {
      row,
      evaluation: evaluateRow(row, mine.map(reportFact), date, cfg),
      unitName: c.unitName(row.unit),
      departmentNames: row.measure.departments.map(deptName),
      reports: mine,
    };
  });
  return filter.status ? out.filter((r) => filter.status!.includes(r.evaluation.status)) : out;
}

/** Counts of rows by status for each measure (containers count their sub-measures' rows). */
export function statusCounts(rows: readonly StatusRow[]): Map<string, Record<RowStatus, number>> {
  const out = new Map<string, Record<RowStatus, number>>();
  const bump = (n: string, s: RowStatus): void => {
    const c = out.get(n) ?? { not_started: 0, on_track: 0, behind: 0, overdue: 0, done: 0 };
    c[s]++;
    out.set(n, c);
  };
  for (const r of rows) {
    bump(r.row.measure.number, r.evaluation.status);
    if (r.row.measure.parent) bump(r.row.measure.parent, r.evaluation.status);
  }
  return out;
}
