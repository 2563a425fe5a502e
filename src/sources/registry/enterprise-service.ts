/**
 * Enterprises of the registry: the list a caller may see (filters, pages), one enterprise with
 * its lines, facilities and outlets, and registering or changing one (writers only, audited in
 * the same transaction).
 */
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../audit/actor.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { loadRegionTree } from '../../auth/region-ancestry.ts';
import type { Principal } from '../../auth/principal.ts';
import { regionDescendants } from '../../auth/scope.ts';
import type { Clock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import type { DatabaseSchema } from '../../store/schema.ts';
import { enterpriseVisibility } from '../enterprise-scope.ts';
import {
  checkEnterprise,
  type EnterpriseInput,
  type ValidEnterprise,
} from '../rules/enterprise-input.ts';
import {
  existingRegions,
  findEnterprise,
  insertEnterprise,
  listEnterprises,
  updateEnterprise,
  type EnterpriseListRow,
} from './enterprise-repo.ts';
import { industryOf } from './industry-list.ts';
import {
  facilitiesOf,
  limitsOf,
  linesOf,
  mnsOf,
  outletsOf,
  setOutletsRegion,
} from './parts-repo.ts';
import { assertRegistryWriter, visibleEnterprise } from './registry-access.ts';
import {
  enterpriseView,
  facilityView,
  lineView,
  outletView,
  type EnterpriseDetailView,
  type EnterpriseView,
} from './registry-views.ts';

type K = Kysely<DatabaseSchema>;

/** Filters and page of the list. */
export interface EnterpriseListQuery {
  county?: string | undefined;
  industry?: string | undefined;
  grade?: string | undefined;
  category?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

/** One page of the enterprises the principal may see. */
export async function enterprisePage(
  db: Db,
  p: Principal,
  q: EnterpriseListQuery,
): Promise<{ total: number; items: EnterpriseView[] }> {
  const v = await enterpriseVisibility(db, p);
  const regions = q.county ? regionDescendants(await loadRegionTree(db), q.county) : undefined;
  const industry = q.industry ? (industryOf(q.industry)?.code ?? q.industry) : undefined;
  const { rows, total } = await listEnterprises(
    db.kysely,
    v,
    { regions, industry, grade: q.grade, category: q.category, q: q.q?.trim() || undefined },
    q,
  );
  return { total, items: rows.map(enterpriseView) };
}

/** The detail of enterprises' rows: lines, facilities, outlets with MNs and limits. */
export async function detailOf(k: K, e: EnterpriseListRow): Promise<EnterpriseDetailView> {
  const lines = await linesOf(k, [e.id]);
  const facilities = await facilitiesOf(k, e.id);
  const outlets = await outletsOf(k, [e.id]);
  const ids = outlets.map((o) => o.id);
  const mns = await mnsOf(k, ids);
  const limits = await limitsOf(k, ids);
  return {
    ...enterpriseView(e),
    lines: lines.map(lineView),
    facilities: facilities.map((f) => facilityView(f, lines)),
    outlets: outlets.map((o) => outletView(o, lines, mns.get(o.id) ?? [], limits)),
  };
}

/** One enterprise the principal may see, with its parts. */
export async function enterpriseDetail(
  db: Db,
  p: Principal,
  code: string,
): Promise<EnterpriseDetailView> {
  return detailOf(db.kysely, await visibleEnterprise(db, p, code));
}

/** A stored enterprise as input (for merging a patch). */
function inputOf(e: EnterpriseListRow): EnterpriseInput {
  const v = enterpriseView(e);
  return { ...v };
}

/** Checks an enterprise and that its region exists; throws the first problem. */
export async function validEnterprise(k: K, input: EnterpriseInput): Promise<ValidEnterprise> {
  const c = checkEnterprise(input, (s) => industryOf(s)?.code);
  if (!c.ok) {
    const first = c.issues[0]!;
    throw new LantianError(first.code, first.detail, { field: first.field, issues: c.issues });
  }
  if (!(await existingRegions(k, [c.value.regionAdcode])).has(c.value.regionAdcode))
    throw new LantianError('LT_ERR_REGION_NOT_FOUND', c.value.regionAdcode, {
      field: 'regionAdcode',
    });
  return c.value;
}

/** The columns of a checked enterprise. */
function columns(v: ValidEnterprise) {
  return {
    name: v.name,
    region_adcode: v.regionAdcode,
    address: v.address,
    lon: v.lon,
    lat: v.lat,
    industry: v.industry,
    categories: JSON.stringify(v.categories),
    grade: v.grade,
    grade_edition: v.gradeEdition,
    grade_date: v.gradeDate,
    positive_list: v.positiveList ? 1 : 0,
    positive_reason: v.positiveReason,
    positive_until: v.positiveUntil,
    guarantee: v.guarantee ? 1 : 0,
    guarantee_reason: v.guaranteeReason,
    guarantee_until: v.guaranteeUntil,
    key_discharger: v.keyDischarger ? 1 : 0,
  };
}

/** Inserts or updates (by credit code) a checked enterprise; returns its id and what happened. */
export async function storeEnterprise(
  k: K,
  v: ValidEnterprise,
  now: number,
): Promise<{ id: number; created: boolean; before: EnterpriseListRow | undefined }> {
  const before = await findEnterprise(k, v.creditCode);
  if (before) {
    await updateEnterprise(k, before.id, { ...columns(v), updated_at: now });
    if (before.region_adcode !== v.regionAdcode)
      await setOutletsRegion(k, before.id, v.regionAdcode);
    return { id: before.id, created: false, before };
  }
  const id = await insertEnterprise(k, {
    credit_code: v.creditCode,
    ...columns(v),
    simulated: 0,
    created_at: now,
    updated_at: now,
  });
  return { id, created: true, before: undefined };
}

/** Registers an enterprise; LT_ERR_ENTERPRISE_EXISTS when its credit code is taken. */
export async function createEnterprise(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  input: EnterpriseInput,
): Promise<EnterpriseDetailView> {
  await assertRegistryWriter(db, p);
  const now = clock.now();
  const code = await db.kysely.transaction().execute(async (trx) => {
    const v = await validEnterprise(trx, input);
    if (await findEnterprise(trx, v.creditCode))
      throw new LantianError('LT_ERR_ENTERPRISE_EXISTS', v.creditCode);
    await storeEnterprise(trx, v, now);
    await recordAudit(trx, now, {
      ...who,
      action: 'enterprise.create',
      target: `enterprise:${v.creditCode}`,
      detail: v,
    });
    return v.creditCode;
  });
  return enterpriseDetail(db, p, code);
}

/** Changes an enterprise: the fields given replace the stored ones (the credit code stays). */
export async function patchEnterprise(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  code: string,
  patch: Partial<Omit<EnterpriseInput, 'creditCode'>>,
): Promise<EnterpriseDetailView> {
  await assertRegistryWriter(db, p);
  const now = clock.now();
  const seen = await visibleEnterprise(db, p, code);
  await db.kysely.transaction().execute(async (trx) => {
    // Read again inside the transaction (never through `db` there: SQLite has one connection).
    const before = (await findEnterprise(trx, seen.credit_code))!;
    const defined = Object.fromEntries(Object.entries(patch).filter(([, x]) => x !== undefined));
    const v = await validEnterprise(trx, {
      ...inputOf(before),
      ...defined,
      creditCode: before.credit_code,
    });
    await storeEnterprise(trx, v, now);
    await recordAudit(trx, now, {
      ...who,
      action: 'enterprise.update',
      target: `enterprise:${before.credit_code}`,
      detail: { before: enterpriseView(before), after: v },
    });
  });
  return enterpriseDetail(db, p, code);
}
