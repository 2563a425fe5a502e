/**
 * An enterprise as sub-metering and LDAR need it: seen through the registry's rule
 * (registry/registry-access.ts: 404 when unknown, 403 out of scope), and written only by those
 * allowed to change its sub-metering or LDAR data.
 */
import type { Selectable } from 'kysely';
import type { Principal } from '../../auth/principal.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import { admits, enterpriseVisibility } from '../enterprise-scope.ts';
import { visibleEnterprise } from '../registry/registry-access.ts';
import type { EnterpriseTable } from '../tables.ts';

/** What identifies an enterprise here. */
export type EnterpriseRef = Pick<
  Selectable<EnterpriseTable>,
  'id' | 'credit_code' | 'name' | 'region_adcode'
>;

/**
 * The enterprise, when the principal may change its data: the city office and the bureau (who
 * see every enterprise) always; the enterprise's own account when `own` allows it (readings,
 * LDAR rounds); a county never (it reads). LT_ERR_OUT_OF_SCOPE otherwise.
 */
export async function writableEnterprise(
  db: Db,
  p: Principal,
  creditCode: string,
  own: boolean,
): Promise<EnterpriseRef> {
  const e = await visibleEnterprise(db, p, creditCode);
  const v = await enterpriseVisibility(db, p);
  if (v.kind === 'all' || (own && v.kind === 'enterprise' && admits(v, e))) return e;
  throw new LantianError('LT_ERR_OUT_OF_SCOPE', `企业 ${e.name} 的数据只读`);
}
