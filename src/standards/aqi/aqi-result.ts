// Combining IAQIs into an AQI report: AQI = max IAQI (HJ 633-2012 §5.2 formula (2)); primary
// pollutant (首要污染物) only when AQI > 50, ties all listed (HJ 633-2012 §5.3, HJ 633-2026);
// exceedance pollutant (超标污染物) IAQI > 100, HJ 633-2012 §5.4 only (removed in 2026);
// missing data: HJ 633-2026 publishes an incomplete AQI only when it is > 100
// (docs/standards/aqi.md §2.2); HJ 633-2012 has no such rule (see DEFAULT_MISSING_DATA).
import type { AqiEdition } from '../editions.ts';
import { aqiCategory, type AqiCategory } from './categories.ts';
import type { IaqiColumn } from './iaqi-tables.ts';
import { iaqi, type IaqiNote, type IaqiOptions, type IaqiResult } from './iaqi.ts';

/**
 * What to do when some indicators of the edition are missing: `publish-above-100` (the HJ 633-2026
 * rule) publishes the partial AQI only when it is > 100; `publish` always publishes it;
 * `withhold` never publishes an incomplete AQI.
 */
export type MissingDataPolicy = 'publish-above-100' | 'publish' | 'withhold';

/** Every missing-data policy. */
export const MISSING_DATA_POLICIES: readonly MissingDataPolicy[] = [
  'withhold',
  'publish-above-100',
  'publish',
];

/**
 * Default missing-data rule of each edition. HJ 633-2026 (read from the scan, docs/standards/aqi.md
 * §2.2): with indicators missing, the AQI of the remaining ones is published when it is > 100,
 * otherwise only concentrations and IAQIs are published and AQI/level are NA. HJ 633-2012 (text
 * extracted, docs/standards/aqi.md §2.2) only says a missing indicator is reported as NA and has no
 * rule publishing an AQI without all its indicators, so none is published: `withhold`. That reading
 * of the 2012 text is UNVERIFIED against official practice; it is configuration
 * (LANTIAN_AIR_INCOMPLETE_AQI_*, docs/assessment.md). The 2026 rule is never applied to
 * 2012-edition data by default.
 */
export const DEFAULT_MISSING_DATA: Readonly<Record<AqiEdition, MissingDataPolicy>> = {
  'HJ633-2012': 'withhold',
  'HJ633-2026': 'publish-above-100',
};

/** Options of the daily and hourly AQI. */
export interface AqiOptions extends IaqiOptions {
  /** Missing-data rule (default per edition: DEFAULT_MISSING_DATA). */
  missingData?: MissingDataPolicy;
}

/** An AQI report for one station (or area) and period. */
export interface AqiResult {
  edition: AqiEdition;
  /** Published AQI, null when withheld by the missing-data rule or when nothing is indexed. */
  aqi: number | null;
  category: AqiCategory | null;
  /** Indicator keys with the largest IAQI, only when the published AQI > 50; ties → all. */
  primary: string[];
  /** IAQI per indicator key of the edition (null = missing or not indexed). */
  iaqi: Record<string, number | null>;
  /** True when every indicator of the edition has a usable concentration. */
  complete: boolean;
  /** HJ 633-2012 only: indicator keys whose IAQI > 100. */
  exceeding?: string[];
  /** Max IAQI over the indicators present, even when `aqi` is withheld. */
  partialAqi: number | null;
  /** Indicator keys of the edition without a usable concentration. */
  missing: string[];
  /** Notes of special IAQIs (capped, not computed, above scale, invalid) by indicator key. */
  notes: Record<string, IaqiNote>;
}

/** One indicator's outcome, as fed to `buildAqiResult`. */
export interface IndicatorOutcome {
  key: string;
  /** The indicator has a usable concentration (possibly indexed through a fallback). */
  present: boolean;
  /** The IAQI, or null when the concentration is absent. */
  result: IaqiResult | null;
}

/** Builds the AQI report from per-indicator IAQIs (HJ 633 §5.2–§5.4). */
export function buildAqiResult(
  edition: AqiEdition,
  outcomes: readonly IndicatorOutcome[],
  options: AqiOptions = {},
): AqiResult {
  const iaqi: Record<string, number | null> = {};
  const notes: Record<string, IaqiNote> = {};
  const missing: string[] = [];
  let partial: number | null = null;
  for (const o of outcomes) {
    const value = o.result?.value ?? null;
    iaqi[o.key] = value;
    if (o.result?.note) notes[o.key] = o.result.note;
    if (!o.present) missing.push(o.key);
    if (value !== null && (partial === null || value > partial)) partial = value;
  }
  const complete = missing.length === 0;
  const policy = options.missingData ?? DEFAULT_MISSING_DATA[edition];
  const publish =
    partial !== null &&
    (complete || policy === 'publish' || (policy === 'publish-above-100' && partial > 100));
  const aqi = publish ? partial : null;
  const primary =
    aqi !== null && aqi > 50 ? outcomes.filter((o) => iaqi[o.key] === aqi).map((o) => o.key) : [];
  const result: AqiResult = {
    edition,
    aqi,
    category: aqi === null ? null : aqiCategory(aqi),
    primary,
    iaqi,
    complete,
    partialAqi: partial,
    missing,
    notes,
  };
  if (edition === 'HJ633-2012') {
    result.exceeding = outcomes.filter((o) => (iaqi[o.key] ?? 0) > 100).map((o) => o.key);
  }
  return result;
}

/** True when a concentration is usable for indexing (finite and ≥ 0). */
export function isUsableConcentration(c: number | null | undefined): c is number {
  return typeof c === 'number' && Number.isFinite(c) && c >= 0;
}

/**
 * One indicator's outcome: indexed when its concentration is usable; a present but unusable value
 * (negative, not finite) is indexed too so that its `invalid` note is reported, yet counts as
 * missing.
 */
export function indicatorOutcome(
  key: string,
  column: IaqiColumn,
  c: number | null | undefined,
  edition: AqiEdition,
  options: IaqiOptions,
): IndicatorOutcome {
  if (isUsableConcentration(c))
    return { key, present: true, result: iaqi(column, c, edition, options) };
  return {
    key,
    present: false,
    result: c === null || c === undefined ? null : iaqi(column, c, edition, options),
  };
}
