/**
 * What every alarm detector returns (pure): episodes of a condition over hours. An episode names
 * the hours it covers by their start (HOUR_MS steps, the HJ 212 convention of hours labelled by
 * their start), so that a runner evaluating an overlapping window again counts no hour twice.
 */
import { HOUR_MS } from '../../../standards/local-date.ts';

/** The kinds of alarm (docs/sources.md, Alarms). */
export type AlarmKind =
  | 'exceedance'
  | 'missing'
  | 'offline'
  | 'flat'
  | 'flag_period'
  | 'odd_calibration'
  | 'no_treatment';

/** Chinese names of the kinds, as the API and the dashboard show them. */
export const ALARM_KIND_NAMES: Readonly<Record<AlarmKind, string>> = {
  exceedance: '超标',
  missing: '数据缺失',
  offline: '离线',
  flat: '数据恒值',
  flag_period: '标记时段过长',
  odd_calibration: '非工作时段校准',
  no_treatment: '生产设施运行而治污设施未运行',
};

/** One stretch of a condition. */
export interface Episode {
  kind: AlarmKind;
  /** HJ 212 pollutant code, or null when the condition is about the whole outlet or line. */
  pollutant: string | null;
  /** Starts of the hours the episode covers, ascending (never empty). */
  hours: number[];
  /** True when the condition still holds at the end of what was examined. */
  ongoing: boolean;
  /** Facts shown with the alarm (limit, maximum, flag …). */
  detail: Record<string, unknown>;
}

/** One hourly value of one pollutant as the detectors read it. */
export interface HourValue {
  /** Start of the hour, epoch ms. */
  hour: number;
  /** The value judged (corrected mean for exceedance, measured mean otherwise); null when none. */
  value: number | null;
  /** True when the hour counts as valid data (docs/standards/hj212.md §1.9). */
  valid: boolean;
  /** Data flag as received, null when none was sent. */
  flag: string | null;
}

/** Start of the hour an instant falls in. */
export function hourOf(t: number): number {
  return Math.floor(t / HOUR_MS) * HOUR_MS;
}

/**
 * Runs of consecutive hours (each HOUR_MS after the previous) of a sorted series whose items
 * pass `keep`, as index ranges [from, to] inclusive; `joins(prev, next)` may end a run early.
 */
export function runsOf<T extends { hour: number }>(
  series: readonly T[],
  keep: (x: T) => boolean,
  joins: (first: T, next: T) => boolean = () => true,
): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i < series.length; i++) {
    const x = series[i]!;
    const prev = series[i - 1];
    const continues =
      start >= 0 &&
      prev !== undefined &&
      x.hour - prev.hour === HOUR_MS &&
      joins(series[start]!, x);
    if (!keep(x)) {
      if (start >= 0) runs.push([start, i - 1]);
      start = -1;
    } else if (!continues) {
      if (start >= 0) runs.push([start, i - 1]);
      start = i;
    }
  }
  if (start >= 0) runs.push([start, series.length - 1]);
  return runs;
}

/** The hour starts of series[from..to]. */
export function hoursIn<T extends { hour: number }>(
  series: readonly T[],
  [from, to]: [number, number],
): number[] {
  return series.slice(from, to + 1).map((x) => x.hour);
}
