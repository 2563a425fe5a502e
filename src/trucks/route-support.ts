/** What the truck routes share: roles, tags, error responses, parameters, dependencies. */
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Db } from '../store/db.ts';
import type { TruckArchiveReader } from './archive/archive-reader.ts';
import type { TruckLive } from './live.ts';
import { ErrorBody } from '../http/error-body.ts';
import type { TrucksConfig } from './trucks-config.ts';

export const tags = ['重型车远程监控'];
export const ADMIN = { access: { roles: ['city-admin'] } } as const;
export const READ = { access: { roles: ['city-admin', 'department', 'county'] } } as const;
export const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
export const VinParams = z.object({ vin: z.string().describe('车辆识别代号 VIN') });

/** What the truck routes need. */
export interface TruckRouteDeps {
  db: Db;
  clock: Clock;
  config: TrucksConfig;
  /** The running terminal listener, when one runs in this process. */
  live?: TruckLive | undefined;
  /** The raw-frame archive the recent-records route decodes (none: no records). */
  archive?: TruckArchiveReader | undefined;
}
