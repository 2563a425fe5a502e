/**
 * Settings of the open-burning domain (LANTIAN_FIRES_*), parsed once by zod. Every window and
 * deadline is configuration with a default because no published rule fixes them (UNVERIFIED,
 * docs/dust-fires-reports.md § 露天焚烧).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { EXTENSION_TYPES } from '../blobs/sniff-type.ts';
import { LantianError } from '../errors.ts';
import { defaultMapDir } from '../web/map-routes.ts';
import type { MergeWindows } from './rules/merge-window.ts';

/** The fires part of the configuration. */
export interface FiresConfig {
  /** The city whose county map places the points. */
  readonly cityAdcode: string;
  /** GeoJSON of the counties (GCJ-02, properties.adcode and name). */
  readonly countyMapFile: string;
  /** GeoJSON of the townships (GCJ-02, properties code, name, county). */
  readonly townshipFile: string;
  readonly merge: MergeWindows;
  /** Minutes the county has to answer a dispatched fire. */
  readonly confirmMinutes: number;
  /** Seconds between two escalation runs in `serve` (0: not run by serve). */
  readonly escalateIntervalSeconds: number;
  /** Largest hotspot file, bytes. */
  readonly maxFileBytes: number;
  /** Largest camera image or answer photo, bytes. */
  readonly maxImageBytes: number;
  /** Most photos one answer may carry. */
  readonly maxPhotos: number;
  /** Alarms one camera may post per minute. */
  readonly cameraPerMinute: number;
  /** Camera-endpoint requests one address may make per minute (authenticated or not). */
  readonly addressPerMinute: number;
  /** Media types of images (as sniffed). */
  readonly imageTypes: readonly string[];
}

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const MB = 1024 * 1024;
const HERE = dirname(fileURLToPath(import.meta.url));

/** The demo township file shipped with Lantian (approximate areas, see its README). */
export const DEMO_TOWNSHIPS = join(HERE, '..', '..', 'data', 'fires', 'townships-demo.geojson');

const FiresEnv = z.object({
  LANTIAN_FIRES_CITY: z
    .string()
    .regex(/^\d{6}$/)
    .default('130400'),
  LANTIAN_FIRES_COUNTY_MAP: z.string().min(1).optional(),
  LANTIAN_FIRES_TOWNSHIPS: z.string().min(1).default(DEMO_TOWNSHIPS),
  LANTIAN_FIRES_MERGE_KM: z.coerce.number().positive().max(50).default(1),
  LANTIAN_FIRES_MERGE_HOURS: z.coerce.number().positive().max(168).default(6),
  LANTIAN_FIRES_CONFIRM_MIN: int(1, 10_080).default(60),
  LANTIAN_FIRES_ESCALATE_INTERVAL_S: int(0, 86_400).default(60),
  LANTIAN_FIRES_MAX_FILE_MB: z.coerce.number().positive().max(512).default(20),
  LANTIAN_FIRES_MAX_IMAGE_MB: z.coerce.number().positive().max(100).default(5),
  LANTIAN_FIRES_MAX_PHOTOS: int(1, 20).default(5),
  LANTIAN_FIRES_CAMERA_PER_MIN: int(1, 10_000).default(30),
  LANTIAN_FIRES_ADDRESS_PER_MIN: int(1, 100_000).default(120),
});

/** Reads the fires settings from an environment. */
export function firesConfigFromEnv(env: NodeJS.ProcessEnv = process.env): FiresConfig {
  const parsed = FiresEnv.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new LantianError('LT_ERR_BAD_CONFIG', `${first?.path.join('.')}: ${first?.message}`);
  }
  const e = parsed.data;
  return Object.freeze({
    cityAdcode: e.LANTIAN_FIRES_CITY,
    countyMapFile:
      e.LANTIAN_FIRES_COUNTY_MAP ?? join(defaultMapDir(), `${e.LANTIAN_FIRES_CITY}.json`),
    townshipFile: e.LANTIAN_FIRES_TOWNSHIPS,
    merge: { km: e.LANTIAN_FIRES_MERGE_KM, hours: e.LANTIAN_FIRES_MERGE_HOURS },
    confirmMinutes: e.LANTIAN_FIRES_CONFIRM_MIN,
    escalateIntervalSeconds: e.LANTIAN_FIRES_ESCALATE_INTERVAL_S,
    maxFileBytes: Math.round(e.LANTIAN_FIRES_MAX_FILE_MB * MB),
    maxImageBytes: Math.round(e.LANTIAN_FIRES_MAX_IMAGE_MB * MB),
    maxPhotos: e.LANTIAN_FIRES_MAX_PHOTOS,
    cameraPerMinute: e.LANTIAN_FIRES_CAMERA_PER_MIN,
    addressPerMinute: e.LANTIAN_FIRES_ADDRESS_PER_MIN,
    imageTypes: [...new Set(['jpg', 'png', 'webp'].map((x) => EXTENSION_TYPES[x]!))],
  });
}
