/**
 * The compliance runner: for an episode in force, every enterprise on the list that applies to it
 * (compliance-input-repo.ts) is checked day by day from the episode's first day —
 * 'not-cutting' on complete local days (CEMS -Cou of valid hours against the item's baseline and
 * expected cut, rules/not-cutting.ts), 'line-running' up to the current hour (the power part's
 * line states against the lines the measures stop, rules/line-running.ts). Findings are folded
 * into warning_violations (one per subject: pollutant-day or line-day); running it twice at the
 * same instant changes nothing the second time. 'banned-truck' rows come from the gates
 * (src/gates/, a banned-stage entry during an episode), never from here.
 */
import { loadRegionTree } from '../../auth/region-ancestry.ts';
import type { RunningRules } from '../../sources/power/rules/meter-state.ts';
import { lineStates } from '../../sources/power/state-service.ts';
import { addDays, HOUR_MS } from '../../standards/local-date.ts';
import type { Db } from '../../store/db.ts';
import { dateStartEpoch, epochToLocalDate } from '../../time/zoned-time.ts';
import {
  REDUCTION_POLLUTANTS,
  type ItemBaseline,
  type ItemExpected,
  type Measure,
} from '../measures.ts';
import { episodeDaysInForce } from '../episode-days.ts';
import type { ComplianceConfig } from './compliance-config.ts';
import {
  activeEpisodes,
  enterpriseCemsDays,
  enterpriseLines,
  findEpisode,
  listedByLevel,
  type EpisodeRow,
  type ListedEnterprise,
} from './compliance-input-repo.ts';
import { hoursOverShare, runningHours, stopRequirement } from './rules/line-running.ts';
import { CEMS_CODE_OF, judgeCutting, observedDailyKg } from './rules/not-cutting.ts';
import { upsertViolation, type FoundViolation } from './violation-repo.ts';

/** What one run did. */
export interface ComplianceRunResult {
  /** Edition of the compliance rules the run used. */
  edition: string;
  episodes: number;
  enterprises: number;
  /** Pollutant-days judged and line-days examined. */
  checks: number;
  opened: number;
  updated: number;
}

/** Edition of the compliance rules (docs/warnings.md, Compliance and evaluation). */
export const COMPLIANCE_EDITION = 'lantian-compliance-2026';

/** The rule editions every finding names. */
export const COMPLIANCE_RULES = {
  notCutting: `${COMPLIANCE_EDITION}: observed > baseline − expected + tolerance × baseline`,
  lineRunning: `${COMPLIANCE_EDITION}: stopped lines must not run (power states)`,
} as const;

function parse<T>(json: string, fallback: T): T {
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
}

/**
 * The local days of an episode up to `lastDay`: from its first day to its end, lift or lastDay
 * (the rule the evaluation shares: ../episode-days.ts).
 */
export function episodeDays(e: EpisodeRow, lastDay: string): string[] {
  return episodeDaysInForce(e, lastDay);
}

async function notCutting(
  db: Db,
  cfg: ComplianceConfig,
  e: EpisodeRow,
  item: ListedEnterprise,
  days: readonly string[],
): Promise<{ found: FoundViolation[]; checks: number }> {
  const baseline = parse<ItemBaseline>(item.baseline, {});
  const expected = parse<ItemExpected>(item.expected, {});
  const owed = REDUCTION_POLLUTANTS.filter(
    (p) => (expected[p] ?? 0) > 0 && baseline[p] !== undefined,
  );
  if (owed.length === 0 || days.length === 0) return { found: [], checks: 0 };
  const cems = await enterpriseCemsDays(
    db.kysely,
    item.enterpriseId,
    owed.map((p) => CEMS_CODE_OF[p]),
    days[0]!,
    days[days.length - 1]!,
  );
  const found: FoundViolation[] = [];
  let checks = 0;
  for (const day of days)
    for (const p of owed) {
      const outlets = cems.get(CEMS_CODE_OF[p], day);
      const observed = observedDailyKg(outlets, cfg.minValidHours);
      if (!observed.judged) continue;
      checks++;
      const j = judgeCutting(
        baseline[p]!.kgPerDay,
        expected[p]!,
        observed.kgPerDay,
        cfg.tolerancePct,
      );
      if (!j.violation) continue;
      found.push({
        episodeId: e.id,
        enterpriseId: item.enterpriseId,
        kind: 'not-cutting',
        subjectKey: `not-cutting:${item.enterpriseId}:${p}:${day}`,
        windowFrom: dateStartEpoch(cfg.timeZone, day),
        windowTo: dateStartEpoch(cfg.timeZone, addDays(day, 1)),
        evidence: {
          rule: COMPLIANCE_RULES.notCutting,
          day,
          pollutant: p,
          cemsCode: CEMS_CODE_OF[p],
          baselineSource: baseline[p]!.source,
          listId: item.listId,
          validHours: observed.validHours,
          outlets: outlets.map((o) => ({
            outletId: o.outletId,
            validHours: o.validHours,
            kg: o.kg,
          })),
          ...j,
        },
      });
    }
  return { found, checks };
}

async function lineRunning(
  db: Db,
  cfg: ComplianceConfig,
  rules: RunningRules,
  e: EpisodeRow,
  item: ListedEnterprise,
  days: readonly string[],
  now: number,
): Promise<{ found: FoundViolation[]; checks: number }> {
  const measures = parse<Measure[]>(item.measures, []);
  const lines = await enterpriseLines(db.kysely, item.enterpriseId);
  const req = stopRequirement(measures, lines);
  if ((req.stopped.length === 0 && req.maxRunning === null) || days.length === 0)
    return { found: [], checks: 0 };
  const found: FoundViolation[] = [];
  let checks = 0;
  const nowHour = Math.floor(now / HOUR_MS) * HOUR_MS;
  for (const day of days) {
    const from = dateStartEpoch(cfg.timeZone, day);
    const to = Math.min(dateStartEpoch(cfg.timeZone, addDays(day, 1)), nowHour);
    if (to <= from) continue;
    const states = await lineStates(db.kysely, item.enterpriseId, from, to, rules);
    const byLine = new Map(states.map((s) => [s.lineId, s.hours]));
    for (const line of req.stopped) {
      checks++;
      const ran = runningHours(byLine.get(line.id) ?? []);
      if (ran.length < cfg.minRunningHours) continue;
      found.push({
        episodeId: e.id,
        enterpriseId: item.enterpriseId,
        kind: 'line-running',
        subjectKey: `line-running:${line.id}:${day}`,
        windowFrom: ran[0]!,
        windowTo: ran[ran.length - 1]! + HOUR_MS,
        evidence: {
          rule: COMPLIANCE_RULES.lineRunning,
          day,
          line: { code: line.code, name: line.name },
          measures: req.measures,
          runningHours: ran.length,
          hours: ran,
          listId: item.listId,
        },
      });
    }
    if (req.maxRunning !== null) {
      checks++;
      const over = hoursOverShare(byLine, req.maxRunning);
      if (over.length >= cfg.minRunningHours)
        found.push({
          episodeId: e.id,
          enterpriseId: item.enterpriseId,
          kind: 'line-running',
          subjectKey: `line-running:share:${item.enterpriseId}:${day}`,
          windowFrom: over[0]!.time,
          windowTo: over[over.length - 1]!.time + HOUR_MS,
          evidence: {
            rule: COMPLIANCE_RULES.lineRunning,
            day,
            maxRunning: req.maxRunning,
            lines: lines.length,
            measures: req.measures,
            runningHours: over.length,
            hours: over,
            listId: item.listId,
          },
        });
    }
  }
  return { found, checks };
}

/**
 * Checks one episode at `now`. Each day is judged against the published list of the level in
 * force that day (after an upgrade, the days before it keep the lower level's list).
 */
async function checkEpisode(
  db: Db,
  cfg: ComplianceConfig,
  rules: RunningRules,
  e: EpisodeRow,
  now: number,
  result: ComplianceRunResult,
): Promise<void> {
  const today = epochToLocalDate(cfg.timeZone, now);
  const complete = episodeDays(e, addDays(today, -1));
  const upToNow = episodeDays(e, today);
  const tree = await loadRegionTree(db);
  const enterprises = new Set<number>();
  result.episodes++;
  for (const { days, items } of await listedByLevel(db.kysely, tree, e, upToNow)) {
    const atLevel = new Set(days);
    for (const item of items) {
      enterprises.add(item.enterpriseId);
      const a = await notCutting(
        db,
        cfg,
        e,
        item,
        complete.filter((d) => atLevel.has(d)),
      );
      const b = await lineRunning(db, cfg, rules, e, item, days, now);
      result.checks += a.checks + b.checks;
      for (const f of [...a.found, ...b.found]) {
        const r = await upsertViolation(db.kysely, f, now);
        if (r === 'opened') result.opened++;
        if (r === 'updated') result.updated++;
      }
    }
  }
  result.enterprises += enterprises.size;
}

/**
 * Runs the checks at `now` for every active episode, or for the one episode `episodeId` (active
 * or lifted: a lifted episode is checked up to its lift day).
 */
export async function runCompliance(
  db: Db,
  cfg: ComplianceConfig,
  rules: RunningRules,
  now: number,
  episodeId?: number,
): Promise<ComplianceRunResult> {
  const result: ComplianceRunResult = {
    edition: COMPLIANCE_EDITION,
    episodes: 0,
    enterprises: 0,
    checks: 0,
    opened: 0,
    updated: 0,
  };
  const episodes =
    episodeId === undefined
      ? await activeEpisodes(db.kysely)
      : [await findEpisode(db.kysely, episodeId)].filter((e): e is EpisodeRow => e !== undefined);
  for (const e of episodes) await checkEpisode(db, cfg, rules, e, now, result);
  return result;
}
