/**
 * The running states the production-without-treatment alarm reads: per production line and hour,
 * from the electricity sub-metering part (src/sources/power/state-service.ts), for every
 * enterprise that has meters.
 */
import type { Db } from '../../store/db.ts';
import { lineStates } from '../power/state-service.ts';
import type { RunningRules } from '../power/rules/meter-state.ts';
import type { LineStatesSource } from './collect-episodes.ts';

/** A source of line states from the power meters' readings. */
export function powerLineStates(db: Db, rules: RunningRules): LineStatesSource {
  return async (from, to) => {
    const out: Awaited<ReturnType<LineStatesSource>> = new Map();
    const metered = await db.kysely
      .selectFrom('power_meters')
      .select('enterprise_id')
      .distinct()
      .execute();
    for (const { enterprise_id } of metered)
      for (const l of await lineStates(db.kysely, enterprise_id, from, to, rules))
        out.set(l.lineId, l.hours);
    return out;
  };
}
