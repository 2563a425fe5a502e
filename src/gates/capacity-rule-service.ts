/**
 * Capacity settings (运能设置, Handan 2020 plan 三.5) by warning level: the city office sets
 * city-wide rules and rules for any enterprise, a county for its own enterprises. A rule is never
 * deleted — ending it sets valid_to, so that passages are still judged by the rule in force at
 * their time. Audited.
 */
import type { z } from 'zod';
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import {
  findRule,
  insertRule,
  listRules,
  updateRule,
  type CapacityRuleRow,
} from './capacity-rule-repo.ts';
import { gateScope, scopeAdmits, type GateScope } from './gate-access.ts';
import { fallbackRule } from './rule-context.ts';
import type { RuleIn, RuleList, RuleOut } from './schema.ts';

function ruleView(r: CapacityRuleRow): z.output<typeof RuleOut> {
  return {
    id: Number(r.id),
    enterpriseId: r.enterprise_id === null ? null : Number(r.enterprise_id),
    fromLevel: r.from_level,
    bannedUpToStage: r.banned_up_to_stage,
    minTrucksPerDay: Number(r.min_trucks_per_day),
    dailyTruckCap: r.daily_truck_cap === null ? null : Number(r.daily_truck_cap),
    validFrom: Number(r.valid_from),
    validTo: r.valid_to === null ? null : Number(r.valid_to),
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
  };
}

/** Ids of the enterprises a scope admits (undefined: all). */
async function admittedEnterprises(db: Db, s: GateScope): Promise<Set<number> | undefined> {
  if (!s.regions && !s.creditCode) return undefined;
  const rows = await db.kysely
    .selectFrom('enterprises')
    .select(['id', 'region_adcode', 'credit_code'])
    .execute();
  return new Set(rows.filter((e) => scopeAdmits(s, e)).map((e) => Number(e.id)));
}

/** The rules a principal sees: city-wide ones and those of its enterprises. */
export async function rulesFor(db: Db, p: Principal): Promise<z.output<typeof RuleList>> {
  const ids = await admittedEnterprises(db, await gateScope(db, p));
  const rows = (await listRules(db.kysely)).filter(
    (r) => r.enterprise_id === null || !ids || ids.has(Number(r.enterprise_id)),
  );
  return { rules: rows.map(ruleView), fallback: fallbackRule() };
}

/** Throws unless the officer may set a rule for that enterprise (null: city-wide, city office only). */
async function assertMayEdit(db: Db, p: Principal, enterpriseId: number | null): Promise<void> {
  if (enterpriseId === null) {
    if (p.role !== 'city-admin')
      throw new LantianError('LT_ERR_FORBIDDEN', '全市运能设置仅市大气办可改');
    return;
  }
  const ids = await admittedEnterprises(db, await gateScope(db, p));
  const exists = await db.kysely
    .selectFrom('enterprises')
    .select('id')
    .where('id', '=', enterpriseId)
    .executeTakeFirst();
  if (!exists || (ids && !ids.has(enterpriseId)))
    throw new LantianError('LT_ERR_GATE_BAD_INPUT', `企业 ${enterpriseId} 不存在或不在管辖范围内`);
}

async function visibleRule(db: Db, p: Principal, id: number): Promise<CapacityRuleRow> {
  const r = await findRule(db.kysely, id);
  if (!r) throw new LantianError('LT_ERR_GATE_RULE_NOT_FOUND', String(id));
  await assertMayEdit(db, p, r.enterprise_id === null ? null : Number(r.enterprise_id)).catch(
    () => {
      throw new LantianError('LT_ERR_GATE_RULE_NOT_FOUND', String(id));
    },
  );
  return r;
}

const audit = (
  db: Db,
  now: number,
  actor: ActorContext,
  action: string,
  id: number,
  detail: unknown,
) =>
  recordAudit(db, now, {
    actor: actor.actor,
    action,
    target: `gate-rule:${id}`,
    detail,
    ip: actor.ip ?? null,
  });

/** Stores a new rule. */
export async function createRule(
  db: Db,
  clock: Clock,
  p: Principal,
  actor: ActorContext,
  body: z.output<typeof RuleIn>,
): Promise<z.output<typeof RuleOut>> {
  await assertMayEdit(db, p, body.enterpriseId);
  const now = clock.now();
  const validFrom = body.validFrom ?? now;
  if (body.validTo != null && body.validTo <= validFrom)
    throw new LantianError('LT_ERR_GATE_BAD_INPUT', 'validTo 须晚于 validFrom');
  const id = await insertRule(db.kysely, {
    enterprise_id: body.enterpriseId,
    from_level: body.fromLevel,
    banned_up_to_stage: body.bannedUpToStage,
    min_trucks_per_day: body.minTrucksPerDay,
    daily_truck_cap: body.dailyTruckCap,
    valid_from: validFrom,
    valid_to: body.validTo ?? null,
    created_by: actor.actor,
    created_at: now,
  });
  await audit(db, now, actor, 'gates.rule-create', id, body);
  return ruleView((await findRule(db.kysely, id))!);
}

/** Changes a rule's figures (its enterprise stays). */
export async function changeRule(
  db: Db,
  clock: Clock,
  p: Principal,
  actor: ActorContext,
  id: number,
  body: z.output<typeof RuleIn>,
): Promise<z.output<typeof RuleOut>> {
  const r = await visibleRule(db, p, id);
  if ((r.enterprise_id === null ? null : Number(r.enterprise_id)) !== body.enterpriseId)
    throw new LantianError('LT_ERR_GATE_BAD_INPUT', '不能改变运能设置所属企业');
  const now = clock.now();
  await updateRule(db.kysely, id, {
    from_level: body.fromLevel,
    banned_up_to_stage: body.bannedUpToStage,
    min_trucks_per_day: body.minTrucksPerDay,
    daily_truck_cap: body.dailyTruckCap,
    ...(body.validFrom !== undefined ? { valid_from: body.validFrom } : {}),
    ...(body.validTo !== undefined ? { valid_to: body.validTo } : {}),
  });
  await audit(db, now, actor, 'gates.rule-change', id, body);
  return ruleView((await findRule(db.kysely, id))!);
}

/** Ends a rule now. */
export async function endRule(
  db: Db,
  clock: Clock,
  p: Principal,
  actor: ActorContext,
  id: number,
): Promise<z.output<typeof RuleOut>> {
  await visibleRule(db, p, id);
  const now = clock.now();
  await updateRule(db.kysely, id, { valid_to: now });
  await audit(db, now, actor, 'gates.rule-end', id, null);
  return ruleView((await findRule(db.kysely, id))!);
}
