/**
 * Imports progress from a dispatch sheet in the layout the export writes (rules/dispatch-sheet.ts), so a
 * county that works in spreadsheets can report in bulk. Every row is checked first — the measure,
 * the unit, the caller's scope, the indicator, the values — and rows that do not match are listed
 * with their row numbers; if any row is refused nothing is written. Rows whose figures equal the
 * current report are left alone; each changed (measure, unit) becomes one new report version.
 */
import { recordAudit } from '../audit/audit-log.ts';
import { checkAttachment } from '../blobs/attachment-check.ts';
import { MEDIA_TYPES } from '../blobs/sniff-type.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { CHECKLIST_ONLY, REQUIRED_HEADERS } from './rules/dispatch-sheet.ts';
import { listReports } from './report-repo.ts';
import {
  latestEffective,
  prepareReport,
  reportTarget,
  storeReport,
  type PreparedReport,
  type SubmittedReport,
} from './report-service.ts';
import { rowPlan } from './rules/row-plan.ts';
import type { RawSheetRow } from './sheet-read.ts';
import { readSheetOffThread } from './sheet-thread.ts';
import type { TasksConfig } from './task-config.ts';
import type { TaskActor, TaskContext } from './task-context.ts';

/** A refused row. */
export interface SheetIssue {
  row: number;
  column: string | null;
  code: string;
  detail: string;
}

/** What an import did. */
export interface SheetImportResult {
  /** Data rows read. */
  rows: number;
  reports: SubmittedReport[];
  /** (measure, unit) groups whose figures equal the current report. */
  unchanged: number;
}

interface Group {
  number: string;
  unit: string;
  firstRow: number;
  rows: RawSheetRow[];
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Reads, checks and imports a dispatch sheet (all or nothing). */
export async function importDispatchSheet(
  db: Db,
  clock: Clock,
  cfg: TasksConfig,
  c: TaskContext,
  who: TaskActor,
  data: Uint8Array,
  filename: string,
): Promise<SheetImportResult> {
  checkAttachment(data, filename, {
    maxBytes: cfg.maxSheetBytes,
    allowedTypes: [MEDIA_TYPES.xlsx],
  });
  const raw = await readSheetOffThread(data, filename, '调度表', REQUIRED_HEADERS, cfg);
  const header = raw.issues.find((i) => i.code === 'LT_ERR_SHEET_HEADER');
  if (header) throw new LantianError('LT_ERR_SHEET_HEADER', `${filename}：${header.detail}`);
  const issues: SheetIssue[] = [...raw.issues];

  const groups = new Map<string, Group>();
  for (const r of raw.rows) {
    const key = `${r.number}|${r.unit}`;
    const g = groups.get(key) ?? { number: r.number, unit: r.unit, firstRow: r.row, rows: [] };
    g.rows.push(r);
    groups.set(key, g);
  }
  const existing = await listReports(db, { plan: c.plan.plan });
  const current = latestEffective(existing);
  const planned: Array<{
    g: Group;
    values: Record<string, number>;
    checklist: string[];
    narrative: string;
    before: Record<string, number>;
  }> = [];
  let unchanged = 0;
  const refuse = (g: Group, e: unknown): void => {
    if (!(e instanceof LantianError)) throw e;
    const column =
      e.code === 'LT_ERR_TASK_NOT_FOUND' || e.code === 'LT_ERR_BAD_REQUEST'
        ? '任务编号'
        : '单位代码';
    for (const r of g.rows) issues.push({ row: r.row, column, code: e.code, detail: e.message });
  };
  const lenient = (g: Group): ReturnType<typeof reportTarget> | null => {
    try {
      const measure = c.measure(g.number);
      const unit = c.resolveUnit(g.unit);
      if (!measure.leaf || !unit || !measure.units.includes(unit)) return null;
      return { measure, unit, row: rowPlan(c.plan, measure, unit, c.allocations) };
    } catch {
      return null;
    }
  };
  for (const g of groups.values()) {
    const hasInput = g.rows.some((r) => r.value !== null || r.checkedCellFilled || r.narrative);
    if (!hasInput) continue;
    const target = lenient(g);
    if (!target) {
      try {
        reportTarget(c, who, g.number, g.unit);
      } catch (e) {
        refuse(g, e);
      }
      continue;
    }
    const { row, measure, unit } = target;
    const cur = current.get(`${measure.number}|${unit}`);
    const before = cur ? (JSON.parse(cur.values_json) as Record<string, number>) : {};
    const values = { ...before };
    const checklist = new Set<string>();
    const narratives: string[] = [];
    for (const r of g.rows) {
      if (r.value !== null) {
        const id = /^(t\d+)\b/.exec(r.metric)?.[1];
        if (!id || !row.reportable.some((t) => t.id === id)) {
          issues.push({
            row: r.row,
            column: '指标',
            code: 'LT_ERR_BAD_REQUEST',
            detail: `“${r.metric || CHECKLIST_ONLY}”不是 ${measure.number} ${c.unitName(unit)} 可填报的指标`,
          });
          continue;
        }
        if (typeof r.value === 'string') {
          issues.push({
            row: r.row,
            column: '累计完成',
            code: 'LT_ERR_BAD_REQUEST',
            detail: `“${r.value}”不是数字`,
          });
          continue;
        }
        values[id] = r.value;
      }
      for (const token of r.checked) {
        const byId = row.checklist.filter((m) => m.id === token);
        const byDate = row.checklist.filter((m) => m.date === token);
        const found = byId.length ? byId : byDate;
        if (found.length === 0)
          issues.push({
            row: r.row,
            column: '已完成节点',
            code: 'LT_ERR_BAD_REQUEST',
            detail: `“${token}”不是本行的清单节点`,
          });
        for (const m of found) checklist.add(m.id);
      }
      if (r.narrative && !narratives.includes(r.narrative)) narratives.push(r.narrative);
    }
    const narrative = narratives.join('\n');
    const list = [...checklist].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
    const curChecklist = cur ? (JSON.parse(cur.checklist_json) as string[]) : [];
    if (
      cur &&
      sameJson(values, before) &&
      sameJson(
        list,
        [...curChecklist].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))),
      ) &&
      (narrative === '' || narrative === cur.narrative)
    ) {
      unchanged++;
      continue;
    }
    try {
      reportTarget(c, who, measure.number, unit);
    } catch (e) {
      refuse(g, e);
      continue;
    }
    planned.push({
      g: { ...g, number: measure.number, unit },
      values,
      checklist: list,
      narrative,
      before,
    });
  }

  const prepared: PreparedReport[] = [];
  {
    for (const p of planned) {
      const pending = new Map<string, number>();
      for (const o of planned)
        if (o !== p && o.g.number === p.g.number && o.g.unit !== c.plan.cityAdcode)
          for (const [k, v] of Object.entries(o.values))
            pending.set(k, (pending.get(k) ?? 0) + v - (o.before[k] ?? 0));
      try {
        prepared.push(
          await prepareReport(
            db,
            c,
            who,
            {
              number: p.g.number,
              unit: p.g.unit,
              values: p.values,
              checklist: p.checklist,
              narrative: p.narrative,
              attachments: [],
              source: 'excel',
            },
            existing.filter((r) => r.number === p.g.number),
            pending,
          ),
        );
      } catch (e) {
        if (!(e instanceof LantianError)) throw e;
        const target = e.extra?.['target'];
        const at =
          p.g.rows.find((r) => r.value !== null && r.metric.split(' ')[0] === target) ??
          p.g.rows[0]!;
        issues.push({ row: at.row, column: '累计完成', code: e.code, detail: e.message });
      }
    }
  }
  if (issues.length > 0) {
    issues.sort((a, b) => a.row - b.row);
    throw new LantianError('LT_ERR_IMPORT_REJECTED', `${filename}：${issues.length} 行有问题`, {
      issues,
      sampleIssues: issues.slice(0, 20).map((i) => ({
        file: filename,
        line: i.row,
        field: i.column,
        code: i.code,
        detail: i.detail,
      })),
    });
  }
  const now = clock.now();
  const reports = await db.kysely.transaction().execute(async (trx) => {
    const out: SubmittedReport[] = [];
    for (const p of prepared) out.push(await storeReport(trx, cfg, c, who, p, now));
    await recordAudit(trx, now, {
      ...who.ctx,
      action: 'task.import',
      target: `tasks:${c.plan.plan}`,
      detail: { file: filename, rows: raw.rows.length, reports: out.map((r) => r.id), unchanged },
    });
    return out;
  });
  return { rows: raw.rows.length, reports, unchanged };
}
