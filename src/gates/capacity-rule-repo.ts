/** Rows of gate_capacity_rules (运能设置): stored per enterprise or city-wide, ended not deleted. */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import type { GateCapacityRuleTable } from './tables.ts';

type K = Kysely<DatabaseSchema>;
/** A capacity rule row. */
export type CapacityRuleRow = Selectable<GateCapacityRuleTable>;

/** Rules valid at `at` for an enterprise (its own and the city-wide ones). */
export async function rulesValidAt(
  k: K,
  enterpriseId: number,
  at: number,
): Promise<CapacityRuleRow[]> {
  return k
    .selectFrom('gate_capacity_rules')
    .selectAll()
    .where((eb) => eb.or([eb('enterprise_id', '=', enterpriseId), eb('enterprise_id', 'is', null)]))
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .execute();
}

/** Every rule (current and ended), newest first. */
export async function listRules(k: K): Promise<CapacityRuleRow[]> {
  return k.selectFrom('gate_capacity_rules').selectAll().orderBy('id', 'desc').execute();
}

/** One rule. */
export async function findRule(k: K, id: number): Promise<CapacityRuleRow | undefined> {
  return k.selectFrom('gate_capacity_rules').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Stores a rule; returns its id. */
export async function insertRule(k: K, r: Insertable<GateCapacityRuleTable>): Promise<number> {
  const x = await k
    .insertInto('gate_capacity_rules')
    .values(r)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(x.id);
}

/** Changes a rule. */
export async function updateRule(
  k: K,
  id: number,
  set: Updateable<GateCapacityRuleTable>,
): Promise<void> {
  await k.updateTable('gate_capacity_rules').set(set).where('id', '=', id).execute();
}
