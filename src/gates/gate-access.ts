/**
 * Who sees and changes what in the gate domain: enterprises as the sources domain decides
 * (src/sources/enterprise-scope.ts: the city all, a county its own, an enterprise itself); the
 * blacklist is the city's, and a county removes only the entries it added.
 */
import type { Principal } from '../auth/principal.ts';
import { loadRegionTree } from '../auth/region-ancestry.ts';
import { LantianError } from '../errors.ts';
import { enterpriseVisibility } from '../sources/enterprise-scope.ts';
import type { Db } from '../store/db.ts';

/** The filter of lists: counties, one enterprise, or all (undefined regions). */
export interface GateScope {
  regions?: string[];
  creditCode?: string;
}

/** The list filter of a principal. */
export async function gateScope(db: Db, p: Principal): Promise<GateScope> {
  const v = await enterpriseVisibility(db, p);
  switch (v.kind) {
    case 'all':
      return {};
    case 'regions':
      return { regions: v.regions };
    case 'enterprise':
      return { creditCode: v.creditCode };
    case 'none':
      return { regions: [] };
  }
}

/** True when the scope admits an enterprise. */
export function scopeAdmits(
  s: GateScope,
  e: { region_adcode: string; credit_code: string },
): boolean {
  if (s.regions && !s.regions.includes(e.region_adcode)) return false;
  if (s.creditCode && s.creditCode !== e.credit_code) return false;
  return true;
}

/** The region an officer acts for: a county its own, the city office the top of the region tree. */
export async function officerRegion(db: Db, p: Principal): Promise<string> {
  if (p.role === 'county' && p.regionAdcode) return p.regionAdcode;
  const tree = await loadRegionTree(db);
  for (const [code, parent] of tree) if (parent === null) return code;
  throw new LantianError('LT_ERR_GATE_BAD_INPUT', '尚未导入行政区');
}
