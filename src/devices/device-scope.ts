/**
 * Which devices an account may see. The HJ 212 devices are the city's monitoring network: the
 * air stations and the online monitoring of enterprise outlets, which the ecology and
 * environment bureau (市生态环境局, registry code `sthjj`) runs. So:
 *
 * - the city office sees every device;
 * - a department sees every device when it is the bureau that owns the network (any spelling of
 *   it: code, name or alias, in the store's department registry or a shipped one), and none
 *   otherwise (市工业和信息化局, 市农业农村局 … own no monitoring devices; a sub-unit of the
 *   bureau does not own the network either);
 * - a county sees the devices in its own region and below;
 * - nobody else sees any.
 *
 * docs/security.md states the same rule.
 */
import { departmentOwnsDevices } from '../auth/monitoring-owner.ts';
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
  if (p.role === 'city-admin') return () => true;
  if (p.role === 'department') {
    const owns = await departmentOwnsDevices(db, p.department);
    return () => owns;
  }
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
