/**
 * Who may write and read the emergency-reduction lists (docs/warnings.md): the city office and
 * the ecology and environment bureau write the matrix, the overrides and the lists (as they write
 * the registry, src/sources/registry/registry-access.ts); a county reads the lists of its own
 * region and of the city above it, with only its own enterprises' items.
 */
import { departmentOwnsDevices } from '../../auth/monitoring-owner.ts';
import type { Principal } from '../../auth/principal.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';

/** Throws LT_ERR_FORBIDDEN unless the principal may change the matrix, overrides and lists. */
export async function assertListWriter(db: Db, p: Principal): Promise<void> {
  if (await isListWriter(db, p)) return;
  throw new LantianError('LT_ERR_FORBIDDEN', '只有市大气办和市生态环境局可以修改应急减排清单');
}

/** True for the city office and the bureau. */
export async function isListWriter(db: Db, p: Principal): Promise<boolean> {
  if (p.role === 'city-admin') return true;
  return p.role === 'department' && (await departmentOwnsDevices(db, p.department));
}
