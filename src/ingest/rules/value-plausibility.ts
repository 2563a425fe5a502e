/**
 * Which received values are measurements (pure). A value of the CP area (HJ 212-2017 Table 4
 * suffixes Rtd/Avg/Min/Max/ZsRtd/ZsAvg/ZsMin/ZsMax/Cou, "N14.2"-style numbers, Table 6) is
 * *invalid* when:
 *
 * - it is not written as a plain decimal number (`0x10`, `1e308`, `Infinity`, `1,5`: see
 *   src/standards/read-decimal.ts) — `not_decimal`; or it is blank — `blank` (missing);
 * - it is a concentration of a known pollutant outside that pollutant's plausible range, in the
 *   canonical unit after the device's unit conversion — `below_min` / `above_max`.
 *
 * An invalid value is stored (its text, with the reason) but never becomes a number in
 * device_values, so it never enters readings, AQI, statistics or rankings.
 *
 * The ranges are physical plausibility, not measuring ranges (a value above an analyzer's range
 * is a real measurement flagged T, Table 8): a concentration cannot be negative, and the upper
 * bounds lie well above any ambient or stack value on record. UNVERIFIED: HJ 817/818-2018 and
 * HJ 75-2017 do not give an upper plausibility bound, and how a small negative reading from zero
 * drift should be treated is not settled here (it is marked `below_min`); every bound is
 * configuration (LANTIAN_HJ212_PLAUSIBLE_RANGES, docs/ingest.md).
 */
import { normalizePollutant } from '../../air/pollutant-names.ts';
import type { DeviceKind } from '../../devices/aliases.ts';
import { readDecimal } from '../../standards/read-decimal.ts';

/** Why a value is not a measurement. */
export type InvalidValueReason = 'blank' | 'not_decimal' | 'below_min' | 'above_max';

/** Chinese explanation of each reason (device page, API). */
export const INVALID_VALUE_REASONS: Readonly<Record<InvalidValueReason, string>> = {
  blank: '值为空（缺测）',
  not_decimal: '不是十进制数（如 0x10、1e308、Infinity），未作为数值保存',
  below_min: '低于该污染物的合理范围下限（浓度不能为负），未计入统计',
  above_max: '超出该污染物的合理范围上限，未计入统计',
};

/** A plausible range in the canonical unit. */
export interface PlausibleRange {
  readonly min: number;
  readonly max: number;
}

/** Ranges per device kind and stored pollutant name (SO2, PM2.5 …). */
export type PlausibleRanges = Readonly<
  Record<DeviceKind, Readonly<Record<string, PlausibleRange>>>
>;

/**
 * Defaults. Air stations in µg/m³ (CO mg/m³; GB 3095-2012 Table 1 units): dust storms have
 * given hourly PM10 near 10 000 µg/m³, so particulate bounds are 30 000. Outlets in mg/m³
 * (HJ 212-2017 Table B.2 units): 1 000 000 mg/m³ is 1 kg/m³, the order of a pure gas.
 */
export const DEFAULT_PLAUSIBLE_RANGES: PlausibleRanges = Object.freeze({
  station: Object.freeze({
    SO2: { min: 0, max: 10_000 },
    NO2: { min: 0, max: 10_000 },
    NO: { min: 0, max: 10_000 },
    NOx: { min: 0, max: 20_000 },
    O3: { min: 0, max: 10_000 },
    CO: { min: 0, max: 1_000 },
    PM10: { min: 0, max: 30_000 },
    'PM2.5': { min: 0, max: 30_000 },
    PM1: { min: 0, max: 30_000 },
    TSP: { min: 0, max: 30_000 },
  }),
  outlet: Object.freeze({
    SO2: { min: 0, max: 1_000_000 },
    NO2: { min: 0, max: 1_000_000 },
    NO: { min: 0, max: 1_000_000 },
    NOx: { min: 0, max: 1_000_000 },
    CO: { min: 0, max: 1_000_000 },
    O3: { min: 0, max: 1_000_000 },
    PM10: { min: 0, max: 1_000_000 },
    'PM2.5': { min: 0, max: 1_000_000 },
    PM1: { min: 0, max: 1_000_000 },
    TSP: { min: 0, max: 1_000_000 },
  }),
});

/** Suffixes that carry a concentration (HJ 212-2017 Table 4); Cou is a quantity. */
const CONCENTRATION_SUFFIXES: ReadonlySet<string> = new Set([
  'Rtd',
  'Avg',
  'Min',
  'Max',
  'ZsRtd',
  'ZsAvg',
  'ZsMin',
  'ZsMax',
]);

/** A value as read: a number, or invalid with a reason. */
export type ValueReading =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly reason: InvalidValueReason };

/** Reads values against the ranges; the range of each (kind, code) is looked up once. */
export class ValuePlausibility {
  private readonly memo = new Map<string, PlausibleRange | null>();

  constructor(private readonly ranges: PlausibleRanges = DEFAULT_PLAUSIBLE_RANGES) {}

  /** The range of a stored code (HJ 212-2017 code) for a device kind, or null when none applies. */
  rangeOf(kind: DeviceKind, code: string): PlausibleRange | null {
    const key = `${kind}|${code}`;
    let r = this.memo.get(key);
    if (r === undefined) {
      const p = normalizePollutant(code);
      r = (p !== undefined ? this.ranges[kind][p] : undefined) ?? null;
      this.memo.set(key, r);
    }
    return r;
  }

  /**
   * Reads the text of one suffix of `code`; `factor` converts it into the canonical unit
   * (`convert` applies it without binary noise).
   */
  read(
    kind: DeviceKind,
    code: string,
    suffix: string,
    text: string,
    convert: (v: number) => number,
  ): ValueReading {
    const d = readDecimal(text);
    if (d.kind === 'blank') return { ok: false, reason: 'blank' };
    if (d.kind === 'not-decimal') return { ok: false, reason: 'not_decimal' };
    const v = convert(d.value);
    if (!Number.isFinite(v)) return { ok: false, reason: 'above_max' };
    if (!CONCENTRATION_SUFFIXES.has(suffix)) return { ok: true, value: v };
    const range = this.rangeOf(kind, code);
    if (range !== null && v < range.min) return { ok: false, reason: 'below_min' };
    if (range !== null && v > range.max) return { ok: false, reason: 'above_max' };
    return { ok: true, value: v };
  }
}

/** Key in device_values.extra that holds the reason a suffix's value is invalid. */
export function invalidKey(suffix: string): string {
  return `${suffix}.invalid`;
}

/** One invalid value of a stored row, as the API shows it. */
export interface InvalidValue {
  /** The suffix (Avg, Rtd …). */
  field: string;
  /** The text as received. */
  text: string;
  reason: InvalidValueReason;
  detail: string;
}

/**
 * Splits a stored `extra` object into the invalid values (from the `<suffix>.invalid` keys) and
 * the remaining extras.
 */
export function splitInvalid(extra: Record<string, string> | null): {
  extra: Record<string, string> | null;
  invalid: InvalidValue[];
} {
  if (extra === null) return { extra: null, invalid: [] };
  const invalid: InvalidValue[] = [];
  const rest: Record<string, string> = {};
  for (const [k, v] of Object.entries(extra)) {
    if (!k.endsWith('.invalid')) continue;
    const field = k.slice(0, -'.invalid'.length);
    const reason = (
      Object.hasOwn(INVALID_VALUE_REASONS, v) ? v : 'not_decimal'
    ) as InvalidValueReason;
    invalid.push({
      field,
      text: extra[field] ?? '',
      reason,
      detail: INVALID_VALUE_REASONS[reason],
    });
  }
  for (const [k, v] of Object.entries(extra)) {
    if (k.endsWith('.invalid') || invalid.some((i) => i.field === k)) continue;
    rest[k] = v;
  }
  return { extra: Object.keys(rest).length > 0 ? rest : null, invalid };
}
