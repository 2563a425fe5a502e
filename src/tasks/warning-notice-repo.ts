/** Warning notices, reminders and the status snapshot in the store. */
import type { Insertable, Kysely } from 'kysely';
import type { Db } from '../store/db.ts';
import type { DatabaseSchema } from '../store/schema.ts';
import type { TaskNoticeRow, TaskNoticesTable, TaskStatusTable } from './tables.ts';

type K = Kysely<DatabaseSchema>;
const kOf = (db: Db | K): K => ('kysely' in db ? db.kysely : db);

/** Stores a notice unless one of the same kind already exists for that addressee and date. */
export async function insertNotice(
  k: K,
  row: Insertable<TaskNoticesTable>,
): Promise<number | undefined> {
  const r = await k
    .insertInto('task_notices')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['plan', 'kind', 'addressee_kind', 'addressee', 'on_date']).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

/** Filters of a notice listing. */
export interface NoticeQuery {
  plan: string;
  kind?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  addressees?: ReadonlyArray<{ kind: string; id: string }> | undefined;
}

/** Notices, newest first. */
export async function listNotices(db: Db | K, q: NoticeQuery): Promise<TaskNoticeRow[]> {
  let sel = kOf(db)
    .selectFrom('task_notices')
    .selectAll()
    .where('plan', '=', q.plan)
    .orderBy('on_date', 'desc')
    .orderBy('id', 'desc');
  if (q.kind) sel = sel.where('kind', '=', q.kind);
  if (q.from) sel = sel.where('on_date', '>=', q.from);
  if (q.to) sel = sel.where('on_date', '<=', q.to);
  const rows = await sel.execute();
  if (!q.addressees) return rows;
  return rows.filter((r) =>
    q.addressees!.some((a) => a.kind === r.addressee_kind && a.id === r.addressee),
  );
}

/** The recorded status of every row of a plan: `${number}|${unit}` → row. */
export async function readStatusSnapshot(
  db: Db | K,
  plan: string,
): Promise<Map<string, TaskStatusTable>> {
  const rows = await kOf(db)
    .selectFrom('task_status')
    .selectAll()
    .where('plan', '=', plan)
    .execute();
  return new Map(rows.map((r) => [`${r.number}|${r.unit_adcode}`, r]));
}

/** Records a row's status. */
export async function upsertStatus(k: K, row: TaskStatusTable): Promise<void> {
  const { plan: _p, number: _n, unit_adcode: _u, ...rest } = row;
  await k
    .insertInto('task_status')
    .values(row)
    .onConflict((oc) => oc.columns(['plan', 'number', 'unit_adcode']).doUpdateSet(rest))
    .execute();
}
