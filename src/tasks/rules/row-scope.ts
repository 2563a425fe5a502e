/**
 * Who may report on, and see, which dispatch rows (pure; built on src/auth/scope.ts):
 *
 *   city-admin  every row; the only role that reviews
 *   county      rows of its own region (and regions below it); never another county's
 *   department  every row of the measures it leads (a parent department covers its sub-units)
 *   others      nothing
 */
import type { Principal } from '../../auth/principal.ts';
import { canSeeRegion } from '../../auth/scope.ts';
import type { DepartmentRegistry } from './department-registry.ts';
import type { MeasureDef } from '../task-model.ts';

/** True when the principal's department leads (or covers a lead of) the measure. */
export function leadsMeasure(p: Principal, m: MeasureDef, registry: DepartmentRegistry): boolean {
  return p.role === 'department' && m.departments.some((d) => registry.covers(p.department, d));
}

/** Why the principal may not see or report on a row, or null when it may. */
export function rowScopeProblem(
  p: Principal,
  m: MeasureDef,
  unitAncestry: readonly string[],
  registry: DepartmentRegistry,
  unitName: string,
): string | null {
  switch (p.role) {
    case 'city-admin':
      return null;
    case 'county':
      return canSeeRegion(p, unitAncestry)
        ? null
        : `县区账号（${p.regionAdcode ?? '—'}）不能填报或查看 ${unitName}（${unitAncestry[0] ?? ''}）的任务`;
    case 'department':
      return leadsMeasure(p, m, registry)
        ? null
        : `部门账号（${p.department ?? '—'}）不是 ${m.number} 的牵头部门`;
    default:
      return `角色 ${p.role} 不参与重点任务调度`;
  }
}
