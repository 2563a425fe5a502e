/**
 * Is an enterprise cutting as its emergency-reduction list says? (pure). The list item owes, per
 * pollutant, an expected daily cut against its pre-episode baseline (src/warnings/measures.ts,
 * made by the lists part per 环办大气函〔2020〕340号 and the standards sheet §2.4). During the
 * episode the enterprise's daily emission is measured by its CEMS: the hourly amounts (-Cou, kg,
 * HJ 212-2017 Table B.2) of the valid hours, per outlet scaled to 24 hours.
 *
 * A day is a violation ('not-cutting') when the observed emission exceeds what is allowed,
 * baseline − expected, by more than `tolerancePct` % of the baseline (configuration; no standard
 * sets a tolerance). A day is judged only when every outlet measuring the pollutant has at least
 * `minValidHours` valid hours (else the total would be underestimated).
 */
import type { ReductionPollutant } from '../../measures.ts';

/** HJ 212-2017 codes of the reduction pollutants in cems_hours (Table B.2; VOCs as NMHC). */
export const CEMS_CODE_OF: Readonly<Record<ReductionPollutant, string>> = {
  SO2: 'a21026',
  NOx: 'a21002',
  PM: 'a34013',
  VOCs: 'a24088',
};

/** One outlet's valid hours of one pollutant on one day. */
export interface OutletDay {
  outletId: number;
  /** Valid hours that carried an amount. */
  validHours: number;
  /** Sum of their -Cou amounts, kg. */
  kg: number;
}

/** The enterprise's observed daily emission, or why it cannot be judged. */
export type ObservedDay =
  | { judged: true; kgPerDay: number; validHours: number; outlets: number }
  | { judged: false; reason: 'no-data' | 'too-few-hours'; validHours: number };

/** Daily emission from the outlets' valid hours, each outlet scaled to 24 hours. */
export function observedDailyKg(outlets: readonly OutletDay[], minValidHours: number): ObservedDay {
  const hours = outlets.reduce((s, o) => s + o.validHours, 0);
  if (outlets.length === 0 || hours === 0)
    return { judged: false, reason: 'no-data', validHours: 0 };
  if (outlets.some((o) => o.validHours < minValidHours))
    return { judged: false, reason: 'too-few-hours', validHours: hours };
  const kg = outlets.reduce((s, o) => s + (o.kg * 24) / o.validHours, 0);
  return { judged: true, kgPerDay: kg, validHours: hours, outlets: outlets.length };
}

/** The numbers of one judged day. */
export interface CuttingJudgement {
  violation: boolean;
  baselineKg: number;
  expectedCutKg: number;
  /** baseline − expected. */
  allowedKg: number;
  /** allowed + tolerance × baseline: above it is a violation. */
  thresholdKg: number;
  observedKg: number;
  /** observed − allowed (negative: cut more than owed). */
  excessKg: number;
  /** Cut achieved: baseline − observed. */
  achievedCutKg: number;
  tolerancePct: number;
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/** Judges one pollutant-day of an enterprise that owes a cut (expected > 0). */
export function judgeCutting(
  baselineKg: number,
  expectedCutKg: number,
  observedKg: number,
  tolerancePct: number,
): CuttingJudgement {
  const allowed = Math.max(0, baselineKg - expectedCutKg);
  const threshold = allowed + (baselineKg * tolerancePct) / 100;
  return {
    violation: observedKg > threshold,
    baselineKg: round(baselineKg),
    expectedCutKg: round(expectedCutKg),
    allowedKg: round(allowed),
    thresholdKg: round(threshold),
    observedKg: round(observedKg),
    excessKg: round(observedKg - allowed),
    achievedCutKg: round(baselineKg - observedKg),
    tolerancePct,
  };
}
