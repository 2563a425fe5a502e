/**
 * The plan's rule for counties that were dirtier than the main city (三(七)4, pure): a unit whose
 * base-year annual PM2.5 exceeded the main city's national-control mean must keep each monthly
 * PM2.5 mean of the plan year below the main city's. Both monthly means are compared as published
 * (GB/T 8170 integers); "below" is strict, so an equal month is flagged.
 */

/** Inputs for one unit and month. */
export interface MainCityRuleInput {
  unitBaselinePm25: number | null;
  mainBaselinePm25: number | null;
  unitMonthPm25: number | null;
  mainMonthPm25: number | null;
}

/** The check of one unit and month. */
export interface MainCityCheck {
  /** The rule applies (base year above the main city); null when a baseline is unknown. */
  applies: boolean | null;
  /** The month breaks the rule; null when the rule does not apply or a month value is missing. */
  flagged: boolean | null;
  /** Unit month minus main-city month, µg/m³. */
  marginPm25: number | null;
}

/** Applies the rule to one unit and month. */
export function mainCityCheck(i: MainCityRuleInput): MainCityCheck {
  const applies =
    i.unitBaselinePm25 === null || i.mainBaselinePm25 === null
      ? null
      : i.unitBaselinePm25 > i.mainBaselinePm25;
  const margin =
    i.unitMonthPm25 === null || i.mainMonthPm25 === null ? null : i.unitMonthPm25 - i.mainMonthPm25;
  if (applies !== true || margin === null) return { applies, flagged: null, marginPm25: margin };
  return { applies, flagged: margin >= 0, marginPm25: margin };
}
