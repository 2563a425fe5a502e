/**
 * Settings of the machinery domain (LANTIAN_MACHINERY_*), parsed once by zod. The values no
 * standard fixes (docs/standards/non-road-machinery.md §4) are settings with defaults.
 */
import { z } from 'zod';
import { MEDIA_TYPES } from '../blobs/sniff-type.ts';
import { LantianError } from '../errors.ts';

/** The machinery part of the configuration. */
export interface MachineryConfig {
  /** Largest photo, bytes. */
  readonly maxPhotoBytes: number;
  /** Most photos in one upload (a registration's or a check's). */
  readonly maxPhotos: number;
  /** Media types a photo may have (as sniffed): images only. */
  readonly photoTypes: readonly string[];
  /** Ringelmann grade from which observed black smoke is a violation (UNVERIFIED, default 2). */
  readonly ringelmannFail: number;
  /** Lowest stage allowed in a new zone unless it says otherwise (UNVERIFIED, default 3 = 国三). */
  readonly defaultMinStage: number;
}

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const Env = z.object({
  LANTIAN_MACHINERY_MAX_PHOTO_MB: z.coerce.number().positive().max(64).default(8),
  LANTIAN_MACHINERY_MAX_PHOTOS: int(1, 20).default(6),
  LANTIAN_MACHINERY_RINGELMANN_FAIL: int(1, 5).default(2),
  LANTIAN_MACHINERY_MIN_STAGE: int(1, 4).default(3),
});

/** Reads the machinery settings from an environment. */
export function machineryConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MachineryConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new LantianError('LT_ERR_BAD_CONFIG', `${first?.path.join('.')}: ${first?.message}`);
  }
  const e = parsed.data;
  return {
    maxPhotoBytes: Math.round(e.LANTIAN_MACHINERY_MAX_PHOTO_MB * 1024 * 1024),
    maxPhotos: e.LANTIAN_MACHINERY_MAX_PHOTOS,
    photoTypes: [MEDIA_TYPES.jpeg, MEDIA_TYPES.png, MEDIA_TYPES.webp, MEDIA_TYPES.heic],
    ringelmannFail: e.LANTIAN_MACHINERY_RINGELMANN_FAIL,
    defaultMinStage: e.LANTIAN_MACHINERY_MIN_STAGE,
  };
}
