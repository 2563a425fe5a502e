/**
 * The status of a dispatch row on a date (pure). Only what was known by the end of that day
 * counts: reports submitted and reviews made up to then. A returned report (退回) counts for
 * nothing; the latest other version is the row's progress. Statuses, most urgent first:
 *
 *   done        the latest version is accepted and meets every milestone (accepted evidence)
 *   overdue     a milestone's date has passed and the latest version does not meet it
 *   behind      below the time-proportional pace (时序进度, milestone-pace.ts) on a measured target, or
 *               above the ceiling of an at-most target
 *   not_started nothing reported yet (and no milestone passed)
 *   on_track    otherwise
 *
 * Checklist rows (qualitative measures) have no pace: they are not started, on track, overdue or
 * done. A milestone is met on time when the version current at the end of its date meets it, and
 * late when only a later version does (the report that met it is then a late report).
 */
import { addDays } from '../../standards/local-date.ts';
import { dateStartEpoch } from '../../time/zoned-time.ts';
import { elapsedShare, dueByPace } from './milestone-pace.ts';
import type { RowPlan } from './row-plan.ts';
import type { MilestoneDef } from '../task-model.ts';

/** Row statuses. */
export type RowStatus = 'not_started' | 'on_track' | 'behind' | 'overdue' | 'done';

/** Every status, least to most advanced. */
export const ROW_STATUSES: readonly RowStatus[] = [
  'not_started',
  'on_track',
  'behind',
  'overdue',
  'done',
];

/** Chinese names of the statuses (dispatch sheet, CLI, notices). */
export const ROW_STATUS_NAMES: Readonly<Record<RowStatus, string>> = {
  not_started: '未启动',
  on_track: '正常推进',
  behind: '滞后',
  overdue: '逾期',
  done: '已完成',
};

/** Review decisions of the city office. */
export type ReviewDecision = 'accept' | 'return' | 'request_evidence';

/** One version of a row's progress as the rules see it. */
export interface ReportFact {
  id: number;
  version: number;
  reportedAt: number;
  values: Readonly<Record<string, number>>;
  checklist: readonly string[];
  review: { decision: ReviewDecision; at: number } | null;
}

/** How one milestone stands. */
export interface MilestoneOutcome {
  milestone: MilestoneDef;
  /** Value due (measured milestones), or null for a checklist item. */
  due: number | null;
  state: 'met' | 'met_late' | 'pending' | 'missed';
  /** When the version that (still) meets it was submitted. */
  metAt: number | null;
  metByReport: number | null;
}

/** How one measured target stands. */
export interface TargetProgress {
  targetId: string;
  goal: number;
  direction: 'at-least' | 'at-most';
  value: number | null;
  /** Value due by the pace on the date (at-least targets). */
  expected: number | null;
  /** value / goal (completion ratio), or null. */
  ratio: number | null;
  behind: boolean;
}

/** A row evaluated on a date. */
export interface RowEvaluation {
  status: RowStatus;
  date: string;
  current: ReportFact | null;
  /** Review state of the current version. */
  review: 'pending' | 'accepted' | 'evidence_requested' | null;
  targets: TargetProgress[];
  milestones: MilestoneOutcome[];
  /** For rows with nothing reported: share of the first window already elapsed (0–1). */
  silentShare: number;
  /** Reports that met a milestone after its date. */
  lateReports: number[];
}

/** Tuning of the rules. */
export interface StatusOptions {
  timeZone: string;
  /** Shortfall below the pace tolerated, as a share of the row's goal. */
  paceTolerance: number;
}

const EPS = 1e-9;

/** Evaluates a row on `date` from all its report versions (any order). */
export function evaluateRow(
  row: RowPlan,
  reports: readonly ReportFact[],
  date: string,
  opts: StatusOptions,
): RowEvaluation {
  const endOf = (d: string): number => dateStartEpoch(opts.timeZone, addDays(d, 1));
  const cutoff = endOf(date);
  const known = (t: number): boolean => t < cutoff;
  const effective = reports
    .filter((r) => known(r.reportedAt))
    .filter((r) => !(r.review && r.review.decision === 'return' && known(r.review.at)))
    .sort((a, b) => a.version - b.version);
  const current = effective[effective.length - 1] ?? null;
  const at = (t: number): ReportFact | null =>
    effective.filter((r) => r.reportedAt < t).pop() ?? null;

  const dueOf = new Map<string, { targetId: string; due: number; atMost: boolean }>();
  for (const t of row.targets)
    for (const m of t.milestones)
      dueOf.set(m.milestone.id, {
        targetId: t.target.id,
        due: m.due,
        atMost: t.target.direction === 'at-most',
      });
  const meets = (r: ReportFact | null, m: MilestoneDef): boolean => {
    if (!r) return false;
    const d = dueOf.get(m.id);
    if (!d) return r.checklist.includes(m.id);
    const v = r.values[d.targetId];
    if (v === undefined) return false;
    return d.atMost ? v <= d.due + EPS : v >= d.due - EPS;
  };

  const lateReports = new Set<number>();
  const milestones: MilestoneOutcome[] = row.milestones.map((m) => {
    const due = dueOf.get(m.id)?.due ?? null;
    const passed = m.date < date;
    if (!meets(current, m))
      return {
        milestone: m,
        due,
        state: passed ? 'missed' : 'pending',
        metAt: null,
        metByReport: null,
      };
    // The earliest version of the final run of versions that meet it.
    let first = current!;
    for (let i = effective.length - 1; i >= 0 && meets(effective[i]!, m); i--)
      first = effective[i]!;
    const deadline = endOf(m.date);
    const onTime = meets(at(deadline), m) || first.reportedAt < deadline;
    if (!onTime) lateReports.add(first.id);
    return {
      milestone: m,
      due,
      state: onTime ? 'met' : 'met_late',
      metAt: first.reportedAt,
      metByReport: first.id,
    };
  });

  const targets: TargetProgress[] = row.targets.map((t) => {
    const value = current?.values[t.target.id] ?? null;
    const atMost = t.target.direction === 'at-most';
    const expected = atMost
      ? null
      : dueByPace(
          row.measure.start,
          t.milestones.map((m) => ({ date: m.milestone.date, due: m.due })),
          date,
        );
    const behind = atMost
      ? value !== null && value > t.goal + EPS
      : (value ?? 0) < (expected ?? 0) - opts.paceTolerance * t.goal - EPS;
    return {
      targetId: t.target.id,
      goal: t.goal,
      direction: t.target.direction,
      value,
      expected,
      ratio: value !== null && t.goal > 0 ? value / t.goal : null,
      behind,
    };
  });

  const reviewOf = (r: ReportFact | null): RowEvaluation['review'] => {
    if (!r) return null;
    if (!r.review || !known(r.review.at)) return 'pending';
    return r.review.decision === 'accept' ? 'accepted' : 'evidence_requested';
  };
  const review = reviewOf(current);
  const first = row.milestones[0];
  const silentShare = current || !first ? 0 : elapsedShare(row.measure.start, first.date, date);

  let status: RowStatus;
  if (review === 'accepted' && milestones.every((m) => m.state === 'met' || m.state === 'met_late'))
    status = 'done';
  else if (milestones.some((m) => m.state === 'missed')) status = 'overdue';
  else if (!current) status = 'not_started';
  else if (targets.some((t) => t.behind)) status = 'behind';
  else status = 'on_track';

  return {
    status,
    date,
    current,
    review,
    targets,
    milestones,
    silentShare,
    lateReports: [...lateReports],
  };
}
