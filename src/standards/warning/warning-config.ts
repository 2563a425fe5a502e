// Warning configuration per region (docs/warnings.md §4): which edition (pinned, or by date),
// which local layer, and the values the sources leave open (UNVERIFIED → configuration with a
// default). The caller (CLI, later the warnings service) passes the configuration in.
import { assertLocalDate } from '../local-date.ts';
import { layerRules, type LocalRuleSet } from './local-rules.ts';
import type { WarningRuleSet } from './rule-set.ts';
import {
  EDITION_2024_FROM,
  WARNING_EDITION_SPECS,
  warningEditionFor,
  type WarningEdition,
  type WarningEditionSpec,
} from './warning-editions.ts';

/**
 * Which daily AQI the thresholds read: `rolling-24h` = the higher of the natural-day AQI and the
 * day's highest 24-consecutive-hour AQI (the warning texts' "连续24小时，可跨自然日"; how it is
 * computed is UNVERIFIED); `natural-day` = the natural-day AQI only.
 */
export type DailyAqiBasis = 'rolling-24h' | 'natural-day';

/** The settings of one region. */
export interface WarningSettings {
  /** Edition pinned for the region; null = by date (2019 before 2024-01-23, 2024 from then). */
  edition: WarningEdition | null;
  /** First day of the 2024 edition when chosen by date. */
  edition2024From: string;
  /** Local stricter starts layered over the edition, or null. */
  localRules: LocalRuleSet | null;
  /**
   * Days a warning should be issued before the episode starts. National practice: 1 (24 h, the
   * 648号 wording is UNVERIFIED); Handan's 2020 plan: 3 (提前3天发布, 七.1).
   */
  requiredLeadDays: number;
  /**
   * Two episodes whose gap is shorter than this are one episode at the stricter level ("gap too
   * short for the first to clear", 2017 draft grading). UNVERIFIED value; default 36 h, the
   * UNVERIFIED lift condition, so that one clean forecast day (24 h) merges and two (48 h) do not.
   */
  mergeGapHours: number;
  /** A warning is lifted when the forecast stays below yellow this long. UNVERIFIED; 36 h. */
  liftHours: number;
  dailyAqiBasis: DailyAqiBasis;
}

/** Settings of a region as configured: any subset, with an optional Chinese name. */
export type RegionWarningSettings = Partial<WarningSettings> & { name?: string };

/** The configuration: defaults plus overrides by region code (province, city or county). */
export interface WarningConfig {
  defaults: WarningSettings;
  regions: Readonly<Record<string, RegionWarningSettings>>;
}

/** National defaults. */
export const NATIONAL_WARNING_SETTINGS: WarningSettings = {
  edition: null,
  edition2024From: EDITION_2024_FROM,
  localRules: null,
  requiredLeadDays: 1,
  mergeGapHours: 36,
  liftHours: 36,
  dailyAqiBasis: 'rolling-24h',
};

/**
 * Shipped configuration: national defaults; Handan (130400, a key-region city, so 6号 applies
 * from 2024-01-23 and 2020 replays use 648号) wants warnings 3 days ahead. No Hebei or Handan
 * threshold differing from the national ones was found, so no local layer (UNVERIFIED).
 */
export const DEFAULT_WARNING_CONFIG: WarningConfig = {
  defaults: NATIONAL_WARNING_SETTINGS,
  regions: {
    '130400': { name: '邯郸市', requiredLeadDays: 3 },
  },
};

/** Region codes from the most general to the given one: province, city, county. */
function regionChain(adcode: string): string[] {
  const chain = [`${adcode.slice(0, 2)}0000`, `${adcode.slice(0, 4)}00`, adcode];
  return chain.filter((c, i) => chain.indexOf(c) === i);
}

/** Throws a RangeError unless the settings are usable. */
export function assertWarningSettings(s: WarningSettings): void {
  assertLocalDate(s.edition2024From, 'edition2024From');
  for (const [k, v] of [
    ['requiredLeadDays', s.requiredLeadDays],
    ['mergeGapHours', s.mergeGapHours],
    ['liftHours', s.liftHours],
  ] as const)
    if (!Number.isInteger(v) || v < 0 || v > 24 * 31)
      throw new RangeError(`${k} must be an integer 0–744, got ${v}`);
}

/**
 * The settings of a region: the defaults, overridden by its province, its city and itself
 * (a county inherits Handan's settings). `null` → the defaults.
 */
export function warningSettingsFor(config: WarningConfig, adcode: string | null): WarningSettings {
  let s: WarningSettings = { ...config.defaults };
  if (adcode && /^\d{6}$/.test(adcode))
    for (const code of regionChain(adcode)) {
      const { name: _name, ...o } = config.regions[code] ?? {};
      s = { ...s, ...o };
    }
  assertWarningSettings(s);
  return s;
}

/** The rules a grading uses: the edition (chosen or pinned), its spec and the layered rules. */
export interface ResolvedWarningRules {
  edition: WarningEdition;
  spec: WarningEditionSpec;
  rules: WarningRuleSet;
  settings: WarningSettings;
}

/**
 * The edition and rules for a region's settings on a date: `override` (e.g. the CLI's
 * --edition) first, then the region's pinned edition, then the edition in force on the date.
 */
export function resolveWarningRules(
  settings: WarningSettings,
  date: string,
  override?: WarningEdition | null,
): ResolvedWarningRules {
  const edition = override ?? settings.edition ?? warningEditionFor(date, settings.edition2024From);
  const spec = WARNING_EDITION_SPECS[edition];
  return { edition, spec, rules: layerRules(spec.rules, settings.localRules), settings };
}
