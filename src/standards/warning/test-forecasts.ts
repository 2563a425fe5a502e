// Helpers of the warning tests: forecasts from AQI lists and grading under an edition.
import { addDays } from '../local-date.ts';
import type { Pollutant } from '../pollutants.ts';
import type { Forecast, ForecastDay } from './forecast.ts';
import { gradeForecast, type WarningGrade } from './grade-forecast.ts';
import type { LocalRuleSet } from './local-rules.ts';
import type { EpisodeCause } from './rule-set.ts';
import {
  NATIONAL_WARNING_SETTINGS,
  resolveWarningRules,
  type WarningSettings,
} from './warning-config.ts';
import type { WarningEdition } from './warning-editions.ts';

/** A day spec: an AQI (PM2.5-led) or a partial day. */
export type DaySpec =
  | number
  | {
      aqi: number;
      primary?: Pollutant | Pollutant[];
      cause?: EpisodeCause;
      rolling24hAqi?: number;
    };

/** A forecast of consecutive days from `start` (default 2020-12-01). */
export function forecastOf(
  specs: readonly DaySpec[],
  options: { start?: string; issued?: string | null; region?: string | null } = {},
): Forecast {
  const start = options.start ?? '2020-12-01';
  const days: ForecastDay[] = specs.map((s, i) => {
    const o = typeof s === 'number' ? { aqi: s } : s;
    const primary = o.primary === undefined ? ['PM2.5' as const] : [o.primary].flat();
    return {
      date: addDays(start, i),
      aqi: o.aqi,
      primary,
      cause: o.cause ?? null,
      rolling24hAqi: o.rolling24hAqi ?? null,
    };
  });
  return { region: options.region ?? null, issued: options.issued ?? null, days };
}

/** Grades AQI specs under an edition with national settings (overridable). */
export function grade(
  edition: WarningEdition,
  specs: readonly DaySpec[],
  settings: Partial<WarningSettings> & { localRules?: LocalRuleSet | null } = {},
  options: { issued?: string | null; start?: string } = {},
): WarningGrade {
  const s: WarningSettings = { ...NATIONAL_WARNING_SETTINGS, ...settings };
  const f = forecastOf(specs, options);
  return gradeForecast(f, resolveWarningRules(s, f.days[0]!.date, edition));
}

/** Just the recommended level. */
export function levelOf(
  edition: WarningEdition,
  specs: readonly DaySpec[],
  settings: Partial<WarningSettings> = {},
): string {
  return grade(edition, specs, settings).level;
}
