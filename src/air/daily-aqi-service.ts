/**
 * Daily AQI series of a region or a station. Each day is indexed with the AQI edition in force on
 * that day (HJ 633-2026 from 2026-03-01) unless the caller fixes one, and says which it used.
 */
import { LantianError } from '../errors.ts';
import type { z } from 'zod';
import {
  aqiEditionFor,
  dailyAqi,
  type AqiEdition,
  type AqiResult,
  type DailyRecord,
} from '../standards/index.ts';
import type { Db } from '../store/db.ts';
import { DEFAULT_AIR_RULES, type AirRules } from './air-rules.ts';
import { aqiSummary } from './aqi-summary.ts';
import { stationDailyRecords } from './daily-repo.ts';
import { regionDailySeries } from './region-daily-series.ts';
import type { DailyAqiDayOut, DayAqiOut } from './schema.ts';
import { findStation } from './station-repo.ts';
import { parseDateRange } from '../time/date-input.ts';

/** The AQI of one day (the shape every answer shares, air/schema.ts). */
export type DayAqi = z.output<typeof DayAqiOut>;

/** One day of a daily AQI report, with the sub-indices and concentrations behind it. */
export type DailyAqiDay = z.output<typeof DailyAqiDayOut>;

/** The daily AQI result `r` of `date` under `edition`, as answers show it. */
export function dayAqiOf(date: string, edition: AqiEdition, r: AqiResult): DayAqi {
  return { date, edition, ...aqiSummary(r) };
}

/**
 * Indexes daily records, one edition per day (the one in force on the day unless `edition` fixes
 * it), each with its edition's rule for an AQI with indicators missing (`rules`).
 */
export function indexDays(
  days: readonly DailyRecord[],
  edition?: AqiEdition,
  rules: AirRules = DEFAULT_AIR_RULES,
): DailyAqiDay[] {
  return days.map((d) => {
    const ed = edition ?? aqiEditionFor(d.date);
    const r = dailyAqi(d, ed, { missingData: rules.missingData[ed] });
    const { date, ...concentrations } = d;
    return {
      ...dayAqiOf(date, ed, r),
      missing: r.missing,
      partialAqi: r.partialAqi,
      iaqi: r.iaqi,
      concentrations,
    };
  });
}

/** Daily AQI of a region over [from, to]. */
export async function regionDailyAqi(
  db: Db,
  adcode: string,
  from: string,
  to: string,
  edition?: AqiEdition,
  rules: AirRules = DEFAULT_AIR_RULES,
) {
  const s = await regionDailySeries(db, adcode, from, to, rules);
  return {
    region: { adcode: s.region.adcode, name: s.region.name },
    from,
    to,
    stations: s.reporting,
    days: indexDays(s.days, edition, rules),
  };
}

/** Daily AQI of a station over [from, to]. */
export async function stationDailyAqi(
  db: Db,
  code: string,
  from: string,
  to: string,
  edition?: AqiEdition,
  rules: AirRules = DEFAULT_AIR_RULES,
) {
  parseDateRange(from, to);
  const station = await findStation(db, code);
  if (!station) throw new LantianError('LT_ERR_STATION_NOT_FOUND', code);
  const days = (await stationDailyRecords(db, [station.id], from, to)).get(station.id) ?? [];
  if (days.length === 0)
    throw new LantianError('LT_ERR_NO_DATA', `${station.name}（${code}）${from} 至 ${to}`);
  return {
    station: { code: station.code, name: station.name },
    from,
    to,
    days: indexDays(days, edition, rules),
  };
}
