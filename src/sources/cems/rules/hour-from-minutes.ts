/**
 * An hourly value built from minute values (CN 2051) when no hourly upload (CN 2061) came
 * (HJ 212-2017 Appendix D.2; docs/standards/ultra-low.md §4): the mean of the valid minute
 * means, valid with at least 45 of them; flag N when at least 75 % of the minutes are normal,
 * else D; the emission amount is the sum of the minutes' amounts.
 */
import { flagCounts, type FlagPolicy } from './flag-validity.ts';

/** Valid minute values an hourly mean needs. */
export const MIN_MINUTES_PER_HOUR = 45;
/** Share of normal underlying values for a normal aggregate flag (flue gas). */
export const NORMAL_SHARE = 0.75;
/** Minutes in an hour (the denominator of the 75 % rule). */
const MINUTES = 60;

/** One minute value of one code. */
export interface MinuteValue {
  avg: number | null;
  zsAvg: number | null;
  cou: number | null;
  flag: string | null;
}

/** An hour built from minutes. */
export interface MinuteHour {
  avg: number | null;
  zsAvg: number | null;
  cou: number | null;
  flag: string;
  valid: boolean;
  /** Minute values received. */
  minutes: number;
  /** Of which valid. */
  validMinutes: number;
}

function mean(xs: number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Builds the hour from its minute values. */
export function hourFromMinutes(values: readonly MinuteValue[], policy: FlagPolicy): MinuteHour {
  const avgs: number[] = [];
  const zs: number[] = [];
  let cou: number | null = null;
  let validMinutes = 0;
  for (const v of values) {
    if (v.cou !== null) cou = (cou ?? 0) + v.cou;
    if (v.avg === null || !flagCounts(v.flag, policy)) continue;
    validMinutes++;
    avgs.push(v.avg);
    if (v.zsAvg !== null) zs.push(v.zsAvg);
  }
  const valid = validMinutes >= MIN_MINUTES_PER_HOUR;
  return {
    avg: mean(avgs),
    // A corrected mean only when every valid minute carried one.
    zsAvg: zs.length === avgs.length ? mean(zs) : null,
    cou,
    flag: validMinutes >= NORMAL_SHARE * MINUTES ? 'N' : 'D',
    valid,
    minutes: values.length,
    validMinutes,
  };
}
