/**
 * Inspections of dust sites (plan 四.1 问题清单、责任清单和整改台账): findings against the 8
 * standards with photos (images only, sniffed by content, in the BlobStore); a failing site is
 * listed for its department and county with a deadline until it is rectified, which closes it.
 * The source's checklist becomes the latest findings.
 */
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { BlobStore } from '../blobs/blob-store.ts';
import { checkAttachment } from '../blobs/attachment-check.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { epochToLocalDate } from '../time/zoned-time.ts';
import type { DustConfig } from './dust-config.ts';
import { admitsSource, assertSourceScope, dustVisibility } from './dust-scope.ts';
import { eightStandards } from './eight-standards.ts';
import {
  closeInspection,
  insertInspection,
  listInspections,
  photosOf,
  setChecklist,
} from './inspection-repo.ts';
import { inspectionOutcome, INSPECTION_EDITION } from './rules/inspection-outcome.ts';
import { visibleSource } from './source-service.ts';

/** An uploaded photo. */
export interface PhotoFile {
  filename: string;
  data: Buffer;
}

/** What an inspector records. */
export interface InspectionEntry {
  inspectedOn: string;
  findings: Record<string, boolean>;
  note: string;
  deadline: string | null;
}

const policy = (cfg: DustConfig) => ({ maxBytes: cfg.maxPhotoBytes, allowedTypes: cfg.photoTypes });

/** Records an inspection of a visible source; photos are checked before anything is stored. */
export async function recordInspection(
  db: Db,
  clock: Clock,
  cfg: DustConfig,
  blobs: BlobStore,
  p: Principal,
  who: ActorContext,
  sourceId: number,
  e: InspectionEntry,
  photos: readonly PhotoFile[],
): Promise<number> {
  const src = await visibleSource(db, p, sourceId);
  const items = eightStandards().items.map((i) => i.key);
  const o = inspectionOutcome(e.findings, items, e.inspectedOn, e.deadline, cfg.rectifyDays);
  if (typeof o === 'string') throw new LantianError('LT_ERR_BAD_REQUEST', o);
  for (const ph of photos) checkAttachment(ph.data, ph.filename, policy(cfg));
  const stored: Array<{ sha256: string; filename: string; media_type: string; size: number }> = [];
  for (const ph of photos) {
    const m = await blobs.put(ph.data, ph.filename, policy(cfg));
    stored.push({ sha256: m.sha256, filename: ph.filename, media_type: m.mediaType, size: m.size });
  }
  const now = clock.now();
  return db.kysely.transaction().execute(async (trx) => {
    const id = await insertInspection(
      trx,
      {
        source_id: src.id,
        inspected_on: e.inspectedOn,
        inspector: who.actor,
        findings: JSON.stringify(e.findings),
        note: e.note,
        passed: o.passed ? 1 : 0,
        deadline: o.deadline,
        status: o.passed ? 'passed' : 'open',
        rectified_by: null,
        rectified_at: null,
        rectification: null,
        edition: INSPECTION_EDITION,
        created_at: now,
      },
      stored,
    );
    await setChecklist(trx, src.id, JSON.stringify(e.findings), now);
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: 'dust.inspection.create',
      target: `dust-source:${src.code}`,
      detail: {
        inspection: id,
        passed: o.passed,
        failed: o.failed,
        deadline: o.deadline,
        photos: stored.length,
      },
    });
    return id;
  });
}

/** Inspections of the sources a principal sees (a department its own, a county its region's). */
export async function inspectionsInScope(
  db: Db,
  clock: Clock,
  p: Principal,
  f: { id?: number; status?: string },
) {
  const v = await dustVisibility(db, p);
  const rows = (await listInspections(db.kysely, f)).filter((r) => admitsSource(v, r));
  const photos = await photosOf(
    db.kysely,
    rows.map((r) => r.id),
  );
  const today = epochToLocalDate('Asia/Shanghai', clock.now());
  return rows.map((r) => {
    const findings = JSON.parse(r.findings) as Record<string, boolean>;
    return {
      id: r.id,
      sourceId: r.source_id,
      sourceCode: r.code,
      sourceName: r.name,
      department: r.department,
      regionAdcode: r.region_adcode,
      inspectedOn: r.inspected_on,
      inspector: r.inspector,
      findings,
      failed: Object.keys(findings).filter((k) => !findings[k]),
      note: r.note,
      passed: r.passed === 1,
      deadline: r.deadline,
      status: r.status as 'passed' | 'open' | 'closed',
      overdue: r.status === 'open' && r.deadline !== null && r.deadline < today,
      rectifiedAt: r.rectified_at,
      rectification: r.rectification,
      photos: photos
        .filter((x) => x.inspection_id === r.id)
        .map((x) => ({ sha256: x.sha256, filename: x.filename, mediaType: x.media_type })),
      edition: r.edition,
    };
  });
}

/** One inspection in scope; LT_ERR_DUST_INSPECTION_NOT_FOUND otherwise (or out of scope). */
export async function inspectionInScope(db: Db, clock: Clock, p: Principal, id: number) {
  const all = await listInspections(db.kysely, { id });
  const row = all[0];
  if (!row) throw new LantianError('LT_ERR_DUST_INSPECTION_NOT_FOUND', String(id));
  await assertSourceScope(db, p, row);
  return (await inspectionsInScope(db, clock, p, { id }))[0]!;
}

/** Marks a failed inspection rectified (its county, department or the city office). */
export async function rectify(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  id: number,
  text: string,
): Promise<void> {
  const i = await inspectionInScope(db, clock, p, id);
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    if (!(await closeInspection(trx, id, who.actor, now, text)))
      throw new LantianError('LT_ERR_DUST_INSPECTION_STATE', `检查记录 ${id}（${i.status}）`);
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: 'dust.inspection.rectify',
      target: `dust-source:${i.sourceCode}`,
      detail: { inspection: id, text },
    });
  });
}

/** A photo of an inspection in scope. */
export async function readPhoto(
  db: Db,
  clock: Clock,
  blobs: BlobStore,
  p: Principal,
  id: number,
  sha256: string,
): Promise<{ filename: string; mediaType: string; data: Buffer }> {
  const i = await inspectionInScope(db, clock, p, id);
  const ph = i.photos.find((x) => x.sha256 === sha256);
  const data = ph ? await blobs.get(sha256) : undefined;
  if (!ph || !data) throw new LantianError('LT_ERR_FILE_NOT_FOUND', sha256);
  return { filename: ph.filename, mediaType: ph.mediaType, data };
}
