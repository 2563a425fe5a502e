/** A region's daily values: the mean over its assessment stations of each station-day (HJ 663). */
import { LantianError } from '../errors.ts';
import { regionDaily, type DailyRecord } from '../standards/index.ts';
import type { Db } from '../store/db.ts';
import { parseDateRange } from '../time/calendar-date.ts';
import { stationDailyRecords } from './daily-repo.ts';
import { assessedRegion, type AssessedRegion } from './region-stations.ts';

/** The region, the stations that counted and its daily records. */
export interface RegionDailySeries extends AssessedRegion {
  from: string;
  to: string;
  days: DailyRecord[];
  /** Stations with at least one daily record in the range. */
  reporting: string[];
}

/**
 * Daily records of a region over [from, to]. Throws LT_ERR_NO_DATA when none of its assessment
 * stations has data in the range.
 */
export async function regionDailySeries(
  db: Db,
  adcode: string,
  from: string,
  to: string,
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
  return {
    ...assessed,
    from,
    to,
    days: regionDaily([...byStation.values()]),
    reporting: reporting.map((s) => s.code),
  };
}
