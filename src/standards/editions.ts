// Editions of the standards and the date rule choosing them (docs/standards/editions.md §0.1;
// docs/architecture.md, Conventions).
import { assertLocalDate } from './local-date.ts';

/** Edition of the AQI standard: HJ 633-2012 or HJ 633-2026. */
export type AqiEdition = 'HJ633-2012' | 'HJ633-2026';
/** Edition of the evaluation standard: HJ 663-2013 or HJ 663-2026. */
export type AssessmentEdition = 'HJ663-2013' | 'HJ663-2026';
/** Edition of the ambient quality standard: GB 3095-2012 or GB 3095-2026. */
export type LimitsEdition = 'GB3095-2012' | 'GB3095-2026';

/** All AQI editions, oldest first. */
export const AQI_EDITIONS: readonly AqiEdition[] = ['HJ633-2012', 'HJ633-2026'];

/** First day of HJ 633-2026 and GB 3095-2026 (both in force 2026-03-01, read from the scans). */
export const EDITIONS_2026_IN_FORCE = '2026-03-01';

/**
 * Default first day of HJ 663-2026. Its dates are UNVERIFIED (docs/standards/editions.md §0.1), so
 * the date is configuration; the default follows HJ 633-2026 / GB 3095-2026.
 */
export const DEFAULT_ASSESSMENT_2026_FROM = '2026-03-01';

/** The AQI edition in force on a local date 'YYYY-MM-DD' (HJ 633-2026 from 2026-03-01). */
export function aqiEditionFor(date: string): AqiEdition {
  assertLocalDate(date);
  return date >= EDITIONS_2026_IN_FORCE ? 'HJ633-2026' : 'HJ633-2012';
}

/**
 * The evaluation edition on a local date. HJ 663-2026's content is UNVERIFIED: every rule in
 * `assessment/` is the HJ 663-2013 rule for both editions (the edition is recorded, not branched
 * on); `from` is configurable because the in-force date is UNVERIFIED too.
 */
export function assessmentEditionFor(
  date: string,
  from: string = DEFAULT_ASSESSMENT_2026_FROM,
): AssessmentEdition {
  assertLocalDate(date);
  assertLocalDate(from, 'HJ 663-2026 start date');
  return date >= from ? 'HJ663-2026' : 'HJ663-2013';
}

/** The ambient-limits edition in force on a local date (GB 3095-2026 from 2026-03-01). */
export function limitsEditionFor(date: string): LimitsEdition {
  assertLocalDate(date);
  return date >= EDITIONS_2026_IN_FORCE ? 'GB3095-2026' : 'GB3095-2012';
}

/** The three editions a computation records. */
export interface Editions {
  aqi: AqiEdition;
  assessment: AssessmentEdition;
  limits: LimitsEdition;
}

/** Options of `editionsFor`. */
export interface EditionsForOptions {
  /** First day of HJ 663-2026 (UNVERIFIED; default 2026-03-01). */
  assessment2026From?: string;
}

/** The editions in force on a local date, with any caller override applied. */
export function editionsFor(
  date: string,
  override: Partial<Editions> = {},
  options: EditionsForOptions = {},
): Editions {
  return {
    aqi: override.aqi ?? aqiEditionFor(date),
    assessment: override.assessment ?? assessmentEditionFor(date, options.assessment2026From),
    limits: override.limits ?? limitsEditionFor(date),
  };
}
