/**
 * The fire escalation job inside `serve`: every LANTIAN_FIRES_ESCALATE_INTERVAL_S seconds
 * (default 60) it raises overdue fires to the city office (escalation-service.ts).
 */
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { startPeriodicJob, type PeriodicJob } from '../periodic-job.ts';
import type { Db } from '../store/db.ts';
import { escalateOverdue } from './escalation-service.ts';
import type { FiresConfig } from './fires-config.ts';

/** Starts the periodic escalation (none when the interval is 0). */
export function startFiresJob(
  deps: { db: Db; clock: Clock; log: Logger },
  cfg: FiresConfig,
): PeriodicJob {
  return startPeriodicJob(
    () =>
      escalateOverdue(deps.db, deps.clock.now())
        .then((ids) => {
          if (ids.length > 0) deps.log.info({ ids }, '火点超时未反馈，已提级至市大气办');
        })
        .catch((e: Error) => deps.log.error({ err: e.message }, '火点提级失败')),
    { intervalMs: cfg.escalateIntervalSeconds * 1000, firstDelayMs: 5000 },
  );
}
