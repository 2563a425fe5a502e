/**
 * Field checks (现场检查) and the violations they find. A check names the code the inspector
 * scanned or typed (none: the machine shows no code), the position (GPS or typed), what was seen
 * of smoke, and photos; the zone verdict and the violations are judged by the pure rules
 * (rules/zone-verdict.ts, rules/violations.ts) with their version recorded. A check belongs to
 * the county of its site, else the inspector's county, else the county given; its violations go
 * to that county's list, which the county works from open to rectified to closed.
 */
import type { z } from 'zod';
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import { findRegion } from '../air/region-repo.ts';
import type { BlobStore } from '../blobs/blob-store.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import {
  findInspection,
  findViolation,
  insertInspection,
  insertViolation,
  listViolations,
  setViolationStatus,
  violationsOfInspection,
  type ViolationListRow,
} from './inspection-repo.ts';
import { findMachine, insertPhoto, photosOf } from './machine-repo.ts';
import { photoView } from './machine-view.ts';
import type { MachineryConfig } from './machinery-config.ts';
import { assertMachineryScope, listedRegions } from './machinery-scope.ts';
import { storePhotos, type UploadedPhoto } from './photo-store.ts';
import { factsOfCode, zoneRules } from './place-service.ts';
import { findSite } from './place-repo.ts';
import { normaliseCode } from './rules/registration-code.ts';
import { VIOLATION_KINDS, violationsOf, type ViolationKind } from './rules/violations.ts';
import { zoneVerdict, type ZoneVerdict } from './rules/zone-verdict.ts';
import type {
  InspectionData,
  InspectionOut,
  ViolationOut,
  ViolationPatch,
  ViolationsOut,
  ViolationsQuery,
} from './schema.ts';

type Violation = z.output<typeof ViolationOut>;
type Inspection = z.output<typeof InspectionOut>;

function violationView(r: ViolationListRow): Violation {
  return {
    id: r.id,
    inspectionId: r.inspection_id,
    machineId: r.machine_id,
    machineCode: r.code_seen,
    regionAdcode: r.region_adcode,
    kind: r.kind as ViolationKind,
    kindName: VIOLATION_KINDS[r.kind as ViolationKind] ?? r.kind,
    detail: r.detail,
    ruleVersion: r.rule_version,
    status: r.status as Violation['status'],
    statusNote: r.status_note,
    lon: r.lon,
    lat: r.lat,
    inspectedBy: r.inspected_by,
    createdAt: Number(r.created_at),
    updatedBy: r.updated_by,
    updatedAt: Number(r.updated_at),
  };
}

/** The county a check belongs to. */
async function countyOfCheck(
  db: Db,
  p: Principal,
  d: z.output<typeof InspectionData>,
  machineRegion: string | undefined,
): Promise<string> {
  if (d.siteId != null) {
    const site = await findSite(db.kysely, d.siteId);
    if (!site) throw new LantianError('LT_ERR_MACHINERY_SITE_NOT_FOUND', `场所 ${d.siteId}`);
    return site.region_adcode;
  }
  const county =
    (p.role === 'county' ? p.regionAdcode : undefined) ?? d.regionAdcode ?? machineRegion;
  if (!county) throw new LantianError('LT_ERR_BAD_REQUEST', '须填写检查所在区县（regionAdcode）');
  if (!(await findRegion(db, county)))
    throw new LantianError('LT_ERR_REGION_NOT_FOUND', `区县代码 ${county}`);
  return county;
}

/** One check as shown. */
export async function inspectionView(db: Db, p: Principal, id: number): Promise<Inspection> {
  const r = await findInspection(db.kysely, id);
  if (!r) throw new LantianError('LT_ERR_NOT_FOUND', `检查记录 ${id}`);
  await assertMachineryScope(db, p, r.region_adcode, `检查记录 ${id}`);
  return {
    id: r.id,
    machineId: r.machine_id,
    codeSeen: r.code_seen,
    regionAdcode: r.region_adcode,
    lon: r.lon,
    lat: r.lat,
    positionSource: r.position_source === 'manual' ? 'manual' : 'gps',
    accuracyM: r.accuracy_m,
    blackSmoke: r.black_smoke === 1,
    ringelmann: r.ringelmann,
    note: r.note,
    verdict: JSON.parse(r.verdict) as ZoneVerdict,
    ruleVersion: r.rule_version,
    photos: (await photosOf(db.kysely, 'inspection_id', [id])).map(photoView),
    violations: (await violationsOfInspection(db.kysely, id)).map(violationView),
    inspectedBy: r.inspected_by,
    inspectedAt: Number(r.inspected_at),
  };
}

/** Records a check with its photos; the violations it finds go to the county's list. */
export async function recordInspection(
  db: Db,
  clock: Clock,
  cfg: MachineryConfig,
  blobs: BlobStore,
  p: Principal,
  who: ActorContext,
  d: z.output<typeof InspectionData>,
  files: readonly UploadedPhoto[],
): Promise<Inspection> {
  const code = d.code.trim() ? (normaliseCode(d.code) ?? '') : '';
  const facts = await factsOfCode(db.kysely, d.code);
  const machine = facts.registered && facts.id ? await findMachine(db.kysely, facts.id) : undefined;
  const county = await countyOfCheck(db, p, d, machine?.region_adcode);
  await assertMachineryScope(db, p, county, `行政区 ${county}`);
  const verdict = zoneVerdict(d.lon, d.lat, await zoneRules(db.kysely), facts);
  const found = violationsOf(
    verdict,
    { blackSmoke: d.blackSmoke, ringelmann: d.ringelmann ?? null },
    cfg.ringelmannFail,
  );
  const stored = await storePhotos(blobs, cfg, files);
  const now = clock.now();
  const id = await db.kysely.transaction().execute(async (trx) => {
    const iid = await insertInspection(trx, {
      machine_id: machine?.id ?? null,
      code_seen: code,
      region_adcode: county,
      site_id: d.siteId ?? null,
      lon: d.lon,
      lat: d.lat,
      position_source: d.positionSource,
      accuracy_m: d.accuracyM ?? null,
      black_smoke: d.blackSmoke ? 1 : 0,
      ringelmann: d.ringelmann ?? null,
      note: d.note ?? null,
      verdict: JSON.stringify(verdict),
      rule_version: verdict.ruleVersion,
      inspected_by: who.actor,
      inspected_at: now,
    });
    for (const s of stored)
      await insertPhoto(trx, {
        machine_id: null,
        inspection_id: iid,
        kind: 'scene',
        sha256: s.sha256,
        filename: s.filename,
        media_type: s.mediaType,
        size: s.size,
        uploaded_by: who.actor,
        uploaded_at: now,
      });
    for (const v of found)
      await insertViolation(trx, {
        inspection_id: iid,
        machine_id: machine?.id ?? null,
        region_adcode: county,
        kind: v.kind,
        detail: v.detail,
        rule_version: v.ruleVersion,
        status: 'open',
        status_note: null,
        created_at: now,
        updated_by: who.actor,
        updated_at: now,
      });
    await recordAudit(trx, now, {
      ...who,
      action: 'machinery.inspect',
      target: code || '（无编码）',
      detail: { county, violations: found.map((v) => v.kind), photos: stored.length },
    });
    return iid;
  });
  return inspectionView(db, p, id);
}

/** The violations the principal may see, with counts by status. */
export async function violationList(
  db: Db,
  p: Principal,
  q: z.output<typeof ViolationsQuery>,
): Promise<z.output<typeof ViolationsOut>> {
  const regions = await listedRegions(db, p, q.county);
  const all = (await listViolations(db.kysely, regions, undefined)).map(violationView);
  const counts = { open: 0, rectified: 0, closed: 0 };
  for (const v of all) counts[v.status]++;
  return { items: q.status ? all.filter((v) => v.status === q.status) : all, counts };
}

/** Allowed moves: open → rectified → closed, and back to open when a rectification fails. */
const MOVES: Readonly<Record<string, readonly string[]>> = {
  open: ['rectified', 'closed'],
  rectified: ['closed', 'open'],
  closed: [],
};

/** Moves a violation on (its county or the city). */
export async function changeViolation(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  id: number,
  b: z.output<typeof ViolationPatch>,
): Promise<Violation> {
  const v = await findViolation(db.kysely, id);
  if (!v) throw new LantianError('LT_ERR_MACHINERY_VIOLATION_NOT_FOUND', `编号 ${id}`);
  await assertMachineryScope(db, p, v.region_adcode, `违规 ${id}`);
  if (!MOVES[v.status]?.includes(b.status))
    throw new LantianError('LT_ERR_MACHINERY_BAD_STATUS', `${v.status} → ${b.status}`);
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    await setViolationStatus(trx, id, b.status, b.note, who.actor, now);
    await recordAudit(trx, now, {
      ...who,
      action: 'machinery.violation',
      target: String(id),
      detail: { from: v.status, to: b.status, note: b.note },
    });
  });
  return violationView((await findViolation(db.kysely, id))!);
}
