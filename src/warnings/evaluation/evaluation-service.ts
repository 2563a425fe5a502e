/**
 * Gathers the evaluation of an episode (rules/episode-evaluation.ts): its decisions, the forecast
 * version it rested on, the region's observed daily AQI (air domain), the enterprises on its list
 * with their CEMS days, and its violations. Visible to whoever may see the episode
 * (compliance-access.ts).
 */
import type { z } from 'zod';
import { regionDailyAqi } from '../../air/daily-aqi-service.ts';
import type { Principal } from '../../auth/principal.ts';
import { loadRegionTree } from '../../auth/region-ancestry.ts';
import type { ColouredLevel } from '../../standards/warning/levels.ts';
import type { Db } from '../../store/db.ts';
import { epochToLocalDate } from '../../time/zoned-time.ts';
import { visibleEpisode } from '../compliance/compliance-access.ts';
import type { ComplianceConfig } from '../compliance/compliance-config.ts';
import {
  enterpriseCemsDays,
  listedByLevel,
  type EpisodeRow,
  type LevelDays,
  type ListedEnterprise,
} from '../compliance/compliance-input-repo.ts';
import { CEMS_CODE_OF, observedDailyKg } from '../compliance/rules/not-cutting.ts';
import { listViolations } from '../compliance/violation-repo.ts';
import { episodeDaysInForce, episodeLastDay } from '../episode-days.ts';
import { REDUCTION_POLLUTANTS, type ItemBaseline, type ItemExpected } from '../measures.ts';
import {
  compareDays,
  daysAtLevel,
  daysByCategory,
  EVALUATION_EDITION,
  peakOf,
  reductionsByLevel,
  reductionTotals,
  type EnterpriseReduction,
  type ObservedDay,
} from './rules/episode-evaluation.ts';
import type { EpisodeEvaluation } from './schema.ts';

/** The evaluation's answer. */
export type Evaluation = z.output<typeof EpisodeEvaluation>;

function parse<T>(json: string, fallback: T): T {
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
}

async function observedDays(db: Db, region: string, from: string, to: string, notes: string[]) {
  try {
    const r = await regionDailyAqi(db, region, from, to);
    return r.days.map((d): ObservedDay => ({
      date: d.date,
      aqi: d.aqi,
      category: d.category,
      color: d.color,
      edition: d.edition,
    }));
  } catch (e) {
    notes.push(`实测日AQI不可用：${(e as Error).message}`);
    return [];
  }
}

async function forecastDays(db: Db, e: EpisodeRow) {
  const issue = await db.kysely
    .selectFrom('warning_decisions')
    .select('forecast_version_id')
    .where('episode_id', '=', e.id)
    .where('action', '=', 'issue')
    .executeTakeFirst();
  const versionId = issue?.forecast_version_id ?? e.forecast_version_id;
  if (versionId === null) return { versionId: null, days: [] };
  const days = await db.kysely
    .selectFrom('forecast_days')
    .select(['date', 'aqi', 'aqi_low'])
    .where('version_id', '=', versionId)
    .orderBy('date')
    .execute();
  return { versionId, days: days.map((d) => ({ date: d.date, aqi: d.aqi, aqiLow: d.aqi_low })) };
}

/** One enterprise's numbers per pollutant over `days` (complete days of one level). */
async function itemReductions(
  db: Db,
  cfg: ComplianceConfig,
  level: ColouredLevel,
  it: ListedEnterprise,
  days: readonly string[],
): Promise<EnterpriseReduction[]> {
  const baseline = parse<ItemBaseline>(it.baseline, {});
  const expected = parse<ItemExpected>(it.expected, {});
  const pollutants = REDUCTION_POLLUTANTS.filter((p) => baseline[p] !== undefined);
  if (pollutants.length === 0 || days.length === 0) return [];
  const cems = await enterpriseCemsDays(
    db.kysely,
    it.enterpriseId,
    pollutants.map((p) => CEMS_CODE_OF[p]),
    days[0]!,
    days[days.length - 1]!,
  );
  return pollutants.map((p) => ({
    enterpriseId: it.enterpriseId,
    level,
    pollutant: p,
    days: days.length,
    baselineKgPerDay: baseline[p]!.kgPerDay,
    owedKgPerDay: expected[p] ?? 0,
    observedKg: days
      .map((d) => observedDailyKg(cems.get(CEMS_CODE_OF[p], d), cfg.minValidHours))
      .filter((o) => o.judged)
      .map((o) => o.kgPerDay),
  }));
}

/**
 * Reductions day by day: each level's complete days (before `today`) against the enterprises on
 * that level's list (the grouping the compliance checks use, compliance-input-repo.ts).
 */
async function enterpriseReductions(
  db: Db,
  cfg: ComplianceConfig,
  groups: readonly LevelDays[],
  today: string,
) {
  const items: EnterpriseReduction[] = [];
  const listed = new Set<number>();
  const levels: { level: ColouredLevel; days: number; enterprisesListed: number }[] = [];
  for (const g of groups) {
    // Emissions: complete days only (today is not over yet).
    const days = g.days.filter((d) => d < today);
    if (days.length === 0) continue;
    levels.push({ level: g.level, days: days.length, enterprisesListed: g.items.length });
    for (const it of g.items) {
      listed.add(it.enterpriseId);
      items.push(...(await itemReductions(db, cfg, g.level, it, days)));
    }
  }
  return {
    listed: listed.size,
    totals: reductionTotals(items),
    byLevel: reductionsByLevel(levels, items),
  };
}

/** The evaluation of episode `id` at `now`. */
export async function evaluateEpisode(
  db: Db,
  cfg: ComplianceConfig,
  p: Principal,
  id: number,
  now: number,
): Promise<Evaluation> {
  const e = await visibleEpisode(db, p, id);
  const notes: string[] = [];
  const today = epochToLocalDate(cfg.timeZone, now);
  const last = episodeLastDay(e, today);
  const days = episodeDaysInForce(e, last);
  // The level of each day and its list, as the compliance checks read them.
  const groups = await listedByLevel(db.kysely, await loadRegionTree(db), e, days);
  const levels = new Map<string, ColouredLevel>(
    groups.flatMap((g) => g.days.map((d) => [d, g.level] as const)),
  );
  const forecast = await forecastDays(db, e);
  if (forecast.versionId === null) notes.push('该预警未关联预报版本（越过预报发布）');
  const observed =
    days.length > 0 ? await observedDays(db, e.region_adcode, days[0]!, last, notes) : [];
  const rows = compareDays(days, levels, forecast.days, observed);
  const red = await enterpriseReductions(db, cfg, groups, today);
  const violations = await listViolations(db.kysely, { episodeId: e.id });
  const failed = new Map<number, Evaluation['failed'][number]>();
  for (const v of violations) {
    const f = failed.get(v.enterprise_id) ?? {
      enterpriseId: v.enterprise_id,
      creditCode: v.credit_code,
      name: v.enterprise_name,
      county: v.enterprise_region,
      violations: 0,
      kinds: [],
      open: 0,
    };
    f.violations++;
    if (!f.kinds.includes(v.kind)) f.kinds.push(v.kind);
    if (v.status !== 'closed') f.open++;
    failed.set(v.enterprise_id, f);
  }
  const region = await db.kysely
    .selectFrom('regions')
    .select('name')
    .where('adcode', '=', e.region_adcode)
    .executeTakeFirst();
  if (e.status === 'active') notes.push(`预警尚未解除，评估截至 ${last}`);
  return {
    edition: EVALUATION_EDITION,
    episode: {
      id: e.id,
      region: e.region_adcode,
      regionName: region?.name ?? null,
      level: e.level,
      peakLevel: e.peak_level,
      status: e.status,
      fromDate: e.from_date,
      toDate: e.to_date,
      liftedOn: e.lifted_on,
      lastDay: last,
    },
    forecastVersionId: forecast.versionId,
    days: rows,
    peaks: { forecast: peakOf(rows, 'forecastAqi'), observed: peakOf(rows, 'observedAqi') },
    daysAtLevel: daysAtLevel(levels),
    daysByCategory: daysByCategory(rows),
    enterprisesListed: red.listed,
    reductions: red.totals,
    reductionsByLevel: red.byLevel,
    failed: [...failed.values()].sort((a, b) => b.violations - a.violations),
    notes,
  };
}
