/**
 * Overdue cases are raised to the city office: a case still being verified after its deadline is
 * marked escalated once, with a timeline entry the reporter sees and an audit record. Runs inside
 * `serve` every LANTIAN_TIPOFF_ESCALATE_INTERVAL_S seconds (startTipoffJob) and from tests with
 * the clock they move.
 */
import type { Logger } from 'pino';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { startPeriodicJob, type PeriodicJob } from '../periodic-job.ts';
import type { Db } from '../store/db.ts';
import type { TipoffConfig } from './tipoff-config.ts';
import { addEvent, overdue, updateTipoff } from './tipoff-repo.ts';

/** Escalates every overdue case; returns how many. */
export async function escalateOverdue(db: Db, now: number): Promise<number> {
  const rows = await overdue(db.kysely, now);
  for (const r of rows) {
    await db.kysely.transaction().execute(async (trx) => {
      await updateTipoff(trx, r.id, { escalated: 1, updated_at: now });
      await addEvent(
        trx,
        r.id,
        now,
        '系统',
        'escalated',
        `超过核查期限（${r.county ?? r.department}）`,
      );
      await recordAudit(trx, now, {
        actor: 'system',
        action: 'tipoff.escalated',
        target: `tipoff:${r.id}`,
        detail: { county: r.county, department: r.department, deadlineAt: r.deadline_at },
      });
    });
  }
  return rows.length;
}

/** Starts the periodic escalation (none when the interval is 0). */
export function startTipoffJob(
  deps: { db: Db; clock: Clock; log: Logger },
  cfg: Pick<TipoffConfig, 'escalateIntervalSeconds'>,
): PeriodicJob {
  return startPeriodicJob(
    () =>
      escalateOverdue(deps.db, deps.clock.now())
        .then((n) => {
          if (n > 0) deps.log.info({ escalated: n }, '举报超期已提请督办');
        })
        .catch((e: Error) => deps.log.error({ err: e.message }, '举报超期检查失败')),
    { intervalMs: cfg.escalateIntervalSeconds * 1000, firstDelayMs: 5000 },
  );
}
