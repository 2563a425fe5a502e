/**
 * Who may store forecasts and whose forecasts a caller reads: the city office and the ecology and
 * environment bureau write (like the registry, src/sources/registry/registry-access.ts), also
 * through an API token of such an account (a forecasting system); the city office and every
 * department read all; a county reads its own county's (and below) and its city's forecasts.
 */
import { departmentOwnsDevices } from '../../auth/monitoring-owner.ts';
import type { Principal } from '../../auth/principal.ts';
import { loadRegionTree } from '../../auth/region-ancestry.ts';
import { regionAncestors, regionDescendants } from '../../auth/scope.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';

/** Throws LT_ERR_FORBIDDEN unless the principal may store forecasts. */
export async function assertForecastWriter(db: Db, p: Principal): Promise<void> {
  if (p.role === 'city-admin') return;
  if (p.role === 'department' && (await departmentOwnsDevices(db, p.department))) return;
  throw new LantianError('LT_ERR_FORBIDDEN', '只有市大气办和市生态环境局可以录入预报');
}

/** The regions whose forecasts the principal reads: 'all', or a list (maybe empty). */
export async function forecastRegionsOf(db: Db, p: Principal): Promise<'all' | string[]> {
  if (p.role === 'city-admin' || p.role === 'department') return 'all';
  if (p.role !== 'county' || !p.regionAdcode) return [];
  const tree = await loadRegionTree(db);
  return [
    ...new Set([
      ...regionDescendants(tree, p.regionAdcode),
      ...regionAncestors(tree, p.regionAdcode),
    ]),
  ];
}

/** Throws LT_ERR_OUT_OF_SCOPE unless the principal reads the region's forecasts. */
export async function assertForecastReader(db: Db, p: Principal, region: string): Promise<void> {
  const regions = await forecastRegionsOf(db, p);
  if (regions !== 'all' && !regions.includes(region))
    throw new LantianError('LT_ERR_OUT_OF_SCOPE', `行政区 ${region} 的预报`);
}
