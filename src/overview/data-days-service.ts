/**
 * "Which day should a page open on?" for a region or a station: its today, the first and last
 * day with data, and the last day it can be assessed on — for a region, the last day on which
 * enough of its assessment stations (the overview's and the assessment API's choice) report a
 * daily PM2.5 value for the region's daily value to exist (HJ 663-2013 点位平均, at least
 * max(1, ⌈share × points⌉) points, src/standards/assessment/region-daily.ts); for a station, its
 * last day with a PM2.5 value. A few stray rows of one station never make a day assessable.
 */
import { chooseAssessmentStations } from '../air/region-stations.ts';
import { LantianError } from '../errors.ts';
import { requiredStations } from '../standards/assessment/region-daily.ts';
import type { Db } from '../store/db.ts';
import { dailySpan, lastDayWithStations } from './data-days-repo.ts';
import { regionToday, subtree, type loadRegistry } from './overview-service.ts';

type Registry = Awaited<ReturnType<typeof loadRegistry>>;

/** The answer of GET /api/data-days. */
export interface DataDays {
  region: string | null;
  station: string | null;
  today: string;
  first: string | null;
  last: string | null;
  lastAssessable: string | null;
  /** Stations counted (a region's assessment stations, or the one station). */
  stations: number;
  /** How many of them must report PM2.5 on a day for it to be assessable. */
  required: number;
}

/** Data days of a region (default: `defaultRegion`) or of a station, up to `date` (default today). */
export async function dataDays(
  db: Db,
  registry: Registry,
  target: { region?: string; station?: string; defaultRegion: string | null },
  now: number,
  date?: string,
): Promise<DataDays> {
  const { idx, stations } = registry;
  if (target.station !== undefined) {
    const s = stations.find((x) => x.code === target.station);
    if (!s) throw new LantianError('LT_ERR_STATION_NOT_FOUND', target.station);
    const region = idx.byCode.get(s.region_adcode);
    const today = region ? regionToday(region, now) : new Date(now).toISOString().slice(0, 10);
    const upTo = date ?? today;
    const span = await dailySpan(db, [s.id], upTo);
    return {
      region: null,
      station: s.code,
      today,
      ...span,
      lastAssessable: await lastDayWithStations(db, [s.id], 1, upTo),
      stations: 1,
      required: 1,
    };
  }
  const adcode = target.region ?? target.defaultRegion;
  if (!adcode) throw new LantianError('LT_ERR_REGION_NOT_FOUND', '尚未登记行政区');
  const region = idx.byCode.get(adcode);
  if (!region) throw new LantianError('LT_ERR_REGION_NOT_FOUND', adcode);
  const today = regionToday(region, now);
  const upTo = date ?? today;
  const codes = new Set(subtree(idx, adcode));
  const chosen = chooseAssessmentStations(
    region,
    stations.filter((s) => codes.has(s.region_adcode)),
  ).stations;
  const ids = chosen.map((s) => s.id);
  const required = requiredStations(ids.length);
  const span = await dailySpan(db, ids, upTo);
  return {
    region: adcode,
    station: null,
    today,
    ...span,
    lastAssessable: ids.length ? await lastDayWithStations(db, ids, required, upTo) : null,
    stations: ids.length,
    required: ids.length ? required : 0,
  };
}
