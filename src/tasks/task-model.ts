/**
 * The key tasks of a plan as the services use them: measures (numbered measures and their
 * sub-measures), targets, milestones, lead departments and responsible units. Built from the data
 * files by rules/task-plan-compile.ts and read back from the store by definition-repo.ts.
 */

/** city: one city-wide total (全市 row); unit: each responsible county has its own value. */
export type TargetScope = 'city' | 'unit';
/** at-least: progress towards a value; at-most: a ceiling (降尘量, 化肥用量). */
export type TargetDirection = 'at-least' | 'at-most';

/** One quantitative target. */
export interface TargetDef {
  id: string;
  metric: string;
  unit: string;
  scope: TargetScope;
  direction: TargetDirection;
  /** City-wide value (scope city), or null. */
  value: number | null;
  /** Per-unit values (scope unit): adcode → value. */
  unitValues: ReadonlyMap<string, number>;
  /** Largest value a report may carry, or null for no ceiling. */
  max: number | null;
  note: string | null;
}

/** One milestone: a numeric share of a target due by a date, or a checklist item. */
export interface MilestoneDef {
  id: string;
  /** Deadline, local date: due by the end of that day. */
  date: string;
  label: string;
  targetId: string | null;
  share: number | null;
  /** The plan gives no date (the plan year's end is used). */
  implicit: boolean;
  /** Only rows of these units carry it (null: every row). */
  units: readonly string[] | null;
}

/** A numbered measure or a sub-measure. Only leaves are reported on. */
export interface MeasureDef {
  number: string;
  parent: string | null;
  campaign: string;
  campaignTitle: string;
  title: string;
  /** The plan's text, verbatim (page breaks of the source joined). */
  text: string;
  leaf: boolean;
  /** Lead departments (责任部门), by code, in the plan's order. */
  departments: readonly string[];
  /** Responsible units (adcodes; the city's own code for the city-level row). */
  units: readonly string[];
  unitsNote: string | null;
  /** Day the time-proportional pace starts from. */
  start: string;
  targets: readonly TargetDef[];
  milestones: readonly MilestoneDef[];
  /** Position in the plan's order. */
  sort: number;
}

/** A department of the registry. */
export interface DepartmentDef {
  code: string;
  name: string;
  aliases: readonly string[];
  /** The department it belongs to (市公安局交巡警支队 → 市公安局), or null. */
  parent: string | null;
  note: string | null;
}

/** How the plan names itself (for notices and sheets). */
export interface PlanMeta {
  /** 邯郸市2020年大气污染综合治理工作方案 */
  title: string;
  /** 邯气领〔2020〕1号 */
  document: string;
  /** The office that dispatches and warns: 邯郸市大气污染防治工作领导小组办公室 */
  office: string;
}

/** The key tasks of one plan. */
export interface TaskPlan {
  plan: string;
  meta: PlanMeta;
  /** The city's adcode: the unit of city-level rows (全市). */
  cityAdcode: string;
  start: string;
  measures: readonly MeasureDef[];
  departments: readonly DepartmentDef[];
  /** Names of the units as the plan writes them (adcode → name), the city included. */
  unitNames: ReadonlyMap<string, string>;
}

/** The measure with that number, or undefined. */
export function findMeasure(plan: TaskPlan, number: string): MeasureDef | undefined {
  return plan.measures.find((m) => m.number === number);
}

/** Turns a measure number typed by a person into the canonical form (三.(五).2). */
export function normalizeMeasureNumber(raw: string): string {
  return raw
    .trim()
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[．。、]/g, '.')
    .replace(/\s+/g, '');
}
