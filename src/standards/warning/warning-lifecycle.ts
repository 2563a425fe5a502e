// The life of a warning (pure): issue → upgrade / downgrade / extend → lift, with the 2024
// discipline (环大气〔2024〕6号): warnings follow the forecast and the grading standard; they may
// not be issued, raised or extended to meet air-quality targets. Each request gets a decision
// with a reason code: supported by the forecast, overridden with a reason (to be audited), or
// refused with a catalogue code. Lowering and lifting against the forecast also need a reason
// (our choice, so that every departure from the forecast is recorded). Storage and audit live in
// the warnings domain.
import { addDays, isLocalDate } from '../local-date.ts';
import { levelRank, WARNING_LEVEL_NAMES, type ColouredLevel } from './levels.ts';
import type { WarningGrade } from './grade-forecast.ts';
import { spanText } from './warning-reason.ts';
import type { WarningEdition } from './warning-editions.ts';

/** No warning, or an active warning with its level and period (`to` null = until lifted). */
export type WarningState =
  | { status: 'none' }
  | { status: 'active'; level: ColouredLevel; from: string; to: string | null; levelSince: string };

/** What can be done to a warning. */
export type WarningAction = 'issue' | 'upgrade' | 'downgrade' | 'extend' | 'lift';
/** Every action. */
export const WARNING_ACTIONS: readonly WarningAction[] = [
  'issue',
  'upgrade',
  'downgrade',
  'extend',
  'lift',
];
/** Chinese names of the actions. */
export const WARNING_ACTION_NAMES: Readonly<Record<WarningAction, string>> = {
  issue: '发布',
  upgrade: '升级',
  downgrade: '降级',
  extend: '延长',
  lift: '解除',
};

/**
 * A request. `issue`: level, from (first day), to (last day, optional). `upgrade` / `downgrade`:
 * level, from (effective day), to (optional new last day). `extend`: to. `lift`: from (day).
 */
export interface WarningRequest {
  action: WarningAction;
  level?: ColouredLevel;
  from?: string;
  to?: string | null;
  /** Acting against the forecast: the reason (required, recorded in the audit log). */
  override?: { reason: string } | null;
}

/** Catalogue codes of a refused request. */
export type WarningRefusalCode =
  'LT_ERR_WARNING_TRANSITION' | 'LT_ERR_WARNING_UNSUPPORTED' | 'LT_ERR_WARNING_OVERRIDE_REASON';

/** The decision on a request. */
export type WarningDecision =
  | {
      allowed: true;
      /** `supported`: the forecast meets it; `overridden`: it does not, a reason was given. */
      code: 'supported' | 'overridden';
      action: WarningAction;
      next: WarningState;
      /** Why, in Chinese. */
      reason: string;
      overrideReason: string | null;
      /** Edition of the grading the decision rests on (null without a forecast). */
      edition: WarningEdition | null;
    }
  | {
      allowed: false;
      code: WarningRefusalCode;
      action: WarningAction;
      reason: string;
      allowedActions: WarningAction[];
      edition: WarningEdition | null;
    };

/** Settings of the lifecycle. */
export interface LifecycleSettings {
  /** The forecast must stay below yellow this long to lift (UNVERIFIED; default 36 h). */
  liftHours: number;
}

/** The actions possible from a state. */
export function allowedActions(state: WarningState): WarningAction[] {
  if (state.status === 'none') return ['issue'];
  return WARNING_ACTIONS.filter(
    (a) =>
      a !== 'issue' &&
      !(a === 'upgrade' && state.level === 'red') &&
      !(a === 'downgrade' && state.level === 'yellow'),
  );
}

type Episode = WarningGrade['episodes'][number];

/** Coloured (industrial) episodes overlapping [from, to]. */
function overlapping(grade: WarningGrade | null, from: string, to: string): Episode[] {
  return (grade?.episodes ?? []).filter(
    (e) => e.response === 'industrial' && e.level !== 'none' && e.from <= to && from <= e.to,
  );
}

/** Whether the forecast supports the request, and why (Chinese). */
function support(
  state: WarningState,
  r: WarningRequest & { from: string },
  grade: WarningGrade | null,
  settings: LifecycleSettings,
): { ok: boolean; why: string } {
  if (grade === null) return { ok: false, why: '没有可依据的预报' };
  const current = state.status === 'active' ? state : null;
  const meets = (level: ColouredLevel, from: string, to: string | null) =>
    overlapping(grade, from, to ?? from).find(
      (e) => levelRank(e.level) >= levelRank(level) && (to === null || to <= e.to),
    );
  const cite = (e: Episode) =>
    `预报${spanText(e.from, e.to)}达到${WARNING_LEVEL_NAMES[e.level]}条件（${grade.document}）`;
  switch (r.action) {
    case 'issue':
    case 'upgrade': {
      const level = r.level!;
      const to = r.to === undefined ? (current?.to ?? null) : r.to;
      const e = meets(level, r.from, to);
      return e
        ? { ok: true, why: cite(e) }
        : {
            ok: false,
            why: `预报在${spanText(r.from, to ?? r.from)}未达到${WARNING_LEVEL_NAMES[level]}条件`,
          };
    }
    case 'extend': {
      const e = meets(current!.level, r.to!, r.to!);
      return e
        ? { ok: true, why: cite(e) }
        : {
            ok: false,
            why: `预报在${spanText(r.to!, r.to!)}未达到${WARNING_LEVEL_NAMES[current!.level]}条件`,
          };
    }
    case 'downgrade': {
      const until = current!.to ?? grade.forecastTo;
      const higher = overlapping(grade, r.from, until).filter(
        (e) => levelRank(e.level) > levelRank(r.level!),
      );
      return higher.length === 0
        ? {
            ok: true,
            why: `预报自${spanText(r.from, r.from)}起不高于${WARNING_LEVEL_NAMES[r.level!]}条件`,
          }
        : { ok: false, why: `${cite(higher[0]!)}，高于${WARNING_LEVEL_NAMES[r.level!]}` };
    }
    case 'lift': {
      const days = Math.max(1, Math.ceil(settings.liftHours / 24));
      const until = addDays(r.from, days - 1);
      const still = overlapping(grade, r.from, until);
      if (still.length > 0)
        return {
          ok: false,
          why: `${cite(still[0]!)}，未连续${settings.liftHours}小时低于黄色预警条件`,
        };
      if (grade.forecastFrom > r.from)
        return {
          ok: false,
          why: `预报从${spanText(grade.forecastFrom, grade.forecastFrom)}开始，不能说明${spanText(r.from, r.from)}的情况`,
        };
      if (grade.forecastTo < until)
        return {
          ok: false,
          why: `预报只到${spanText(grade.forecastTo, grade.forecastTo)}，不足以判断${settings.liftHours}小时内低于黄色预警条件`,
        };
      return {
        ok: true,
        why: `预报${spanText(r.from, until)}低于黄色预警条件（连续${settings.liftHours}小时）`,
      };
    }
  }
}

/** A structural problem of the request in this state (wrong action or missing fields), or null. */
function structuralProblem(state: WarningState, r: WarningRequest): string | null {
  if (!allowedActions(state).includes(r.action))
    return state.status === 'none'
      ? `当前没有生效的预警，不能${WARNING_ACTION_NAMES[r.action]}`
      : r.action === 'issue'
        ? `已有生效的${WARNING_LEVEL_NAMES[state.level]}，请升级、降级、延长或解除`
        : `${WARNING_LEVEL_NAMES[state.level]}不能再${WARNING_ACTION_NAMES[r.action]}`;
  const needsLevel = r.action === 'issue' || r.action === 'upgrade' || r.action === 'downgrade';
  if (needsLevel && !r.level) return '缺少预警级别';
  if (r.action !== 'extend' && (!r.from || !isLocalDate(r.from))) return '缺少或错误的起始日期';
  if (r.to !== undefined && r.to !== null && !isLocalDate(r.to)) return '结束日期格式不正确';
  if (r.action === 'extend' && (r.to === undefined || r.to === null))
    return '延长须给出新的结束日期';
  if (r.to && r.from && r.to < r.from) return '结束日期早于起始日期';
  if (state.status === 'active') {
    if (r.action === 'upgrade' && levelRank(r.level!) <= levelRank(state.level))
      return '升级须高于当前级别';
    if (r.action === 'downgrade' && levelRank(r.level!) >= levelRank(state.level))
      return '降级须低于当前级别';
    if (r.action === 'extend' && state.to !== null && r.to! <= state.to)
      return '延长后的结束日期须晚于当前结束日期';
  }
  return null;
}

function nextState(state: WarningState, r: WarningRequest): WarningState {
  if (r.action === 'lift') return { status: 'none' };
  if (r.action === 'issue')
    return {
      status: 'active',
      level: r.level!,
      from: r.from!,
      to: r.to ?? null,
      levelSince: r.from!,
    };
  const s = state as Extract<WarningState, { status: 'active' }>;
  if (r.action === 'extend') return { ...s, to: r.to! };
  return { ...s, level: r.level!, to: r.to === undefined ? s.to : r.to, levelSince: r.from! };
}

/**
 * Decides a request against the current state and the latest grading of the region's forecast
 * (null when there is none). Pure: the caller stores the next state and audits overrides.
 */
export function decideWarning(
  state: WarningState,
  request: WarningRequest,
  grade: WarningGrade | null,
  settings: LifecycleSettings = { liftHours: 36 },
): WarningDecision {
  const edition = grade?.edition ?? null;
  const problem = structuralProblem(state, request);
  if (problem)
    return {
      allowed: false,
      code: 'LT_ERR_WARNING_TRANSITION',
      action: request.action,
      reason: problem,
      allowedActions: allowedActions(state),
      edition,
    };
  const from =
    request.action === 'extend'
      ? (state as Extract<WarningState, { status: 'active' }>).from
      : request.from!;
  const s = support(state, { ...request, from }, grade, settings);
  const base = { action: request.action, next: nextState(state, request), edition };
  if (s.ok)
    return { allowed: true, code: 'supported', ...base, reason: s.why, overrideReason: null };
  if (request.override) {
    const why = request.override.reason.trim();
    if (why === '')
      return {
        allowed: false,
        code: 'LT_ERR_WARNING_OVERRIDE_REASON',
        action: request.action,
        reason: `${s.why}；越过预报须填写理由`,
        allowedActions: allowedActions(state),
        edition,
      };
    return {
      allowed: true,
      code: 'overridden',
      ...base,
      reason: `${s.why}；按理由越过：${why}`,
      overrideReason: why,
    };
  }
  return {
    allowed: false,
    code: 'LT_ERR_WARNING_UNSUPPORTED',
    action: request.action,
    reason: `${s.why}；如确需${WARNING_ACTION_NAMES[request.action]}，须填写理由`,
    allowedActions: allowedActions(state),
    edition,
  };
}
