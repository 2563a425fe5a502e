/**
 * An enterprise as sub-metering and LDAR need it: looked up by credit code, seen only within the
 * scope of src/sources/enterprise-scope.ts, written only by those allowed to.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Principal } from '../../auth/principal.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import type { DatabaseSchema } from '../../store/schema.ts';
import { admits, assertEnterpriseScope, enterpriseVisibility } from '../enterprise-scope.ts';
import type { EnterpriseTable } from '../tables.ts';

/** What identifies an enterprise here. */
export type EnterpriseRef = Pick<
  Selectable<EnterpriseTable>,
  'id' | 'credit_code' | 'name' | 'region_adcode'
>;

/** The enterprise with this credit code, or undefined. */
export async function findEnterpriseRef(
  k: Kysely<DatabaseSchema>,
  creditCode: string,
): Promise<EnterpriseRef | undefined> {
  return k
    .selectFrom('enterprises')
    .select(['id', 'credit_code', 'name', 'region_adcode'])
    .where('credit_code', '=', creditCode.toUpperCase())
    .executeTakeFirst();
}

/** The enterprise, when it exists (LT_ERR_ENTERPRISE_NOT_FOUND) and the principal may see it. */
export async function visibleEnterprise(
  db: Db,
  p: Principal,
  creditCode: string,
): Promise<EnterpriseRef> {
  const e = await findEnterpriseRef(db.kysely, creditCode);
  if (!e) throw new LantianError('LT_ERR_ENTERPRISE_NOT_FOUND', creditCode);
  await assertEnterpriseScope(db, p, e);
  return e;
}

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
