/**
 * Which measures an enterprise takes at a warning level (一企一策), pure. The order of the rules
 * (standards-warnings-grading.md §2.2, §2.4–§2.6 and §6, edition named in the matrix file):
 * 1. positive list (正面清单, while in force): no disturbance — self-determined (§2.6);
 * 2. 保障类: produce by heat demand (以热定产), never stop (§2.6);
 * 3. the enterprise's own override for the level (一企一策 always overrides the defaults, §6);
 * 4. grades A+, A and 引领性: self-determined at every level (§2.2, §6);
 * 5. the matrix cell (industry × grade × level); ungraded enterprises use the cell of
 *    `ungradedAs` (C or D, §6 — configuration) unless an 'ungraded' cell exists; B- falls back to B;
 * 6. at and above the configured levels: the bulk-transport truck ban for units with ≥ N trucks a
 *    day and the non-road China II ban (§2.5, §6), added to any basis but the positive list.
 */
import type { Measure } from '../../measures.ts';

/** Warning levels, mildest first. */
export const LIST_LEVELS = ['yellow', 'orange', 'red'] as const;
/** A warning level. */
export type ListLevel = (typeof LIST_LEVELS)[number];
/** Grades a matrix cell can name. */
export const MATRIX_GRADES = ['A+', 'A', 'lead', 'B', 'B-', 'C', 'D', 'ungraded'] as const;
/** A matrix grade. */
export type MatrixGrade = (typeof MATRIX_GRADES)[number];

/** Why an item carries its measures (emergency_list_items.basis). */
export type ItemBasis = 'matrix' | 'override' | 'positive-list' | 'guarantee' | 'self-determined';

/** The configuration the rules read (data/warnings/emergency-matrix.json, `config`). */
export interface MeasureConfig {
  ungradedAs: 'C' | 'D';
  truckBan: { minTrucksPerDay: number; fromLevel: ListLevel };
  nonroadBan: { fromLevel: ListLevel };
  guaranteeText: string;
  positiveListText: string;
}

/** What the rules need to know about the enterprise. */
export interface EnterpriseFacts {
  industry: string;
  grade: string | null;
  /** On the positive list today. */
  positiveList: boolean;
  /** 保障类 today. */
  guarantee: boolean;
  /** Heavy trucks entering a day (bulk transport), null when not known. */
  trucksPerDay: number | null;
}

/** The measures of one enterprise and their basis. */
export interface EnterpriseMeasures {
  measures: Measure[];
  basis: ItemBasis;
}

/** Looks a matrix cell up: the measures, or undefined when the cell is empty. */
export type CellLookup = (
  industry: string,
  grade: MatrixGrade,
  level: ListLevel,
) => Measure[] | undefined;

const SELF_DETERMINED_GRADES = new Set(['A+', 'A', 'lead']);

/** True when `level` is at or above `from`. */
export function levelAtLeast(level: ListLevel, from: ListLevel): boolean {
  return LIST_LEVELS.indexOf(level) >= LIST_LEVELS.indexOf(from);
}

function matrixMeasures(e: EnterpriseFacts, level: ListLevel, cell: CellLookup, c: MeasureConfig) {
  const grade = e.grade ?? 'ungraded';
  const tries: MatrixGrade[] =
    grade === 'ungraded'
      ? ['ungraded', c.ungradedAs]
      : grade === 'B-'
        ? ['B-', 'B']
        : [grade as MatrixGrade];
  for (const g of tries) {
    const m = cell(e.industry, g, level);
    if (m && m.length > 0) return m;
  }
  return undefined;
}

function baseMeasures(
  e: EnterpriseFacts,
  level: ListLevel,
  override: Measure[] | undefined,
  cell: CellLookup,
  c: MeasureConfig,
): EnterpriseMeasures | undefined {
  if (e.positiveList)
    return {
      basis: 'positive-list',
      measures: [{ kind: 'self-determined', text: c.positiveListText }],
    };
  if (e.guarantee)
    return { basis: 'guarantee', measures: [{ kind: 'other', text: c.guaranteeText }] };
  if (override) return { basis: 'override', measures: override };
  if (e.grade && SELF_DETERMINED_GRADES.has(e.grade))
    return { basis: 'self-determined', measures: [{ kind: 'self-determined' }] };
  const m = matrixMeasures(e, level, cell, c);
  return m ? { basis: 'matrix', measures: m } : undefined;
}

function withTransportBans(
  base: EnterpriseMeasures | undefined,
  e: EnterpriseFacts,
  level: ListLevel,
  c: MeasureConfig,
): EnterpriseMeasures | undefined {
  if (base?.basis === 'positive-list') return base;
  const out = base
    ? { ...base, measures: [...base.measures] }
    : { basis: 'matrix' as const, measures: [] };
  const has = (k: string) =>
    out.measures.some((m) => m.kind === k || m.kind === 'road-transport-stop');
  const bulk = (e.trucksPerDay ?? 0) >= c.truckBan.minTrucksPerDay;
  if (bulk && levelAtLeast(level, c.truckBan.fromLevel) && !has('truck-ban'))
    out.measures.push({ kind: 'truck-ban' });
  if (levelAtLeast(level, c.nonroadBan.fromLevel) && base && !has('nonroad-ban'))
    out.measures.push({ kind: 'nonroad-ban' });
  return out.measures.length > 0 ? out : undefined;
}

/**
 * The enterprise's measures at the level, or undefined when nothing applies (an industry whose
 * matrix is still empty and no override: the enterprise is not on the list).
 */
export function enterpriseMeasures(
  e: EnterpriseFacts,
  level: ListLevel,
  override: Measure[] | undefined,
  cell: CellLookup,
  c: MeasureConfig,
): EnterpriseMeasures | undefined {
  return withTransportBans(baseMeasures(e, level, override, cell, c), e, level, c);
}
