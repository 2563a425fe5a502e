/**
 * The 总览 (overview) figures of a region on a date, in one computation: for the region and each
 * unit below it (county-level units and functional zones), the day's AQI (HJ 633 daily report;
 * the real-time report of the latest hour as well when the date is today), PM2.5 and good days so
 * far this year with the same period of last year (HJ 663, the edition in force on the date,
 * the same figures GET /api/regions/{adcode}/assessment gives), station counts and
 * where the unit's stations are. One read of `station_daily` per year serves every unit.
 */
import type { z } from 'zod';
import { dayAqiOf } from '../air/daily-aqi-service.ts';
import { listRegions } from '../air/region-repo.ts';
import { listStations } from '../air/station-repo.ts';
import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import { chooseAssessmentStations } from '../air/region-stations.ts';
import { restsOnSimulatedData } from '../air/simulated-data.ts';
import { LantianError } from '../errors.ts';
import {
  aqiEditionFor,
  editionsFor,
  regionDaily,
  roundConcentration,
  roundHalfEven,
  type DailyRecord,
} from '../standards/index.ts';
import type { Db } from '../store/db.ts';
import type { Region, Station } from '../air/tables.ts';
import { epochToLocalDate } from '../time/zoned-time.ts';
import { dailyAqiMemoOf, type DailyAqiMemo } from './daily-aqi-memo.ts';
import { dailyRecordsOfStations, latestDailyDate, readingsOfStations } from './overview-repo.ts';
import type { PlanProgress } from '../plan/progress-service.ts';
import { planSummary, type PlanSummary } from './plan-summary.ts';
import type { TtlCache } from './ttl-cache.ts';
import type { OverviewDayAqiOut } from './schema.ts';
import { areaRealtimeAqi, REALTIME_LOOKBACK_HOURS, type RealtimeAqi } from './realtime-aqi.ts';
import { HOUR_MS, samePeriodLastYear } from '../standards/local-date.ts';

/** A day's AQI in brief, with the day's PM2.5 (overview/schema.ts). */
export type DayAqi = z.output<typeof OverviewDayAqiOut>;

/** Figures of a period so far (HJ 663). */
export interface PeriodSoFar {
  from: string;
  to: string;
  /** PM2.5 period mean, rounded per GB/T 8170 (µg/m³). */
  pm25: number | null;
  /** The same, unrounded. */
  pm25Exact: number | null;
  pm25ValidDays: number;
  validDays: number;
  goodDays: number;
  goodRate: number | null;
  heavyDays: number;
}

/** One region's figures. */
export interface UnitFigures {
  adcode: string;
  name: string;
  level: string;
  /** Assessment stations in the unit (and below). */
  stations: number;
  /** Mean WGS-84 position of the unit's stations with coordinates, or null. */
  position: { lon: number; lat: number } | null;
  today: DayAqi | null;
  realtime: RealtimeAqi | null;
  yearToDate: PeriodSoFar | null;
  lastYear: PeriodSoFar | null;
  /** Relative change of the PM2.5 period mean against last year, % (1 dp), or null. */
  pm25Change: number | null;
}

/** Everything the overview page shows, in one answer. */
export interface Overview {
  region: { adcode: string; name: string; level: string; timeZone: string };
  /** The date shown. */
  date: string;
  /** Today in the region's time zone. */
  today: string;
  /** The last day on or before `date` with daily data, or null without any. */
  latestDataDate: string | null;
  editions: { aqi: string; assessment: string; limits: string };
  city: UnitFigures;
  units: UnitFigures[];
  /** Progress of the city's work plan for the date's year (src/plan), or null without one. */
  plan: PlanSummary | null;
  /** Whether the figures shown rest on simulated data (any station, last year's start to date). */
  simulated: boolean;
  generatedAt: number;
}

/** The region tree as loaded once per computation. */
export interface RegionIndex {
  byCode: ReadonlyMap<string, Region>;
  children: ReadonlyMap<string, Region[]>;
}

/** Indexes regions by code and by parent. */
export function indexRegions(regions: readonly Region[]): RegionIndex {
  const byCode = new Map(regions.map((r) => [r.adcode, r]));
  const children = new Map<string, Region[]>();
  for (const r of regions) {
    if (!r.parent_adcode) continue;
    const list = children.get(r.parent_adcode) ?? [];
    list.push(r);
    children.set(r.parent_adcode, list);
  }
  return { byCode, children };
}

/** The adcode and every region below it. */
export function subtree(idx: RegionIndex, adcode: string): string[] {
  const out = [adcode];
  for (let i = 0; i < out.length; i++) {
    for (const c of idx.children.get(out[i]!) ?? []) out.push(c.adcode);
  }
  return out;
}

function dayAqi(
  memo: DailyAqiMemo,
  scope: string,
  day: DailyRecord | undefined,
  date: string,
): DayAqi | null {
  if (!day) return null;
  const edition = aqiEditionFor(date);
  return {
    ...dayAqiOf(date, edition, memo.get(scope, day, edition)),
    pm25: day['PM2.5'] ?? null,
  };
}

/**
 * PM2.5 mean and day counts of [from, to] exactly as periodStatistics (HJ 663) computes them for
 * the assessment API — one edition for the whole period, the one in force on `asOf` — restricted
 * to the figures the overview shows, with the daily AQI remembered across refreshes.
 */
function soFar(
  memo: DailyAqiMemo,
  scope: string,
  days: readonly DailyRecord[],
  from: string,
  to: string,
  asOf: string,
): PeriodSoFar | null {
  const inRange = days.filter((d) => d.date >= from && d.date <= to);
  if (inRange.length === 0) return null;
  const edition = editionsFor(asOf).aqi;
  const pm: number[] = [];
  let valid = 0;
  let good = 0;
  let heavy = 0;
  for (const d of inRange) {
    const v = d['PM2.5'];
    if (typeof v === 'number' && Number.isFinite(v)) pm.push(v);
    const aqi = memo.get(scope, d, edition).aqi;
    if (aqi === null) continue;
    valid++;
    if (aqi <= 100) good++;
    if (aqi > 200) heavy++;
  }
  const mean = pm.length > 0 ? pm.reduce((s, v) => s + v, 0) / pm.length : null;
  return {
    from,
    to,
    pm25: mean === null ? null : roundConcentration('PM2.5', mean),
    pm25Exact: mean,
    pm25ValidDays: pm.length,
    validDays: valid,
    goodDays: good,
    goodRate: valid > 0 ? roundHalfEven((good / valid) * 100, 1) : null,
    heavyDays: heavy,
  };
}

function meanPosition(stations: readonly Station[]): { lon: number; lat: number } | null {
  const located = stations.filter((s) => s.lon !== null && s.lat !== null);
  if (located.length === 0) return null;
  return {
    lon: located.reduce((a, s) => a + s.lon!, 0) / located.length,
    lat: located.reduce((a, s) => a + s.lat!, 0) / located.length,
  };
}

/** Lets other requests run between units of a long computation. */
function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * regionDaily over many stations, a month at a time with the event loop given back in between:
 * each date's mean depends on that date's station values only (in the same station order), so
 * the result is exactly regionDaily's.
 */
async function regionDailyByMonth(
  stationDays: ReadonlyArray<readonly DailyRecord[]>,
): Promise<DailyRecord[]> {
  const months = new Set<string>();
  for (const list of stationDays) for (const d of list) months.add(d.date.slice(0, 7));
  const pos = stationDays.map(() => 0);
  const out: DailyRecord[] = [];
  for (const month of [...months].sort()) {
    const slices = stationDays.map((list, i) => {
      const start = pos[i]!;
      let end = start;
      while (end < list.length && list[end]!.date.slice(0, 7) === month) end++;
      pos[i] = end;
      return list.slice(start, end);
    });
    out.push(...regionDaily(slices));
    await yieldToLoop();
  }
  return out;
}

/** The region's today (local date of `now` in its time zone). */
export function regionToday(region: Region, now: number): string {
  return epochToLocalDate(region.time_zone, now);
}

/**
 * The region the overview shows when the caller names none: the city (level 'city') with the
 * most assessment stations below it — the city the platform runs for, even when its province is
 * registered above it — else the top-level region with the most; null when there is no region.
 */
export function defaultOverviewRegion(
  idx: RegionIndex,
  stations: readonly Station[],
): string | null {
  const all = [...idx.byCode.values()];
  const cities = all.filter((r) => r.level === 'city');
  const candidates = cities.length > 0 ? cities : all.filter((r) => !r.parent_adcode);
  let best: { adcode: string; n: number } | null = null;
  for (const r of candidates) {
    const codes = new Set(subtree(idx, r.adcode));
    const n = stations.filter((s) => s.role === 'assessment' && codes.has(s.region_adcode)).length;
    if (!best || n > best.n || (n === best.n && r.adcode < best.adcode))
      best = { adcode: r.adcode, n };
  }
  return best?.adcode ?? null;
}

/** Loads the region index and the stations (the inputs every overview needs). */
export async function loadRegistry(db: Db): Promise<{ idx: RegionIndex; stations: Station[] }> {
  const [regions, stations] = await Promise.all([listRegions(db), listStations(db)]);
  return { idx: indexRegions(regions), stations };
}

/**
 * Computes the overview of `adcode` on `date` (default: the region's today) for `reader`, whose
 * role decides which plan versions its plan block may rest on (plan-summary.ts).
 */
export async function computeOverview(
  db: Db,
  clock: Clock,
  registry: { idx: RegionIndex; stations: readonly Station[] },
  reader: Principal,
  adcode: string,
  date?: string,
  caches: { plan?: TtlCache<PlanProgress> } = {},
): Promise<Overview> {
  const { idx } = registry;
  const region = idx.byCode.get(adcode);
  if (!region) throw new LantianError('LT_ERR_REGION_NOT_FOUND', adcode);
  const now = clock.now();
  const today = regionToday(region, now);
  const day = date ?? today;
  if (day > today) throw new LantianError('LT_ERR_BAD_RANGE', `${day} 晚于今天 ${today}`);

  const childRegions = [...(idx.children.get(adcode) ?? [])].sort((a, b) =>
    a.adcode < b.adcode ? -1 : 1,
  );
  const unitRegions = childRegions.length > 0 ? childRegions : [region];
  // Each assessment station counts for the unit whose subtree holds its region.
  const unitOf = new Map<string, string>();
  for (const u of unitRegions)
    for (const code of subtree(idx, u.adcode)) unitOf.set(code, u.adcode);
  const inRegion = new Set(subtree(idx, adcode));
  const inSubtree = registry.stations.filter((s) => inRegion.has(s.region_adcode));
  // The same station choice as the assessment API: a city counts its national-control points,
  // a county all its assessment points.
  const cityStations = chooseAssessmentStations(region, inSubtree).stations;
  const groups = unitRegions.map((u) => ({
    unit: u,
    members: chooseAssessmentStations(
      u,
      inSubtree.filter((s) => unitOf.get(s.region_adcode) === u.adcode),
    ).stations,
  }));
  const stations = [
    ...new Map(
      [...cityStations, ...groups.flatMap((g) => g.members)].map((s) => [s.id, s]),
    ).values(),
  ];
  const ids = stations.map((s) => s.id);

  const yearFrom = `${day.slice(0, 4)}-01-01`;
  const last = samePeriodLastYear(yearFrom, day);
  const latest = await latestDailyDate(db, ids, day);
  const realtimeReadings =
    day === today
      ? await readingsOfStations(
          db,
          ids,
          now - (REALTIME_LOOKBACK_HOURS + 8) * HOUR_MS,
          now + HOUR_MS,
        )
      : [];
  const memo = dailyAqiMemoOf(db);
  const editionOf = (hour: number) => aqiEditionFor(epochToLocalDate(region.time_zone, hour));

  const figures = (
    r: Region,
    members: readonly Station[],
    records: ReadonlyMap<number, DailyRecord[]>,
    precomputed?: DailyRecord[],
  ): UnitFigures => {
    const all = precomputed ?? regionDaily(members.map((s) => records.get(s.id) ?? []));
    const ytd = soFar(memo, r.adcode, all, yearFrom, day, day);
    const ly = soFar(memo, r.adcode, all, last.from, last.to, last.to);
    const change =
      ytd?.pm25Exact != null && ly?.pm25Exact != null && ly.pm25Exact > 0
        ? roundHalfEven(((ytd.pm25Exact - ly.pm25Exact) / ly.pm25Exact) * 100, 1)
        : null;
    return {
      adcode: r.adcode,
      name: r.name,
      level: r.level,
      stations: members.length,
      position: meanPosition(members),
      today: dayAqi(
        memo,
        r.adcode,
        all.find((d) => d.date === day),
        day,
      ),
      realtime:
        realtimeReadings.length > 0
          ? areaRealtimeAqi(realtimeReadings, new Set(members.map((s) => s.id)), editionOf)
          : null,
      yearToDate: ytd,
      lastYear: ly,
      pm25Change: change,
    };
  };

  // Unit by unit, giving the event loop back in between: a refresh never holds up other requests
  // for long. Every station's records are kept for the whole region's figures.
  const records = new Map<number, DailyRecord[]>();
  const units: UnitFigures[] = [];
  const grouped = new Set(groups.flatMap((g) => g.members.map((s) => s.id)));
  const ungrouped = stations.filter((s) => !grouped.has(s.id));
  for (const g of groups) {
    const mine = await dailyRecordsOfStations(
      db,
      g.members.map((s) => s.id),
      last.from,
      day,
    );
    for (const [id, list] of mine) records.set(id, list);
    units.push(figures(g.unit, g.members, mine));
    await yieldToLoop();
  }
  if (ungrouped.length > 0) {
    const rest = await dailyRecordsOfStations(
      db,
      ungrouped.map((s) => s.id),
      last.from,
      day,
    );
    for (const [id, list] of rest) records.set(id, list);
  }
  const cityDays = await regionDailyByMonth(cityStations.map((s) => records.get(s.id) ?? []));
  const city = figures(region, cityStations, records, cityDays);

  // The plan is the city's: a county overview shows its own line of it.
  const cityAdcode =
    region.level === 'city' ? region.adcode : (region.parent_adcode ?? region.adcode);
  const plan = await planSummary(
    db,
    reader,
    cityAdcode,
    day,
    new Set(unitRegions.map((u) => u.adcode)),
    caches.plan,
  );

  const ed = editionsFor(day);
  return {
    region: {
      adcode: region.adcode,
      name: region.name,
      level: region.level,
      timeZone: region.time_zone,
    },
    date: day,
    today,
    latestDataDate: latest,
    editions: { aqi: ed.aqi, assessment: ed.assessment, limits: ed.limits },
    city,
    units,
    plan,
    simulated: await restsOnSimulatedData(
      db,
      stations.map((s) => s.code),
      last.from,
      day,
    ),
    generatedAt: now,
  };
}
