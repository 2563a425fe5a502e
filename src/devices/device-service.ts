/**
 * Registering, changing and removing HJ 212 devices, with the checks of device-rules.ts, the
 * station or outlet they report for, and an audit record in the same transaction.
 */
import type { Kysely } from 'kysely';
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { LantianError, type ErrorCode } from '../errors.ts';
import { ensureOutlet } from '../sources/outlet-repo.ts';
import type { Db } from '../store/db.ts';
import type { DatabaseSchema } from '../store/schema.ts';
import { findDevice, listDevices, type DeviceView } from './device-repo.ts';
import { DEFAULT_ID_LIMITS, type IdLimits } from '../protocols/hj212/index.ts';
import { checkDevice, type DeviceInput, type ValidDevice } from './device-rules.ts';

type Trx = Kysely<DatabaseSchema>;

/** What a device reports for: a station or an outlet. */
type DeviceTarget = { station_id: number | null; outlet_id: number | null };

/** Per-row outcome of an import. */
export interface DeviceImportResult {
  line: number;
  mn: string;
  status: 'created' | 'updated' | 'rejected';
  code?: ErrorCode;
  field?: string;
  detail?: string;
  /** Accepted but not to the standard (HJ 212-2017 Table 3 lengths), in Chinese. */
  warnings?: string[];
}

function checked(input: DeviceInput, limits: IdLimits): ValidDevice {
  const c = checkDevice(input, limits);
  if (!c.ok) throw new LantianError(c.code, `${c.field}: ${c.detail}`);
  return c.device;
}

/** The audit detail of a device (never its password). */
function auditView(d: ValidDevice): Record<string, unknown> {
  return {
    kind: d.kind,
    target: d.target,
    name: d.name,
    edition: d.edition,
    crc: d.crc,
    intervalS: d.intervalS,
    aliases: d.aliases,
    lineEnd: d.lineEnd,
    clockSync: d.clockSync,
    backfill: d.backfill,
  };
}

/** The columns of a device row that a registration sets (the MN and timestamps aside). */
function deviceColumns(d: ValidDevice, target: DeviceTarget) {
  return {
    name: d.name,
    kind: d.kind,
    ...target,
    password: d.password,
    edition: d.edition,
    crc: d.crc,
    interval_s: d.intervalS,
    aliases: JSON.stringify(d.aliases),
    line_end: d.lineEnd,
    clock_sync: d.clockSync,
    backfill: d.backfill,
  };
}

async function resolveTarget(trx: Trx, d: ValidDevice, now: number): Promise<DeviceTarget> {
  if (d.kind === 'station') {
    const s = await trx
      .selectFrom('stations')
      .select('id')
      .where('code', '=', d.target)
      .executeTakeFirst();
    if (!s) throw new LantianError('LT_ERR_STATION_NOT_FOUND', d.target);
    return { station_id: s.id, outlet_id: null };
  }
  const o = await ensureOutlet(trx, d.target, now);
  return { station_id: null, outlet_id: o.id };
}

async function insertDevice(
  trx: Trx,
  d: ValidDevice,
  now: number,
  who: ActorContext,
): Promise<void> {
  const target = await resolveTarget(trx, d, now);
  // Readings written from this device point to a data source of its own (lineage).
  const src = await trx
    .insertInto('data_sources')
    .values({
      kind: 'hj212',
      name: d.mn,
      detail: JSON.stringify({ kind: d.kind, target: d.target }),
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('devices')
    .values({
      mn: d.mn,
      ...deviceColumns(d, target),
      source_id: src.id,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await recordAudit(trx, now, {
    actor: who.actor,
    ip: who.ip ?? null,
    action: 'device.create',
    target: `device:${d.mn}`,
    detail: auditView(d),
  });
}

async function replaceDevice(
  trx: Trx,
  before: DeviceView,
  d: ValidDevice,
  now: number,
  who: ActorContext,
): Promise<void> {
  const target = await resolveTarget(trx, d, now);
  await trx
    .updateTable('devices')
    .set({
      ...deviceColumns(d, target),
      updated_at: now,
    })
    .where('id', '=', before.id)
    .execute();
  await recordAudit(trx, now, {
    actor: who.actor,
    ip: who.ip ?? null,
    action: 'device.update',
    target: `device:${d.mn}`,
    detail: {
      before: auditView(inputOf(before)),
      after: auditView(d),
      passwordChanged: before.password !== d.password,
    },
  });
}

/** A stored device as a validated registration (for updates and audit records). */
export function inputOf(v: DeviceView): ValidDevice {
  return {
    mn: v.mn,
    kind: v.kind as ValidDevice['kind'],
    target: v.target,
    password: v.password,
    edition: v.edition as ValidDevice['edition'],
    crc: v.crc as ValidDevice['crc'],
    intervalS: v.interval_s,
    name: v.name,
    aliases: JSON.parse(v.aliases) as ValidDevice['aliases'],
    lineEnd: v.line_end as ValidDevice['lineEnd'],
    clockSync: v.clock_sync as ValidDevice['clockSync'],
    backfill: v.backfill as ValidDevice['backfill'],
  };
}

/** Registers a new device; LT_ERR_DEVICE_EXISTS when its MN is taken. */
export async function createDevice(
  db: Db,
  clock: Clock,
  input: DeviceInput,
  who: ActorContext,
  limits: IdLimits = DEFAULT_ID_LIMITS,
): Promise<DeviceView> {
  const d = checked(input, limits);
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    if (await findDevice(trx, d.mn)) throw new LantianError('LT_ERR_DEVICE_EXISTS', d.mn);
    await insertDevice(trx, d, now, who);
  });
  return (await findDevice(db.kysely, d.mn))!;
}

/** Changes a device: fields of `patch` replace the stored ones (the MN stays). */
export async function updateDevice(
  db: Db,
  clock: Clock,
  mn: string,
  patch: Partial<Omit<DeviceInput, 'mn'>>,
  who: ActorContext,
  limits: IdLimits = DEFAULT_ID_LIMITS,
): Promise<DeviceView> {
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    const before = await findDevice(trx, mn);
    if (!before) throw new LantianError('LT_ERR_DEVICE_NOT_FOUND', mn);
    const merged: DeviceInput = { ...inputOf(before), ...definedOnly(patch), mn: before.mn };
    await replaceDevice(trx, before, checked(merged, limits), now, who);
  });
  return (await findDevice(db.kysely, mn))!;
}

/** Removes a device from the registry (its stored values stay). */
export async function removeDevice(
  db: Db,
  clock: Clock,
  mn: string,
  who: ActorContext,
): Promise<void> {
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    const before = await findDevice(trx, mn);
    if (!before) throw new LantianError('LT_ERR_DEVICE_NOT_FOUND', mn);
    await trx.deleteFrom('device_status').where('device_id', '=', before.id).execute();
    await trx.deleteFrom('devices').where('id', '=', before.id).execute();
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: 'device.delete',
      target: `device:${mn}`,
      detail: auditView(inputOf(before)),
    });
  });
}

/**
 * Imports registrations: each row is created, updated (same MN already registered: re-importing
 * a file is idempotent) or rejected with its reason; one bad row never stops the others.
 */
export async function importDevices(
  db: Db,
  clock: Clock,
  rows: ReadonlyArray<{ line: number; input: DeviceInput }>,
  who: ActorContext,
  limits: IdLimits = DEFAULT_ID_LIMITS,
): Promise<DeviceImportResult[]> {
  const now = clock.now();
  const results: DeviceImportResult[] = [];
  const seen = new Map<string, number>();
  await db.kysely.transaction().execute(async (trx) => {
    for (const { line, input } of rows) {
      const c = checkDevice(input, limits);
      if (!c.ok) {
        results.push({
          line,
          mn: input.mn,
          status: 'rejected',
          code: c.code,
          field: c.field,
          detail: c.detail,
        });
        continue;
      }
      const d = c.device;
      const first = seen.get(d.mn);
      if (first !== undefined) {
        results.push({
          line,
          mn: d.mn,
          status: 'rejected',
          code: 'LT_ERR_DEVICE_EXISTS',
          field: 'mn',
          detail: `与第 ${first} 行重复`,
        });
        continue;
      }
      seen.set(d.mn, line);
      try {
        const before = await findDevice(trx, d.mn);
        if (before) await replaceDevice(trx, before, d, now, who);
        else await insertDevice(trx, d, now, who);
        results.push({
          line,
          mn: d.mn,
          status: before ? 'updated' : 'created',
          ...(c.warnings.length > 0 ? { warnings: c.warnings } : {}),
        });
      } catch (e) {
        if (!(e instanceof LantianError)) throw e;
        results.push({
          line,
          mn: d.mn,
          status: 'rejected',
          code: e.code,
          field: 'target',
          detail: e.detail ?? e.message,
        });
      }
    }
  });
  return results;
}

/** Every registered device. */
export async function devices(db: Db): Promise<DeviceView[]> {
  return listDevices(db.kysely);
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
