/**
 * A device posting one record over HTTP (docs/mobile-sources.md, device endpoint): the bearer
 * secret must be the one of the device named in the URL; the record is checked, photos (base64
 * in the JSON body) are checked by content and size, and only then is anything stored. A record
 * the device already sent under the same record id is not stored again.
 */
import type { BlobStore } from '../blobs/blob-store.ts';
import { checkAttachment } from '../blobs/attachment-check.ts';
import { MEDIA_TYPES } from '../blobs/sniff-type.ts';
import { hashSecret, safeEqual } from '../auth/secret-token.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import type { PostLimiter } from './post-limiter.ts';
import type { RoadsideConfig } from './roadside-config.ts';
import { deviceByCode, recordByExternalId } from './roadside-repo.ts';
import { storeRecord } from './record-store.ts';
import { checkRecord, type RecordInput } from './rules/record-input.ts';

/** A photo in a posted record. */
export interface PostedPhoto {
  name: string;
  /** Base64 of the image bytes. */
  data: string;
}

/** What the device endpoint needs. */
export interface DevicePostDeps {
  db: Db;
  clock: Clock;
  config: RoadsideConfig;
  blobs: BlobStore;
  limiter: PostLimiter;
}

const PHOTO_TYPES = [MEDIA_TYPES.jpeg, MEDIA_TYPES.png, MEDIA_TYPES.webp];
const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

function decodePhoto(p: PostedPhoto, max: number): Buffer {
  const text = p.data.replace(/\s+/g, '');
  if (text.length % 4 !== 0 || !BASE64_RE.test(text))
    throw new LantianError('LT_ERR_ROADSIDE_BAD_RECORD', `照片 ${p.name} 不是有效的 base64`);
  if ((text.length / 4) * 3 > max + 3)
    throw new LantianError('LT_ERR_ATTACHMENT_TOO_LARGE', `${p.name}：上限 ${max} 字节`, {
      maxBytes: max,
    });
  return Buffer.from(text, 'base64');
}

/** Stores a posted record; returns its id, what failed and whether it was a repeat. */
export async function postRecord(
  deps: DevicePostDeps,
  code: string,
  bearer: string | undefined,
  address: string,
  body: RecordInput & { photos?: PostedPhoto[] | undefined },
): Promise<{ id: number; failing: string[]; duplicate: boolean; ruleVersion?: string }> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const device = await deviceByCode(db.kysely, code);
  if (!bearer || !device || !safeEqual(hashSecret(bearer), device.token_hash)) {
    deps.limiter.take(`addr:${address}`, now);
    throw new LantianError('LT_ERR_ROADSIDE_DEVICE_TOKEN');
  }
  deps.limiter.take(`device:${device.id}`, now);
  const check = checkRecord(body, now, config.maxAheadMs);
  if (!check.ok)
    throw new LantianError(check.code, `${check.problem.field}：${check.problem.detail}`);
  const photos = body.photos ?? [];
  if (photos.length > config.maxPhotos)
    throw new LantianError('LT_ERR_ROADSIDE_BAD_RECORD', `每条记录最多 ${config.maxPhotos} 张照片`);
  const decoded = photos.map((p) => {
    const data = decodePhoto(p, config.photoMaxBytes);
    checkAttachment(data, p.name, { maxBytes: config.photoMaxBytes, allowedTypes: PHOTO_TYPES });
    return { name: p.name, data };
  });
  const r = check.record;
  if (r.recordId !== null) {
    const old = await recordByExternalId(db.kysely, device.id, r.recordId);
    if (old) return { id: old.id, failing: JSON.parse(old.failing) as string[], duplicate: true };
  }
  const refs: string[] = [];
  for (const p of decoded) {
    const meta = await deps.blobs.put(p.data, p.name, {
      maxBytes: config.photoMaxBytes,
      allowedTypes: PHOTO_TYPES,
    });
    refs.push(meta.sha256);
  }
  const stored = await storeRecord(db.kysely, device.id, 'http', r, refs, config.rules, now);
  return { ...stored, duplicate: false };
}
