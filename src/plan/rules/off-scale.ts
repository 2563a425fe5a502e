/**
 * AQI "off the scale" (爆表, pure): hourly AQI of a unit from the mean hourly concentrations of its
 * assessment stations (HJ 633 real-time report, `hourlyAqi`), and the run of hours above the
 * scale. HJ 633 caps the AQI at 500, so with the default threshold (500) an hour is off the
 * scale when an IAQI was capped, i.e. a concentration lay above the table's last breakpoint; a
 * lower threshold compares the published AQI. Moving means for HJ 633-2012 (PM 24 h, O3 8 h)
 * need ≥ 20 of 24 and ≥ 6 of 8 hours (GB 3095 Table 4 by analogy; UNVERIFIED for moving means).
 */
import {
  hourlyAqi,
  type AqiEdition,
  type AqiResult,
  type HourlyAqiInput,
} from '../../standards/index.ts';

/** The plan's off-scale rule. */
export interface OffScaleRule {
  aqiAbove: number;
  minHours: number;
  consecutive: boolean;
}

/** Hourly concentrations by pollutant code (SO2, NO2, CO, O3, PM10, PM2.5), index = hour. */
export type HourlySeries = Readonly<Record<string, ReadonlyArray<number | null>>>;

/** Trailing moving mean over `window` hours with at least `minValid` values. */
export function movingMean(
  values: ReadonlyArray<number | null>,
  window: number,
  minValid: number,
): Array<number | null> {
  const out: Array<number | null> = [];
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number') {
      sum += v;
      n++;
    }
    const drop = i - window >= 0 ? values[i - window] : null;
    if (typeof drop === 'number') {
      sum -= drop;
      n--;
    }
    out.push(i >= window - 1 && n >= minValid ? sum / n : null);
  }
  return out;
}

/** Hourly AQI reports for every hour of the series. */
export function hourlyAqiSeries(series: HourlySeries, edition: AqiEdition): AqiResult[] {
  const len = Math.max(0, ...Object.values(series).map((v) => v.length));
  const get = (p: string) => series[p] ?? new Array<number | null>(len).fill(null);
  const pm25_24 = movingMean(get('PM2.5'), 24, 20);
  const pm10_24 = movingMean(get('PM10'), 24, 20);
  const so2_24 = movingMean(get('SO2'), 24, 20);
  const o3_8 = movingMean(get('O3'), 8, 6);
  const out: AqiResult[] = [];
  for (let h = 0; h < len; h++) {
    const input: HourlyAqiInput = {
      SO2_1h: get('SO2')[h] ?? null,
      NO2_1h: get('NO2')[h] ?? null,
      CO_1h: get('CO')[h] ?? null,
      O3_1h: get('O3')[h] ?? null,
      PM10_1h: get('PM10')[h] ?? null,
      'PM2.5_1h': get('PM2.5')[h] ?? null,
      O3_8h: o3_8[h] ?? null,
      PM10_24h: pm10_24[h] ?? null,
      'PM2.5_24h': pm25_24[h] ?? null,
      SO2_24h: so2_24[h] ?? null,
    };
    out.push(hourlyAqi(input, edition));
  }
  return out;
}

/** True when an hourly report is above the threshold (capped IAQI for 500). */
export function isOffScale(r: AqiResult, aqiAbove: number): boolean {
  if (aqiAbove >= 500) return Object.values(r.notes).includes('capped');
  const aqi = r.aqi ?? r.partialAqi;
  return aqi !== null && aqi > aqiAbove;
}

/** Hours off the scale, the longest run, and whether the rule is met. */
export interface OffScaleSummary {
  hours: number;
  longestRun: number;
  triggered: boolean;
}

/** Summarises off-scale hours under the rule. */
export function offScaleSummary(flags: readonly boolean[], rule: OffScaleRule): OffScaleSummary {
  let hours = 0;
  let run = 0;
  let longest = 0;
  for (const f of flags) {
    if (f) {
      hours++;
      run++;
      longest = Math.max(longest, run);
    } else run = 0;
  }
  const triggered = (rule.consecutive ? longest : hours) >= rule.minHours;
  return { hours, longestRun: longest, triggered };
}
