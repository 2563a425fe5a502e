/**
 * Suspicious data flags (pure), two rules over the flags of HJ 212-2017 Table 8
 * (docs/standards/hj212.md §1.9):
 *
 * - a long flagged period (标记时段过长): maintenance M, fault D or calibration C held for more
 *   consecutive hours than allowed (defaults M 24 h, D 24 h, C 3 h);
 * - calibration at odd hours (非工作时段校准): an hour flagged C whose local hour of day lies
 *   outside the working window (default 08:00–18:00): calibrating at night hides what the stack
 *   emits then.
 *
 * The flags, their hours and the window are configuration (docs/sources.md); the standard names
 * the states, not how long they may last.
 */
import { HOUR_MS } from '../../../standards/local-date.ts';
import { hoursIn, runsOf, type Episode } from './episode.ts';

/** One hour's flag. */
export interface HourFlag {
  hour: number;
  flag: string | null;
}

/** Settings of the flag rules. */
export interface FlagRules {
  /** Longest run of hours allowed per flag (flags not listed are not judged). */
  maxHours: Readonly<Record<string, number>>;
  /** Local working window for calibration, hours of day [from, to). */
  calibrationFrom: number;
  calibrationTo: number;
  /** Offset of local time from UTC, minutes (Asia/Shanghai: 480, no daylight saving). */
  utcOffsetMinutes: number;
}

/** Long runs of one flag for one pollutant; `series` sorted by hour. */
export function longFlagPeriods(
  pollutant: string,
  series: readonly HourFlag[],
  rules: FlagRules,
): Episode[] {
  const out: Episode[] = [];
  for (const [flag, max] of Object.entries(rules.maxHours)) {
    for (const run of runsOf(series, (x) => x.flag === flag)) {
      if (run[1] - run[0] + 1 <= max) continue;
      out.push({
        kind: 'flag_period',
        pollutant,
        hours: hoursIn(series, run),
        ongoing: run[1] === series.length - 1,
        detail: { flag, maxHours: max },
      });
    }
  }
  return out.sort((a, b) => a.hours[0]! - b.hours[0]!);
}

/** The local hour of day (0–23) of an instant. */
export function localHourOfDay(t: number, utcOffsetMinutes: number): number {
  const ms = t + utcOffsetMinutes * 60_000;
  return (((Math.floor(ms / HOUR_MS) % 24) + 24) % 24) as number;
}

/** Runs of calibration hours outside the working window, for one pollutant. */
export function oddCalibrations(
  pollutant: string,
  series: readonly HourFlag[],
  rules: FlagRules,
): Episode[] {
  const odd = (x: HourFlag): boolean => {
    if (x.flag !== 'C') return false;
    const h = localHourOfDay(x.hour, rules.utcOffsetMinutes);
    return h < rules.calibrationFrom || h >= rules.calibrationTo;
  };
  return runsOf(series, odd).map((run) => ({
    kind: 'odd_calibration' as const,
    pollutant,
    hours: hoursIn(series, run),
    ongoing: run[1] === series.length - 1,
    detail: { from: rules.calibrationFrom, to: rules.calibrationTo },
  }));
}
