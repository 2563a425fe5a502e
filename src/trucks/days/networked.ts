/**
 * "Networked vehicles" (联网车辆) against the plan's target: the 2020 plan (三.(三).6.1, target t1)
 * asks for 12,600 China IV+ heavy diesel trucks with remote monitoring "联网" with the
 * environment department. Lantian counts a registered vehicle as networked when it sent data
 * within the last LANTIAN_TRUCKS_NETWORKED_DAYS days (default 30) — the plan defines no window
 * (UNVERIFIED reading, a setting). The target's value is read from the plan's own definition
 * (task_targets), so an edited plan moves it; the county scope applies to the count.
 */
import type { z } from 'zod';
import type { Principal } from '../../auth/principal.ts';
import type { Db } from '../../store/db.ts';
import { listVehicles } from '../vehicle-repo.ts';
import { vehicleFilter } from '../vehicle-scope.ts';
import type { NetworkedOut } from './day-schema.ts';
import type { TruckDaysConfig } from './days-config.ts';

/** Networked and registered vehicles in scope at `now`, and the plan target they count toward. */
export async function networkedVehicles(
  db: Db,
  p: Principal,
  cfg: TruckDaysConfig,
  now: number,
): Promise<z.output<typeof NetworkedOut>> {
  const since = now - cfg.networkedDays * 86_400_000;
  const visible = (await listVehicles(db.kysely)).filter(await vehicleFilter(db, p));
  const networked = visible.filter(
    (v) => v.status?.last_record_time != null && Number(v.status.last_record_time) >= since,
  ).length;
  const t = await db.kysely
    .selectFrom('task_targets')
    .select(['plan', 'number', 'target_id', 'metric', 'unit', 'value'])
    .where('number', '=', cfg.planTarget.number)
    .where('target_id', '=', cfg.planTarget.targetId)
    .orderBy('plan', 'desc')
    .executeTakeFirst();
  const cityWide = p.role === 'city-admin' || p.role === 'department';
  const target =
    t && t.value !== null
      ? {
          plan: t.plan,
          number: t.number,
          targetId: t.target_id,
          metric: t.metric,
          unit: t.unit,
          value: t.value,
        }
      : null;
  return {
    windowDays: cfg.networkedDays,
    since,
    registered: visible.length,
    networked,
    target,
    ratio: target && cityWide ? Math.round((networked / target.value) * 10_000) / 10_000 : null,
  };
}
