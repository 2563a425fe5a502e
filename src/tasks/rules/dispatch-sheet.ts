/**
 * The dispatch sheet's layout (调度表, pure): the columns such offices exchange, and the sheet
 * rows of the dispatch rows. One sheet row per measure and unit; a row with several measured
 * targets gets one sheet row per target (the 指标 column tells them apart). The columns a unit
 * fills in are 累计完成, 已完成节点 and 进展情况; the import reads the same layout back.
 */
import { DECISION_NAMES } from './report-rules.ts';
import type { StatusRow } from '../status-service.ts';
import { ROW_STATUS_NAMES } from './status-rules.ts';

/** A column of the sheet. */
export interface SheetColumn {
  key: SheetKey;
  header: string;
  width: number;
  /** Filled in by the unit (and read back by the import). */
  input?: boolean;
}

/** Keys of the sheet columns. */
export type SheetKey =
  | 'seq'
  | 'number'
  | 'title'
  | 'text'
  | 'unitName'
  | 'unit'
  | 'departments'
  | 'deadlines'
  | 'metric'
  | 'measureUnit'
  | 'goal'
  | 'value'
  | 'ratio'
  | 'checklist'
  | 'checked'
  | 'narrative'
  | 'status'
  | 'review'
  | 'reportedAt';

/** The columns, in order. */
export const SHEET_COLUMNS: readonly SheetColumn[] = [
  { key: 'seq', header: '序号', width: 6 },
  { key: 'number', header: '任务编号', width: 13 },
  { key: 'title', header: '工作任务', width: 22 },
  { key: 'text', header: '任务内容', width: 50 },
  { key: 'unitName', header: '责任单位', width: 10 },
  { key: 'unit', header: '单位代码', width: 9 },
  { key: 'departments', header: '牵头部门', width: 22 },
  { key: 'deadlines', header: '完成时限', width: 30 },
  { key: 'metric', header: '指标', width: 30 },
  { key: 'measureUnit', header: '计量单位', width: 8 },
  { key: 'goal', header: '目标值', width: 10 },
  { key: 'value', header: '累计完成', width: 10, input: true },
  { key: 'ratio', header: '完成比例', width: 9 },
  { key: 'checklist', header: '节点清单', width: 40 },
  { key: 'checked', header: '已完成节点', width: 12, input: true },
  { key: 'narrative', header: '进展情况', width: 40, input: true },
  { key: 'status', header: '状态', width: 8 },
  { key: 'review', header: '审核情况', width: 12 },
  { key: 'reportedAt', header: '报送时间', width: 17 },
];

/** Headers the import needs. */
export const REQUIRED_HEADERS = [
  '任务编号',
  '单位代码',
  '指标',
  '累计完成',
  '已完成节点',
  '进展情况',
];

/** One sheet row's cells. */
export type SheetRow = Record<SheetKey, string | number | null>;

/** The 指标 cell of a target: "t1 燃气锅炉完成低氮燃烧改造". */
export const metricCell = (id: string, metric: string): string => `${id} ${metric}`;
/** The 指标 cell of a checklist-only row. */
export const CHECKLIST_ONLY = '（节点清单）';

const pad = (n: number): string => String(n).padStart(2, '0');

/** Sheet rows of the evaluated dispatch rows, numbered from 1. */
export function sheetRows(
  rows: readonly StatusRow[],
  formatTime: (t: number) => string,
): SheetRow[] {
  const out: SheetRow[] = [];
  for (const r of rows) {
    const e = r.evaluation;
    const cur = e.current;
    const deadlines = r.row.milestones.map(
      (m) => `${m.date} ${m.label}${m.implicit ? '（方案未定时限）' : ''}`,
    );
    const base = {
      number: r.row.measure.number,
      title: r.row.measure.title,
      text: r.row.measure.text,
      unitName: r.unitName,
      unit: r.row.unit,
      departments: r.departmentNames.join('、'),
      deadlines: deadlines.join('\n'),
      checklist: r.row.checklist.map((m) => `${m.id} ${m.date} ${m.label}`).join('\n'),
      checked: (cur?.checklist ?? []).join('；'),
      narrative: r.reports.find((x) => x.id === cur?.id)?.narrative ?? '',
      status: ROW_STATUS_NAMES[e.status],
      review:
        e.review === null
          ? ''
          : e.review === 'accepted'
            ? DECISION_NAMES.accept
            : e.review === 'evidence_requested'
              ? DECISION_NAMES.request_evidence
              : '待审核',
      reportedAt: cur ? formatTime(cur.reportedAt) : '',
    };
    const targets = r.row.reportable;
    if (targets.length === 0) {
      out.push({
        seq: 0,
        ...base,
        metric: CHECKLIST_ONLY,
        measureUnit: '',
        goal: null,
        value: null,
        ratio: null,
      });
      continue;
    }
    for (const t of targets) {
      const own = r.row.targets.find((x) => x.target.id === t.id);
      const p = e.targets.find((x) => x.targetId === t.id);
      const value = cur?.values[t.id] ?? null;
      out.push({
        seq: 0,
        ...base,
        metric: metricCell(t.id, t.metric),
        measureUnit: t.unit,
        goal: own ? own.goal : `全市 ${t.value ?? ''}（未分解）`,
        value,
        ratio: p?.ratio ?? null,
      });
    }
  }
  out.forEach((r, i) => (r.seq = i + 1));
  return out;
}

/** "2020-07-01 09:30" in the plan's time zone, from a formatter of local parts. */
export function timeText(p: {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}): string {
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}
