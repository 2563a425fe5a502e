/** Rows of gate_violations with their passage, gate and enterprise. */
import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import type { GateViolationTable } from './tables.ts';

type K = Kysely<DatabaseSchema>;

/** Filters of the list. */
export interface GateViolationFilter {
  regions?: readonly string[] | undefined;
  creditCode?: string | undefined;
  status?: string | undefined;
  kind?: string | undefined;
  id?: number;
  limit: number;
}

/** Violations, newest first, with what the list shows of passage, gate and enterprise. */
export async function listGateViolations(k: K, f: GateViolationFilter) {
  if (f.regions && f.regions.length === 0) return [];
  let q = k
    .selectFrom('gate_violations as v')
    .innerJoin('gate_passages as p', 'p.id', 'v.passage_id')
    .innerJoin('gates as g', 'g.id', 'p.gate_id')
    .innerJoin('enterprises as e', 'e.id', 'v.enterprise_id')
    .selectAll('v')
    .select([
      'p.gate_id',
      'g.name as gate_name',
      'p.passed_at',
      'p.direction',
      'p.plate',
      'p.emission_stage',
      'p.manual_by',
      'p.manual_reason',
      'p.late',
      'e.name as enterprise_name',
      'e.credit_code',
    ]);
  if (f.regions) q = q.where('v.county_adcode', 'in', [...f.regions]);
  if (f.creditCode) q = q.where('e.credit_code', '=', f.creditCode);
  if (f.status) q = q.where('v.status', '=', f.status);
  if (f.kind) q = q.where('v.kind', '=', f.kind);
  if (f.id !== undefined) q = q.where('v.id', '=', f.id);
  return q.orderBy('p.passed_at', 'desc').orderBy('v.id', 'desc').limit(f.limit).execute();
}

/** Counts by status in a scope. */
export async function countGateViolations(
  k: K,
  f: Pick<GateViolationFilter, 'regions' | 'creditCode'>,
) {
  if (f.regions && f.regions.length === 0) return [];
  let q = k
    .selectFrom('gate_violations as v')
    .innerJoin('enterprises as e', 'e.id', 'v.enterprise_id')
    .select(['v.status', (eb) => eb.fn.countAll().as('n')])
    .groupBy('v.status');
  if (f.regions) q = q.where('v.county_adcode', 'in', [...f.regions]);
  if (f.creditCode) q = q.where('e.credit_code', '=', f.creditCode);
  return q.execute();
}

/** Closes a violation with findings. */
export async function closeGateViolation(
  k: K,
  id: number,
  set: Pick<Selectable<GateViolationTable>, 'closed_by' | 'closed_at' | 'findings'>,
): Promise<void> {
  await k
    .updateTable('gate_violations')
    .set({ ...set, status: 'closed' })
    .where('id', '=', id)
    .execute();
}

/** Enterprises (county, credit code) of the passages holding a photo. */
export async function photoOwners(k: K, sha256: string) {
  return k
    .selectFrom('gate_photos as ph')
    .innerJoin('gate_passages as p', 'p.id', 'ph.passage_id')
    .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .select(['ph.media_type', 'e.region_adcode', 'e.credit_code'])
    .where('ph.sha256', '=', sha256)
    .execute();
}
