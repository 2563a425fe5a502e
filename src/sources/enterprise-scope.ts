/**
 * Which enterprises an account may see (docs/security.md, docs/sources.md):
 *
 * - the city office sees every enterprise;
 * - the ecology and environment bureau (the department that owns the monitoring network,
 *   devices/device-scope.ts) sees every enterprise; other departments see none;
 * - a county sees the enterprises in its region and below;
 * - an enterprise account sees only its own enterprise (users.enterprise = the credit code);
 * - a visitor sees none.
 *
 * Every service of the sources domain (registry, CEMS, alarms, power, LDAR) asks this file, so
 * that the rule lives in one place.
 */
import { departmentOwnsDevices } from '../auth/monitoring-owner.ts';
import { loadRegionTree } from '../auth/region-ancestry.ts';
import type { Principal } from '../auth/principal.ts';
import { visibleRegions } from '../auth/scope.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';

/** What identifies an enterprise for scope: its credit code and its county-level unit. */
export interface EnterpriseOwner {
  credit_code: string;
  region_adcode: string;
}

/**
 * The enterprises a principal may see, as a condition a repo turns into SQL: every enterprise,
 * those in some regions, the one with a credit code, or none.
 */
export type EnterpriseVisibility =
  | { kind: 'all' }
  | { kind: 'regions'; regions: string[] }
  | { kind: 'enterprise'; creditCode: string }
  | { kind: 'none' };

/** The enterprises a principal may see. */
export async function enterpriseVisibility(db: Db, p: Principal): Promise<EnterpriseVisibility> {
  switch (p.role) {
    case 'city-admin':
      return { kind: 'all' };
    case 'department':
      return (await departmentOwnsDevices(db, p.department)) ? { kind: 'all' } : { kind: 'none' };
    case 'county': {
      const regions = visibleRegions(p, await loadRegionTree(db));
      return regions === 'all' ? { kind: 'all' } : { kind: 'regions', regions };
    }
    case 'enterprise':
      return p.enterprise ? { kind: 'enterprise', creditCode: p.enterprise } : { kind: 'none' };
    case 'visitor':
      return { kind: 'none' };
  }
}

/** True when the visibility admits the enterprise. */
export function admits(v: EnterpriseVisibility, e: EnterpriseOwner): boolean {
  switch (v.kind) {
    case 'all':
      return true;
    case 'regions':
      return v.regions.includes(e.region_adcode);
    case 'enterprise':
      return v.creditCode === e.credit_code;
    case 'none':
      return false;
  }
}

/** Throws LT_ERR_OUT_OF_SCOPE (403) unless the principal may see the enterprise. */
export async function assertEnterpriseScope(
  db: Db,
  p: Principal,
  e: EnterpriseOwner & { name?: string },
): Promise<void> {
  if (!admits(await enterpriseVisibility(db, p), e))
    throw new LantianError('LT_ERR_OUT_OF_SCOPE', `企业 ${e.name ?? e.credit_code}`);
}
