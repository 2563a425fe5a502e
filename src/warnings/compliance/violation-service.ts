/**
 * The violations found during episodes, as their users meet them: listed with filters within the
 * caller's enterprise scope (src/sources/enterprise-scope.ts: writers all, a county its own),
 * assigned to a county for inspection by the city office or the environment bureau, closed with
 * the inspection's findings by the writers or the county it was assigned to. Every change is
 * audited (warning.violation.assign, warning.violation.close).
 */
import { recordAudit } from '../../audit/audit-log.ts';
import type { ActorContext } from '../../audit/actor.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import { enterpriseVisibility } from '../../sources/enterprise-scope.ts';
import type { Db } from '../../store/db.ts';
import type { z } from 'zod';
import {
  assertWarningWriter,
  isWarningWriter,
  visibleEpisodeRegions,
} from './compliance-access.ts';
import {
  listViolations,
  updateViolation,
  type ViolationFilter,
  type ViolationListRow,
} from './violation-repo.ts';
import {
  VIOLATION_KIND_NAMES,
  VIOLATION_STATUS_NAMES,
  type ComplianceEpisodeList,
  type ViolationList,
  type ViolationOut,
  type ViolationQuery,
} from './schema.ts';

type Violation = z.output<typeof ViolationOut>;

function parseEvidence(json: string): Record<string, unknown> {
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const num = (v: number | null) => (v === null ? null : Number(v));

/** The API view of a row. */
function view(r: ViolationListRow): Violation {
  const kind = r.kind as Violation['kind'];
  const status = r.status as Violation['status'];
  return {
    id: r.id,
    episodeId: r.episode_id,
    episode: { region: r.episode_region, level: r.episode_level },
    enterprise: {
      id: r.enterprise_id,
      creditCode: r.credit_code,
      name: r.enterprise_name,
      county: r.enterprise_region,
    },
    kind,
    kindName: VIOLATION_KIND_NAMES[kind],
    windowFrom: Number(r.window_from),
    windowTo: Number(r.window_to),
    evidence: parseEvidence(r.evidence),
    status,
    statusName: VIOLATION_STATUS_NAMES[status],
    assignedTo: r.assigned_to,
    assignedBy: r.assigned_by,
    assignedAt: num(r.assigned_at),
    findings: r.findings,
    closedBy: r.closed_by,
    closedAt: num(r.closed_at),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

/** The regions filter of a principal's scope, or undefined for all; [] for none. */
async function scopeRegions(db: Db, p: Principal): Promise<string[] | undefined> {
  const v = await enterpriseVisibility(db, p);
  if (v.kind === 'all') return undefined;
  if (v.kind === 'regions') return v.regions;
  return [];
}

function intersect(scope: string[] | undefined, county: string | undefined): string[] | undefined {
  if (county === undefined) return scope;
  return scope === undefined ? [county] : scope.filter((r) => r === county);
}

/** The violations in the caller's scope matching the query, with counts by status. */
export async function violationList(
  db: Db,
  p: Principal,
  q: z.output<typeof ViolationQuery>,
): Promise<z.output<typeof ViolationList>> {
  const filter: ViolationFilter = {
    episodeId: q.episode,
    kind: q.kind,
    creditCode: q.enterprise?.trim().toUpperCase(),
    regions: intersect(await scopeRegions(db, p), q.county),
  };
  const all = await listViolations(db.kysely, filter);
  const counts = { open: 0, assigned: 0, closed: 0 };
  for (const r of all) counts[r.status as keyof typeof counts]++;
  const matching = q.status ? all.filter((r) => r.status === q.status) : all;
  return {
    total: matching.length,
    counts,
    items: matching.slice(q.offset, q.offset + q.limit).map(view),
  };
}

/** One violation in the caller's scope (LT_ERR_WARNING_VIOLATION_NOT_FOUND otherwise). */
async function visibleViolation(db: Db, p: Principal, id: number): Promise<ViolationListRow> {
  const [row] = await listViolations(db.kysely, {
    violationId: id,
    regions: await scopeRegions(db, p),
  });
  if (!row) throw new LantianError('LT_ERR_WARNING_VIOLATION_NOT_FOUND', String(id));
  return row;
}

/** One violation. */
export async function violationDetail(db: Db, p: Principal, id: number): Promise<Violation> {
  return view(await visibleViolation(db, p, id));
}

/** Assigns a violation to a county (default: the enterprise's) for inspection; audited. */
export async function assignViolation(
  db: Db,
  clock: Clock,
  p: Principal,
  ctx: ActorContext,
  id: number,
  county: string | undefined,
): Promise<Violation> {
  await assertWarningWriter(db, p);
  const row = await visibleViolation(db, p, id);
  if (row.status === 'closed') throw new LantianError('LT_ERR_WARNING_VIOLATION_STATE', '已办结');
  const to = county ?? row.enterprise_region;
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    await updateViolation(trx, id, {
      status: 'assigned',
      assigned_to: to,
      assigned_by: ctx.actor,
      assigned_at: now,
      updated_at: now,
    });
    await recordAudit(trx, now, {
      actor: ctx.actor,
      action: 'warning.violation.assign',
      target: `warning-violation:${id}`,
      detail: { county: to, enterprise: row.credit_code, kind: row.kind },
      ip: ctx.ip ?? null,
    });
  });
  return view(await visibleViolation(db, p, id));
}

/** Closes a violation with the findings (writers, or the county it is assigned to); audited. */
export async function closeViolation(
  db: Db,
  clock: Clock,
  p: Principal,
  ctx: ActorContext,
  id: number,
  findings: string,
): Promise<Violation> {
  const row = await visibleViolation(db, p, id);
  const writer = await isWarningWriter(db, p);
  if (!writer && !(p.role === 'county' && row.assigned_to === p.regionAdcode))
    throw new LantianError('LT_ERR_FORBIDDEN', '只能办结交办给本县区的违规记录');
  if (row.status === 'closed') throw new LantianError('LT_ERR_WARNING_VIOLATION_STATE', '已办结');
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    await updateViolation(trx, id, {
      status: 'closed',
      findings,
      closed_by: ctx.actor,
      closed_at: now,
      updated_at: now,
    });
    await recordAudit(trx, now, {
      actor: ctx.actor,
      action: 'warning.violation.close',
      target: `warning-violation:${id}`,
      detail: { findings, enterprise: row.credit_code, kind: row.kind },
      ip: ctx.ip ?? null,
    });
  });
  return view(await visibleViolation(db, p, id));
}

/** The episodes the caller may see (those in force first, then the newest), with their violations by status. */
export async function complianceEpisodes(
  db: Db,
  p: Principal,
): Promise<z.output<typeof ComplianceEpisodeList>> {
  const regions = await visibleEpisodeRegions(db, p);
  if (regions !== 'all' && regions.length === 0) return { items: [] };
  let q = db.kysely
    .selectFrom('warning_episodes as w')
    .leftJoin('regions as r', 'r.adcode', 'w.region_adcode')
    .select([
      'w.id',
      'w.region_adcode',
      'r.name as region_name',
      'w.level',
      'w.status',
      'w.from_date',
      'w.to_date',
      'w.lifted_on',
    ]);
  if (regions !== 'all') q = q.where('w.region_adcode', 'in', regions);
  const rows = await q.orderBy('w.from_date', 'desc').orderBy('w.id', 'desc').limit(200).execute();
  // Episodes in force first, then the newest.
  const episodes = [
    ...rows.filter((e) => e.status === 'active'),
    ...rows.filter((e) => e.status !== 'active'),
  ];
  const scope = await scopeRegions(db, p);
  const items = [];
  for (const e of episodes) {
    const counts = { open: 0, assigned: 0, closed: 0 };
    for (const v of await listViolations(db.kysely, { episodeId: e.id, regions: scope }))
      counts[v.status as keyof typeof counts]++;
    items.push({
      id: e.id,
      region: e.region_adcode,
      regionName: e.region_name,
      level: e.level,
      status: e.status,
      fromDate: e.from_date,
      toDate: e.to_date,
      liftedOn: e.lifted_on,
      violations: counts,
    });
  }
  return { items };
}
