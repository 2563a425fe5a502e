/**
 * Settings of remote sensing, black smoke and roadside checks from the environment
 * (LANTIAN_ROADSIDE_*). The limits and the over-standard rule are UNVERIFIED
 * (docs/standards/remote-sensing.md §1–§3), so they are settings with defaults; the device
 * endpoint's bounds (photo size and count, posts per minute) keep unauthenticated input small.
 */
import { z } from 'zod';
import { LantianError } from '../errors.ts';
import type { RoadsideRules } from './rules/limits.ts';

const num = (min: number, max: number) => z.coerce.number().min(min).max(max);
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const optionalNum = (min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === '' || s === 'off') return null;
      const n = Number(s);
      if (!Number.isFinite(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `应为 ${min}–${max} 或 off` });
        return z.NEVER;
      }
      return n;
    });

const RoadsideEnv = z.object({
  LANTIAN_ROADSIDE_OPACITY_LIMIT: num(0, 30).default(1.2),
  LANTIAN_ROADSIDE_NO_LIMIT_PPM: num(0, 10_000).default(1500),
  LANTIAN_ROADSIDE_RINGELMANN_FAIL_AT: int(1, 5).default(2),
  LANTIAN_ROADSIDE_CO_LIMIT_PCT: optionalNum(0, 20),
  LANTIAN_ROADSIDE_HC_LIMIT_PPM: optionalNum(0, 20_000),
  LANTIAN_ROADSIDE_WINDOW_MONTHS: int(1, 24).default(6),
  LANTIAN_ROADSIDE_CONSECUTIVE: z.enum(['on', 'off']).default('on'),
  LANTIAN_ROADSIDE_PHOTO_MAX_BYTES: int(1024, 20 * 1024 * 1024).default(2 * 1024 * 1024),
  LANTIAN_ROADSIDE_MAX_PHOTOS: int(0, 8).default(3),
  LANTIAN_ROADSIDE_POSTS_PER_MINUTE: int(1, 100_000).default(120),
  LANTIAN_ROADSIDE_MAX_AHEAD_S: int(0, 86_400).default(600),
});

/** The roadside part of the configuration. */
export interface RoadsideConfig {
  readonly rules: RoadsideRules;
  /** Largest photo (decoded bytes). */
  readonly photoMaxBytes: number;
  /** Photos per posted record. */
  readonly maxPhotos: number;
  /** Posts one device, or one address without a valid device token, may make per minute. */
  readonly postsPerMinute: number;
  /** How far ahead of the server clock a record time may lie (device clock skew). */
  readonly maxAheadMs: number;
}

/** Reads the settings; LT_ERR_BAD_CONFIG names the first bad variable. */
export function roadsideConfigFromEnv(env: NodeJS.ProcessEnv): RoadsideConfig {
  const r = RoadsideEnv.safeParse(env);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new LantianError('LT_ERR_BAD_CONFIG', `${String(i.path[0])}：${i.message}`);
  }
  const e = r.data;
  return {
    rules: {
      opacityLimit: e.LANTIAN_ROADSIDE_OPACITY_LIMIT,
      noLimitPpm: e.LANTIAN_ROADSIDE_NO_LIMIT_PPM,
      ringelmannFailAt: e.LANTIAN_ROADSIDE_RINGELMANN_FAIL_AT,
      coLimitPct: e.LANTIAN_ROADSIDE_CO_LIMIT_PCT,
      hcLimitPpm: e.LANTIAN_ROADSIDE_HC_LIMIT_PPM,
      windowMonths: e.LANTIAN_ROADSIDE_WINDOW_MONTHS,
      consecutive: e.LANTIAN_ROADSIDE_CONSECUTIVE === 'on',
    },
    photoMaxBytes: e.LANTIAN_ROADSIDE_PHOTO_MAX_BYTES,
    maxPhotos: e.LANTIAN_ROADSIDE_MAX_PHOTOS,
    postsPerMinute: e.LANTIAN_ROADSIDE_POSTS_PER_MINUTE,
    maxAheadMs: e.LANTIAN_ROADSIDE_MAX_AHEAD_S * 1000,
  };
}
