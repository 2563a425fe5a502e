/**
 * Submitting progress reports. Each report is a new version of its row (never an overwrite); it is
 * checked for scope (src/auth: a county reports only for its own region, a department only for the
 * measures it leads), for the row's responsibility and values, and written with its audit record
 * in one transaction.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import type { DatabaseSchema } from '../store/schema.ts';
import { epochToLocalDate } from '../time/zoned-time.ts';
import {
  findUploads,
  insertReport,
  listReports,
  nextVersion,
  reportFact,
  type ReportWithReview,
} from './report-repo.ts';
import { checkAttachmentIds, checkReportInput, type ReportInput } from './rules/report-rules.ts';
import { rowPlan, type RowPlan } from './rules/row-plan.ts';
import { evaluateRow } from './rules/status-rules.ts';
import type { TasksConfig } from './task-config.ts';
import type { TaskActor, TaskContext } from './task-context.ts';
import { rowScopeProblem } from './rules/row-scope.ts';
import type { MeasureDef } from './task-model.ts';

/** A report as submitted. */
export interface NewReport extends ReportInput {
  number: string;
  /** Adcode or the plan's name of the unit. */
  unit: string;
  attachments: readonly number[];
  corrects?: number | undefined;
  source: 'api' | 'cli' | 'excel';
}

/** What was stored. */
export interface SubmittedReport {
  id: number;
  number: string;
  unit: string;
  version: number;
  /** The report met a milestone after its date. */
  late: boolean;
}

/** The measure and row a report is for, after the scope and responsibility checks. */
export function reportTarget(
  c: TaskContext,
  who: TaskActor,
  number: string,
  unitInput: string,
): { measure: MeasureDef; unit: string; row: RowPlan } {
  const measure = c.measure(number);
  if (!measure.leaf) {
    const subs = c.plan.measures.filter((m) => m.parent === measure.number).map((m) => m.number);
    throw new LantianError(
      'LT_ERR_BAD_REQUEST',
      `${measure.number} 含子任务，请按子任务填报：${subs.join('、')}`,
    );
  }
  const unit = c.resolveUnit(unitInput);
  if (!unit)
    throw new LantianError(
      'LT_ERR_UNIT_NOT_RESPONSIBLE',
      `"${unitInput}" 不是本方案的县（市、区）`,
    );
  const problem = rowScopeProblem(
    who.principal,
    measure,
    c.ancestry(unit),
    c.registry,
    c.unitName(unit),
  );
  if (problem) throw new LantianError('LT_ERR_OUT_OF_SCOPE', problem);
  if (!measure.units.includes(unit)) {
    const names = measure.units.map((u) => c.unitName(u)).join('、');
    throw new LantianError(
      'LT_ERR_UNIT_NOT_RESPONSIBLE',
      `${c.unitName(unit)} 不是 ${measure.number} 的责任单位（责任单位：${names}）`,
    );
  }
  return { measure, unit, row: rowPlan(c.plan, measure, unit, c.allocations) };
}

/** The latest version of each row that was not returned, from a list of reports. */
export function latestEffective(
  reports: readonly ReportWithReview[],
): Map<string, ReportWithReview> {
  const out = new Map<string, ReportWithReview>();
  for (const r of [...reports].sort((a, b) => a.version - b.version)) {
    if (r.review?.decision === 'return') continue;
    out.set(`${r.number}|${r.unit_adcode}`, r);
  }
  return out;
}

/** Per city-wide target, the other county rows' latest values summed. */
export function othersTotals(
  reports: readonly ReportWithReview[],
  unit: string,
  cityAdcode: string,
): Map<string, number> {
  const totals = new Map<string, number>();
  for (const r of latestEffective(reports).values()) {
    if (r.unit_adcode === unit || r.unit_adcode === cityAdcode) continue;
    for (const [k, v] of Object.entries(JSON.parse(r.values_json) as Record<string, number>))
      totals.set(k, (totals.get(k) ?? 0) + v);
  }
  return totals;
}

/** A report that passed every check, ready to be written. */
export interface PreparedReport {
  measure: MeasureDef;
  unit: string;
  row: RowPlan;
  values: Record<string, number>;
  checklist: string[];
  narrative: string;
  attachments: number[];
  corrects: number | null;
  source: NewReport['source'];
  /** The row's earlier versions. */
  earlier: ReportWithReview[];
}

/**
 * Checks a report (scope, responsibility, values, attachments); `existing` are the reports of the
 * measure, and `pendingOthers` the values other rows of the same batch are about to report.
 */
export async function prepareReport(
  db: Db,
  c: TaskContext,
  who: TaskActor,
  input: NewReport,
  existing?: readonly ReportWithReview[],
  pendingOthers: ReadonlyMap<string, number> = new Map(),
): Promise<PreparedReport> {
  const { measure, unit, row } = reportTarget(c, who, input.number, input.unit);
  const reports =
    existing ?? (await listReports(db, { plan: c.plan.plan, number: measure.number }));
  const others = othersTotals(reports, unit, c.plan.cityAdcode);
  for (const [k, v] of pendingOthers) others.set(k, (others.get(k) ?? 0) + v);
  checkReportInput(row, input, others);
  checkAttachmentIds(input.attachments);
  const attachments = [...input.attachments];
  const uploads = await findUploads(db, attachments);
  for (const id of attachments) {
    const u = uploads.find((x) => x.id === id);
    if (!u || u.uploaded_by !== who.ctx.actor)
      throw new LantianError('LT_ERR_BAD_REQUEST', `附件 #${id} 不存在或不是本人上传`);
  }
  const earlier = reports.filter((r) => r.unit_adcode === unit);
  if (input.corrects !== undefined && !earlier.some((r) => r.id === input.corrects))
    throw new LantianError(
      'LT_ERR_BAD_REQUEST',
      `#${input.corrects} 不是本行（${measure.number} ${c.unitName(unit)}）的报告`,
    );
  return {
    measure,
    unit,
    row,
    values: { ...input.values },
    checklist: [...new Set(input.checklist)],
    narrative: input.narrative.trim(),
    attachments,
    corrects: input.corrects ?? null,
    source: input.source,
    earlier,
  };
}

/** Writes a prepared report and its audit record inside the caller's transaction. */
export async function storeReport(
  trx: Kysely<DatabaseSchema>,
  cfg: TasksConfig,
  c: TaskContext,
  who: TaskActor,
  p: PreparedReport,
  now: number,
): Promise<SubmittedReport> {
  const version = await nextVersion(trx, c.plan.plan, p.measure.number, p.unit);
  const id = await insertReport(
    trx,
    {
      plan: c.plan.plan,
      number: p.measure.number,
      unit_adcode: p.unit,
      version,
      corrects_id: p.corrects,
      values_json: JSON.stringify(p.values),
      checklist_json: JSON.stringify(p.checklist),
      narrative: p.narrative,
      reporter: who.ctx.actor,
      reporter_role: who.principal.role,
      source: p.source,
      reported_at: now,
    },
    p.attachments,
  );
  const facts = [
    ...p.earlier.map(reportFact),
    { id, version, reportedAt: now, values: p.values, checklist: p.checklist, review: null },
  ];
  const late = evaluateRow(
    p.row,
    facts,
    epochToLocalDate(cfg.timeZone, now),
    cfg,
  ).lateReports.includes(id);
  await recordAudit(trx, now, {
    ...who.ctx,
    action: 'task.report',
    target: `task:${c.plan.plan}/${p.measure.number}@${p.unit}`,
    detail: {
      reportId: id,
      version,
      values: p.values,
      checklist: p.checklist,
      attachments: p.attachments,
      source: p.source,
      late,
    },
  });
  return { id, number: p.measure.number, unit: p.unit, version, late };
}

/** True for a unique-constraint violation (a concurrent writer took the version). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Submits a progress report (task.report). */
export async function submitReport(
  db: Db,
  clock: Clock,
  cfg: TasksConfig,
  c: TaskContext,
  who: TaskActor,
  input: NewReport,
): Promise<SubmittedReport> {
  const p = await prepareReport(db, c, who, input);
  const write = () =>
    db.kysely.transaction().execute((trx) => storeReport(trx, cfg, c, who, p, clock.now()));
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e)) return write();
    throw e;
  }
}
