/** A region's daily values: the mean over its assessment stations of each station-day (HJ 663). */
import { LantianError } from '../errors.ts';
import {
  regionDailyCoverage,
  type DailyRecord,
  type DailyValueKey,
  type StationCoverage,
} from '../standards/index.ts';
import type { Db } from '../store/db.ts';
import type { Station } from './tables.ts';
import { DEFAULT_AIR_RULES, type AirRules } from './air-rules.ts';
import { stationDailyRecords, stationServiceSpans } from './daily-repo.ts';
import { assessedRegion, type AssessedRegion } from './region-stations.ts';
import { parseDateRange } from '../time/date-input.ts';

/** The region, the stations that counted and its daily records. */
export interface RegionDailySeries extends AssessedRegion {
  from: string;
  to: string;
  days: DailyRecord[];
  /** Per date: stations with a valid value, expected and required, per daily value. */
  coverage: Map<string, Record<DailyValueKey, StationCoverage>>;
  /** Stations with at least one daily record in the range. */
  reporting: string[];
}

/** The pollutant a daily value comes from (O3 8-h and 1-h values come from O3). */
function pollutantOfKey(key: DailyValueKey): string {
  return key === 'O3_8h' || key === 'O3_1h' ? 'O3' : key;
}

/** True when the station's programme includes the pollutant (an empty programme: everything). */
function measures(station: Station, pollutant: string): boolean {
  let list: unknown;
  try {
    list = JSON.parse(station.pollutants);
  } catch {
    return true;
  }
  return !Array.isArray(list) || list.length === 0 || list.includes(pollutant);
}

/** A station and the span of days it has given data over all time (its service). */
export interface ServingStation {
  station: Station;
  first: string;
  last: string;
}

/** The stations among `stations` that ever gave data, with their service span. */
export async function servingStations(
  db: Db,
  stations: readonly Station[],
): Promise<ServingStation[]> {
  const spans = await stationServiceSpans(
    db,
    stations.map((s) => s.id),
  );
  return stations.flatMap((station) => {
    const span = spans.get(station.id);
    return span ? [{ station, ...span }] : [];
  });
}

/**
 * Stations expected to give a pollutant's value on a date: those in service that day (between
 * their first and last day with data, over all time — so a station opened later or closed earlier
 * is not missing) whose programme has the pollutant (a point without CO is not missing a CO
 * value). The same whatever range is asked for.
 */
export function expectedStations(
  serving: readonly ServingStation[],
): (date: string, pollutant: string) => number {
  const byPollutant = new Map<string, ServingStation[]>();
  return (date, pollutant) => {
    let list = byPollutant.get(pollutant);
    if (!list)
      byPollutant.set(pollutant, (list = serving.filter((s) => measures(s.station, pollutant))));
    return list.filter((s) => s.first <= date && date <= s.last).length;
  };
}

/**
 * Daily records of a region over [from, to]. A value needs the share of the expected stations
 * (expectedStations) that `rules` asks for. Throws LT_ERR_NO_DATA when none of its assessment
 * stations has data in the range.
 */
export async function regionDailySeries(
  db: Db,
  adcode: string,
  from: string,
  to: string,
  rules: AirRules = DEFAULT_AIR_RULES,
): Promise<RegionDailySeries> {
  parseDateRange(from, to);
  const assessed = await assessedRegion(db, adcode);
  const byStation = await stationDailyRecords(
    db,
    assessed.stations.map((s) => s.id),
    from,
    to,
  );
  const reporting = assessed.stations.filter((s) => (byStation.get(s.id)?.length ?? 0) > 0);
  if (reporting.length === 0) {
    const why =
      assessed.stations.length === 0 ? '该行政区没有参与考核的站点' : `${from} 至 ${to} 没有数据`;
    throw new LantianError('LT_ERR_NO_DATA', `${assessed.region.name}（${adcode}）：${why}`);
  }
  const expected = expectedStations(await servingStations(db, assessed.stations));
  const days = regionDailyCoverage(
    reporting.map((s) => byStation.get(s.id) ?? []),
    {
      minStationShare: rules.minStationShare,
      expectedStations: (date, key) => expected(date, pollutantOfKey(key)),
    },
  );
  return {
    ...assessed,
    from,
    to,
    days: days.map((d) => d.record),
    coverage: new Map(days.map((d) => [d.record.date, d.coverage])),
    reporting: reporting.map((s) => s.code),
  };
}
