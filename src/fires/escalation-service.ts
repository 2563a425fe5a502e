/**
 * Escalation: a fire the county has not answered by its deadline is raised to the city office
 * (status escalated, logged and audited as the system). Run by the periodic job (fires-job.ts)
 * with the clock's time; idempotent (an escalated fire is not raised again).
 */
import { recordAudit } from '../audit/audit-log.ts';
import type { Db } from '../store/db.ts';
import { logEvent, overdueEvents, updateEvent } from './fire-repo.ts';

/** Escalates every overdue fire; returns the ids raised. */
export async function escalateOverdue(db: Db, now: number): Promise<number[]> {
  return db.kysely.transaction().execute(async (trx) => {
    const due = await overdueEvents(trx, now);
    for (const e of due) {
      await updateEvent(trx, e.id, { status: 'escalated', escalated_at: now });
      await logEvent(trx, {
        event_id: e.id,
        at: now,
        action: 'escalated',
        actor: 'system',
        detail: JSON.stringify({ deadlineAt: e.deadline_at, to: 'city-admin' }),
      });
      await recordAudit(trx, now, {
        actor: 'system',
        action: 'fire.escalate',
        target: `fire-event:${e.id}`,
        detail: { county: e.county_adcode, deadlineAt: e.deadline_at },
      });
    }
    return due.map((e) => e.id);
  });
}
