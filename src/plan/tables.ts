/** Tables of the plan domain (migration 0004): plans, their versions and accountability notices. */

/** One work plan (工作方案): a city's programme for one year, e.g. `handan-2020`. */
export interface PlanTable {
  /** Slug, e.g. 'handan-2020'. */
  id: string;
  name: string;
  city_adcode: string;
  year: number;
  created_at: number;
  updated_at: number;
}

/**
 * One version of a plan. `document` is the whole plan as validated JSON (units, targets,
 * baseline, rules; see plan-document.ts). A published version is never updated again: changes
 * go into a new draft version.
 */
export interface PlanVersionTable {
  plan_id: string;
  version: number;
  /** 'draft' | 'published' */
  status: string;
  document: string;
  note: string | null;
  created_at: number;
  created_by: string;
  updated_at: number;
  published_at: number | null;
  published_by: string | null;
}

/**
 * An accountability notice (四(四)): warning letter, summons candidate or ranking bulletin, with
 * the figures that triggered it and its workflow state.
 */
export interface PlanNoticeTable {
  id: import('kysely').Generated<number>;
  plan_id: string;
  plan_version: number;
  /** 'warning_letter' | 'summons' | 'bulletin' */
  kind: string;
  /** The unit addressed; the city's adcode for a bulletin. */
  unit_adcode: string;
  /** The period that triggered it: 'YYYY-MM'. */
  period: string;
  /** 'draft' | 'reviewed' | 'issued' | 'responded' */
  status: string;
  title: string;
  body: string;
  /** JSON: the triggers and the figures behind them. */
  facts: string;
  created_at: number;
  created_by: string;
  updated_at: number;
  reviewed_at: number | null;
  reviewed_by: string | null;
  issued_at: number | null;
  issued_by: string | null;
  responded_at: number | null;
  responded_by: string | null;
  response: string | null;
}

/** Tables of the plan domain. */
export interface PlanTables {
  plans: PlanTable;
  plan_versions: PlanVersionTable;
  plan_notices: PlanNoticeTable;
}
