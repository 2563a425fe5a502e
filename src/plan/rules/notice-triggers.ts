/**
 * Which notices a period calls for (pure), from the accountability rules of the plan's 四(四):
 *
 * - 预警通知函 (warning letter): improvement behind the time-based schedule (时序进度):
 *   `pm25_improvement_behind` — PM2.5 so far, against the same period last year, fell by less
 *   than the whole year's required cut (target against the base year); `good_days_behind_pace` —
 *   good days so far below target × share of the year elapsed.
 * - 约谈 (summons candidate): improvement short of the annual target (`target_off_track`: the
 *   year-end projection is off track, or a heavy-day ceiling is already used up) or AQI
 *   persistently off the scale (`aqi_off_scale`: hours above 500 ≥ the rule's count).
 * - 通报 (ranking bulletin): one draft per period with the ranking.
 *
 * Each notice carries the figures that triggered it. Units without data trigger nothing.
 */
import type { NoticeKind } from './notice-workflow.ts';
import type { OffScaleSummary } from './off-scale.ts';
import type { Status } from './status.ts';

/** What the triggers need of one unit. */
export interface TriggerUnit {
  adcode: string;
  name: string;
  hasData: boolean;
  pm25: {
    soFar: number | null;
    lastYearSamePeriod: number | null;
    changePct: number | null;
    requiredChangePct: number | null;
    baseline: number | null;
    baselineSource: string | null;
    target: number | null;
    projected: number | null;
    status: Status;
  };
  goodDays: {
    soFar: number;
    expectedByPace: number | null;
    target: number | null;
    projected: number | null;
    status: Status;
  };
  heavyDays: { used: number; ceiling: number | null; projected: number | null; status: Status };
  elapsedDays: number;
  yearDays: number;
  offScale: (OffScaleSummary & { minHours: number; consecutive: boolean }) | null;
}

/** One trigger with the figures behind it. */
export interface Trigger {
  code: string;
  text: string;
  figures: Record<string, number | string | boolean | null>;
}

/** A notice the rules call for. */
export interface NoticeDraft {
  kind: NoticeKind;
  unitAdcode: string;
  unitName: string;
  period: string;
  title: string;
  body: string;
  triggers: Trigger[];
  facts: Record<string, unknown>;
}

/** Which triggers are switched on (the plan's rules.notices). */
export interface TriggerSwitches {
  pm25ImprovementBehind: boolean;
  goodDaysBehindPace: boolean;
  offTrack: boolean;
}

const fmt = (v: number | null, d = 0) => (v === null ? '—' : v.toFixed(d));

/** Warning-letter triggers of one unit. */
export function warningTriggers(u: TriggerUnit, on: TriggerSwitches): Trigger[] {
  if (!u.hasData) return [];
  const out: Trigger[] = [];
  const p = u.pm25;
  if (
    on.pm25ImprovementBehind &&
    p.changePct !== null &&
    p.requiredChangePct !== null &&
    p.changePct > p.requiredChangePct
  ) {
    out.push({
      code: 'pm25_improvement_behind',
      text: `PM2.5 累计平均浓度 ${fmt(p.soFar)} µg/m³，较上年同期 ${fmt(p.lastYearSamePeriod)} µg/m³ 变化 ${fmt(p.changePct, 2)}%，未达到全年改善要求 ${fmt(p.requiredChangePct, 2)}%（目标 ${fmt(p.target)}，基准 ${fmt(p.baseline)}${p.baselineSource === 'data' ? '，基准取自监测数据' : ''}）`,
      figures: {
        pm25SoFar: p.soFar,
        pm25LastYearSamePeriod: p.lastYearSamePeriod,
        changePct: p.changePct,
        requiredChangePct: p.requiredChangePct,
        target: p.target,
        baseline: p.baseline,
        baselineSource: p.baselineSource,
      },
    });
  }
  const g = u.goodDays;
  if (on.goodDaysBehindPace && g.expectedByPace !== null && g.soFar < g.expectedByPace) {
    out.push({
      code: 'good_days_behind_pace',
      text: `优良天数 ${g.soFar} 天，低于时序进度 ${fmt(g.expectedByPace, 1)} 天（全年目标 ${fmt(g.target)} 天 × ${u.elapsedDays}/${u.yearDays}）`,
      figures: {
        goodDays: g.soFar,
        expectedByPace: g.expectedByPace,
        target: g.target,
        elapsedDays: u.elapsedDays,
        yearDays: u.yearDays,
      },
    });
  }
  return out;
}

/** Summons triggers of one unit. */
export function summonsTriggers(u: TriggerUnit, on: TriggerSwitches): Trigger[] {
  const out: Trigger[] = [];
  if (u.hasData && on.offTrack) {
    const parts: string[] = [];
    if (u.pm25.status === 'off_track')
      parts.push(`预计年均 PM2.5 ${fmt(u.pm25.projected)} µg/m³，超过目标 ${fmt(u.pm25.target)}`);
    if (u.goodDays.status === 'off_track')
      parts.push(
        `预计优良天数 ${fmt(u.goodDays.projected, 1)} 天，低于目标 ${fmt(u.goodDays.target)} 天`,
      );
    if (u.heavyDays.status === 'off_track')
      parts.push(
        `重污染天数已 ${u.heavyDays.used} 天、预计 ${fmt(u.heavyDays.projected, 1)} 天，上限 ${fmt(u.heavyDays.ceiling)} 天`,
      );
    if (parts.length)
      out.push({
        code: 'target_off_track',
        text: `空气质量改善幅度达不到目标任务：${parts.join('；')}`,
        figures: {
          pm25Projected: u.pm25.projected,
          pm25Target: u.pm25.target,
          goodDaysProjected: u.goodDays.projected,
          goodDaysTarget: u.goodDays.target,
          heavyDaysUsed: u.heavyDays.used,
          heavyDaysProjected: u.heavyDays.projected,
          heavyDaysCeiling: u.heavyDays.ceiling,
        },
      });
  }
  const o = u.offScale;
  if (o?.triggered)
    out.push({
      code: 'aqi_off_scale',
      text: `AQI 持续“爆表”：本期 AQI 超过 500 共 ${o.hours} 小时，最长连续 ${o.longestRun} 小时（规则：${o.consecutive ? '连续' : '累计'} ${o.minHours} 小时）`,
      figures: {
        hours: o.hours,
        longestRun: o.longestRun,
        minHours: o.minHours,
        consecutive: o.consecutive,
      },
    });
  return out;
}

/** The notices of one period for every unit. */
export function noticeDrafts(
  units: readonly TriggerUnit[],
  period: { label: string; title: string },
  on: TriggerSwitches,
): NoticeDraft[] {
  const out: NoticeDraft[] = [];
  for (const u of units) {
    const w = warningTriggers(u, on);
    if (w.length)
      out.push({
        kind: 'warning_letter',
        unitAdcode: u.adcode,
        unitName: u.name,
        period: period.label,
        title: `关于${u.name}空气质量改善幅度未达时序进度的预警通知函（${period.title}）`,
        body: `${u.name}：截至${period.title}，你单位${w.map((t) => t.text).join('；')}。请对照年度目标分析原因，采取有效措施，并于收到本函后 7 日内书面反馈。`,
        triggers: w,
        facts: { triggers: w },
      });
    const s = summonsTriggers(u, on);
    if (s.length)
      out.push({
        kind: 'summons',
        unitAdcode: u.adcode,
        unitName: u.name,
        period: period.label,
        title: `${u.name}政府主要负责人约谈建议（${period.title}）`,
        body: `建议约谈${u.name}政府主要负责人。依据：${s.map((t) => t.text).join('；')}。`,
        triggers: s,
        facts: { triggers: s },
      });
  }
  return out;
}

/** One ranked unit as the bulletin lists it. */
export interface BulletinRow {
  adcode: string;
  name: string;
  rank: number | null;
  compositeIndex: number | null;
  pm25: number | null;
  compositeChangePct: number | null;
  bottom: boolean;
}

/** The draft ranking bulletin of a period. */
export function bulletinDraft(
  city: { adcode: string; name: string },
  period: { label: string; title: string },
  rows: readonly BulletinRow[],
): NoticeDraft {
  const ranked = rows.filter((r) => r.rank !== null).sort((a, b) => a.rank! - b.rank!);
  const unranked = rows.filter((r) => r.rank === null);
  const top = ranked.filter((r) => r.rank! <= 3);
  const bottom = ranked.filter((r) => r.bottom);
  const line = (r: BulletinRow) => `${r.rank}. ${r.name}（综合指数 ${fmt(r.compositeIndex, 2)}）`;
  const body = [
    `${period.title}各县（市、区）环境空气质量综合指数排名（由好到差）：`,
    ...ranked.map(line),
    unranked.length
      ? `未参与排名（无有效数据或无考核站点）：${unranked.map((r) => r.name).join('、')}`
      : '',
    `排名前三：${top.map((r) => r.name).join('、') || '—'}；后十：${bottom.map((r) => r.name).join('、') || '—'}。`,
  ]
    .filter(Boolean)
    .join('\n');
  return {
    kind: 'bulletin',
    unitAdcode: city.adcode,
    unitName: city.name,
    period: period.label,
    title: `${city.name}${period.title}各县（市、区）环境空气质量排名通报（草稿）`,
    body,
    triggers: [],
    facts: { ranking: rows },
  };
}
