/**
 * Receiving a passage from a gate: the record is checked (fields, time, stage) and its photos
 * (type by content, size) before anything is written; a replay of the gate's record id answers the
 * stored passage and stores nothing; a new passage is checked against the rules in force at its
 * time (rules/passage-check.ts), its photos written, then the passage, photos and violations
 * stored in one transaction — with, for a banned stage during an episode, the warnings domain's
 * 'banned-truck' violation — and published on the live feed after the commit.
 */
import type { z } from 'zod';
import type { DiskBlobStore } from '../blobs/disk-blob-store.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { blacklistHits } from './blacklist-repo.ts';
import type { AuthenticGate } from './gate-credential.ts';
import type { GatesConfig } from './gate-config.ts';
import { checkGatePhoto, storeGatePhoto } from './gate-photos.ts';
import { touchGate } from './gate-repo.ts';
import type { PassageFeed } from './passage-feed.ts';
import { insertPassage, passageByRecord, recordUpload, uploadsOf } from './passage-repo.ts';
import { ruleContext } from './rule-context.ts';
import { checkPassage, GATE_RULES_VERSION, type Finding } from './rules/passage-check.ts';
import { isLate, parsePassageTime, passageTimeProblem } from './rules/passage-time.ts';
import { GateRecord, type GateRecordIn, type PassageAnswer, type PhotoKind } from './schema.ts';

/** What the gate-facing services need. */
export interface GateApiDeps {
  db: Db;
  clock: Clock;
  config: GatesConfig;
  photos: DiskBlobStore;
  feed: PassageFeed;
}

/** A photo file of a multipart passage. */
export interface IncomingPhoto {
  kind: PhotoKind;
  data: Buffer;
}

type Answer = z.output<typeof PassageAnswer>;
const STAGE = /^[0-6D]$/;

/** The record checked and normalised, with its instant; catalogue errors otherwise. */
export function parseRecord(
  raw: unknown,
  now: number,
): { r: GateRecordIn; passedAt: number; stage: string | null } {
  const parsed = GateRecord.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new LantianError(
      'LT_ERR_GATE_BAD_RECORD',
      `${i?.path.join('.') || 'record'}：${i?.message}`,
    );
  }
  const r = parsed.data;
  const stage =
    r.emissionStage === undefined || r.emissionStage === null || r.emissionStage === ''
      ? null
      : r.emissionStage.toUpperCase();
  if (stage !== null && !STAGE.test(stage))
    throw new LantianError('LT_ERR_GATE_BAD_STAGE', `emissionStage：${r.emissionStage}`);
  const passedAt = parsePassageTime(r.time);
  const problem = passageTimeProblem(passedAt, now);
  if (problem) throw new LantianError('LT_ERR_GATE_BAD_TIME', `time ${r.time}：${problem}`);
  return { r, passedAt: passedAt!, stage };
}

const norm = (s: string | null | undefined): string | null => {
  const v = s?.replace(/\s+/g, '').toUpperCase();
  return v ? v : null;
};
const isoDate = (d: string | null | undefined): string | null =>
  !d ? null : d.includes('-') ? d : `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

/** Photos named by reference must be this gate's uploads. */
async function referencedPhotos(deps: GateApiDeps, gate: AuthenticGate, r: GateRecordIn) {
  const refs = r.photos ?? [];
  const uploads = await uploadsOf(deps.db.kysely, Number(gate.id), [
    ...new Set(refs.map((p) => p.sha256)),
  ]);
  return refs.map((ref) => {
    const u = uploads.find((x) => x.sha256 === ref.sha256);
    if (!u) throw new LantianError('LT_ERR_GATE_PHOTO_UNKNOWN', ref.sha256);
    return { kind: ref.kind, sha256: u.sha256, size: Number(u.size), media_type: u.media_type };
  });
}

/** Receives one passage (multipart files in `files`, or JSON references in the record). */
export async function receivePassage(
  deps: GateApiDeps,
  gate: AuthenticGate,
  raw: unknown,
  files: readonly IncomingPhoto[],
): Promise<Answer> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const { r, passedAt, stage } = parseRecord(raw, now);
  if (r.gateId !== undefined && r.gateId !== Number(gate.id))
    throw new LantianError('LT_ERR_GATE_MISMATCH', `凭据属于门禁 ${gate.id}，记录指明 ${r.gateId}`);
  if (files.length > 0 && (r.photos?.length ?? 0) > 0)
    throw new LantianError('LT_ERR_GATE_BAD_RECORD', '照片请以文件上传或以 photos 引用，二者择一');
  const checked = files.map((f) => ({
    ...f,
    mediaType: checkGatePhoto(f.data, config.maxPhotoBytes, `photo_${f.kind}`),
  }));
  const refs = await referencedPhotos(deps, gate, r);
  const old = await passageByRecord(db.kysely, Number(gate.id), r.recordId);
  if (old) return duplicateAnswer(deps, gate, old);
  const plate = norm(r.plate) ?? '';
  const vin = norm(r.vin);
  const ctx = await ruleContext(
    db,
    { enterpriseId: Number(gate.enterprise_id), county: gate.region_adcode },
    passedAt,
    config.truckCountDays,
  );
  const kinds = [...checked.map((c) => c.kind), ...refs.map((x) => x.kind)];
  const findings = checkPassage({
    direction: r.direction,
    emissionStage: stage,
    manualOpen: r.manualOpen ? { ...r.manualOpen, photo: kinds.includes('manual') } : null,
    blacklistHits: (await blacklistHits(db.kysely, plate, vin)).map((b) => ({
      id: Number(b.id),
      reason: b.reason,
      source: b.source,
    })),
    level: ctx.level,
    rule: ctx.rule,
    trucksPerDay: ctx.trucksPerDay,
    entriesEarlierToday: ctx.entriesEarlierToday,
    unknownStageBanned: config.unknownStageBanned,
  });
  // Validation is over: only now are files written.
  const stored = [];
  for (const c of checked) {
    const meta = await storeGatePhoto(deps.photos, c.data, c.mediaType, config.maxPhotoBytes);
    stored.push({ kind: c.kind, sha256: meta.sha256, size: meta.size, media_type: meta.mediaType });
  }
  const late = isLate(passedAt, now, config.lateMinutes);
  const ban = findings.find((f) => f.kind === 'banned-stage');
  const id = await insertPassage(db.kysely, {
    passage: {
      gate_id: Number(gate.id),
      enterprise_id: Number(gate.enterprise_id),
      gate_record_id: r.recordId,
      passed_at: passedAt,
      direction: r.direction,
      plate,
      plate_colour: r.plateColour ?? null,
      vin,
      engine_no: r.engineNo ?? null,
      emission_stage: stage,
      fuel: r.fuel ?? null,
      registration_date: isoDate(r.registrationDate),
      goods: r.goods ?? null,
      quantity_t: r.quantityT ?? null,
      fleet: r.fleet ?? null,
      manual_open: r.manualOpen ? 1 : 0,
      manual_by: r.manualOpen?.by ?? null,
      manual_reason: r.manualOpen?.reason ?? null,
      late: late ? 1 : 0,
      received_at: now,
      flags: JSON.stringify({
        ruleVersion: GATE_RULES_VERSION,
        level: ctx.level,
        violations: findings.map((f) => f.kind),
      }),
    },
    photos: [...stored, ...refs],
    violations: findings.map((f) => violationRow(f, gate, ctx.level, now)),
    bannedTruck:
      ban && ctx.episodeId !== null
        ? {
            episodeId: ctx.episodeId,
            evidence: {
              ...ban.evidence,
              plate,
              gateId: Number(gate.id),
              ruleVersion: GATE_RULES_VERSION,
            },
          }
        : null,
  });
  if (id === undefined) {
    const again = await passageByRecord(db.kysely, Number(gate.id), r.recordId);
    return duplicateAnswer(deps, gate, again!);
  }
  await touchGate(db.kysely, Number(gate.id), now);
  deps.feed.publish({
    passageId: id,
    gateId: Number(gate.id),
    enterpriseId: Number(gate.enterprise_id),
    countyAdcode: gate.region_adcode,
    passedAt,
    direction: r.direction,
    plate,
    emissionStage: stage,
    manualOpen: Boolean(r.manualOpen),
    late,
    violations: findings.map((f) => f.kind),
  });
  return { passageId: id, duplicate: false, late, violations: findings.map((f) => f.kind) };
}

function violationRow(f: Finding, gate: AuthenticGate, level: string | null, now: number) {
  return {
    enterprise_id: Number(gate.enterprise_id),
    county_adcode: gate.region_adcode,
    kind: f.kind,
    level,
    rule_version: GATE_RULES_VERSION,
    evidence: JSON.stringify(f.evidence),
    status: 'open',
    closed_by: null,
    closed_at: null,
    findings: null,
    created_at: now,
  };
}

async function duplicateAnswer(
  deps: GateApiDeps,
  gate: AuthenticGate,
  old: NonNullable<Awaited<ReturnType<typeof passageByRecord>>>,
): Promise<Answer> {
  await touchGate(deps.db.kysely, Number(gate.id), deps.clock.now());
  return {
    passageId: Number(old.passage.id),
    duplicate: true,
    late: old.passage.late === 1,
    violations: old.kinds,
  };
}

/** Stores a photo uploaded ahead of its passage and remembers that this gate uploaded it. */
export async function receivePhoto(deps: GateApiDeps, gate: AuthenticGate, data: Buffer) {
  const type = checkGatePhoto(data, deps.config.maxPhotoBytes, 'photo');
  const meta = await storeGatePhoto(deps.photos, data, type, deps.config.maxPhotoBytes);
  const now = deps.clock.now();
  await recordUpload(deps.db.kysely, {
    gate_id: Number(gate.id),
    sha256: meta.sha256,
    size: meta.size,
    media_type: meta.mediaType,
    uploaded_at: now,
  });
  await touchGate(deps.db.kysely, Number(gate.id), now);
  return meta;
}
