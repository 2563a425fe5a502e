/**
 * Infrared cameras (plan 四.10: 秸秆禁烧红外视频监控和报警系统): the city office registers a camera
 * and receives its key once (only the SHA-256 is stored, src/auth/secret-token.ts); the camera
 * system posts alarms with its code and key. An alarm's point is placed like any fire point; one
 * outside the city is refused, and so is an image that is not an image: nothing is stored then.
 */
import { randomBytes } from 'node:crypto';
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { hashSecret, safeEqual } from '../auth/secret-token.ts';
import type { BlobStore } from '../blobs/blob-store.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { areasOf } from './areas.ts';
import { findCameraByCode, insertCamera, listCameras } from './camera-repo.ts';
import type { FiresConfig } from './fires-config.ts';
import { takeIn, type IntakeResult } from './intake.ts';
import { placePoint } from './rules/placement.ts';
import type { FireCamera } from './tables.ts';

/** Prefix of camera keys: recognisable in configuration files and secret scanners. */
const KEY_PREFIX = 'ltcam_';
const KEY_RE = /^ltcam_[A-Za-z0-9_-]{43}$/;

/** A camera as listed (never its key). */
export interface CameraView {
  id: number;
  code: string;
  name: string;
  county: string | null;
  lon: number;
  lat: number;
  keyHint: string;
  active: boolean;
  createdAt: number;
}

const view = (c: FireCamera): CameraView => ({
  id: c.id,
  code: c.code,
  name: c.name,
  county: c.county_adcode,
  lon: c.lon,
  lat: c.lat,
  keyHint: c.key_hint,
  active: c.active === 1,
  createdAt: c.created_at,
});

/** Registers a camera; its key is in the answer and nowhere else. */
export async function registerCamera(
  db: Db,
  cfg: FiresConfig,
  now: number,
  who: ActorContext,
  input: { code: string; name: string; lon: number; lat: number },
): Promise<CameraView & { key: string }> {
  const place = placePoint(areasOf(cfg).counties, [], input.lon, input.lat);
  if (place.placement === 'outside')
    throw new LantianError('LT_ERR_FIRE_OUTSIDE_CITY', `摄像机位置 ${input.lon}, ${input.lat}`);
  if (await findCameraByCode(db.kysely, input.code))
    throw new LantianError('LT_ERR_FIRE_CAMERA_EXISTS', input.code);
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  const id = await db.kysely.transaction().execute(async (trx) => {
    const cameraId = await insertCamera(trx, {
      code: input.code,
      name: input.name,
      county_adcode: place.county.code,
      lon: input.lon,
      lat: input.lat,
      key_hash: hashSecret(key),
      key_hint: `${key.slice(0, KEY_PREFIX.length + 4)}…`,
      active: 1,
      created_by: who.actor,
      created_at: now,
    });
    await recordAudit(trx, now, {
      ...who,
      action: 'fire.camera.create',
      target: `fire-camera:${cameraId}`,
      detail: { code: input.code, county: place.county.code },
    });
    return cameraId;
  });
  const c = await findCameraByCode(db.kysely, input.code);
  return { ...view(c!), id, key };
}

/** Every registered camera. */
export async function cameraList(db: Db): Promise<CameraView[]> {
  return (await listCameras(db.kysely)).map(view);
}

/** The camera whose code and key these are (LT_ERR_FIRE_CAMERA_AUTH otherwise). */
export async function authenticateCamera(
  db: Db,
  code: string | undefined,
  key: string | undefined,
): Promise<FireCamera> {
  const refuse = () => new LantianError('LT_ERR_FIRE_CAMERA_AUTH');
  if (!code || !key || code.length > 64 || !KEY_RE.test(key)) throw refuse();
  const c = await findCameraByCode(db.kysely, code);
  // Compare even when the camera is unknown, so the time taken does not tell which codes exist.
  const ok = safeEqual(hashSecret(key), c?.key_hash ?? '0'.repeat(64));
  if (!c || !ok || c.active !== 1) throw refuse();
  return c;
}

/** An alarm as posted by a camera system. */
export interface CameraAlarm {
  at: number;
  lon: number | null;
  lat: number | null;
  image: { filename: string; data: Buffer };
}

/** Takes a camera alarm in. */
export async function receiveCameraAlarm(
  db: Db,
  cfg: FiresConfig,
  blobs: BlobStore,
  now: number,
  camera: FireCamera,
  alarm: CameraAlarm,
  ip: string | null,
): Promise<IntakeResult> {
  const lon = alarm.lon ?? camera.lon;
  const lat = alarm.lat ?? camera.lat;
  const areas = areasOf(cfg);
  if (placePoint(areas.counties, [], lon, lat).placement === 'outside')
    throw new LantianError('LT_ERR_FIRE_OUTSIDE_CITY', `${lon}, ${lat}`);
  const image = await blobs.put(alarm.image.data, alarm.image.filename, {
    maxBytes: cfg.maxImageBytes,
    allowedTypes: cfg.imageTypes,
  });
  const actor = `camera:${camera.code}`;
  return db.kysely.transaction().execute(async (trx) => {
    const r = await takeIn(trx, cfg, areas, now, actor, {
      obs_key: `cam:${camera.id}:${alarm.at}`,
      source: 'camera',
      import_id: null,
      line: null,
      camera_id: camera.id,
      observed_at: alarm.at,
      lon,
      lat,
      satellite: null,
      instrument: null,
      confidence: null,
      confidence_level: null,
      brightness: null,
      frp: null,
      daynight: null,
      image_sha256: image.sha256,
      image_type: image.mediaType,
      received_at: now,
    });
    await recordAudit(trx, now, {
      actor,
      ip,
      action: 'fire.camera.alarm',
      target: `fire-camera:${camera.id}`,
      detail: { at: alarm.at, result: r.kind, eventId: 'eventId' in r ? r.eventId : null },
    });
    return r;
  });
}
