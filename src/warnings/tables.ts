/**
 * Tables of the warnings domain (migration 0016): heavy-pollution forecasts with every version
 * kept, warning episodes and the decisions that made them, counties' confirmations, the editable
 * emergency-measure matrix (industry × performance grade × level) with per-enterprise overrides,
 * emergency-reduction lists (一企一策) with their items, and violations found during an episode.
 * The grading rules themselves are pure code in src/standards/warning/ (docs/warnings.md).
 */
import type { Generated } from 'kysely';

/**
 * One version of a region's forecast. A region's versions are numbered 1, 2, … in the order
 * they were stored; none is ever changed or deleted.
 */
export interface ForecastVersionTable {
  id: Generated<number>;
  /** 6-digit code of the city or county-level unit the forecast is for. */
  region_adcode: string;
  /** 1, 2, … per region. */
  version: number;
  /** YYYY-MM-DD the forecaster issued it (the lead time counts from it). */
  issued: string;
  /** 'manual' (typed in), 'import' (CSV / Excel) or 'api' (posted by a forecasting system). */
  origin: string;
  /** Who stored it: a user's login, or a token's name. */
  author: string;
  /** Import file name or a free note, or null. */
  note: string | null;
  /** First and last forecast day, YYYY-MM-DD. */
  first_day: string;
  last_day: string;
  created_at: number;
}

/** One day of a forecast version. */
export interface ForecastDayTable {
  version_id: number;
  /** YYYY-MM-DD. */
  date: string;
  /** Forecast daily AQI (the upper end when a range is given), 0–500. */
  aqi: number;
  /** Lower end of a forecast AQI range, or null when a single value was given. */
  aqi_low: number | null;
  /** JSON array of primary pollutants (首要污染物), e.g. ["PM2.5"]. */
  primary: string;
  /** A natural cause named by the forecaster ('sand-dust', …, see EPISODE_CAUSES), or null. */
  cause: string | null;
  /** Highest 24-hour rolling AQI starting that day, or null. */
  rolling24h_aqi: number | null;
}

/**
 * A warning episode (一次重污染天气过程的预警) of one region: issued once, possibly upgraded,
 * downgraded or extended, then lifted. Its current state is kept here; the history is in
 * warning_decisions.
 */
export interface WarningEpisodeTable {
  id: Generated<number>;
  region_adcode: string;
  /** 'active' | 'lifted'. */
  status: string;
  /** Current (or, once lifted, last) level: 'yellow' | 'orange' | 'red'. */
  level: string;
  /** Highest level the episode reached. */
  peak_level: string;
  /** 'industrial' (coloured response with emergency cuts) or 'advice' (health advice only). */
  response: string;
  /** YYYY-MM-DD first day of the warning. */
  from_date: string;
  /** YYYY-MM-DD planned last day, or null (until lifted). */
  to_date: string | null;
  /** YYYY-MM-DD the current level took effect. */
  level_since: string;
  /** YYYY-MM-DD the warning was lifted, or null while active. */
  lifted_on: string | null;
  /** Edition of the grading rule the issue decision used ('2019' | '2024'). */
  edition: string;
  /** Forecast version the latest decision rested on, or null (override without a forecast). */
  forecast_version_id: number | null;
  created_at: number;
  updated_at: number;
}

/** One decision on an episode: issue, upgrade, downgrade, extend or lift. */
export interface WarningDecisionTable {
  id: Generated<number>;
  episode_id: number;
  /** 1, 2, … within the episode. */
  seq: number;
  action: string;
  /** Level after the decision (the last level for a lift). */
  level: string;
  from_date: string;
  to_date: string | null;
  forecast_version_id: number | null;
  edition: string | null;
  /** 'supported' (the forecast meets it) or 'overridden' (with override_reason). */
  basis: string;
  override_reason: string | null;
  /** The decision's reason in Chinese (from the lifecycle rules). */
  reason: string;
  /** Notice number (文号) of the official notice, e.g. 邯气应急〔2026〕12号. */
  notice_number: string;
  /** Blob key of the rendered notice PDF, or null until rendered. */
  notice_blob: string | null;
  decided_by: string;
  decided_at: number;
}

/** A county's (or a department's) confirmation that it started its response to a decision. */
export interface WarningConfirmationTable {
  id: Generated<number>;
  decision_id: number;
  /** The confirming unit: a county adcode or a department code. */
  unit: string;
  confirmed_by: string;
  confirmed_at: number;
  note: string | null;
}

/**
 * An edited cell of the emergency-measure matrix (industry × grade × level). Cells not edited
 * come from data/warnings/emergency-matrix.json.
 */
export interface EmergencyMatrixCellTable {
  industry: string;
  /** 'A+' | 'A' | 'lead' | 'B' | 'B-' | 'C' | 'D' | 'ungraded'. */
  grade: string;
  /** 'yellow' | 'orange' | 'red'. */
  level: string;
  /** JSON array of measures (see src/warnings/lists). */
  measures: string;
  updated_by: string;
  updated_at: number;
}

/** An enterprise's own measures for one level (一企一策), overriding the matrix. */
export interface EmergencyOverrideTable {
  enterprise_id: number;
  level: string;
  /** JSON array of measures. */
  measures: string;
  reason: string;
  updated_by: string;
  updated_at: number;
}

/**
 * An emergency-reduction list (应急减排清单) of a region for one level and one kind ('industrial'
 * or 'voc-stagger' for the summer ozone 错峰 list). Generated as a draft, published once; a new
 * generation is a new version.
 */
export interface EmergencyListTable {
  id: Generated<number>;
  region_adcode: string;
  level: string;
  kind: string;
  version: number;
  /** 'draft' | 'published' | 'superseded'. */
  status: string;
  /** JSON: per pollutant { baseline, expected, targetPct, achievedPct } in kg/day. */
  totals: string;
  /** 1 when published although the reductions fall short. */
  shortfall_overridden: number;
  override_reason: string | null;
  generated_by: string;
  generated_at: number;
  published_by: string | null;
  published_at: number | null;
  /**
   * Added by migration 0019 (src/warnings/lists): `<matrix edition>+<reduction arithmetic>` the
   * list was generated with; null on rows written without it.
   */
  edition: string | null;
}

/** One enterprise on a list, with its measures and expected reductions. */
export interface EmergencyListItemTable {
  list_id: number;
  enterprise_id: number;
  /** JSON array of measures in force for the enterprise at the list's level. */
  measures: string;
  /** 'matrix' | 'override' | 'positive-list' | 'guarantee' | 'self-determined'. */
  basis: string;
  /** JSON: per pollutant the daily emission before the episode (kg/day) and its source. */
  baseline: string;
  /** JSON: per pollutant the expected daily reduction (kg/day). */
  expected: string;
}

/**
 * A violation found during an episode: an enterprise on the active list that did not cut as it
 * owes, a line that should be stopped but ran, or a truck that should not have entered.
 */
export interface WarningViolationTable {
  id: Generated<number>;
  episode_id: number;
  enterprise_id: number;
  /** 'not-cutting' | 'line-running' | 'banned-truck'. */
  kind: string;
  /** Dedup key within the episode (kind + subject). */
  subject_key: string;
  /** Evidence window, epoch ms. */
  window_from: number;
  window_to: number;
  /** JSON evidence (baseline, observed, owed, hours, line states, …). */
  evidence: string;
  /** 'open' | 'assigned' | 'closed'. */
  status: string;
  /** County adcode it is assigned to for inspection, or null. */
  assigned_to: string | null;
  assigned_by: string | null;
  assigned_at: number | null;
  /** Findings of the inspection, when closed. */
  findings: string | null;
  closed_by: string | null;
  closed_at: number | null;
  created_at: number;
  updated_at: number;
}

/** Tables of the warnings domain. */
export interface WarningTables {
  forecast_versions: ForecastVersionTable;
  forecast_days: ForecastDayTable;
  warning_episodes: WarningEpisodeTable;
  warning_decisions: WarningDecisionTable;
  warning_confirmations: WarningConfirmationTable;
  emergency_matrix_cells: EmergencyMatrixCellTable;
  emergency_overrides: EmergencyOverrideTable;
  emergency_lists: EmergencyListTable;
  emergency_list_items: EmergencyListItemTable;
  warning_violations: WarningViolationTable;
}
