/**
 * Whose fire it is: an event belongs to its county; the city office sees every event, a county
 * account its own region and the regions below it (src/auth/scope.ts), nobody else any.
 */
import type { Principal } from '../auth/principal.ts';
import { loadRegionTree } from '../auth/region-ancestry.ts';
import { regionAncestors, visibleRegions } from '../auth/scope.ts';
import { assertScope } from '../auth/scope.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { findEvent } from './fire-repo.ts';
import type { FireEvent } from './tables.ts';

/** The counties whose events the principal may list. */
export async function visibleCounties(db: Db, p: Principal): Promise<'all' | string[]> {
  return visibleRegions(p, await loadRegionTree(db));
}

/** The event, if it exists and the principal may see it (404 / 403 otherwise). */
export async function visibleEvent(db: Db, p: Principal, id: number): Promise<FireEvent> {
  const e = await findEvent(db.kysely, id);
  if (!e) throw new LantianError('LT_ERR_FIRE_EVENT_NOT_FOUND', `#${id}`);
  const tree = await loadRegionTree(db);
  assertScope(p, { regionAncestry: regionAncestors(tree, e.county_adcode) }, `火点 #${id}`);
  return e;
}
