/**
 * Reading fires: the inbox (a county sees its own), one fire with its observations, history and
 * photos, files behind them, the monthly counts per unit, and the import log (city office).
 */
import type { Principal } from '../auth/principal.ts';
import type { BlobStore } from '../blobs/blob-store.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import {
  eventParts,
  eventsOfMonths,
  findObservation,
  listEvents,
  type EventFilter,
} from './fire-repo.ts';
import { visibleCounties, visibleEvent } from './event-scope.ts';
import { countByMonth, type MonthCount } from './rules/month-counts.ts';
import type { FireEvent, FireObservation } from './tables.ts';

const json = (s: string | null): Record<string, unknown> | null =>
  s === null ? null : (JSON.parse(s) as Record<string, unknown>);

/** An event as the API shows it. */
export function eventView(e: FireEvent) {
  return {
    id: e.id,
    county: e.county_adcode,
    township:
      e.township_code === null ? null : { code: e.township_code, name: e.township_name ?? '' },
    lon: e.lon,
    lat: e.lat,
    firstSeen: e.first_seen,
    lastSeen: e.last_seen,
    month: e.month,
    observations: e.observations,
    sources: e.sources.split(',') as Array<'satellite' | 'camera'>,
    status: e.status as 'dispatched' | 'escalated' | 'answered',
    dispatchedAt: e.dispatched_at,
    deadlineAt: e.deadline_at,
    escalatedAt: e.escalated_at,
    answeredAt: e.answered_at,
    answeredBy: e.answered_by,
    outcome: e.outcome as 'burning' | 'industrial' | 'false_alarm' | null,
    answerText: e.answer_text,
    rules: json(e.rules) ?? {},
  };
}

/** An observation as the API shows it. */
export function observationView(o: FireObservation) {
  return {
    id: o.id,
    source: o.source as 'satellite' | 'camera',
    observedAt: o.observed_at,
    lon: o.lon,
    lat: o.lat,
    placement: o.placement as 'inside' | 'outside',
    county: o.county_adcode,
    township: o.township_name,
    importId: o.import_id,
    line: o.line,
    cameraId: o.camera_id,
    satellite: o.satellite,
    instrument: o.instrument,
    confidence: o.confidence,
    confidenceLevel: o.confidence_level,
    brightness: o.brightness,
    frp: o.frp,
    hasImage: o.image_sha256 !== null,
  };
}

/** The events the principal may see, by filter. */
export async function fireInbox(
  db: Db,
  p: Principal,
  q: Omit<EventFilter, 'counties'>,
): Promise<{ total: number; items: Array<ReturnType<typeof eventView>> }> {
  const counties = await visibleCounties(db, p);
  const { total, rows } = await listEvents(db.kysely, { ...q, counties });
  return { total, items: rows.map(eventView) };
}

/** One event with its parts. */
export async function fireDetail(db: Db, p: Principal, id: number) {
  const e = await visibleEvent(db, p, id);
  const parts = await eventParts(db.kysely, id);
  return {
    ...eventView(e),
    observationList: parts.observations.map(observationView),
    log: parts.log.map((l) => ({
      at: l.at,
      action: l.action,
      actor: l.actor,
      detail: json(l.detail),
    })),
    photos: parts.photos.map((ph) => ({
      id: ph.id,
      filename: ph.filename,
      mediaType: ph.media_type,
      size: ph.size,
    })),
  };
}

/** A stored file of an event: an answer photo, or a camera observation's image. */
export async function fireFile(
  db: Db,
  blobs: BlobStore,
  p: Principal,
  id: number,
  what: { photoId: number } | { observationId: number },
): Promise<{ data: Buffer; mediaType: string; filename: string }> {
  await visibleEvent(db, p, id);
  let sha: string | null = null;
  let mediaType = 'application/octet-stream';
  let filename = '';
  if ('photoId' in what) {
    const { photos } = await eventParts(db.kysely, id);
    const ph = photos.find((x) => x.id === what.photoId);
    if (ph) [sha, mediaType, filename] = [ph.sha256, ph.media_type, ph.filename];
  } else {
    const o = await findObservation(db.kysely, what.observationId);
    if (o && o.event_id === id && o.image_sha256) {
      [sha, mediaType, filename] = [o.image_sha256, o.image_type ?? mediaType, `camera-${o.id}`];
    }
  }
  const data = sha ? await blobs.get(sha) : undefined;
  if (!data) throw new LantianError('LT_ERR_NOT_FOUND', '文件不存在');
  return { data, mediaType, filename };
}

/** Monthly counts per unit, within the principal's scope. */
export async function fireMonthly(
  db: Db,
  p: Principal,
  from: string,
  to: string,
): Promise<{ rows: MonthCount[] }> {
  if (from > to) throw new LantianError('LT_ERR_BAD_RANGE', `${from} 晚于 ${to}`);
  const counties = await visibleCounties(db, p);
  return { rows: countByMonth(await eventsOfMonths(db.kysely, from, to, counties)) };
}

const importView = (r: {
  id: number;
  file_name: string;
  imported_by: string;
  imported_at: number;
  rows: number;
  accepted: number;
  outside: number;
  repeated: number;
  merged: number;
  new_events: number;
  errors: number;
}) => ({
  id: r.id,
  fileName: r.file_name,
  importedBy: r.imported_by,
  importedAt: r.imported_at,
  rows: r.rows,
  accepted: r.accepted,
  outside: r.outside,
  repeated: r.repeated,
  merged: r.merged,
  newEvents: r.new_events,
  errors: r.errors,
});

/** The latest imports. */
export async function fireImports(db: Db) {
  const rows = await db.kysely
    .selectFrom('fire_imports')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  return rows.map(importView);
}

/** One import with its issues and the points it found outside the city. */
export async function fireImportDetail(db: Db, id: number) {
  const r = await db.kysely
    .selectFrom('fire_imports')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) throw new LantianError('LT_ERR_NOT_FOUND', `导入记录 #${id}`);
  const issues = await db.kysely
    .selectFrom('fire_import_issues')
    .select(['line', 'code', 'field', 'detail'])
    .where('import_id', '=', id)
    .orderBy('line')
    .execute();
  const outside = await db.kysely
    .selectFrom('fire_observations')
    .selectAll()
    .where('import_id', '=', id)
    .where('placement', '=', 'outside')
    .orderBy('line')
    .execute();
  return { ...importView(r), issues, outsidePoints: outside.map(observationView) };
}
