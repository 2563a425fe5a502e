/**
 * Who handles a case: the city office every case; a county the cases assigned to it; a department
 * the cases assigned to it (names compared as the task registry compares them).
 */
import { departmentNameKey } from '../auth/department-names.ts';
import type { Principal } from '../auth/principal.ts';
import { LantianError } from '../errors.ts';
import type { TipoffFilter, TipoffRow } from './tipoff-repo.ts';

/** True when the principal handles the case. */
export function handles(p: Principal, row: Pick<TipoffRow, 'county' | 'department'>): boolean {
  if (p.role === 'city-admin') return true;
  if (p.role === 'county') return p.regionAdcode !== undefined && row.county === p.regionAdcode;
  if (p.role === 'department')
    return (
      p.department !== undefined &&
      row.department !== null &&
      departmentNameKey(row.department) === departmentNameKey(p.department)
    );
  return false;
}

/** Throws LT_ERR_TIPOFF_NOT_FOUND unless the principal handles the case (no existence leak). */
export function assertHandles<T extends Pick<TipoffRow, 'county' | 'department'>>(
  p: Principal,
  row: T | undefined,
): T {
  if (!row || !handles(p, row)) throw new LantianError('LT_ERR_TIPOFF_NOT_FOUND');
  return row;
}

/** The list filter a principal's scope adds. */
export function scopeFilter(p: Principal): Partial<TipoffFilter> {
  if (p.role === 'city-admin') return {};
  if (p.role === 'county') return { county: p.regionAdcode ?? '#none' };
  if (p.role === 'department' && p.department)
    return { departments: departmentSpellings(p.department) };
  return { county: '#none' };
}

/** Spellings of a department stored on cases (城市前缀 as given and without). */
function departmentSpellings(name: string): string[] {
  const key = departmentNameKey(name);
  return [...new Set([name, key, key.startsWith('市') ? `邯郸${key}` : key])];
}
