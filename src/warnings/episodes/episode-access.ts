/**
 * Who may decide warnings and which episodes a caller sees (docs/warnings.md, Episodes and
 * notices): the city office and the ecology and environment bureau decide (like the registry's
 * writers, src/sources/registry/registry-access.ts); a county sees its own county's episodes and
 * those of the regions above it (its city's), an enterprise account those of its enterprise's
 * county and above; the city office and departments see all; a visitor none (the public page
 * shows the active ones); a county or a department confirms that it started its response.
 */
import { departmentOwnsDevices } from '../../auth/monitoring-owner.ts';
import type { Principal } from '../../auth/principal.ts';
import { regionAncestry } from '../../auth/region-ancestry.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import { findEnterprise } from '../../sources/registry/enterprise-repo.ts';

/** Throws LT_ERR_FORBIDDEN unless the principal may issue, change or lift warnings. */
export async function assertWarningDecider(db: Db, p: Principal): Promise<void> {
  if (p.role === 'city-admin') return;
  if (p.role === 'department' && (await departmentOwnsDevices(db, p.department))) return;
  throw new LantianError('LT_ERR_FORBIDDEN', '只有市大气办和市生态环境局可以发布、调整或解除预警');
}

/** The regions whose episodes a principal sees: all, or a county and its ancestors. */
export async function episodeRegions(db: Db, p: Principal): Promise<'all' | string[]> {
  if (p.role === 'county') return p.regionAdcode ? regionAncestry(db, p.regionAdcode) : [];
  if (p.role === 'enterprise') {
    const e = p.enterprise ? await findEnterprise(db.kysely, p.enterprise) : undefined;
    return e ? regionAncestry(db, e.region_adcode) : [];
  }
  if (p.role === 'visitor') return [];
  return 'all';
}

/** True when the region is among the visible ones. */
export function seesRegion(regions: 'all' | readonly string[], region: string): boolean {
  return regions === 'all' || regions.includes(region);
}

/** The unit a principal confirms as: its county adcode or its department, else null. */
export function confirmingUnit(p: Principal): string | null {
  if (p.role === 'county') return p.regionAdcode ?? null;
  if (p.role === 'department') return p.department ?? null;
  return null;
}
