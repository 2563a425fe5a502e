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
import { eachLocalDate } from '../../standards/local-date.ts';
import type { Db } from '../../store/db.ts';
import { epochToLocalDate } from '../../time/zoned-time.ts';
import { visibleEpisode } from '../compliance/compliance-access.ts';
import type { ComplianceConfig } from '../compliance/compliance-config.ts';
import {
  enterpriseCemsDays,
  listedEnterprises,
  type EpisodeRow,
} from '../compliance/compliance-input-repo.ts';
import { CEMS_CODE_OF, observedDailyKg } from '../compliance/rules/not-cutting.ts';
import { listViolations } from '../compliance/violation-repo.ts';
import { episodeLastDay } from '../episode-days.ts';
import { REDUCTION_POLLUTANTS, type ItemBaseline, type ItemExpected } from '../measures.ts';
import {
  compareDays,
  daysAtLevel,
  daysByCategory,
  EVALUATION_EDITION,
  levelByDay,
  peakOf,
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

async function enterpriseReductions(
  db: Db,
  cfg: ComplianceConfig,
  e: EpisodeRow,
  days: readonly string[],
): Promise<{ listed: number; items: EnterpriseReduction[] }> {
  const listed = await listedEnterprises(db.kysely, await loadRegionTree(db), e);
  const items: EnterpriseReduction[] = [];
  for (const it of listed) {
    const baseline = parse<ItemBaseline>(it.baseline, {});
    const expected = parse<ItemExpected>(it.expected, {});
    const pollutants = REDUCTION_POLLUTANTS.filter((p) => baseline[p] !== undefined);
    if (pollutants.length === 0) continue;
    const cems =
      days.length > 0
        ? await enterpriseCemsDays(
            db.kysely,
            it.enterpriseId,
            pollutants.map((p) => CEMS_CODE_OF[p]),
            days[0]!,
            days[days.length - 1]!,
          )
        : null;
    for (const p of pollutants) {
      const judged = days
        .map((d) => observedDailyKg(cems!.get(CEMS_CODE_OF[p], d), cfg.minValidHours))
        .filter((o) => o.judged);
      items.push({
        pollutant: p,
        baselineKg: baseline[p]!.kgPerDay,
        owedKg: expected[p] ?? 0,
        observedKg:
          judged.length > 0 ? judged.reduce((s, o) => s + o.kgPerDay, 0) / judged.length : null,
      });
    }
  }
  return { listed: listed.length, items };
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
  const days = last < e.from_date ? [] : eachLocalDate(e.from_date, last);
  const decisions = await db.kysely
    .selectFrom('warning_decisions')
    .select(['seq', 'action', 'level', 'from_date', 'decided_at'])
    .where('episode_id', '=', e.id)
    .execute();
  const levels = levelByDay(
    decisions.length > 0
      ? decisions.map((d) => ({
          seq: d.seq,
          action: d.action,
          level: d.level,
          // A decision's from_date is the day it takes effect (episode-service.ts).
          effective: d.from_date,
        }))
      : [{ seq: 1, action: 'issue', level: e.level, effective: e.from_date }],
    e.from_date,
    last,
  );
  const forecast = await forecastDays(db, e);
  if (forecast.versionId === null) notes.push('该预警未关联预报版本（越过预报发布）');
  const observed =
    days.length > 0 ? await observedDays(db, e.region_adcode, days[0]!, last, notes) : [];
  const rows = compareDays(days, levels, forecast.days, observed);
  // Emissions: complete days only (today is not over yet).
  const emissionDays = days.filter((d) => d < today);
  const red = await enterpriseReductions(db, cfg, e, emissionDays);
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
    reductions: reductionTotals(red.items),
    failed: [...failed.values()].sort((a, b) => b.violations - a.violations),
    notes,
  };
}
