/**
 * Truck counts for the emergency-reduction lists (emergency_transport, src/warnings/lists): each
 * enterprise that has at least one gate gets its average daily truck entries over the last 30
 * days (entries through its gates ÷ 30, rounded), written with updated_by 'gates'. Enterprises
 * without gates keep what was entered by hand. Runs daily inside `serve` (gate-ops-job.ts).
 */
import { recordAudit } from '../../audit/audit-log.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../store/db.ts';
import { saveTransport } from '../../warnings/lists/matrix-repo.ts';
import { entriesOfGatedEnterprises } from './stats-repo.ts';

/** Days averaged over. */
export const TRANSPORT_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

/** Updates emergency_transport from the gates; returns how many enterprises were written. */
export async function updateTransportFromGates(db: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  const counts = await entriesOfGatedEnterprises(
    db.kysely,
    now - TRANSPORT_WINDOW_DAYS * DAY_MS,
    now,
  );
  await db.kysely.transaction().execute(async (trx) => {
    for (const c of counts)
      await saveTransport(trx, {
        enterprise_id: c.enterpriseId,
        trucks_per_day: Math.round(c.entries / TRANSPORT_WINDOW_DAYS),
        updated_by: 'gates',
        updated_at: now,
      });
  });
  await recordAudit(db, now, {
    actor: 'system',
    action: 'gates.transport-update',
    target: null,
    detail: { enterprises: counts.length, windowDays: TRANSPORT_WINDOW_DAYS },
  });
  return counts.length;
}
