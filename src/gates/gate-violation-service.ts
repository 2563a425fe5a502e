/**
 * Gate violations for officers: listed in the principal's scope (a county sees its own county's)
 * with the passage and its photos; closed by the city office or the county with findings (audited);
 * a photo served only to whom sees a passage holding it.
 */
import type { z } from 'zod';
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { BlobStore } from '../blobs/blob-store.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { gateScope, scopeAdmits } from './gate-access.ts';
import {
  closeGateViolation,
  countGateViolations,
  listGateViolations,
  photoOwners,
} from './gate-violation-repo.ts';
import { photosOf } from './passage-repo.ts';
import type { GateViolationList, GateViolationOut, ViolationQuery } from './schema.ts';

type Out = z.output<typeof GateViolationOut>;

async function views(db: Db, rows: Awaited<ReturnType<typeof listGateViolations>>): Promise<Out[]> {
  const photos = await photosOf(db.kysely, [...new Set(rows.map((r) => Number(r.passage_id)))]);
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    level: r.level,
    ruleVersion: r.rule_version,
    evidence: JSON.parse(r.evidence) as Record<string, unknown>,
    status: r.status,
    findings: r.findings,
    closedBy: r.closed_by,
    closedAt: r.closed_at === null ? null : Number(r.closed_at),
    createdAt: Number(r.created_at),
    county: r.county_adcode,
    enterpriseId: Number(r.enterprise_id),
    enterpriseName: r.enterprise_name,
    passage: {
      id: Number(r.passage_id),
      gateId: Number(r.gate_id),
      gateName: r.gate_name,
      passedAt: Number(r.passed_at),
      direction: r.direction,
      plate: r.plate,
      emissionStage: r.emission_stage,
      manualBy: r.manual_by,
      manualReason: r.manual_reason,
      late: Number(r.late) === 1,
    },
    photos: photos
      .filter((ph) => Number(ph.passage_id) === Number(r.passage_id))
      .map((ph) => ({ kind: ph.kind, sha256: ph.sha256, mediaType: ph.media_type })),
  }));
}

/** The violations a principal sees. */
export async function gateViolationsFor(
  db: Db,
  p: Principal,
  q: z.output<typeof ViolationQuery>,
): Promise<z.output<typeof GateViolationList>> {
  const s = await gateScope(db, p);
  const rows = await listGateViolations(db.kysely, {
    ...s,
    status: q.status,
    kind: q.kind,
    limit: q.limit,
  });
  const counts = { open: 0, closed: 0 };
  for (const c of await countGateViolations(db.kysely, s))
    counts[c.status as 'open' | 'closed'] = Number(c.n);
  return { violations: await views(db, rows), counts };
}

/** Closes a violation with findings. */
export async function closeViolation(
  db: Db,
  clock: Clock,
  p: Principal,
  actor: ActorContext,
  id: number,
  findings: string,
): Promise<Out> {
  const s = await gateScope(db, p);
  const [v] = await listGateViolations(db.kysely, { ...s, id, limit: 1 });
  if (!v) throw new LantianError('LT_ERR_GATE_VIOLATION_NOT_FOUND', String(id));
  if (v.status !== 'open') throw new LantianError('LT_ERR_GATE_VIOLATION_STATE', String(id));
  const now = clock.now();
  await closeGateViolation(db.kysely, id, { closed_by: actor.actor, closed_at: now, findings });
  await recordAudit(db, now, {
    actor: actor.actor,
    action: 'gates.violation-close',
    target: `gate-violation:${id}`,
    detail: { kind: v.kind, findings },
    ip: actor.ip ?? null,
  });
  const [after] = await listGateViolations(db.kysely, { id, limit: 1 });
  return (await views(db, [after!]))[0]!;
}

/** A gate photo for whom sees a passage holding it. */
export async function readGatePhoto(
  db: Db,
  photos: BlobStore,
  p: Principal,
  sha256: string,
): Promise<{ mediaType: string; data: Buffer }> {
  const s = await gateScope(db, p);
  const owner = (await photoOwners(db.kysely, sha256)).find((o) => scopeAdmits(s, o));
  const data = owner ? await photos.get(sha256) : undefined;
  if (!owner || !data) throw new LantianError('LT_ERR_GATE_PHOTO_NOT_FOUND', sha256);
  return { mediaType: owner.media_type, data };
}
