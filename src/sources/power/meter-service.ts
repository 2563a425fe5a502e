/**
 * Registering electricity meters (分表计电) of an enterprise: the checks of rules/meter-rules.ts,
 * the line or facility they hang on, the HJ 212 logger mapping, an audit record in the same
 * transaction. Only the city office and the bureau register meters; everyone in scope reads them.
 *
 * A logger that reports only power is registered as an HJ 212 device of kind `outlet` (devices
 * know stations and outlets only): its target outlet code is new, so the device registry creates
 * a bare outlet for it. When a meter names that logger, the bare outlet (no enterprise, no
 * pollutants) becomes the enterprise's outlet of kind `power` that need not report hourly CEMS
 * data (must_report = 0). A logger already serving another enterprise, or an air station, is
 * refused (LT_ERR_POWER_DEVICE_TAKEN).
 */
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../audit/actor.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import type { DatabaseSchema } from '../../store/schema.ts';
import { visibleEnterprise } from '../registry/registry-access.ts';
import { writableEnterprise, type EnterpriseRef } from './enterprise-ref.ts';
import {
  deleteMeter,
  facilityId,
  findLogger,
  findMeter,
  insertMeter,
  lineId,
  linkPowerOutlet,
  listMeters,
  meterOfDevice,
  updateMeter,
  type MeterColumns,
  type MeterRow,
} from './meter-repo.ts';
import { checkMeter, type MeterInput, type ValidMeter } from './rules/meter-rules.ts';

type Trx = Kysely<DatabaseSchema>;

/** A meter as the API shows it. */
export interface MeterView {
  code: string;
  name: string;
  role: string;
  line: string | null;
  facility: string | null;
  deviceMn: string | null;
  deviceCode: string | null;
  factor: number;
  runningKw: number;
}

/** The API view of a stored meter. */
export function meterView(m: MeterRow): MeterView {
  return {
    code: m.code,
    name: m.name,
    role: m.role,
    line: m.line_code,
    facility: m.facility_code,
    deviceMn: m.device_mn,
    deviceCode: m.device_code,
    factor: m.factor,
    runningKw: m.running_kw,
  };
}

function checked(input: MeterInput): ValidMeter {
  const c = checkMeter(input);
  if (!c.ok) throw new LantianError(c.code, `${c.field}: ${c.detail}`);
  return c.meter;
}

async function columns(trx: Trx, e: EnterpriseRef, m: ValidMeter): Promise<MeterColumns> {
  const line = m.line === null ? null : await lineId(trx, e.id, m.line);
  if (line === undefined)
    throw new LantianError('LT_ERR_BAD_POWER_METER', `生产线 ${m.line} 不存在`);
  const facility = m.facility === null ? null : await facilityId(trx, e.id, m.facility);
  if (facility === undefined)
    throw new LantianError('LT_ERR_BAD_POWER_METER', `治污设施 ${m.facility} 不存在`);
  return {
    code: m.code,
    name: m.name,
    role: m.role,
    line_id: line,
    facility_id: facility,
    device_mn: m.deviceMn,
    device_code: m.deviceCode,
    factor: m.factor,
    running_kw: m.runningKw,
  };
}

/** Checks the logger mapping and links a bare power outlet to the enterprise. */
async function mapLogger(
  trx: Trx,
  e: EnterpriseRef,
  m: ValidMeter,
  self: number | null,
  now: number,
): Promise<void> {
  if (m.deviceMn === null || m.deviceCode === null) return;
  const other = await meterOfDevice(trx, m.deviceMn, m.deviceCode);
  if (other && other.id !== self)
    throw new LantianError(
      'LT_ERR_POWER_DEVICE_TAKEN',
      `${m.deviceMn} 的 ${m.deviceCode} 已对应电表 ${other.code}`,
    );
  const logger = await findLogger(trx, m.deviceMn);
  if (!logger) return; // registered later: values wait in quarantine until then
  if (logger.kind !== 'outlet' || logger.outlet_id === null)
    throw new LantianError('LT_ERR_POWER_DEVICE_TAKEN', `${m.deviceMn} 是空气站的数采仪`);
  if (logger.outlet_enterprise_id !== null && logger.outlet_enterprise_id !== e.id)
    throw new LantianError('LT_ERR_POWER_DEVICE_TAKEN', `${m.deviceMn} 属于其他企业的排放口`);
  const bare = logger.outlet_enterprise_id === null && (logger.outlet_pollutants ?? '[]') === '[]';
  if (bare) await linkPowerOutlet(trx, logger.outlet_id, e.id, now);
}

async function audit(
  trx: Trx,
  now: number,
  who: ActorContext,
  action: string,
  e: EnterpriseRef,
  code: string,
  detail: unknown,
): Promise<void> {
  await recordAudit(trx, now, {
    actor: who.actor,
    ip: who.ip ?? null,
    action,
    target: `power-meter:${e.credit_code}/${code}`,
    detail,
  });
}

/** The meters of an enterprise the principal may see. */
export async function meterList(db: Db, p: Principal, creditCode: string): Promise<MeterView[]> {
  const e = await visibleEnterprise(db, p, creditCode);
  return (await listMeters(db.kysely, e.id)).map(meterView);
}

/** Registers a meter; LT_ERR_POWER_METER_EXISTS when its code is taken in the enterprise. */
export async function createMeter(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  creditCode: string,
  input: MeterInput,
): Promise<MeterView> {
  const e = await writableEnterprise(db, p, creditCode, false);
  const m = checked(input);
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    if (await findMeter(trx, e.id, m.code))
      throw new LantianError('LT_ERR_POWER_METER_EXISTS', m.code);
    await mapLogger(trx, e, m, null, now);
    await insertMeter(trx, e.id, await columns(trx, e, m), now);
    await audit(trx, now, who, 'power.meter.create', e, m.code, m);
  });
  return meterView((await findMeter(db.kysely, e.id, m.code))!);
}

/** Changes a meter: the fields given replace the stored ones (the code stays). */
export async function changeMeter(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  creditCode: string,
  code: string,
  patch: Partial<Omit<MeterInput, 'code'>>,
): Promise<MeterView> {
  const e = await writableEnterprise(db, p, creditCode, false);
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    const before = await findMeter(trx, e.id, code);
    if (!before) throw new LantianError('LT_ERR_POWER_METER_NOT_FOUND', code);
    const was = meterView(before);
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const m = checked({ ...was, ...defined, code: before.code });
    await mapLogger(trx, e, m, before.id, now);
    await updateMeter(trx, before.id, await columns(trx, e, m), now);
    await audit(trx, now, who, 'power.meter.update', e, code, { before: was, after: m });
  });
  return meterView((await findMeter(db.kysely, e.id, code))!);
}

/** Removes a meter and its readings. */
export async function removeMeter(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  creditCode: string,
  code: string,
): Promise<void> {
  const e = await writableEnterprise(db, p, creditCode, false);
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    const before = await findMeter(trx, e.id, code);
    if (!before) throw new LantianError('LT_ERR_POWER_METER_NOT_FOUND', code);
    await deleteMeter(trx, before.id);
    await audit(trx, now, who, 'power.meter.delete', e, code, meterView(before));
  });
}
