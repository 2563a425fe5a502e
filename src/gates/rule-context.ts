/**
 * What the rule check needs besides the passage: the warning level in force for the enterprise's
 * county at the passage's time (src/warnings/level-in-force.ts), the capacity rule at that level,
 * the enterprise's truck entries a day and its entries earlier that Beijing day.
 *
 * Truck entries a day: the emergency list's figure (emergency_transport) when the enterprise has
 * one; else its own gate passages — entries over the LANTIAN_GATES_TRUCK_DAYS (30) days before
 * the passage divided by that number of days, one decimal.
 */
import { DAY_MS } from '../standards/local-date.ts';
import type { Db } from '../store/db.ts';
import { dateStartEpoch, epochToLocalDate } from '../time/zoned-time.ts';
import { warningLevelAt } from '../warnings/level-in-force.ts';
import { matrixFile } from '../warnings/lists/matrix-file.ts';
import { rulesValidAt, type CapacityRuleRow } from './capacity-rule-repo.ts';
import { entriesBetween, listedTrucksPerDay } from './passage-repo.ts';
import { ruleInForce, type CapacityRule, type GateLevel } from './rules/passage-check.ts';

/** The circumstances of a passage at an enterprise. */
export interface RuleContext {
  level: GateLevel | null;
  episodeId: number | null;
  rule: CapacityRule | null;
  trucksPerDay: { value: number; basis: 'emergency-transport' | 'own-passages' };
  entriesEarlierToday: number;
}

/**
 * The default capacity rule when none is stored: the emergency matrix's truck ban
 * (data/warnings/emergency-matrix.json truckBan; standards-warnings-grading.md §2.5): from orange,
 * China IV and lower banned at units with ≥ 10 truck entries a day, no cap.
 */
export function fallbackRule(): CapacityRule {
  const ban = matrixFile().config.truckBan;
  return {
    id: null,
    fromLevel: ban.fromLevel as GateLevel,
    bannedUpToStage: '4',
    minTrucksPerDay: ban.minTrucksPerDay,
    dailyTruckCap: null,
  };
}

/** A stored rule as the check reads it. */
export function ruleOf(r: CapacityRuleRow): CapacityRule {
  return {
    id: Number(r.id),
    fromLevel: r.from_level as GateLevel,
    bannedUpToStage: r.banned_up_to_stage,
    minTrucksPerDay: Number(r.min_trucks_per_day),
    dailyTruckCap: r.daily_truck_cap === null ? null : Number(r.daily_truck_cap),
  };
}

/** The rule context of an enterprise (in a county) at an instant. */
export async function ruleContext(
  db: Db,
  e: { enterpriseId: number; county: string },
  at: number,
  truckCountDays: number,
): Promise<RuleContext> {
  const k = db.kysely;
  const inForce = await warningLevelAt(db, e.county, at);
  const stored = (await rulesValidAt(k, e.enterpriseId, at)).map((r) => ({
    row: r,
    rule: ruleOf(r),
  }));
  const own = stored.filter((s) => s.row.enterprise_id !== null).map((s) => s.rule);
  const city = stored.filter((s) => s.row.enterprise_id === null).map((s) => s.rule);
  const level = inForce?.level ?? null;
  const listed = await listedTrucksPerDay(k, e.enterpriseId);
  const trucksPerDay =
    listed !== undefined
      ? { value: listed, basis: 'emergency-transport' as const }
      : {
          value:
            Math.round(
              ((await entriesBetween(k, e.enterpriseId, at - truckCountDays * DAY_MS, at)) /
                truckCountDays) *
                10,
            ) / 10,
          basis: 'own-passages' as const,
        };
  const dayStart = dateStartEpoch('Asia/Shanghai', epochToLocalDate('Asia/Shanghai', at));
  return {
    level,
    episodeId: inForce?.episodeId ?? null,
    rule: ruleInForce(own, city, fallbackRule(), level),
    trucksPerDay,
    // Entries already stored up to and including the same instant come before this one.
    entriesEarlierToday: await entriesBetween(k, e.enterpriseId, dayStart, at + 1),
  };
}
