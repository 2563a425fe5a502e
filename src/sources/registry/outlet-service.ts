/**
 * Outlets of an enterprise: registering or changing one with its devices (by MN) and limit
 * overrides, and setting or removing one override. An outlet created earlier by the device
 * registry (code and name only, no enterprise) is linked by its code and keeps its id, its
 * devices and its data. A device is moved to the outlet only when it reports for no other
 * enterprise's outlet (LT_ERR_OUTLET_MN_TAKEN otherwise).
 */
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../audit/actor.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import type { DatabaseSchema } from '../../store/schema.ts';
import {
  checkLimits,
  checkOutlet,
  type OutletInput,
  type ValidOutlet,
} from '../rules/outlet-input.ts';
import type { EnterpriseListRow } from './enterprise-repo.ts';
import { detailOf } from './enterprise-service.ts';
import {
  deleteLimit,
  deviceByMn,
  lineByCode,
  outletByCode,
  insertOutlet,
  pointDevice,
  replaceLimits,
  updateOutlet,
  upsertLimit,
  type OutletRow,
} from './parts-repo.ts';
import { assertRegistryWriter, visibleEnterprise } from './registry-access.ts';
import type { OutletView } from './registry-views.ts';

type K = Kysely<DatabaseSchema>;

/** What storing an outlet did. */
export interface StoredOutlet {
  id: number;
  created: boolean;
  /** An outlet without an enterprise (device registry) became this enterprise's. */
  linked: boolean;
}

/** Throws the first problem of a check as a catalogue error. */
function checked(input: OutletInput): ValidOutlet {
  const c = checkOutlet(input);
  if (!c.ok) {
    const first = c.issues[0]!;
    throw new LantianError(first.code, first.detail, { field: first.field, issues: c.issues });
  }
  return c.value;
}

/** Points the devices with these MNs at the outlet, refusing devices of other enterprises. */
async function linkDevices(
  k: K,
  outletId: number,
  enterpriseId: number,
  mns: readonly string[],
  now: number,
): Promise<void> {
  for (const mn of mns) {
    const d = await deviceByMn(k, mn);
    if (!d)
      throw new LantianError('LT_ERR_DEVICE_NOT_FOUND', `MN ${mn}（请先登记设备）`, {
        field: 'mns',
      });
    if (d.kind !== 'outlet')
      throw new LantianError('LT_ERR_OUTLET_MN_TAKEN', `MN ${mn} 是空气站的设备`, { field: 'mns' });
    if (d.outlet_id === outletId) continue;
    if (d.enterprise_id !== null && d.enterprise_id !== enterpriseId)
      throw new LantianError(
        'LT_ERR_OUTLET_MN_TAKEN',
        `MN ${mn} 已为其他企业的排放口 ${d.outlet_code ?? ''} 上报`,
        { field: 'mns' },
      );
    await pointDevice(k, d.id, outletId, now);
  }
}

/**
 * Inserts or updates (by its city-wide code) an outlet of the enterprise, links its devices and,
 * when `limits` is true, replaces its limit overrides with the given ones.
 */
export async function storeOutlet(
  k: K,
  e: EnterpriseListRow,
  v: ValidOutlet,
  now: number,
  opts: { limits: boolean },
): Promise<StoredOutlet> {
  const line = v.line === null ? null : await lineByCode(k, e.id, v.line);
  if (v.line !== null && !line)
    throw new LantianError('LT_ERR_REGISTRY_PART_NOT_FOUND', `生产线 ${v.line}`, { field: 'line' });
  const existing = await outletByCode(k, v.code);
  if (existing && existing.enterprise_id !== null && existing.enterprise_id !== e.id)
    throw new LantianError('LT_ERR_REGISTRY_CODE_EXISTS', `排放口编码 ${v.code} 已属于其他企业`, {
      field: 'code',
    });
  const set = {
    name: v.name,
    region_adcode: e.region_adcode,
    enterprise_id: e.id,
    line_id: line?.id ?? null,
    height_m: v.heightM,
    kind: v.kind,
    pollutants: JSON.stringify(v.pollutants),
    ref_o2: v.refO2,
    must_report: v.mustReport ? 1 : 0,
    updated_at: now,
  };
  let id: number;
  if (existing) {
    id = existing.id;
    await updateOutlet(k, id, set);
  } else {
    id = await insertOutlet(k, { code: v.code, enterprise: e.name, ...set, created_at: now });
  }
  await linkDevices(k, id, e.id, v.mns, now);
  if (opts.limits)
    await replaceLimits(
      k,
      id,
      v.limits.map((l) => ({
        pollutant: l.pollutant,
        limit_mg_m3: l.limit,
        ref_o2: l.refO2,
        basis: l.basis,
        updated_at: now,
      })),
    );
  return {
    id,
    created: !existing,
    linked: existing !== undefined && existing.enterprise_id === null,
  };
}

/** The outlet of an enterprise by code (404 when it is not this enterprise's). */
async function outletOf(k: K, e: EnterpriseListRow, code: string): Promise<OutletRow> {
  const o = await outletByCode(k, code);
  if (!o || o.enterprise_id !== e.id)
    throw new LantianError('LT_ERR_REGISTRY_PART_NOT_FOUND', `排放口 ${code}`);
  return o;
}

async function outletAfter(db: Db, e: EnterpriseListRow, code: string): Promise<OutletView> {
  return (await detailOf(db.kysely, e)).outlets.find((o) => o.code === code)!;
}

/** The outlet as input (for merging a patch). */
async function inputOf(db: Db, e: EnterpriseListRow, code: string): Promise<OutletInput> {
  const o = await outletAfter(db, e, code);
  return { ...o, limits: o.limits };
}

/**
 * Registers an outlet of an enterprise; an outlet with the same code that belongs to no
 * enterprise is linked (kept with its id, devices and data).
 */
export async function createOutlet(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  code: string,
  input: OutletInput,
): Promise<OutletView> {
  await assertRegistryWriter(db, p);
  const e = await visibleEnterprise(db, p, code);
  const v = checked(input);
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    const existing = await outletByCode(trx, v.code);
    if (existing && existing.enterprise_id !== null)
      throw new LantianError('LT_ERR_REGISTRY_CODE_EXISTS', `排放口编码 ${v.code}`, {
        field: 'code',
      });
    const s = await storeOutlet(trx, e, v, now, { limits: true });
    await recordAudit(trx, now, {
      ...who,
      action: s.linked ? 'outlet.link' : 'outlet.create',
      target: `outlet:${v.code}`,
      detail: { enterprise: e.credit_code, id: s.id, ...v },
    });
  });
  return outletAfter(db, e, v.code);
}

/** Changes an outlet: the fields given replace the stored ones; `limits`, when given, replace all overrides. */
export async function patchOutlet(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  code: string,
  outlet: string,
  patch: Partial<Omit<OutletInput, 'code'>>,
): Promise<OutletView> {
  await assertRegistryWriter(db, p);
  const e = await visibleEnterprise(db, p, code);
  await outletOf(db.kysely, e, outlet);
  const before = await inputOf(db, e, outlet);
  const defined = Object.fromEntries(Object.entries(patch).filter(([, x]) => x !== undefined));
  const v = checked({ ...before, ...defined, code: outlet });
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    await storeOutlet(trx, e, v, now, { limits: patch.limits !== undefined });
    await recordAudit(trx, now, {
      ...who,
      action: 'outlet.update',
      target: `outlet:${outlet}`,
      detail: { enterprise: e.credit_code, before, after: v },
    });
  });
  return outletAfter(db, e, outlet);
}

/** Sets one limit override of an outlet. */
export async function setOutletLimit(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  code: string,
  outlet: string,
  input: { pollutant: string; limit: number; refO2?: number | null | undefined; basis: string },
): Promise<OutletView> {
  await assertRegistryWriter(db, p);
  const e = await visibleEnterprise(db, p, code);
  const c = checkLimits([input]);
  if (!c.ok) throw new LantianError(c.issues[0]!.code, c.issues[0]!.detail, { field: 'limit' });
  const l = c.limits[0]!;
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    const o = await outletOf(trx, e, outlet);
    await upsertLimit(trx, {
      outlet_id: o.id,
      pollutant: l.pollutant,
      limit_mg_m3: l.limit,
      ref_o2: l.refO2,
      basis: l.basis,
      updated_at: now,
    });
    await recordAudit(trx, now, {
      ...who,
      action: 'outlet.limit.set',
      target: `outlet:${outlet}`,
      detail: { enterprise: e.credit_code, ...l },
    });
  });
  return outletAfter(db, e, outlet);
}

/** Removes one limit override of an outlet (the sector default applies again). */
export async function removeOutletLimit(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  code: string,
  outlet: string,
  pollutant: string,
): Promise<OutletView> {
  await assertRegistryWriter(db, p);
  const e = await visibleEnterprise(db, p, code);
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    const o = await outletOf(trx, e, outlet);
    if (!(await deleteLimit(trx, o.id, pollutant.trim().toLowerCase())))
      throw new LantianError(
        'LT_ERR_REGISTRY_PART_NOT_FOUND',
        `排放口 ${outlet} 的 ${pollutant} 限值`,
      );
    await recordAudit(trx, now, {
      ...who,
      action: 'outlet.limit.delete',
      target: `outlet:${outlet}`,
      detail: { enterprise: e.credit_code, pollutant },
    });
  });
  return outletAfter(db, e, outlet);
}
