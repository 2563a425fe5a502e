/**
 * The compliance runner inside `serve`: every LANTIAN_COMPLIANCE_INTERVAL_S seconds (default
 * 900) it checks the enterprises of every active episode (compliance-runner.ts), one run at a
 * time. Stopping waits for a run in progress.
 */
import type { Logger } from 'pino';
import type { Clock } from '../../clock.ts';
import { startPeriodicJob, type PeriodicJob } from '../../periodic-job.ts';
import type { RunningRules } from '../../sources/power/rules/meter-state.ts';
import type { Db } from '../../store/db.ts';
import type { ComplianceConfig } from './compliance-config.ts';
import { runCompliance } from './compliance-runner.ts';

/** Starts the periodic runs (none when the interval is 0). */
export function startComplianceJob(
  deps: { db: Db; clock: Clock; log: Logger; rules: RunningRules },
  cfg: ComplianceConfig,
): PeriodicJob {
  return startPeriodicJob(
    () =>
      runCompliance(deps.db, cfg, deps.rules, deps.clock.now())
        .then((r) => {
          if (r.opened + r.updated > 0) deps.log.info(r, '预警期间违规检查已更新');
        })
        .catch((e: Error) => deps.log.error({ err: e.message }, '预警期间违规检查失败')),
    { intervalMs: cfg.intervalSeconds * 1000, firstDelayMs: 10_000 },
  );
}
