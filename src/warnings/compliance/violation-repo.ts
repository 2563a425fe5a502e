/** Rows of warning_violations: found by the runner, listed, assigned and closed. */
import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../../store/schema.ts';
import type { WarningViolationTable } from '../tables.ts';

type K = Kysely<DatabaseSchema>;

/** A violation row. */
export type ViolationRow = Selectable<WarningViolationTable>;

/** A violation as the runner finds it. */
export interface FoundViolation {
  episodeId: number;
  enterpriseId: number;
  kind: 'not-cutting' | 'line-running';
  subjectKey: string;
  windowFrom: number;
  windowTo: number;
  evidence: object;
}

/**
 * Records a finding: a new violation is opened; an open one gets the new evidence; one assigned
 * or closed is left as it is. 'opened' | 'updated' | 'kept'.
 */
export async function upsertViolation(
  k: K,
  f: FoundViolation,
  now: number,
): Promise<'opened' | 'updated' | 'kept'> {
  const cur = await k
    .selectFrom('warning_violations')
    .select(['id', 'status', 'evidence', 'window_from', 'window_to'])
    .where('episode_id', '=', f.episodeId)
    .where('subject_key', '=', f.subjectKey)
    .executeTakeFirst();
  const evidence = JSON.stringify(f.evidence);
  if (!cur) {
    await k
      .insertInto('warning_violations')
      .values({
        episode_id: f.episodeId,
        enterprise_id: f.enterpriseId,
        kind: f.kind,
        subject_key: f.subjectKey,
        window_from: f.windowFrom,
        window_to: f.windowTo,
        evidence,
        status: 'open',
        assigned_to: null,
        assigned_by: null,
        assigned_at: null,
        findings: null,
        closed_by: null,
        closed_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return 'opened';
  }
  if (
    cur.status !== 'open' ||
    (cur.evidence === evidence &&
      Number(cur.window_from) === f.windowFrom &&
      Number(cur.window_to) === f.windowTo)
  )
    return 'kept';
  await k
    .updateTable('warning_violations')
    .set({ evidence, window_from: f.windowFrom, window_to: f.windowTo, updated_at: now })
    .where('id', '=', cur.id)
    .execute();
  return 'updated';
}

/** A violation with its enterprise and episode. */
export type ViolationListRow = ViolationRow & {
  credit_code: string;
  enterprise_name: string;
  enterprise_region: string;
  episode_region: string;
  episode_level: string;
};

/** Filters of the list. */
export interface ViolationFilter {
  episodeId?: number | undefined;
  status?: string | undefined;
  kind?: string | undefined;
  /** County-level adcodes the enterprise must lie in (scope and filter), or undefined for all. */
  regions?: readonly string[] | undefined;
  creditCode?: string | undefined;
  violationId?: number | undefined;
}

/** Violations matching the filter, newest window first. */
export async function listViolations(k: K, f: ViolationFilter): Promise<ViolationListRow[]> {
  if (f.regions && f.regions.length === 0) return [];
  let q = k
    .selectFrom('warning_violations as v')
    .innerJoin('enterprises as e', 'e.id', 'v.enterprise_id')
    .innerJoin('warning_episodes as w', 'w.id', 'v.episode_id')
    .selectAll('v')
    .select([
      'e.credit_code',
      'e.name as enterprise_name',
      'e.region_adcode as enterprise_region',
      'w.region_adcode as episode_region',
      'w.level as episode_level',
    ]);
  if (f.violationId !== undefined) q = q.where('v.id', '=', f.violationId);
  if (f.episodeId !== undefined) q = q.where('v.episode_id', '=', f.episodeId);
  if (f.status) q = q.where('v.status', '=', f.status);
  if (f.kind) q = q.where('v.kind', '=', f.kind);
  if (f.creditCode) q = q.where('e.credit_code', '=', f.creditCode);
  if (f.regions) q = q.where('e.region_adcode', 'in', [...f.regions]);
  return q.orderBy('v.window_from', 'desc').orderBy('v.id').execute();
}

/** Changes a violation's assignment or closure. */
export async function updateViolation(
  k: K,
  id: number,
  set: Partial<
    Pick<
      ViolationRow,
      | 'status'
      | 'assigned_to'
      | 'assigned_by'
      | 'assigned_at'
      | 'findings'
      | 'closed_by'
      | 'closed_at'
      | 'updated_at'
    >
  >,
): Promise<void> {
  await k.updateTable('warning_violations').set(set).where('id', '=', id).execute();
}
