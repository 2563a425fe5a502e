/**
 * What one dispatch row (a leaf measure and one responsible unit) must deliver (pure). The plan
 * gives targets either per unit (scope unit: 主城区 100 %, 其他县 90 % …) or as a city-wide total
 * (scope city: 45.8万户, 223 台 …). A city total is the city-level row's (全市) goal; a county row
 * carries it as a number only when the city office has allocated the county's share (任务分解),
 * and otherwise as checklist items ("本辖区按期完成") with the same dates.
 */
import type { MeasureDef, MilestoneDef, TargetDef, TaskPlan } from '../task-model.ts';

/** A numeric target as one row carries it. */
export interface RowTarget {
  target: TargetDef;
  /** The row's goal: the unit's value, the city total, or the allocated share. */
  goal: number;
  basis: 'unit' | 'city' | 'allocation';
  /** The target's milestones on this row with the value due by each. */
  milestones: Array<{ milestone: MilestoneDef; due: number }>;
}

/** Everything a row must deliver. */
export interface RowPlan {
  measure: MeasureDef;
  unit: string;
  isCity: boolean;
  targets: RowTarget[];
  /** Milestones ticked off rather than measured. */
  checklist: MilestoneDef[];
  /** Every milestone of the row, in date order. */
  milestones: MilestoneDef[];
  /** Targets a report on this row may give a value for (goals, and county shares of city totals). */
  reportable: TargetDef[];
}

/** Allocations of city targets to units: key `${number}|${targetId}|${unit}` → value. */
export type Allocations = ReadonlyMap<string, number>;

/** The key of an allocation. */
export function allocationKey(number: string, targetId: string, unit: string): string {
  return `${number}|${targetId}|${unit}`;
}

/** True when a milestone applies to a unit's row. */
export function milestoneApplies(m: MilestoneDef, unit: string): boolean {
  return m.units === null || m.units.includes(unit);
}

/** The row of a leaf and a unit (the unit must be one of the leaf's responsible units). */
export function rowPlan(
  plan: TaskPlan,
  measure: MeasureDef,
  unit: string,
  allocations: Allocations = new Map(),
): RowPlan {
  const isCity = unit === plan.cityAdcode;
  // A per-unit target's milestones are not the city-level row's business.
  const perUnit = new Set(measure.targets.filter((t) => t.scope === 'unit').map((t) => t.id));
  const milestones = measure.milestones
    .filter((m) => milestoneApplies(m, unit))
    .filter((m) => !(isCity && m.targetId !== null && perUnit.has(m.targetId)))
    .sort(
      (a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id, 'en', { numeric: true }),
    );
  const targets: RowTarget[] = [];
  const checklist: MilestoneDef[] = milestones.filter((m) => m.targetId === null);
  const reportable: TargetDef[] = [];
  for (const t of measure.targets) {
    const own = milestones.filter((m) => m.targetId === t.id);
    let goal: number | undefined;
    let basis: RowTarget['basis'] = 'unit';
    if (t.scope === 'unit') {
      if (isCity) continue;
      goal = t.unitValues.get(unit);
    } else if (isCity) {
      goal = t.value ?? undefined;
      basis = 'city';
    } else {
      goal = allocations.get(allocationKey(measure.number, t.id, unit));
      basis = 'allocation';
      if (goal === undefined) {
        checklist.push(...own);
        reportable.push(t);
        continue;
      }
    }
    if (goal === undefined) continue;
    reportable.push(t);
    targets.push({
      target: t,
      goal,
      basis,
      milestones: own.map((m) => ({
        milestone: m,
        due: t.direction === 'at-most' ? goal : (m.share ?? 1) * goal,
      })),
    });
  }
  checklist.sort((a, b) => a.date.localeCompare(b.date));
  return { measure, unit, isCity, targets, checklist, milestones, reportable };
}

/** Every row of a plan (optionally of some leaves only), in the plan's order. */
export function allRows(
  plan: TaskPlan,
  allocations: Allocations = new Map(),
  leaves: readonly MeasureDef[] = plan.measures.filter((m) => m.leaf),
): RowPlan[] {
  return leaves.flatMap((m) => m.units.map((u) => rowPlan(plan, m, u, allocations)));
}
