/**
 * LDAR survey rounds (泄漏检测与修复, docs/standards/sub-metering-ldar.md §2): the checks of a
 * round as an enterprise reports it, and the repair rates of §2.2. Pure.
 */
import { isLocalDate } from '../../../standards/local-date.ts';

/** A round as given. */
export interface RoundInput {
  year: number;
  round: number;
  /** YYYY-MM-DD, inclusive. */
  periodFrom: string;
  periodTo: string;
  /** Components (密封点) surveyed. */
  components: number;
  leaks: number;
  repairedOnTime: number;
  repairedLate: number;
  unrepaired: number;
  notes?: string | null | undefined;
}

/** The outcome of the check: the round (notes trimmed, null when empty), or the field at fault. */
export type RoundCheck =
  | { ok: true; round: RoundInput & { notes: string | null } }
  | { ok: false; code: 'LT_ERR_BAD_LDAR_ROUND'; field: string; detail: string };

const COUNTS = ['components', 'leaks', 'repairedOnTime', 'repairedLate', 'unrepaired'] as const;

/** Checks a round; the first problem is returned with its field. */
export function checkRound(r: RoundInput): RoundCheck {
  const bad = (field: string, detail: string): RoundCheck => ({
    ok: false,
    code: 'LT_ERR_BAD_LDAR_ROUND',
    field,
    detail,
  });
  if (!Number.isInteger(r.year) || r.year < 2000 || r.year > 2100)
    return bad('year', '年度应为 2000–2100 的整数');
  if (!Number.isInteger(r.round) || r.round < 1 || r.round > 12)
    return bad('round', '轮次应为 1–12 的整数');
  if (!isLocalDate(r.periodFrom)) return bad('periodFrom', '开始日期应为 YYYY-MM-DD');
  if (!isLocalDate(r.periodTo)) return bad('periodTo', '结束日期应为 YYYY-MM-DD');
  if (r.periodFrom > r.periodTo) return bad('periodTo', '结束日期早于开始日期');
  if (Number(r.periodFrom.slice(0, 4)) !== r.year)
    return bad('periodFrom', '开始日期不在所填年度内');
  for (const c of COUNTS)
    if (!Number.isInteger(r[c]) || r[c] < 0) return bad(c, '应为不小于 0 的整数');
  if (r.leaks > r.components) return bad('leaks', '泄漏点数多于检测密封点数');
  if (r.repairedOnTime + r.repairedLate + r.unrepaired !== r.leaks)
    return bad('unrepaired', '按期修复、延期修复与未修复之和应等于泄漏点数');
  const notes = (r.notes ?? '').trim();
  if ([...notes].length > 500) return bad('notes', '备注不超过 500 字');
  return { ok: true, round: { ...r, notes: notes === '' ? null : notes } };
}

/** Counts summed over rounds. */
export interface RoundTotals {
  rounds: number;
  components: number;
  leaks: number;
  repairedOnTime: number;
  repairedLate: number;
  unrepaired: number;
}

/** Sums rounds. */
export function totalsOf(rounds: ReadonlyArray<Omit<RoundInput, 'notes'>>): RoundTotals {
  const t: RoundTotals = {
    rounds: rounds.length,
    components: 0,
    leaks: 0,
    repairedOnTime: 0,
    repairedLate: 0,
    unrepaired: 0,
  };
  for (const r of rounds) for (const c of COUNTS) t[c] += r[c];
  return t;
}

/**
 * Repair rate (repaired within the deadline or late, per leak found) and on-time rate (within the
 * deadline, per leak found), both null when no leak was found (docs/standards/sub-metering-ldar.md §2.2).
 */
export function repairRates(t: RoundTotals): {
  repairRate: number | null;
  onTimeRate: number | null;
} {
  if (t.leaks === 0) return { repairRate: null, onTimeRate: null };
  return {
    repairRate: (t.repairedOnTime + t.repairedLate) / t.leaks,
    onTimeRate: t.repairedOnTime / t.leaks,
  };
}
