/**
 * Whose dust data an account sees: the city office everything; a county the sources, points,
 * alarms and inspections of its region and below; a department the sources it is responsible
 * for (and their alarms and inspections) and every dust-fall figure; enterprises and visitors
 * nothing. The monthly dust-fall and PM10 rankings are the city's published notice: every
 * signed-in role but visitors and enterprises reads them.
 */
import { departmentNameKey } from '../auth/department-names.ts';
import type { Principal } from '../auth/principal.ts';
import { loadRegionTree } from '../auth/region-ancestry.ts';
import { visibleRegions } from '../auth/scope.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';

/** What a principal sees, as a condition a repo turns into SQL. */
export type DustVisibility =
  | { kind: 'all' }
  | { kind: 'regions'; regions: string[] }
  | { kind: 'department'; department: string }
  | { kind: 'none' };

/** The dust sources (and their records) a principal sees. */
export async function dustVisibility(db: Db, p: Principal): Promise<DustVisibility> {
  switch (p.role) {
    case 'city-admin':
      return { kind: 'all' };
    case 'county': {
      const r = visibleRegions(p, await loadRegionTree(db));
      return r === 'all' ? { kind: 'all' } : { kind: 'regions', regions: r };
    }
    case 'department':
      return p.department ? { kind: 'department', department: p.department } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}

/** True when the visibility admits a source of that region and department. */
export function admitsSource(
  v: DustVisibility,
  s: { region_adcode: string; department: string },
): boolean {
  switch (v.kind) {
    case 'all':
      return true;
    case 'regions':
      return v.regions.includes(s.region_adcode);
    case 'department':
      return departmentNameKey(v.department) === departmentNameKey(s.department);
    case 'none':
      return false;
  }
}

/** LT_ERR_OUT_OF_SCOPE unless the principal sees the source. */
export async function assertSourceScope(
  db: Db,
  p: Principal,
  s: { code: string; region_adcode: string; department: string },
): Promise<void> {
  if (!admitsSource(await dustVisibility(db, p), s))
    throw new LantianError('LT_ERR_OUT_OF_SCOPE', `扬尘源 ${s.code}`);
}

/** LT_ERR_OUT_OF_SCOPE unless the principal may write data of the region (city office, its county). */
export async function assertRegionWrite(db: Db, p: Principal, adcode: string): Promise<void> {
  const v = await dustVisibility(db, p);
  const ok = v.kind === 'all' || (v.kind === 'regions' && v.regions.includes(adcode));
  if (!ok) throw new LantianError('LT_ERR_OUT_OF_SCOPE', `行政区 ${adcode}`);
}
