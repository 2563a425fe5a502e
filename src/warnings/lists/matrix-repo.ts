/** Store access of the edited matrix cells, the overrides (一企一策) and the truck counts. */
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../store/schema.ts';

type K = Kysely<DatabaseSchema>;

/** Every edited matrix cell. */
export function editedCells(k: K) {
  return k.selectFrom('emergency_matrix_cells').selectAll().execute();
}

/** Writes one cell (insert or replace). */
export async function saveCell(
  k: K,
  row: {
    industry: string;
    grade: string;
    level: string;
    measures: string;
    updated_by: string;
    updated_at: number;
  },
): Promise<void> {
  await k
    .insertInto('emergency_matrix_cells')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['industry', 'grade', 'level']).doUpdateSet({
        measures: row.measures,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/** Every override, with its enterprise's code, name and county. */
export function overridesWithEnterprise(k: K) {
  return k
    .selectFrom('emergency_overrides as o')
    .innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
    .select([
      'o.enterprise_id',
      'o.level',
      'o.measures',
      'o.reason',
      'o.updated_by',
      'o.updated_at',
      'e.credit_code',
      'e.name',
      'e.region_adcode',
    ])
    .orderBy('e.credit_code')
    .orderBy('o.level')
    .execute();
}

/** Writes one override (insert or replace). */
export async function saveOverride(
  k: K,
  row: {
    enterprise_id: number;
    level: string;
    measures: string;
    reason: string;
    updated_by: string;
    updated_at: number;
  },
): Promise<void> {
  await k
    .insertInto('emergency_overrides')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['enterprise_id', 'level']).doUpdateSet({
        measures: row.measures,
        reason: row.reason,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/** Removes one override; true when there was one. */
export async function deleteOverride(k: K, enterpriseId: number, level: string): Promise<boolean> {
  const r = await k
    .deleteFrom('emergency_overrides')
    .where('enterprise_id', '=', enterpriseId)
    .where('level', '=', level)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Writes an enterprise's truck count. */
export async function saveTransport(
  k: K,
  row: { enterprise_id: number; trucks_per_day: number; updated_by: string; updated_at: number },
): Promise<void> {
  await k
    .insertInto('emergency_transport')
    .values(row)
    .onConflict((oc) =>
      oc.column('enterprise_id').doUpdateSet({
        trucks_per_day: row.trucks_per_day,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}
