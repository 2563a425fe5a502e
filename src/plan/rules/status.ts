/**
 * Status against annual targets (pure): on track / at risk / off track, from the primary
 * year-end projection. Thresholds are the plan's `rules.status` (defaults 5 % / 5 % / 20 %,
 * our choice, docs/plan.md):
 *
 * - PM2.5: projected (GB/T 8170 integer) ≤ target → on track; ≤ target × (1 + p) → at risk.
 * - good days: target out of reach (so far + days left < target) → off track; projected ≥
 *   target → on track; ≥ target × (1 − p) → at risk. A rate target compares the projected rate.
 * - heavy days: ceiling already exceeded → off track; projected ≤ ceiling → on track; ≤
 *   ceiling × (1 + p) → at risk.
 */
import { roundHalfEven } from '../../standards/index.ts';

/** A status. `no_target`: the plan sets none; `no_data`: nothing to judge by. */
export type Status = 'on_track' | 'at_risk' | 'off_track' | 'no_target' | 'no_data';

/** Chinese names of the statuses. */
export const STATUS_NAMES: Readonly<Record<Status, string>> = {
  on_track: '正常',
  at_risk: '有风险',
  off_track: '滞后',
  no_target: '无目标',
  no_data: '无有效数据',
};

const SEVERITY: Readonly<Record<Status, number>> = {
  no_target: 0,
  no_data: 0,
  on_track: 1,
  at_risk: 2,
  off_track: 3,
};

/** Status of the PM2.5 annual mean. */
export function pm25Status(
  projected: number | null,
  target: number | null,
  atRiskPct: number,
): Status {
  if (target === null) return 'no_target';
  if (projected === null) return 'no_data';
  const p = roundHalfEven(projected, 0);
  if (p <= target) return 'on_track';
  return p <= target * (1 + atRiskPct / 100) ? 'at_risk' : 'off_track';
}

/** Status of a floor (good days, or the good-day rate with `reachable` = max rate possible). */
export function floorStatus(
  projected: number | null,
  target: number | null,
  reachable: number | null,
  atRiskPct: number,
): Status {
  if (target === null) return 'no_target';
  if (projected === null) return 'no_data';
  if (reachable !== null && reachable < target) return 'off_track';
  if (projected >= target) return 'on_track';
  return projected >= target * (1 - atRiskPct / 100) ? 'at_risk' : 'off_track';
}

/** Status of a ceiling (heavy-pollution days). */
export function ceilingStatus(
  projected: number | null,
  used: number | null,
  ceiling: number | null,
  atRiskPct: number,
): Status {
  if (ceiling === null) return 'no_target';
  if (used !== null && used > ceiling) return 'off_track';
  if (projected === null) return used === null ? 'no_data' : 'on_track';
  if (projected <= ceiling) return 'on_track';
  return projected <= ceiling * (1 + atRiskPct / 100) ? 'at_risk' : 'off_track';
}

/** The worst of several statuses; no_data when none says anything. */
export function worstStatus(statuses: readonly Status[]): Status {
  let worst: Status = 'no_data';
  for (const s of statuses) if (SEVERITY[s] > SEVERITY[worst]) worst = s;
  if (worst === 'no_data' && statuses.length > 0 && statuses.every((s) => s === 'no_target'))
    return 'no_target';
  return worst;
}
