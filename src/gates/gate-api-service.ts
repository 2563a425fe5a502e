/** The gate-facing reads and the heartbeat: blacklist (versioned), rule set in force, last seen. */
import type { z } from 'zod';
import type { Db } from '../store/db.ts';
import { blacklistVersion, listBlacklist } from './blacklist-repo.ts';
import type { AuthenticGate } from './gate-credential.ts';
import type { GatesConfig } from './gate-config.ts';
import { touchGate } from './gate-repo.ts';
import { recordGateHeartbeat } from './stats/stats-repo.ts';
import { ruleContext } from './rule-context.ts';
import { GATE_RULES_VERSION, ruleApplies } from './rules/passage-check.ts';
import type { GateBlacklist, GateRules } from './schema.ts';

/** Records a heartbeat: the gate's last-seen time and the hour it counts for completeness. */
export async function heartbeat(
  db: Db,
  gate: AuthenticGate,
  now: number,
): Promise<{ gateId: number; at: number }> {
  await touchGate(db.kysely, Number(gate.id), now);
  await recordGateHeartbeat(db.kysely, Number(gate.id), now);
  return { gateId: Number(gate.id), at: now };
}

/** The current blacklist version (the ETag) without reading the entries. */
export async function gateBlacklistVersion(db: Db): Promise<number> {
  return blacklistVersion(db.kysely);
}

/** The active blacklist for gates: every active entry of the city and its counties. */
export async function gateBlacklist(db: Db): Promise<z.output<typeof GateBlacklist>> {
  // Version first, entries after: a change landing in between makes the version older than the
  // entries, so the gate fetches again next time — never newer, which would hide the change.
  const version = await blacklistVersion(db.kysely);
  const rows = await listBlacklist(db.kysely);
  return {
    version,
    entries: rows.map((r) => ({ plate: r.plate, vin: r.vin, reason: r.reason, source: r.source })),
  };
}

/** The capacity rule set in force now for the gate's enterprise at the current warning level. */
export async function gateRules(
  db: Db,
  config: GatesConfig,
  gate: AuthenticGate,
  now: number,
): Promise<z.output<typeof GateRules>> {
  const ctx = await ruleContext(
    db,
    { enterpriseId: Number(gate.enterprise_id), county: gate.region_adcode },
    now,
    config.truckCountDays,
  );
  const banActive =
    ruleApplies(ctx.rule, ctx.level) &&
    ctx.rule!.bannedUpToStage !== null &&
    ctx.trucksPerDay.value >= ctx.rule!.minTrucksPerDay;
  return {
    at: now,
    level: ctx.level,
    episodeId: ctx.episodeId,
    ruleVersion: GATE_RULES_VERSION,
    rule: ctx.rule,
    trucksPerDay: ctx.trucksPerDay,
    banActive,
    unknownStageBanned: config.unknownStageBanned,
  };
}
