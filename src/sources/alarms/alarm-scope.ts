/**
 * Whose alarm it is: an alarm belongs to its enterprise, and the one scope rule of the sources
 * domain (../enterprise-scope.ts) decides who sees it. An alarm of an outlet not yet linked to an
 * enterprise is seen only by those who see every enterprise.
 */
import type { ActorContext } from '../../audit/actor.ts';
import type { Principal } from '../../auth/principal.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import { admits, enterpriseVisibility } from '../enterprise-scope.ts';
import { findAlarm, type AlarmWithOwner } from './alarm-repo.ts';

/** Who acts: the principal for scope, the audit context for the log. */
export interface AlarmActor {
  principal: Principal;
  ctx: ActorContext;
}

/** The alarm, if it exists and the principal may see it (404 / 403 otherwise). */
export async function visibleAlarm(db: Db, p: Principal, id: number): Promise<AlarmWithOwner> {
  const a = await findAlarm(db.kysely, id);
  if (!a) throw new LantianError('LT_ERR_ALARM_NOT_FOUND', `#${id}`);
  const v = await enterpriseVisibility(db, p);
  const ok =
    a.credit_code === null
      ? v.kind === 'all'
      : admits(v, { credit_code: a.credit_code, region_adcode: a.region_adcode ?? '' });
  if (!ok) throw new LantianError('LT_ERR_OUT_OF_SCOPE', `告警 #${id}`);
  return a;
}
