/** Counts over a plan's key tasks (pure): what `tasks load` prints and the loader test checks. */
import type { TaskPlan } from '../task-model.ts';

/** How much a plan holds. */
export interface PlanCounts {
  /** Numbered measures of section 三 (三.(一).1 …). */
  measures: number;
  /** Paragraphs of a measure with their own departments, tracked on their own (三.(二).2.1 …). */
  subMeasures: number;
  /** What is reported on: measures without sub-measures, plus sub-measures. */
  leaves: number;
  targets: number;
  milestones: number;
  /** Milestones the plan gives no date for (the plan year's end is used). */
  implicitMilestones: number;
  /** Departments leading at least one measure. */
  leadDepartments: number;
  /** Departments in the registry. */
  departments: number;
  /** Dispatch rows: one per leaf and responsible unit. */
  rows: number;
}

/** Counts measures, sub-measures, targets, milestones, departments and rows. */
export function planCounts(plan: TaskPlan): PlanCounts {
  const leaves = plan.measures.filter((m) => m.leaf);
  const milestones = leaves.flatMap((m) => m.milestones);
  return {
    measures: plan.measures.filter((m) => m.parent === null).length,
    subMeasures: plan.measures.filter((m) => m.parent !== null).length,
    leaves: leaves.length,
    targets: leaves.reduce((n, m) => n + m.targets.length, 0),
    milestones: milestones.length,
    implicitMilestones: milestones.filter((m) => m.implicit).length,
    leadDepartments: new Set(leaves.flatMap((m) => m.departments)).size,
    departments: plan.departments.length,
    rows: leaves.reduce((n, m) => n + m.units.length, 0),
  };
}
