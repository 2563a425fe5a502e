/**
 * What a tasks service needs about a loaded plan, read once per call: the definitions, the
 * department registry, the region tree (for county scope) and the allocations; plus who acts.
 */
import type { ActorContext } from '../audit/actor.ts';
import type { Principal } from '../auth/principal.ts';
import { loadRegionTree } from '../auth/region-ancestry.ts';
import { regionAncestors, type RegionTree } from '../auth/scope.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { loadedPlans, readTaskPlan } from './definition-repo.ts';
import { buildDepartmentRegistry, type DepartmentRegistry } from './rules/department-registry.ts';
import { readAllocations } from './report-repo.ts';
import type { Allocations } from './rules/row-plan.ts';
import {
  findMeasure,
  normalizeMeasureNumber,
  type MeasureDef,
  type TaskPlan,
} from './task-model.ts';

/** Who acts: the principal decides scope, the context goes into the audit log. */
export interface TaskActor {
  principal: Principal;
  ctx: ActorContext;
}

/** The local operator of the CLI (no --as): acts with the city office's rights. */
export function operatorActor(ctx: ActorContext): TaskActor {
  return {
    principal: {
      userId: 0,
      username: ctx.actor,
      displayName: '本机操作员',
      role: 'city-admin',
      via: 'session',
      mustChangePassword: false,
    },
    ctx,
  };
}

/** A loaded plan with its lookups. */
export interface TaskContext {
  plan: TaskPlan;
  registry: DepartmentRegistry;
  tree: RegionTree;
  allocations: Allocations;
  /** The unit's adcode followed by its ancestors'. */
  ancestry(unit: string): string[];
  /** The unit's name as the plan writes it. */
  unitName(unit: string): string;
  /** The adcode of a unit given by adcode or name, or undefined. */
  resolveUnit(s: string): string | undefined;
  /** The measure with that number, or LT_ERR_TASK_NOT_FOUND. */
  measure(number: string): MeasureDef;
}

/** The plan to use: the one asked for (it must be loaded), or the only one loaded. */
export async function resolvePlanId(db: Db, plan?: string): Promise<string> {
  const plans = (await loadedPlans(db)).map((p) => p.plan);
  if (plan) {
    if (!plans.includes(plan))
      throw new LantianError(
        'LT_ERR_TASK_NOT_FOUND',
        `${plan} 的重点任务尚未载入（lantian tasks load ${plan}）`,
      );
    return plan;
  }
  if (plans.length === 1) return plans[0]!;
  if (plans.length === 0)
    throw new LantianError(
      'LT_ERR_TASK_NOT_FOUND',
      '尚未载入任何重点任务（lantian tasks load <方案>）',
    );
  throw new LantianError('LT_ERR_BAD_REQUEST', `已载入多个方案（${plans.join('、')}），请指定方案`);
}

/** Loads a plan's context. */
export async function loadTaskContext(db: Db, planId?: string): Promise<TaskContext> {
  const id = await resolvePlanId(db, planId);
  const plan = (await readTaskPlan(db, id))!;
  const [tree, allocations] = await Promise.all([loadRegionTree(db), readAllocations(db, id)]);
  const registry = buildDepartmentRegistry(plan.departments);
  const byName = new Map<string, string>();
  for (const [a, n] of plan.unitNames) byName.set(n, a);
  return {
    plan,
    registry,
    tree,
    allocations,
    ancestry: (unit) => regionAncestors(tree, unit),
    unitName: (unit) => plan.unitNames.get(unit) ?? unit,
    resolveUnit(s) {
      const t = s.trim();
      if (plan.unitNames.has(t)) return t;
      if (t === '市本级') return plan.cityAdcode;
      return byName.get(t);
    },
    measure(number) {
      const n = normalizeMeasureNumber(number);
      const m = findMeasure(plan, n);
      if (!m) throw new LantianError('LT_ERR_TASK_NOT_FOUND', n);
      return m;
    },
  };
}
