/**
 * Who may do what with the compliance checks (docs/warnings.md, Compliance and evaluation): the
 * city office and the environment bureau (the department that owns the monitoring network) run
 * the checks, assign violations to a county and close them; a county sees the violations of the
 * enterprises in its region and closes those assigned to it; a county sees its own county's and
 * the city's episodes. Enterprise visibility is src/sources/enterprise-scope.ts.
 */
import { departmentOwnsDevices } from '../../auth/monitoring-owner.ts';
import type { Principal } from '../../auth/principal.ts';
import { loadRegionTree } from '../../auth/region-ancestry.ts';
import { regionAncestors, regionDescendants } from '../../auth/scope.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import { findEpisode, type EpisodeRow } from './compliance-input-repo.ts';

/** True when the principal is the city office or the environment bureau. */
export async function isWarningWriter(db: Db, p: Principal): Promise<boolean> {
  if (p.role === 'city-admin') return true;
  return p.role === 'department' && (await departmentOwnsDevices(db, p.department));
}

/** Throws LT_ERR_FORBIDDEN unless the principal is the city office or the environment bureau. */
export async function assertWarningWriter(db: Db, p: Principal): Promise<void> {
  if (!(await isWarningWriter(db, p)))
    throw new LantianError('LT_ERR_FORBIDDEN', '只有市大气办和市生态环境局可以执行违规检查和交办');
}

/**
 * The episode regions a principal may see: 'all' for the writers, for a county its own subtree
 * and its ancestors (the city), none otherwise.
 */
export async function visibleEpisodeRegions(db: Db, p: Principal): Promise<'all' | string[]> {
  if (await isWarningWriter(db, p)) return 'all';
  if (p.role !== 'county' || !p.regionAdcode) return [];
  const tree = await loadRegionTree(db);
  return [
    ...regionDescendants(tree, p.regionAdcode),
    ...regionAncestors(tree, p.regionAdcode).slice(1),
  ];
}

/** The episode if the principal may see it (LT_ERR_WARNING_EPISODE_NOT_FOUND otherwise). */
export async function visibleEpisode(db: Db, p: Principal, id: number): Promise<EpisodeRow> {
  const e = await findEpisode(db.kysely, id);
  const regions = e ? await visibleEpisodeRegions(db, p) : [];
  if (!e || (regions !== 'all' && !regions.includes(e.region_adcode)))
    throw new LantianError('LT_ERR_WARNING_EPISODE_NOT_FOUND', String(id));
  return e;
}
