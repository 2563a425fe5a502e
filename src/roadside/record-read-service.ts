/**
 * Reading roadside records and over-standard vehicles within the principal's scope: records by
 * period, device kind, plate and verdict; the over-standard events (rules/failure-events.ts) of
 * a period, judged with the rule version they name.
 */
import type { Principal } from '../auth/principal.ts';
import type { BlobStore } from '../blobs/blob-store.ts';
import { isBlobAddress } from '../blobs/blob-store.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import type { RoadsideConfig } from './roadside-config.ts';
import { photoInRecords, recordRows, type RecordRow } from './roadside-repo.ts';
import { visibleDevices } from './roadside-scope.ts';
import { overStandardEvents, type DeviceKind, type VehicleRecord } from './rules/failure-events.ts';
import { ruleVersion, type Pollutant } from './rules/limits.ts';
import { normalPlate } from './rules/vehicle-fields.ts';

/** Record list filters. */
export interface RecordQuery {
  from: number;
  to: number;
  kind?: DeviceKind | undefined;
  plate?: string | undefined;
  failedOnly?: boolean | undefined;
  limit?: number | undefined;
}

type Device = Awaited<ReturnType<typeof visibleDevices>>[number];

/** A record as the API shows it. */
export function recordView(r: RecordRow, d: Device) {
  return {
    id: r.id,
    device: d.code,
    deviceName: d.name,
    kind: d.kind as DeviceKind,
    region: d.region_adcode,
    at: Number(r.measured_at),
    place: r.place ?? d.location,
    plate: r.plate,
    plateColour: r.plate_colour,
    vin: r.vin,
    values: { CO: r.co, HC: r.hc, NO: r.no, opacity: r.opacity, ringelmann: r.ringelmann },
    deviceVerdict: r.device_verdict as 'pass' | 'fail' | null,
    failing: JSON.parse(r.failing) as Pollutant[],
    ruleVersion: r.rule_version,
    photos: JSON.parse(r.photos) as string[],
    origin: r.origin as 'http' | 'import',
  };
}

async function scopedDevices(db: Db, p: Principal, kind?: DeviceKind) {
  const all = await visibleDevices(db, p);
  return kind ? all.filter((d) => d.kind === kind) : all;
}

/** Records the principal may see, newest first. */
export async function listRecords(db: Db, p: Principal, q: RecordQuery) {
  const devices = await scopedDevices(db, p, q.kind);
  const byId = new Map(devices.map((d) => [d.id, d]));
  const plate = q.plate ? (normalPlate(q.plate) ?? q.plate.trim()) : undefined;
  const rows = await recordRows(db.kysely, {
    from: q.from,
    to: q.to,
    deviceIds: [...byId.keys()],
    plate,
    failedOnly: q.failedOnly,
    limit: q.limit ?? 500,
  });
  return rows.map((r) => recordView(r, byId.get(r.device_id)!));
}

/** The over-standard events whose deciding record lies in [from, to), within scope. */
export async function overStandard(
  db: Db,
  config: RoadsideConfig,
  p: Principal | null,
  from: number,
  to: number,
) {
  const devices = p
    ? await visibleDevices(db, p)
    : await db.kysely.selectFrom('roadside_devices').selectAll().execute();
  const byId = new Map(devices.map((d) => [d.id, d]));
  // Earlier records decide the HJ 845 window: read back one window (plus a month) before `from`.
  const back = from - (config.rules.windowMonths + 1) * 31 * 86_400_000;
  const rows = await recordRows(db.kysely, {
    from: back,
    to,
    deviceIds: [...byId.keys()],
    limit: 1_000_000,
  });
  const judged: VehicleRecord[] = rows.map((r) => ({
    id: r.id,
    at: Number(r.measured_at),
    kind: byId.get(r.device_id)!.kind as DeviceKind,
    plate: r.plate,
    plateColour: r.plate_colour,
    vin: r.vin,
    measured: { CO: r.co, HC: r.hc, NO: r.no, opacity: r.opacity, ringelmann: r.ringelmann },
    failing: JSON.parse(r.failing) as Pollutant[],
  }));
  const events = overStandardEvents(judged, config.rules).filter((e) => e.at >= from && e.at < to);
  return { ruleVersion: ruleVersion(config.rules), events };
}

/** A photo of a record the principal may see. */
export async function recordPhoto(
  db: Db,
  blobs: BlobStore,
  p: Principal,
  sha256: string,
): Promise<Buffer> {
  const devices = await visibleDevices(db, p);
  if (
    !isBlobAddress(sha256) ||
    !(await photoInRecords(
      db.kysely,
      sha256,
      devices.map((d) => d.id),
    ))
  )
    throw new LantianError('LT_ERR_ROADSIDE_PHOTO_NOT_FOUND', sha256);
  const data = await blobs.get(sha256);
  if (!data) throw new LantianError('LT_ERR_ROADSIDE_PHOTO_NOT_FOUND', sha256);
  return data;
}
