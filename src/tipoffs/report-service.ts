/**
 * A citizen's report (no account): every check runs before anything is written, so a refused
 * request leaves no row and no file behind. In order: attempts per address (memory), the
 * challenge, the location (inside the city), accepted reports per address and per phone (store),
 * each file by content and size; then the files go to the BlobStore and the report, its files
 * and its first timeline entry are written in one transaction.
 */
import { randomBytes } from 'node:crypto';
import type { BlobMeta, BlobStore } from '../blobs/blob-store.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import { wgs84ToGcj02 } from '../geo/gcj02.ts';
import type { Db } from '../store/db.ts';
import type { AbuseGuard } from './abuse-guard.ts';
import { checkChallenge } from './rules/arithmetic-challenge.ts';
import { checkReportFile, REPORT_MEDIA_TYPES } from './rules/media-check.ts';
import { unitAt, type UnitBoundary } from './rules/unit-at.ts';
import type { TipoffFormInput } from './schema.ts';
import type { TipoffConfig } from './tipoff-config.ts';
import { addEvent, insertFiles, insertTipoff, recentCounts } from './tipoff-repo.ts';

/** What a submission needs. */
export interface ReportDeps {
  db: Db;
  clock: Clock;
  config: TipoffConfig;
  blobs: BlobStore;
  guard: AbuseGuard;
  units: () => readonly UnitBoundary[];
}

/** A file as it came in. */
export interface IncomingFile {
  data: Buffer;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A 12-character tracking code from 60 random bits (no 0/O, 1/I). */
export function newTrackingCode(): string {
  const bytes = randomBytes(12);
  return [...bytes].map((b) => CODE_ALPHABET[b % 32]).join('');
}

/** Refuses the attempt when the address has made too many (memory, before anything is read). */
export function admitAttempt(d: ReportDeps, ip: string): void {
  if (!d.guard.attempt(ip, d.clock.now()))
    throw new LantianError('LT_ERR_TIPOFF_RATE_LIMITED', '提交过于频繁，请稍后再试', {
      retryAfterSeconds: Math.ceil(d.config.windowMs / 1000),
    });
}

function locate(
  d: ReportDeps,
  f: TipoffFormInput,
): { lon: number; lat: number; unit: UnitBoundary } | null {
  if (f.lon === undefined || f.lat === undefined) {
    if (!f.address || f.address.length < 4)
      throw new LantianError('LT_ERR_TIPOFF_INPUT', '请在地图上选点、使用手机定位，或填写详细地址');
    return null;
  }
  const [lon, lat] = f.crs === 'wgs84' ? wgs84ToGcj02(f.lon, f.lat) : [f.lon, f.lat];
  const unit = unitAt(d.units(), lon, lat);
  if (!unit)
    throw new LantianError(
      'LT_ERR_TIPOFF_OUTSIDE_CITY',
      `坐标（${f.lon.toFixed(5)}，${f.lat.toFixed(5)}）不在邯郸市范围内，本平台只受理邯郸市内的举报`,
    );
  return { lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6, unit };
}

/** Checks and stores a report; returns its tracking code and the county it lies in. */
export async function submitTipoff(
  d: ReportDeps,
  ip: string,
  f: TipoffFormInput,
  files: readonly IncomingFile[],
): Promise<{ code: string; county: string | null; countyName: string | null }> {
  const now = d.clock.now();
  const c = checkChallenge(d.config.challengeSecret, f.challengeToken, f.challengeAnswer, now);
  if ('problem' in c) throw new LantianError('LT_ERR_TIPOFF_CHALLENGE', c.problem);
  const place = locate(d, f);
  const phone = f.contactPhone ?? null;
  const counts = await recentCounts(d.db.kysely, ip, phone, now - d.config.windowMs);
  if (counts.byIp >= d.config.maxPerIp || counts.byPhone >= d.config.maxPerPhone)
    throw new LantianError(
      'LT_ERR_TIPOFF_RATE_LIMITED',
      counts.byIp >= d.config.maxPerIp
        ? '本网络地址提交的举报过多，请稍后再试'
        : '该电话号码提交的举报过多，请稍后再试',
      { retryAfterSeconds: Math.ceil(d.config.windowMs / 1000) },
    );
  const checked = files.map((file, i) => {
    const r = checkReportFile(file.data, `第 ${i + 1} 个文件`, d.config);
    if ('problem' in r)
      throw new LantianError(
        r.kind === 'type' ? 'LT_ERR_ATTACHMENT_TYPE' : 'LT_ERR_ATTACHMENT_TOO_LARGE',
        r.problem,
      );
    return { ...r, data: file.data };
  });
  if (!d.guard.useNonce(c.nonce, c.expiresAt, now))
    throw new LantianError('LT_ERR_TIPOFF_CHALLENGE', '验证题已使用过，请刷新后重答');
  const stored: BlobMeta[] = [];
  for (const x of checked) {
    const meta = await d.blobs.put(x.data, x.filename, {
      maxBytes: Math.max(d.config.maxImageBytes, d.config.maxVideoBytes),
      allowedTypes: REPORT_MEDIA_TYPES,
    });
    stored.push(meta);
  }
  const code = newTrackingCode();
  await d.db.kysely.transaction().execute(async (trx) => {
    const id = await insertTipoff(trx, {
      code,
      category: f.category,
      description: f.description,
      lon: place?.lon ?? null,
      lat: place?.lat ?? null,
      address: f.address || null,
      suggested_county: place?.unit.adcode ?? null,
      contact_name: f.contactName || null,
      contact_phone: phone,
      ip,
      status: 'received',
      county: null,
      department: null,
      deadline_at: null,
      escalated: 0,
      result: null,
      finding: null,
      reply: null,
      handled_at: null,
      reward_status: null,
      reward_amount: null,
      reward_rule: null,
      published: 0,
      publish_photos: 0,
      published_at: null,
      created_at: now,
      updated_at: now,
    });
    await insertFiles(
      trx,
      stored.map((m) => ({
        tipoff_id: id,
        stage: 'report',
        sha256: m.sha256,
        media_type: m.mediaType,
        size: m.size,
        created_at: now,
      })),
    );
    await addEvent(trx, id, now, '举报人', 'received', null);
  });
  return { code, county: place?.unit.adcode ?? null, countyName: place?.unit.name ?? null };
}
