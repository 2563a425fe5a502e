/** Text output of the `lantian tasks …` commands (Chinese, one line per row). */
import type { PlanCounts } from '../../../tasks/rules/task-plan-counts.ts';
import type { StatusRow } from '../../../tasks/status-service.ts';
import { ROW_STATUS_NAMES } from '../../../tasks/rules/status-rules.ts';

const n = (x: number | null | undefined): string =>
  x === null || x === undefined ? '—' : String(Math.round(x * 100) / 100);
const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** The counts of a load. */
export function formatCounts(c: PlanCounts): string {
  return (
    `任务 ${c.measures} 项（子任务 ${c.subMeasures} 项，调度到 ${c.leaves} 项），` +
    `量化目标 ${c.targets} 个，节点 ${c.milestones} 个（其中方案未定时限 ${c.implicitMilestones} 个），` +
    `责任部门 ${c.departments} 个，调度行 ${c.rows} 行`
  );
}

/** One dispatch row as a line. */
export function formatRow(r: StatusRow): string {
  const e = r.evaluation;
  const figures = e.targets
    .map((t) => {
      const tgt = r.row.targets.find((x) => x.target.id === t.targetId)!.target;
      return `${t.targetId} ${n(t.value)}/${n(t.goal)}${tgt.unit}（${pct(t.ratio)}，时序 ${n(t.expected)}）`;
    })
    .join('；');
  const next = e.milestones.find((m) => m.state === 'pending' || m.state === 'missed');
  const checks = r.row.checklist.length
    ? `节点 ${(e.current?.checklist ?? []).length}/${r.row.checklist.length}`
    : '';
  return [
    r.row.measure.number,
    r.unitName,
    ROW_STATUS_NAMES[e.status],
    r.row.measure.title,
    [figures, checks].filter(Boolean).join('；') || '—',
    next ? `下一节点 ${next.milestone.date}` : '节点均已完成',
    r.departmentNames.join('、'),
  ].join('\t');
}

/** Counts of rows by status. */
export function formatSummary(rows: readonly StatusRow[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.evaluation.status, (counts.get(r.evaluation.status) ?? 0) + 1);
  const parts = Object.entries(ROW_STATUS_NAMES)
    .filter(([k]) => counts.has(k))
    .map(([k, v]) => `${v} ${counts.get(k)}`);
  return `共 ${rows.length} 行${parts.length ? `：${parts.join('，')}` : ''}`;
}

/** A league table line. */
export function formatLeague(l: {
  rank: number | null;
  name: string;
  due: number;
  onTime: number;
  late: number;
  missed: number;
  rate: number | null;
}): string {
  return `${l.rank ?? '—'}\t${l.name}\t按期 ${l.onTime}/${l.due}（${pct(l.rate)}）\t逾期完成 ${l.late}\t未完成 ${l.missed}`;
}
