/** Plans and plan versions in the store: plain rows in, plain rows out. */
import type { Kysely, Selectable } from 'kysely';
import type { Db } from '../store/db.ts';
import type { DatabaseSchema } from '../store/schema.ts';
import type { PlanTable, PlanVersionTable } from './tables.ts';

/** A stored plan. */
export type PlanRow = Selectable<PlanTable>;
/** A stored plan version. */
export type PlanVersionRow = Selectable<PlanVersionTable>;

type Q = Db | Kysely<DatabaseSchema>;
const k = (q: Q): Kysely<DatabaseSchema> => ('kysely' in q ? q.kysely : q);

/** One plan, or undefined. */
export async function findPlan(q: Q, id: string): Promise<PlanRow | undefined> {
  return k(q).selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every plan, by year then id. */
export async function listPlans(q: Q): Promise<PlanRow[]> {
  return k(q).selectFrom('plans').selectAll().orderBy('year').orderBy('id').execute();
}

/** Inserts a plan. */
export async function insertPlan(q: Q, row: PlanRow): Promise<void> {
  await k(q).insertInto('plans').values(row).execute();
}

/** Marks a plan as changed. */
export async function touchPlan(q: Q, id: string, now: number, name?: string): Promise<void> {
  await k(q)
    .updateTable('plans')
    .set(name === undefined ? { updated_at: now } : { updated_at: now, name })
    .where('id', '=', id)
    .execute();
}

/** Versions of a plan, oldest first. */
export async function listVersions(q: Q, planId: string): Promise<PlanVersionRow[]> {
  return k(q)
    .selectFrom('plan_versions')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('version')
    .execute();
}

/** One version, or undefined. */
export async function findVersion(
  q: Q,
  planId: string,
  version: number,
): Promise<PlanVersionRow | undefined> {
  return k(q)
    .selectFrom('plan_versions')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** The newest version, optionally of one status. */
export async function latestVersion(
  q: Q,
  planId: string,
  status?: 'draft' | 'published',
): Promise<PlanVersionRow | undefined> {
  let sel = k(q)
    .selectFrom('plan_versions')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('version', 'desc')
    .limit(1);
  if (status) sel = sel.where('status', '=', status);
  return sel.executeTakeFirst();
}

/** Inserts a version. */
export async function insertVersion(q: Q, row: PlanVersionRow): Promise<void> {
  await k(q).insertInto('plan_versions').values(row).execute();
}

/**
 * Replaces the document of a draft version. The `status = 'draft'` condition makes a published
 * version immutable even against a racing publish: returns false when nothing was updated.
 */
export async function updateDraftDocument(
  q: Q,
  planId: string,
  version: number,
  document: string,
  now: number,
): Promise<boolean> {
  const r = await k(q)
    .updateTable('plan_versions')
    .set({ document, updated_at: now })
    .where('plan_id', '=', planId)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Publishes a draft; returns false when the version was not a draft. */
export async function markPublished(
  q: Q,
  planId: string,
  version: number,
  now: number,
  by: string,
): Promise<boolean> {
  const r = await k(q)
    .updateTable('plan_versions')
    .set({ status: 'published', published_at: now, published_by: by, updated_at: now })
    .where('plan_id', '=', planId)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
