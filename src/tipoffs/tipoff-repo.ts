/** Queries of public reports, their files, timeline and the exposure board's documents. */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Db } from '../store/db.ts';
import type { DatabaseSchema } from '../store/schema.ts';
import type { ExposureDocumentTable, TipoffFileTable, TipoffTable } from './tables.ts';

type K = Kysely<DatabaseSchema>;
/** A stored report. */
export type TipoffRow = Selectable<TipoffTable>;
/** A stored file of a report. */
export type TipoffFileRow = Selectable<TipoffFileTable>;
/** A stored document of the exposure board. */
export type ExposureDocumentRow = Selectable<ExposureDocumentTable>;

/** Inserts a report; returns its id. */
export async function insertTipoff(k: K, row: Insertable<TipoffTable>): Promise<number> {
  const r = await k.insertInto('tipoffs').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Adds files to a report. */
export async function insertFiles(
  k: K,
  rows: ReadonlyArray<Insertable<TipoffFileTable>>,
): Promise<void> {
  if (rows.length > 0)
    await k
      .insertInto('tipoff_files')
      .values([...rows])
      .execute();
}

/** Adds an entry to a report's timeline. */
export async function addEvent(
  k: K,
  tipoffId: number,
  at: number,
  actor: string,
  action: string,
  note: string | null = null,
): Promise<void> {
  await k
    .insertInto('tipoff_events')
    .values({ tipoff_id: tipoffId, at, actor, action, note })
    .execute();
}

/** Changes a report. */
export async function updateTipoff(
  k: K,
  id: number,
  patch: Updateable<TipoffTable>,
): Promise<void> {
  await k.updateTable('tipoffs').set(patch).where('id', '=', id).execute();
}

/** A report by id. */
export function findTipoff(k: K, id: number): Promise<TipoffRow | undefined> {
  return k.selectFrom('tipoffs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A report by tracking code. */
export function findByCode(k: K, code: string): Promise<TipoffRow | undefined> {
  return k.selectFrom('tipoffs').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Reports from an address, and with a phone, since a time. */
export async function recentCounts(
  k: K,
  ip: string,
  phone: string | null,
  since: number,
): Promise<{ byIp: number; byPhone: number }> {
  const count = async (col: 'ip' | 'contact_phone', v: string) =>
    Number(
      (
        await k
          .selectFrom('tipoffs')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where(col, '=', v)
          .where('created_at', '>=', since)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { byIp: await count('ip', ip), byPhone: phone ? await count('contact_phone', phone) : 0 };
}

/** Which reports a list may show. */
export interface TipoffFilter {
  status?: string | undefined;
  category?: string | undefined;
  county?: string | undefined;
  /** Department names (any of their spellings) a department account may see. */
  departments?: readonly string[] | undefined;
  escalated?: boolean | undefined;
}

/** One page of reports, newest first, and the total. */
export async function listTipoffs(
  k: K,
  f: TipoffFilter,
  limit: number,
  offset: number,
): Promise<{ rows: TipoffRow[]; total: number }> {
  let q = k.selectFrom('tipoffs');
  if (f.status) q = q.where('status', '=', f.status);
  if (f.category) q = q.where('category', '=', f.category);
  if (f.county) q = q.where('county', '=', f.county);
  if (f.departments) q = q.where('department', 'in', [...f.departments, '#none']);
  if (f.escalated !== undefined) q = q.where('escalated', '=', f.escalated ? 1 : 0);
  const total = Number(
    (await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  );
  const rows = await q.selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute();
  return { rows, total };
}

/** Files of a report. */
export function filesOf(k: K, tipoffId: number): Promise<TipoffFileRow[]> {
  return k
    .selectFrom('tipoff_files')
    .selectAll()
    .where('tipoff_id', '=', tipoffId)
    .orderBy('id')
    .execute();
}

/** One file by id. */
export function findFile(k: K, id: number): Promise<TipoffFileRow | undefined> {
  return k.selectFrom('tipoff_files').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The timeline of a report. */
export function eventsOf(k: K, tipoffId: number) {
  return k
    .selectFrom('tipoff_events')
    .select(['at', 'actor', 'action', 'note'])
    .where('tipoff_id', '=', tipoffId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** Assigned reports whose deadline passed and that were not raised yet. */
export function overdue(k: K, now: number): Promise<TipoffRow[]> {
  return k
    .selectFrom('tipoffs')
    .selectAll()
    .where('status', '=', 'assigned')
    .where('escalated', '=', 0)
    .where('deadline_at', '<', now)
    .orderBy('id')
    .limit(500)
    .execute();
}

/** Published cases, newest first. */
export async function publishedCases(
  k: K,
  limit: number,
  offset: number,
): Promise<{ rows: TipoffRow[]; total: number }> {
  const q = k.selectFrom('tipoffs').where('published', '=', 1);
  const total = Number(
    (await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  );
  const rows = await q
    .selectAll()
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return { rows, total };
}

/** Counts per unit (county or department), category and status. */
export function statistics(k: K, since: number, until: number) {
  return k
    .selectFrom('tipoffs')
    .select((e) => [
      'county',
      'department',
      'category',
      'status',
      'escalated',
      e.fn.countAll<number>().as('n'),
    ])
    .where('created_at', '>=', since)
    .where('created_at', '<', until)
    .groupBy(['county', 'department', 'category', 'status', 'escalated'])
    .execute();
}

/** Adds a document to the exposure board. */
export async function insertDocument(
  db: Db,
  row: Insertable<ExposureDocumentTable>,
): Promise<number> {
  const r = await db.kysely
    .insertInto('exposure_documents')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Documents of the board, newest month first. */
export async function listDocuments(
  k: K,
  limit: number,
  offset: number,
): Promise<{ rows: ExposureDocumentRow[]; total: number }> {
  const total = Number(
    (
      await k
        .selectFrom('exposure_documents')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const rows = await k
    .selectFrom('exposure_documents')
    .selectAll()
    .orderBy('month', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return { rows, total };
}

/** One document by id. */
export function findDocument(k: K, id: number): Promise<ExposureDocumentRow | undefined> {
  return k.selectFrom('exposure_documents').selectAll().where('id', '=', id).executeTakeFirst();
}
