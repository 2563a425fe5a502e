/**
 * Settings of the dust domain (LANTIAN_DUST_*). Every value is a default no standard fixes
 * (docs/standards/dust-fall.md §2, §4): the dust-fall targets of the Handan plan (overridable per
 * plan and unit in the store), the site-alarm thresholds, the rectification period and the photo
 * limits.
 */
import { z } from 'zod';
import { MEDIA_TYPES } from '../blobs/sniff-type.ts';
import { LantianError } from '../errors.ts';
import type { SiteAlarmRule } from './rules/site-alarms.ts';

/** The dust part of the configuration. */
export interface DustConfig {
  /** Default target of the main city's units, t/(km²·month) (plan 四.9: 7). */
  readonly mainCityTarget: number;
  /** Default target of the other units (plan 四.9: 8). */
  readonly otherTarget: number;
  readonly siteAlarm: SiteAlarmRule;
  /** Hours each alarm run looks back over. */
  readonly lookbackHours: number;
  /** Seconds between two alarm runs in `serve` (0: not run). */
  readonly intervalSeconds: number;
  /** Days a failed inspection gives to rectify, when no deadline is given. */
  readonly rectifyDays: number;
  readonly maxPhotoBytes: number;
  readonly maxPhotos: number;
  readonly photoTypes: readonly string[];
}

const num = (min: number, max: number) => z.coerce.number().min(min).max(max);
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const Env = z.object({
  LANTIAN_DUST_MAIN_CITY_TARGET: num(0.1, 100).default(7),
  LANTIAN_DUST_OTHER_TARGET: num(0.1, 100).default(8),
  LANTIAN_DUST_PM10_LEVEL: num(1, 10_000).default(150),
  LANTIAN_DUST_PM10_HOURS: int(1, 72).default(2),
  LANTIAN_DUST_OFFLINE_HOURS: int(1, 720).default(6),
  LANTIAN_DUST_LOOKBACK_HOURS: int(1, 24 * 62).default(48),
  LANTIAN_DUST_INTERVAL_S: int(0, 86_400).default(900),
  LANTIAN_DUST_RECTIFY_DAYS: int(1, 365).default(7),
  LANTIAN_DUST_PHOTO_BYTES: int(1024, 50 * 1024 * 1024).default(10 * 1024 * 1024),
  LANTIAN_DUST_PHOTOS: int(1, 50).default(9),
});

/** Reads the dust settings; LT_ERR_BAD_CONFIG names a bad variable. */
export function dustConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DustConfig {
  const r = Env.safeParse(env);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new LantianError('LT_ERR_BAD_CONFIG', `${String(i.path[0])}：${i.message}`);
  }
  const e = r.data;
  return {
    mainCityTarget: e.LANTIAN_DUST_MAIN_CITY_TARGET,
    otherTarget: e.LANTIAN_DUST_OTHER_TARGET,
    siteAlarm: {
      level: e.LANTIAN_DUST_PM10_LEVEL,
      hours: e.LANTIAN_DUST_PM10_HOURS,
      offlineHours: e.LANTIAN_DUST_OFFLINE_HOURS,
    },
    lookbackHours: e.LANTIAN_DUST_LOOKBACK_HOURS,
    intervalSeconds: e.LANTIAN_DUST_INTERVAL_S,
    rectifyDays: e.LANTIAN_DUST_RECTIFY_DAYS,
    maxPhotoBytes: e.LANTIAN_DUST_PHOTO_BYTES,
    maxPhotos: e.LANTIAN_DUST_PHOTOS,
    photoTypes: [
      MEDIA_TYPES.jpeg,
      MEDIA_TYPES.png,
      MEDIA_TYPES.webp,
      MEDIA_TYPES.heic,
      MEDIA_TYPES.gif,
    ],
  };
}
