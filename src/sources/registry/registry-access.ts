/**
 * Who may change the registry and which enterprise a caller may read (docs/sources.md, Registry):
 * the city office and the ecology and environment bureau write; everyone else reads what
 * enterprise-scope.ts admits (a county its own, an enterprise account its own).
 */
import { departmentOwnsDevices } from '../../auth/monitoring-owner.ts';
import type { Principal } from '../../auth/principal.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import { assertEnterpriseScope } from '../enterprise-scope.ts';
import { findEnterprise, type EnterpriseListRow } from './enterprise-repo.ts';

/** Throws LT_ERR_FORBIDDEN unless the principal may change the registry. */
export async function assertRegistryWriter(db: Db, p: Principal): Promise<void> {
  if (p.role === 'city-admin') return;
  if (p.role === 'department' && (await departmentOwnsDevices(db, p.department))) return;
  throw new LantianError('LT_ERR_FORBIDDEN', '只有市大气办和市生态环境局可以修改企业名录');
}

/** The enterprise with this credit code if the principal may see it (404, else 403). */
export async function visibleEnterprise(
  db: Db,
  p: Principal,
  code: string,
): Promise<EnterpriseListRow> {
  const e = await findEnterprise(db.kysely, code.trim().toUpperCase());
  if (!e) throw new LantianError('LT_ERR_ENTERPRISE_NOT_FOUND', code);
  await assertEnterpriseScope(db, p, e);
  return e;
}
