/** The city a plan is for (its name as the plan writes it, e.g. 邯郸市). */
import { resolvePlanVersion } from '../plan/plan-service.ts';
import type { Db } from '../store/db.ts';

/** The plan's city name. */
export async function planName(db: Db, planId: string): Promise<string> {
  return (await resolvePlanVersion(db, planId)).document.city.name;
}
