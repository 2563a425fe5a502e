/** LDAR survey rounds in the store (ldar_rounds, migration 0015). */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../../store/schema.ts';
import type { LdarRoundTable } from '../tables.ts';

type K = Kysely<DatabaseSchema>;

/** A stored round. */
export type RoundRow = Selectable<LdarRoundTable>;

/** A stored round with its enterprise. */
export type RoundWithEnterprise = RoundRow & {
  credit_code: string;
  enterprise_name: string;
  region_adcode: string;
};

/** The columns a round sets. */
export type RoundColumns = Omit<
  Insertable<LdarRoundTable>,
  'id' | 'enterprise_id' | 'created_at' | 'updated_at'
>;

/** The rounds of an enterprise, newest year first, then by round. */
export async function listRounds(k: K, enterpriseId: number, year?: number): Promise<RoundRow[]> {
  let q = k.selectFrom('ldar_rounds').selectAll().where('enterprise_id', '=', enterpriseId);
  if (year !== undefined) q = q.where('year', '=', year);
  return q.orderBy('year', 'desc').orderBy('round').execute();
}

/** One round of an enterprise. */
export async function findRound(
  k: K,
  enterpriseId: number,
  year: number,
  round: number,
): Promise<RoundRow | undefined> {
  return k
    .selectFrom('ldar_rounds')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('year', '=', year)
    .where('round', '=', round)
    .executeTakeFirst();
}

/** Inserts a round, or replaces the one with the same year and round. */
export async function saveRound(
  k: K,
  enterpriseId: number,
  cols: RoundColumns,
  now: number,
): Promise<void> {
  await k
    .insertInto('ldar_rounds')
    .values({ ...cols, enterprise_id: enterpriseId, created_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['enterprise_id', 'year', 'round']).doUpdateSet({ ...cols, updated_at: now }),
    )
    .execute();
}

/** Removes a round. */
export async function deleteRound(k: K, id: number): Promise<void> {
  await k.deleteFrom('ldar_rounds').where('id', '=', id).execute();
}

/** Rounds of every enterprise (of one year, when given), with their enterprise. */
export async function allRounds(k: K, year?: number): Promise<RoundWithEnterprise[]> {
  let q = k
    .selectFrom('ldar_rounds as r')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .selectAll('r')
    .select(['e.credit_code', 'e.name as enterprise_name', 'e.region_adcode']);
  if (year !== undefined) q = q.where('r.year', '=', year);
  return q.orderBy('e.credit_code').orderBy('r.year').orderBy('r.round').execute();
}

/** Enterprises in the LDAR category of the plan (categories holds "ldar"). */
export async function ldarEnterprises(
  k: K,
): Promise<Array<{ id: number; credit_code: string; name: string; region_adcode: string }>> {
  return k
    .selectFrom('enterprises')
    .select(['id', 'credit_code', 'name', 'region_adcode'])
    .where('categories', 'like', '%"ldar"%')
    .orderBy('credit_code')
    .execute();
}
