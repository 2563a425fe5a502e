/**
 * The site-alarm job inside `serve`: every LANTIAN_DUST_INTERVAL_S seconds (default 900) it runs
 * the site alarms (monitor-service.ts), one run at a time.
 */
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { startPeriodicJob, type PeriodicJob } from '../periodic-job.ts';
import type { Db } from '../store/db.ts';
import type { DustConfig } from './dust-config.ts';
import { runSiteAlarms } from './monitor-service.ts';

/** Starts the periodic runs (none when the interval is 0). */
export function startDustJob(
  deps: { db: Db; clock: Clock; log: Logger },
  cfg: DustConfig,
): PeriodicJob {
  return startPeriodicJob(
    () =>
      runSiteAlarms(deps.db, cfg, deps.clock.now())
        .then((r) => {
          if (r.created > 0) deps.log.info(r, '扬尘监测告警已更新');
        })
        .catch((e: Error) => deps.log.error({ err: e.message }, '扬尘监测告警计算失败')),
    { intervalMs: cfg.intervalSeconds * 1000, firstDelayMs: 7000 },
  );
}
