/**
 * The append-only audit log (docs/architecture.md, Conventions: audit): who changed a target,
 * issued a warning, edited a device or a user, signed in or failed to. Callers inside a transaction
 * pass the transaction so that the record commits (or rolls back) with the change it describes.
 */
import type { Kysely } from 'kysely';
import type { Db } from '../store/db.ts';
import type { DatabaseSchema } from '../store/schema.ts';

/** What a caller records. */
export interface AuditEntry {
  actor: string;
  action: string;
  target?: string | null;
  detail?: unknown;
  ip?: string | null;
}

/** A stored audit record. */
export interface AuditRecord {
  id: number;
  at: number;
  actor: string;
  action: string;
  target: string | null;
  detail: unknown;
  ip: string | null;
}

/** Appends one record; `at` is the caller's clock. */
export async function recordAudit(
  db: Db | Kysely<DatabaseSchema>,
  at: number,
  e: AuditEntry,
): Promise<void> {
  const k = 'kysely' in db ? db.kysely : db;
  await k
    .insertInto('audit_log')
    .values({
      at,
      actor: e.actor,
      action: e.action,
      target: e.target ?? null,
      detail: e.detail === undefined ? null : JSON.stringify(e.detail),
      ip: e.ip ?? null,
    })
    .execute();
}

/** Filters for reading the log. */
export interface AuditQuery {
  action?: string;
  /** Prefix match on the action, e.g. 'auth.'. */
  actionPrefix?: string;
  actor?: string;
  target?: string;
  from?: number;
  to?: number;
  limit?: number;
  /** Records with id below this (paging backwards from the newest). */
  beforeId?: number;
}

/** Newest first. */
export async function listAudit(db: Db, q: AuditQuery = {}): Promise<AuditRecord[]> {
  let sel = db.kysely
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(Math.min(q.limit ?? 100, 1000));
  if (q.action) sel = sel.where('action', '=', q.action);
  if (q.actionPrefix) sel = sel.where('action', 'like', `${q.actionPrefix.replace(/[%_]/g, '')}%`);
  if (q.actor) sel = sel.where('actor', '=', q.actor);
  if (q.target) sel = sel.where('target', '=', q.target);
  if (q.from !== undefined) sel = sel.where('at', '>=', q.from);
  if (q.to !== undefined) sel = sel.where('at', '<', q.to);
  if (q.beforeId !== undefined) sel = sel.where('id', '<', q.beforeId);
  const rows = await sel.execute();
  return rows.map((r) => ({
    ...r,
    detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown),
  }));
}
