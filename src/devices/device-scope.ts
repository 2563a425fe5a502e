/**
 * Which devices an account may see. Monitoring devices belong to the region of their station or
 * outlet: the city office and the city departments (市生态环境局 runs the monitoring network) see
 * every device; a county sees the devices in its own region and below; nobody else sees any.
 */
import { loadRegionTree } from '../auth/region-ancestry.ts';
import type { Principal } from '../auth/principal.ts';
import { visibleRegions } from '../auth/scope.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import type { DeviceView } from './device-repo.ts';

/** A filter deciding, device by device, what a principal may see. */
export type DeviceFilter = (d: Pick<DeviceView, 'region_adcode'>) => boolean;

/** The device filter of a principal. */
export async function deviceFilter(db: Db, p: Principal): Promise<DeviceFilter> {
  if (p.role === 'city-admin' || p.role === 'department') return () => true;
  const regions = visibleRegions(p, await loadRegionTree(db));
  if (regions === 'all') return () => true;
  const allowed = new Set(regions);
  return (d) => d.region_adcode !== null && allowed.has(d.region_adcode);
}

/** Throws LT_ERR_OUT_OF_SCOPE (403) unless the principal may see the device. */
export async function assertDeviceScope(db: Db, p: Principal, d: DeviceView): Promise<void> {
  if (!(await deviceFilter(db, p))(d))
    throw new LantianError('LT_ERR_OUT_OF_SCOPE', `设备 ${d.mn}`);
}
