/**
 * Scope rules (pure): whose data a principal may see or change. The access hook only checks the
 * role a route admits; a service that serves one county's, department's or enterprise's data asks
 * these helpers, so that a county user never reaches another county's reports through the API.
 *
 *   city-admin  everything
 *   county      data of its region and every region below it
 *   department  data owned by its department
 *   enterprise  data owned by its enterprise
 *   visitor     nothing beyond public routes
 *
 * Regions are given as an ancestry — the region's adcode followed by its parents, nearest first —
 * built by `regionAncestors(tree, adcode)` or loaded by `regionAncestry(db, adcode)`.
 */
import { LantianError } from '../errors.ts';
import type { Principal } from './principal.ts';

/** Each region's parent (null at the top): adcode → parent adcode. */
export type RegionTree = ReadonlyMap<string, string | null>;

/** The unit(s) a piece of data belongs to. */
export interface ScopeOwner {
  /** The data's region followed by its ancestors, nearest first. */
  regionAncestry?: readonly string[];
  department?: string | null;
  enterprise?: string | null;
}

/** The adcode and its ancestors, nearest first (stops at the top or at a cycle). */
export function regionAncestors(tree: RegionTree, adcode: string): string[] {
  const out = [adcode];
  for (let p = tree.get(adcode); p && !out.includes(p); p = tree.get(p)) out.push(p);
  return out;
}

/** The adcode and every region below it in the tree. */
export function regionDescendants(tree: RegionTree, adcode: string): string[] {
  const out = [adcode];
  for (let i = 0; i < out.length; i++) {
    for (const [child, parent] of tree)
      if (parent === out[i] && !out.includes(child)) out.push(child);
  }
  return out;
}

/** True when the principal may see data owned as described. */
export function canSee(p: Principal | null, owner: ScopeOwner): boolean {
  if (!p) return false;
  switch (p.role) {
    case 'city-admin':
      return true;
    case 'county':
      return p.regionAdcode !== undefined && (owner.regionAncestry ?? []).includes(p.regionAdcode);
    case 'department':
      return p.department !== undefined && owner.department === p.department;
    case 'enterprise':
      return p.enterprise !== undefined && owner.enterprise === p.enterprise;
    case 'visitor':
      return false;
  }
}

/** Throws LT_ERR_OUT_OF_SCOPE (403) unless the principal may see the data; `what` names it. */
export function assertScope(p: Principal | null, owner: ScopeOwner, what = ''): void {
  if (!canSee(p, owner)) throw new LantianError('LT_ERR_OUT_OF_SCOPE', what || undefined);
}

/** True when the principal may see data of the region whose ancestry is given. */
export function canSeeRegion(p: Principal | null, regionAncestry: readonly string[]): boolean {
  return canSee(p, { regionAncestry });
}

/** Throws LT_ERR_OUT_OF_SCOPE unless the principal may see data of the region. */
export function assertRegionScope(p: Principal | null, regionAncestry: readonly string[]): void {
  assertScope(p, { regionAncestry }, `行政区 ${regionAncestry[0] ?? ''}`);
}

/**
 * The regions whose data a principal may list: 'all' for the city office, the own subtree for a
 * county, none for the other roles (their data are scoped by department or enterprise instead).
 */
export function visibleRegions(p: Principal | null, tree: RegionTree): 'all' | string[] {
  if (p?.role === 'city-admin') return 'all';
  if (p?.role === 'county' && p.regionAdcode) return regionDescendants(tree, p.regionAdcode);
  return [];
}
