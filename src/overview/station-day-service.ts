/**
 * Every station of a region with its daily AQI of one day (null where the station has no daily
 * row that day), in one answer: the 空气质量 map colours its points from it instead of asking
 * station by station and collecting a 404 for each station without data.
 */
import { DEFAULT_AIR_RULES, type AirRules } from '../air/air-rules.ts';
import { indexDays, type DailyAqiDay } from '../air/daily-aqi-service.ts';
import { restsOnSimulatedData } from '../air/simulated-data.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { dailyRecordsOfStations } from './overview-repo.ts';
import { subtree, type loadRegistry } from './overview-service.ts';

type Registry = Awaited<ReturnType<typeof loadRegistry>>;

/** The answer of GET /api/station-day. */
export interface StationDay {
  region: { adcode: string; name: string };
  date: string;
  stations: Array<{ code: string; day: DailyAqiDay | null }>;
  simulated: boolean;
}

/** Daily AQI of each station of `adcode` (and below) on `date`, in station-code order. */
export async function stationDay(
  db: Db,
  registry: Registry,
  adcode: string,
  date: string,
  rules: AirRules = DEFAULT_AIR_RULES,
): Promise<StationDay> {
  const region = registry.idx.byCode.get(adcode);
  if (!region) throw new LantianError('LT_ERR_REGION_NOT_FOUND', adcode);
  const codes = new Set(subtree(registry.idx, adcode));
  const members = registry.stations
    .filter((s) => codes.has(s.region_adcode))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  const records = await dailyRecordsOfStations(
    db,
    members.map((s) => s.id),
    date,
    date,
  );
  const stations = members.map((s) => ({
    code: s.code,
    day: indexDays(records.get(s.id) ?? [], undefined, rules)[0] ?? null,
  }));
  const reporting = stations.filter((s) => s.day !== null).map((s) => s.code);
  return {
    region: { adcode: region.adcode, name: region.name },
    date,
    stations,
    simulated: await restsOnSimulatedData(db, reporting, date, date),
  };
}
