/**
 * Settings of the gate domain (门禁), read from LANTIAN_GATES_* / LANTIAN_GATE_PHOTO_DIR with
 * defaults. Values the sources leave open (standards-mobile-limits.md §3, UNVERIFIED) are settings
 * here: how an unknown emission stage is treated, the photo limits, the lateness threshold.
 */
import { z } from 'zod';
import { LantianError } from '../errors.ts';

/** The gate settings. */
export interface GatesConfig {
  /** Root of the gate photo store (separate from task attachments; the retention job deletes from it). */
  photoDir: string;
  /** Largest photo accepted, bytes (default 1 MiB). */
  maxPhotoBytes: number;
  /** Most photos in one passage request. */
  maxPhotos: number;
  /** Largest whole gate request, bytes (multipart body). */
  maxRequestBytes: number;
  /** A passage received more than this many minutes after its time is marked late. */
  lateMinutes: number;
  /** True: a passage without an emission stage is treated as banned during a ban (default). */
  unknownStageBanned: boolean;
  /** Refused credentials per address and minute before LT_ERR_GATE_RATE. */
  authFailuresPerMinute: number;
  /** Days of own passages averaged when the enterprise has no emergency_transport figure. */
  truckCountDays: number;
}

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const GatesEnv = z.object({
  LANTIAN_GATE_PHOTO_DIR: z.string().min(1).default('var/gate-photos'),
  LANTIAN_GATES_PHOTO_BYTES: int(1024, 64 * 1024 * 1024).default(1024 * 1024),
  LANTIAN_GATES_PHOTOS: int(1, 24).default(12),
  LANTIAN_GATES_REQUEST_BYTES: int(4096, 512 * 1024 * 1024).default(8 * 1024 * 1024),
  LANTIAN_GATES_LATE_MINUTES: int(0, 10_080).default(10),
  LANTIAN_GATES_UNKNOWN_STAGE_BANNED: bool.default(true),
  LANTIAN_GATES_AUTH_FAILURES: int(1, 100_000).default(30),
  LANTIAN_GATES_TRUCK_DAYS: int(1, 366).default(30),
});

/** Reads the gate settings from an environment. */
export function gatesConfigFromEnv(env: NodeJS.ProcessEnv = process.env): GatesConfig {
  const parsed = GatesEnv.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new LantianError('LT_ERR_BAD_CONFIG', `${first?.path.join('.')}: ${first?.message}`);
  }
  const e = parsed.data;
  return Object.freeze({
    photoDir: e.LANTIAN_GATE_PHOTO_DIR,
    maxPhotoBytes: e.LANTIAN_GATES_PHOTO_BYTES,
    maxPhotos: e.LANTIAN_GATES_PHOTOS,
    maxRequestBytes: e.LANTIAN_GATES_REQUEST_BYTES,
    lateMinutes: e.LANTIAN_GATES_LATE_MINUTES,
    unknownStageBanned: e.LANTIAN_GATES_UNKNOWN_STAGE_BANNED,
    authFailuresPerMinute: e.LANTIAN_GATES_AUTH_FAILURES,
    truckCountDays: e.LANTIAN_GATES_TRUCK_DAYS,
  });
}
