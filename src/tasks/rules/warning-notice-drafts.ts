/**
 * Drafts of warning notices (预警通知函) and reminders (pure). A draft states the facts of each
 * lagging row — the milestone and its date, what was due, what has been reported, by how much the
 * unit is short or how many days late — so that the city office can check, edit and send it
 * (四.(四): 对……重点任务进展缓慢的县（市、区）下发预警通知函).
 */
import { dateToDayNumber } from '../../standards/local-date.ts';
import type { Reminder, WarningReason } from './escalation-rules.ts';
import type { RowPlan } from './row-plan.ts';
import { ROW_STATUS_NAMES, type RowEvaluation } from './status-rules.ts';
import type { PlanMeta } from '../task-model.ts';

/** The facts of one row in a notice. */
export interface NoticeFact {
  number: string;
  title: string;
  unit: string;
  unitName: string;
  departments: string[];
  reason: WarningReason | 'reminder';
  status: string;
  lines: string[];
}

/** A drafted notice. */
export interface NoticeDraft {
  title: string;
  body: string;
  facts: NoticeFact[];
}

/** Whom a notice is addressed to. */
export interface Addressee {
  kind: 'unit' | 'department';
  /** Adcode or department code. */
  id: string;
  name: string;
}

const n = (x: number): string => String(Math.round(x * 100) / 100);
const pct = (x: number): string => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
const cn = (d: string): string =>
  `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** The facts of a row that calls for a warning, as of its evaluation date. */
export function rowFacts(
  row: RowPlan,
  e: RowEvaluation,
  reason: WarningReason,
  unitName: string,
  departments: string[],
): NoticeFact {
  const lines: string[] = [];
  const unitOf = (id: string | null): string =>
    row.targets.find((t) => t.target.id === id)?.target.unit ?? '';
  for (const o of e.milestones.filter((m) => m.state === 'missed')) {
    const late = dateToDayNumber(e.date) - dateToDayNumber(o.milestone.date);
    const t = row.targets.find((x) => x.target.id === o.milestone.targetId);
    const got = t ? e.targets.find((x) => x.targetId === t.target.id)?.value : undefined;
    lines.push(
      o.due !== null && t
        ? `节点“${o.milestone.label}”（${cn(o.milestone.date)}前）应完成 ${n(o.due)}${unitOf(t.target.id)}，截至${cn(e.date)}${got === null || got === undefined ? '尚未报送完成值' : `累计完成 ${n(got)}${unitOf(t.target.id)}`}，已逾期 ${late} 天`
        : `节点“${o.milestone.label}”（${cn(o.milestone.date)}前）未完成，已逾期 ${late} 天`,
    );
  }
  for (const p of e.targets.filter((x) => x.behind)) {
    const t = row.targets.find((x) => x.target.id === p.targetId)!.target;
    if (p.direction === 'at-most')
      lines.push(`${t.metric}：${n(p.value ?? 0)}${t.unit}，高于目标 ${n(p.goal)}${t.unit}`);
    else if (e.status === 'behind')
      lines.push(
        `${t.metric}：按时序进度截至${cn(e.date)}应完成 ${n(p.expected ?? 0)}${t.unit}，累计完成 ${n(p.value ?? 0)}${t.unit}（完成比例 ${pct(p.ratio ?? 0)}，目标 ${n(p.goal)}${t.unit}），差 ${n((p.expected ?? 0) - (p.value ?? 0))}${t.unit}`,
      );
  }
  if (reason === 'silent') {
    const first = row.milestones[0];
    lines.push(
      `截至${cn(e.date)}尚未报送进展${first ? `，首个节点“${first.label}”为${cn(first.date)}，时间已过 ${pct(e.silentShare)}` : ''}`,
    );
  }
  return {
    number: row.measure.number,
    title: row.measure.title,
    unit: row.unit,
    unitName,
    departments,
    reason,
    status: ROW_STATUS_NAMES[e.status],
    lines,
  };
}

const DIGITS = '〇一二三四五六七八九';
/** Chinese numeral of the i-th item (0 → 一, 9 → 十, 10 → 十一, 20 → 二十一), up to 99. */
export function ordinal(i: number): string {
  const n = i + 1;
  if (n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens > 1 ? DIGITS[tens] : ''}${tens > 0 ? '十' : ''}${ones > 0 ? DIGITS[ones] : ''}`;
}

/** Drafts a warning notice for a unit or a department. */
export function warningNoticeDraft(
  to: Addressee,
  facts: readonly NoticeFact[],
  date: string,
  meta: PlanMeta,
  replyDays: number,
): NoticeDraft {
  const salutation = to.kind === 'unit' ? `${to.name}人民政府（管委会）：` : `${to.name}：`;
  const items = facts.map((f, i) => {
    const who =
      to.kind === 'department'
        ? `（责任单位：${f.unitName}）`
        : `（牵头部门：${f.departments.join('、')}）`;
    return `${ordinal(i)}、${f.number} ${f.title}${who}【${f.status}】\n${f.lines.map((l) => `    ${l}。`).join('\n')}`;
  });
  const body = [
    salutation,
    `    根据《${meta.title}》（${meta.document}）“四、保障措施”关于定期调度重点任务进展、对进展缓慢的县（市、区）下发预警通知函的要求，经调度，截至${cn(date)}，你单位以下 ${facts.length} 项重点任务进展滞后：`,
    ...items,
    `    请高度重视，认真分析原因，制定整改措施，加快推进，确保按期完成任务，并于${replyDays}个工作日内将整改措施和进展情况书面报送${meta.office}。对重点任务未按期完成的，将依据方案严肃问责。`,
    '',
    `${meta.office}`,
    `${cn(date)}`,
    '（草稿，核实后印发）',
  ].join('\n');
  return { title: `关于${to.name}重点任务进展滞后的预警通知函`, body, facts: [...facts] };
}

/** Drafts a reminder of upcoming milestones for a unit or department. */
export function reminderDraft(
  to: Addressee,
  reminders: readonly Reminder[],
  unitName: (adcode: string) => string,
  date: string,
  meta: PlanMeta,
): NoticeDraft {
  const lines = reminders.map(
    (r) =>
      `  ${r.row.measure.number} ${r.row.measure.title}${to.kind === 'department' ? `（${unitName(r.row.unit)}）` : ''}：节点“${r.milestone.label}”将于${cn(r.milestone.date)}到期（还有 ${r.daysLeft} 天）`,
  );
  const body = [
    `${to.name}：`,
    `    根据《${meta.title}》（${meta.document}），以下重点任务节点即将到期，请抓紧推进并按时报送进展：`,
    ...lines,
    '',
    meta.office,
    cn(date),
  ].join('\n');
  return {
    title: `${to.name}重点任务节点到期提醒（${cn(date)}）`,
    body,
    facts: reminders.map((r) => ({
      number: r.row.measure.number,
      title: r.row.measure.title,
      unit: r.row.unit,
      unitName: unitName(r.row.unit),
      departments: [],
      reason: 'reminder' as const,
      status: `${r.daysLeft} 天后到期`,
      lines: [`${r.milestone.id} ${r.milestone.date} ${r.milestone.label}`],
    })),
  };
}
