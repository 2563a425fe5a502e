/**
 * Bounding the quarantine table: rows older than the retention and rows beyond the newest
 * `maxRows` are deleted (the listener calls this periodically; docs/ingest.md).
 */
import { sql } from 'kysely';
import type { Db } from '../store/db.ts';

/** Quarantine bounds. */
export interface QuarantineBounds {
  readonly maxRows: number;
  /** Days to keep; 0 keeps rows until the row cap removes them. */
  readonly retentionDays: number;
}

/** Deletes what is beyond the bounds at `now`; returns the rows deleted and the rows left. */
export async function pruneQuarantine(
  db: Db,
  bounds: QuarantineBounds,
  now: number,
): Promise<{ deleted: number; rows: number }> {
  let deleted = 0;
  if (bounds.retentionDays > 0) {
    const r = await db.kysely
      .deleteFrom('quarantine')
      .where('received_at', '<', now - bounds.retentionDays * 86_400_000)
      .executeTakeFirst();
    deleted += Number(r.numDeletedRows);
  }
  const edge = await db.kysely
    .selectFrom('quarantine')
    .select('id')
    .orderBy('id', 'desc')
    .offset(bounds.maxRows)
    .limit(1)
    .executeTakeFirst();
  if (edge !== undefined) {
    const r = await db.kysely
      .deleteFrom('quarantine')
      .where('id', '<=', edge.id)
      .executeTakeFirst();
    deleted += Number(r.numDeletedRows);
  }
  const left = await db.kysely
    .selectFrom('quarantine')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return { deleted, rows: Number(left.n) };
}
