/**
 * The per-passage rule check (pure), version `gates-rules-1`. Sources:
 * - blacklist and manual opening (人为开闸): the Handan 2020 plan 三.5 — blacklisted vehicles may
 *   not enter; the gate records every manual opening; both are flagged to the county;
 * - banned stage: standards-warnings-grading.md §2.5 (2020 technical guide; data/warnings/
 *   emergency-matrix.json `truckBan`): at orange and above, units with ≥ 10 truck entries a day
 *   admit no China IV-or-lower heavy trucks; the stored capacity rule (运能设置) sets the level,
 *   the highest banned stage and the threshold;
 * - daily cap: the capacity rule's daily truck cap (plan 三.5 运能设置).
 * Stages are standards.md §7.1 (guide Table 3): '0'–'6' = China 0–VI, 'D' = electric.
 */

/** Version recorded with every violation this check finds. */
export const GATE_RULES_VERSION = 'gates-rules-1';

/** Warning levels, lowest first. */
export const GATE_LEVELS = ['yellow', 'orange', 'red'] as const;
export type GateLevel = (typeof GATE_LEVELS)[number];

/** Violation kinds (gate_violations.kind). */
export type GateViolationKind = 'blacklisted' | 'banned-stage' | 'over-cap' | 'manual-open';

/** The capacity rule in force (stored or the matrix default). */
export interface CapacityRule {
  /** Stored rule id, or null for the default from the emergency matrix. */
  id: number | null;
  fromLevel: GateLevel;
  bannedUpToStage: string | null;
  minTrucksPerDay: number;
  dailyTruckCap: number | null;
}

/** What the check reads of a passage and its circumstances. */
export interface PassageFacts {
  direction: 'in' | 'out';
  emissionStage: string | null;
  manualOpen: { by: string; reason: string; photo: boolean } | null;
  /** Active blacklist entries matching the plate or VIN. */
  blacklistHits: ReadonlyArray<{ id: number; reason: string; source: string }>;
  /** Warning level in force for the enterprise's county at the passage's time, or null. */
  level: GateLevel | null;
  /** The capacity rule for the enterprise at that level, or null. */
  rule: CapacityRule | null;
  /** Truck entries a day of the enterprise and where the figure comes from. */
  trucksPerDay: { value: number; basis: 'emergency-transport' | 'own-passages' };
  /** Truck entries of the enterprise earlier the same Beijing day. */
  entriesEarlierToday: number;
  /** Setting: an unknown stage counts as banned. */
  unknownStageBanned: boolean;
}

/** One violation found. */
export interface Finding {
  kind: GateViolationKind;
  evidence: Record<string, unknown>;
}

const levelRank = (l: GateLevel): number => GATE_LEVELS.indexOf(l);

/** Rank of a stage for the ban: 0–6; 'D' (electric) is never banned (Infinity). */
function stageRank(stage: string): number {
  return stage === 'D' ? Number.POSITIVE_INFINITY : Number(stage);
}

/** True when the rule applies at the level in force. */
export function ruleApplies(rule: CapacityRule | null, level: GateLevel | null): boolean {
  return rule !== null && level !== null && levelRank(level) >= levelRank(rule.fromLevel);
}

/** True when the stage is at or below the banned stage (unknown: per the setting). */
export function stageBanned(stage: string | null, upTo: string, unknownBanned: boolean): boolean {
  if (stage === null) return unknownBanned;
  return stageRank(stage) <= stageRank(upTo);
}

function bannedStage(f: PassageFacts): Finding | null {
  const r = f.rule;
  if (!r || !ruleApplies(r, f.level) || r.bannedUpToStage === null) return null;
  if (f.trucksPerDay.value < r.minTrucksPerDay) return null;
  if (!stageBanned(f.emissionStage, r.bannedUpToStage, f.unknownStageBanned)) return null;
  return {
    kind: 'banned-stage',
    evidence: {
      level: f.level,
      ruleId: r.id,
      fromLevel: r.fromLevel,
      bannedUpToStage: r.bannedUpToStage,
      emissionStage: f.emissionStage,
      trucksPerDay: f.trucksPerDay.value,
      trucksPerDayBasis: f.trucksPerDay.basis,
      minTrucksPerDay: r.minTrucksPerDay,
    },
  };
}

function overCap(f: PassageFacts): Finding | null {
  const r = f.rule;
  if (!r || !ruleApplies(r, f.level) || r.dailyTruckCap === null) return null;
  const nth = f.entriesEarlierToday + 1;
  if (nth <= r.dailyTruckCap) return null;
  return {
    kind: 'over-cap',
    evidence: { level: f.level, ruleId: r.id, dailyTruckCap: r.dailyTruckCap, entryOfDay: nth },
  };
}

/** Every violation of one passage; entries are judged for ban and cap, every passage for the rest. */
export function checkPassage(f: PassageFacts): Finding[] {
  const out: Finding[] = [];
  if (f.direction === 'in' && f.blacklistHits.length > 0)
    out.push({ kind: 'blacklisted', evidence: { entries: f.blacklistHits } });
  if (f.direction === 'in') {
    const ban = bannedStage(f);
    if (ban) out.push(ban);
    const cap = overCap(f);
    if (cap) out.push(cap);
  }
  if (f.manualOpen)
    out.push({
      kind: 'manual-open',
      evidence: { by: f.manualOpen.by, reason: f.manualOpen.reason, photo: f.manualOpen.photo },
    });
  return out;
}

/**
 * The rule in force at a level among those valid at the instant: the enterprise's own rules if it
 * has any, else the city-wide ones, else the default; of these the one with the highest
 * from_level not above the level.
 */
export function ruleInForce(
  own: readonly CapacityRule[],
  cityWide: readonly CapacityRule[],
  fallback: CapacityRule,
  level: GateLevel | null,
): CapacityRule | null {
  const set = own.length > 0 ? own : cityWide.length > 0 ? cityWide : [fallback];
  if (level === null) return null;
  const applicable = set
    .filter((r) => levelRank(r.fromLevel) <= levelRank(level))
    .sort((a, b) => levelRank(b.fromLevel) - levelRank(a.fromLevel));
  return applicable[0] ?? null;
}
