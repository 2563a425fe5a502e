/** Accountability notices in the store. */
import type { Kysely, Selectable } from 'kysely';
import type { Db } from '../store/db.ts';
import type { DatabaseSchema } from '../store/schema.ts';
import type { PlanNoticeTable } from './tables.ts';

/** A stored notice. */
export type NoticeRow = Selectable<PlanNoticeTable>;

type Q = Db | Kysely<DatabaseSchema>;
const k = (q: Q): Kysely<DatabaseSchema> => ('kysely' in q ? q.kysely : q);

/** What generation writes. */
export interface NoticeDraftRow {
  plan_id: string;
  plan_version: number;
  kind: string;
  unit_adcode: string;
  period: string;
  title: string;
  body: string;
  facts: string;
}

/**
 * Inserts a draft, or refreshes an existing notice of the same plan, kind, unit and period while
 * it is still a draft; a notice already reviewed or issued is kept as it is.
 */
export async function upsertDraft(
  q: Q,
  row: NoticeDraftRow,
  now: number,
  by: string,
): Promise<{ id: number; action: 'created' | 'updated' | 'kept' }> {
  const existing = await k(q)
    .selectFrom('plan_notices')
    .select(['id', 'status', 'facts', 'body'])
    .where('plan_id', '=', row.plan_id)
    .where('kind', '=', row.kind)
    .where('unit_adcode', '=', row.unit_adcode)
    .where('period', '=', row.period)
    .executeTakeFirst();
  if (!existing) {
    const r = await k(q)
      .insertInto('plan_notices')
      .values({ ...row, status: 'draft', created_at: now, created_by: by, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: r.id, action: 'created' };
  }
  if (existing.status !== 'draft' || (existing.facts === row.facts && existing.body === row.body))
    return { id: existing.id, action: 'kept' };
  await k(q)
    .updateTable('plan_notices')
    .set({
      title: row.title,
      body: row.body,
      facts: row.facts,
      plan_version: row.plan_version,
      updated_at: now,
    })
    .where('id', '=', existing.id)
    .where('status', '=', 'draft')
    .execute();
  return { id: existing.id, action: 'updated' };
}

/** Filters of a notice list. */
export interface NoticeFilter {
  planId?: string;
  period?: string;
  kind?: string;
  status?: string;
  unitAdcodes?: readonly string[];
}

/** Notices, newest period first then by id. */
export async function listNotices(q: Q, f: NoticeFilter = {}): Promise<NoticeRow[]> {
  let sel = k(q).selectFrom('plan_notices').selectAll().orderBy('period', 'desc').orderBy('id');
  if (f.planId) sel = sel.where('plan_id', '=', f.planId);
  if (f.period) sel = sel.where('period', '=', f.period);
  if (f.kind) sel = sel.where('kind', '=', f.kind);
  if (f.status) sel = sel.where('status', '=', f.status);
  if (f.unitAdcodes) {
    if (f.unitAdcodes.length === 0) return [];
    sel = sel.where('unit_adcode', 'in', f.unitAdcodes);
  }
  return sel.execute();
}

/** One notice, or undefined. */
export async function findNotice(q: Q, id: number): Promise<NoticeRow | undefined> {
  return k(q).selectFrom('plan_notices').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Moves a notice from one status to another; false when it was no longer in `from`. */
export async function setNoticeStatus(
  q: Q,
  id: number,
  from: string,
  to: string,
  now: number,
  by: string,
  response?: string,
): Promise<boolean> {
  const stamp =
    to === 'reviewed'
      ? { reviewed_at: now, reviewed_by: by }
      : to === 'issued'
        ? { issued_at: now, issued_by: by }
        : to === 'responded'
          ? { responded_at: now, responded_by: by, response: response ?? null }
          : { reviewed_at: null, reviewed_by: null };
  const r = await k(q)
    .updateTable('plan_notices')
    .set({ status: to, updated_at: now, ...stamp })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
