/**
 * The raw-frame archive inside `serve`: opened in LANTIAN_TRUCKS_ARCHIVE_DIR (default
 * `trucks-archive` beside the SQLite data file), with a daily job that applies the retention
 * (LANTIAN_TRUCKS_ARCHIVE_DAYS, default 30) and logs what it removed.
 */
import { dirname, join } from 'node:path';
import { startPeriodicJob, type PeriodicJob } from '../periodic-job.ts';
import { openTruckArchive, type TruckArchive } from './archive/truck-archive.ts';
import type { TrucksConfig } from './trucks-config.ts';

const DAY_MS = 86_400_000;
/** First retention run this long after the start (not in the start-up rush). */
const FIRST_RUN_MS = 60_000;

/** A pino-like logger. */
interface Log {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** The archive directory of a configuration. */
export function truckArchiveDir(trucks: TrucksConfig, sqlitePath: string): string {
  return trucks.archiveDir ?? join(dirname(sqlitePath), 'trucks-archive');
}

/** The opened archive and its retention job. */
export interface TruckArchiveService {
  archive: TruckArchive;
  dir: string;
  stop(): Promise<void>;
}

/** Opens the archive and starts the daily retention job. */
export async function startTruckArchive(
  trucks: TrucksConfig,
  sqlitePath: string,
  log: Log,
): Promise<TruckArchiveService> {
  const dir = truckArchiveDir(trucks, sqlitePath);
  const archive = await openTruckArchive(dir, { retentionDays: trucks.archiveDays });
  const job = startPeriodicJob(
    async () => {
      try {
        const r = await archive.applyRetention();
        log.info(
          { dir, retentionDays: trucks.archiveDays, ...r },
          r.days.length > 0
            ? `重型车原始帧归档：已删除超过 ${trucks.archiveDays} 天的 ${r.days.length} 天数据（${r.files} 个文件，${r.bytes} 字节）`
            : `重型车原始帧归档：没有超过 ${trucks.archiveDays} 天的数据需要删除`,
        );
      } catch (e) {
        log.error({ err: (e as Error).message, dir }, '重型车原始帧归档保留期清理失败');
      }
    },
    { intervalMs: DAY_MS, firstDelayMs: FIRST_RUN_MS },
  );
  return {
    archive,
    dir,
    async stop() {
      await job.stop();
      await archive.close();
    },
  };
}
