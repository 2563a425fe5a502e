/**
 * The alarm runner inside `serve`: every LANTIAN_ALARMS_INTERVAL_S seconds (default 300) it runs
 * the detectors and the escalation step (alarm-runner.ts), one run at a time. Stopping waits for
 * a run in progress.
 */
import type { Logger } from 'pino';
import type { Clock } from '../../clock.ts';
import { startPeriodicJob, type PeriodicJob } from '../../periodic-job.ts';
import type { Db } from '../../store/db.ts';
import type { AlarmsConfig } from './alarm-config.ts';
import { runAlarms } from './alarm-runner.ts';
import type { LineStatesSource } from './collect-episodes.ts';

/** Starts the periodic runs (none when the interval is 0). */
export function startAlarmJob(
  deps: { db: Db; clock: Clock; log: Logger; lineStates?: LineStatesSource },
  cfg: AlarmsConfig,
): PeriodicJob {
  return startPeriodicJob(
    () =>
      runAlarms(deps.db, cfg, deps.clock.now(), deps.lineStates)
        .then((r) => {
          if (r.opened + r.escalated + r.cleared + r.recurred > 0) deps.log.info(r, '告警已更新');
        })
        .catch((e: Error) => deps.log.error({ err: e.message }, '告警计算失败')),
    { intervalMs: cfg.intervalSeconds * 1000, firstDelayMs: 5000 },
  );
}
