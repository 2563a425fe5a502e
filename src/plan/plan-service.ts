/**
 * Creating and editing plans. Versions: a plan starts as draft version 1; publishing freezes a
 * version for good (editing it answers LT_ERR_PLAN_PUBLISHED); changes after that go into a new
 * draft version copied from the latest one. Every change is written to the audit log in the same
 * transaction as the change itself.
 */
import type { Kysely } from 'kysely';
import { findRegion } from '../air/region-repo.ts';
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import type { DatabaseSchema } from '../store/schema.ts';
import type { PlanDocument } from './plan-document.ts';
import {
  findPlan,
  findVersion,
  insertPlan,
  insertVersion,
  latestVersion,
  listPlans,
  listVersions,
  markPublished,
  touchPlan,
  type PlanRow,
  type PlanVersionRow,
} from './plan-repo.ts';
import { checkedPlanDocument } from './plan-validation.ts';

/** A plan version as callers see it. */
export type PlanVersionView = {
  planId: string;
  version: number;
  status: 'draft' | 'published';
  note: string | null;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  publishedAt: number | null;
  publishedBy: string | null;
  document: PlanDocument;
};

/** Which plan version an analysis was computed from: the `plan` part of its answer. */
export interface AnalysedPlan {
  id: string;
  name: string;
  version: number;
  versionStatus: string;
  year: number;
}

/** The `plan` part of an analysis of version `v`. */
export function analysedPlan(v: PlanVersionView): AnalysedPlan {
  const doc = v.document;
  return {
    id: doc.id,
    name: doc.name,
    version: v.version,
    versionStatus: v.status,
    year: doc.year,
  };
}

/** Turns a stored row into a view (documents are validated when written). */
export function versionView(row: PlanVersionRow): PlanVersionView {
  return {
    planId: row.plan_id,
    version: row.version,
    status: row.status as 'draft' | 'published',
    note: row.note,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    document: JSON.parse(row.document) as PlanDocument,
  };
}

/** The audit target of a plan version. */
export const auditTarget = (id: string, v: number) => `plan:${id}@${v}`;

/** Checks that the city and every unit are known regions (LT_ERR_REGION_NOT_FOUND otherwise). */
export async function assertRegionsKnown(db: Db, doc: PlanDocument): Promise<void> {
  for (const r of [doc.city, ...doc.units]) {
    if (!(await findRegion(db, r.adcode)))
      throw new LantianError('LT_ERR_REGION_NOT_FOUND', `${r.name}（${r.adcode}）未登记`, {
        adcode: r.adcode,
      });
  }
}

/** Runs `fn` in one transaction. */
export function tx<T>(db: Db, fn: (trx: Kysely<DatabaseSchema>) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute(fn);
}

/** Creates a plan as draft version 1 (optionally published at once). */
export async function createPlan(
  db: Db,
  clock: Clock,
  who: ActorContext,
  input: unknown,
  opts: { publish?: boolean; note?: string } = {},
): Promise<PlanVersionView> {
  const doc = checkedPlanDocument(input);
  await assertRegionsKnown(db, doc);
  const now = clock.now();
  await tx(db, async (trx) => {
    if (await findPlan(trx, doc.id)) throw new LantianError('LT_ERR_PLAN_EXISTS', doc.id);
    await insertPlan(trx, {
      id: doc.id,
      name: doc.name,
      city_adcode: doc.city.adcode,
      year: doc.year,
      created_at: now,
      updated_at: now,
    });
    await insertVersion(trx, {
      plan_id: doc.id,
      version: 1,
      status: opts.publish ? 'published' : 'draft',
      document: JSON.stringify(doc),
      note: opts.note ?? null,
      created_at: now,
      created_by: who.actor,
      updated_at: now,
      published_at: opts.publish ? now : null,
      published_by: opts.publish ? who.actor : null,
    });
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: 'plan.create',
      target: auditTarget(doc.id, 1),
      detail: {
        name: doc.name,
        year: doc.year,
        units: doc.units.length,
        published: !!opts.publish,
      },
    });
    if (opts.publish)
      await recordAudit(trx, now, {
        actor: who.actor,
        ip: who.ip ?? null,
        action: 'plan.publish',
        target: auditTarget(doc.id, 1),
      });
  });
  return getVersion(db, doc.id, 1);
}

/** One version, or LT_ERR_PLAN_NOT_FOUND. */
export async function getVersion(
  db: Db,
  planId: string,
  version: number,
): Promise<PlanVersionView> {
  const row = await findVersion(db, planId, version);
  if (!row) throw new LantianError('LT_ERR_PLAN_NOT_FOUND', `${planId} 第 ${version} 版`);
  return versionView(row);
}

/** All versions of a plan (documents included), oldest first. */
export async function planVersions(db: Db, planId: string): Promise<PlanVersionView[]> {
  if (!(await findPlan(db, planId))) throw new LantianError('LT_ERR_PLAN_NOT_FOUND', planId);
  return (await listVersions(db, planId)).map(versionView);
}

/**
 * The version analyses use: the one asked for, else the latest published, else the latest
 * draft (a plan being set up can be tried out before it is published).
 */
export async function resolvePlanVersion(
  db: Db,
  planId: string,
  version?: number,
): Promise<PlanVersionView> {
  if (version !== undefined) return getVersion(db, planId, version);
  const row = (await latestVersion(db, planId, 'published')) ?? (await latestVersion(db, planId));
  if (!row) throw new LantianError('LT_ERR_PLAN_NOT_FOUND', planId);
  return versionView(row);
}

/**
 * Whether a principal reads unpublished (draft) plan versions: the city office, which writes them,
 * and the departments, which work on them. A county reads published versions only (issue 15): a
 * draft's targets are not the county's targets until the city office publishes them.
 */
export function readsDraftPlans(p: Principal): boolean {
  return p.role === 'city-admin' || p.role === 'department';
}

/** A version a reader may not see answers as a missing one (a draft's existence is not told). */
function notFound(planId: string, version?: number): LantianError {
  return new LantianError(
    'LT_ERR_PLAN_NOT_FOUND',
    version === undefined ? planId : `${planId} 第 ${version} 版`,
  );
}

/**
 * The version a principal reads (and analyses are computed from): as `resolvePlanVersion` for
 * those who read drafts; for the others the one asked for if published, else the latest
 * published, and LT_ERR_PLAN_NOT_FOUND for a draft or a plan never published.
 */
export async function readableVersion(
  db: Db,
  p: Principal,
  planId: string,
  version?: number,
): Promise<PlanVersionView> {
  if (readsDraftPlans(p)) return resolvePlanVersion(db, planId, version);
  if (version !== undefined) {
    const v = await findVersion(db, planId, version);
    if (v?.status !== 'published') throw notFound(planId, version);
    return versionView(v);
  }
  const row = await latestVersion(db, planId, 'published');
  if (!row) throw notFound(planId);
  return versionView(row);
}

/** The versions of a plan a principal reads, oldest first (LT_ERR_PLAN_NOT_FOUND for none). */
export async function readableVersions(
  db: Db,
  p: Principal,
  planId: string,
): Promise<PlanVersionView[]> {
  const all = await planVersions(db, planId);
  if (readsDraftPlans(p)) return all;
  const published = all.filter((v) => v.status === 'published');
  if (published.length === 0) throw notFound(planId);
  return published;
}

/** The plans a principal may list: all, or those with a published version. */
export async function readablePlans(db: Db, p: Principal): Promise<PlanRow[]> {
  const plans = await listPlans(db);
  if (readsDraftPlans(p)) return plans;
  const out: PlanRow[] = [];
  for (const plan of plans) if (await latestVersion(db, plan.id, 'published')) out.push(plan);
  return out;
}

/** Starts a new draft from a version (default: the latest). One open draft at a time. */
export async function createDraft(
  db: Db,
  clock: Clock,
  who: ActorContext,
  planId: string,
  fromVersion?: number,
  note?: string,
): Promise<PlanVersionView> {
  const now = clock.now();
  const version = await tx(db, async (trx) => {
    const latest = await latestVersion(trx, planId);
    if (!latest) throw new LantianError('LT_ERR_PLAN_NOT_FOUND', planId);
    const open = await latestVersion(trx, planId, 'draft');
    if (open)
      throw new LantianError('LT_ERR_PLAN_DRAFT_EXISTS', `${planId} 第 ${open.version} 版`, {
        version: open.version,
      });
    const from = fromVersion === undefined ? latest : await findVersion(trx, planId, fromVersion);
    if (!from) throw new LantianError('LT_ERR_PLAN_NOT_FOUND', `${planId} 第 ${fromVersion} 版`);
    const next = latest.version + 1;
    await insertVersion(trx, {
      plan_id: planId,
      version: next,
      status: 'draft',
      document: from.document,
      note: note ?? null,
      created_at: now,
      created_by: who.actor,
      updated_at: now,
      published_at: null,
      published_by: null,
    });
    await touchPlan(trx, planId, now);
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: 'plan.draft',
      target: auditTarget(planId, next),
      detail: { from: from.version },
    });
    return next;
  });
  return getVersion(db, planId, version);
}

/** The draft to edit, or the stable refusal for a published or missing version. */
export async function editableVersion(
  trx: Kysely<DatabaseSchema>,
  planId: string,
  version: number,
): Promise<PlanVersionRow> {
  const row = await findVersion(trx, planId, version);
  if (!row) throw new LantianError('LT_ERR_PLAN_NOT_FOUND', `${planId} 第 ${version} 版`);
  if (row.status !== 'draft')
    throw new LantianError('LT_ERR_PLAN_PUBLISHED', `${planId} 第 ${version} 版`, {
      version,
    });
  return row;
}

/** Publishes a draft; a published version cannot be published again. */
export async function publishVersion(
  db: Db,
  clock: Clock,
  who: ActorContext,
  planId: string,
  version: number,
): Promise<PlanVersionView> {
  const now = clock.now();
  await tx(db, async (trx) => {
    await editableVersion(trx, planId, version);
    if (!(await markPublished(trx, planId, version, now, who.actor)))
      throw new LantianError('LT_ERR_PLAN_PUBLISHED', `${planId} 第 ${version} 版`);
    await touchPlan(trx, planId, now);
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: 'plan.publish',
      target: auditTarget(planId, version),
    });
  });
  return getVersion(db, planId, version);
}
