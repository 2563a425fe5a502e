/**
 * `lantian plan load <id>`: registers a plan kept as data: its regions through the region
 * registry (province, city, units; functional zones as level 'zone'), its stations, and the plan
 * itself. Loading the same files again changes nothing; changed files become a new version.
 */
import { join } from 'node:path';
import { registerRegion, registerStations } from '../air/registry-service.ts';
import type { ActorContext } from '../audit/actor.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../store/db.ts';
import { latestVersion } from './plan-repo.ts';
import { PLANS_DIR, readPlanFolder } from './plan-files.ts';
import {
  createDraft,
  createPlan,
  publishVersion,
  versionView,
  type PlanVersionView,
} from './plan-service.ts';
import { replaceDocument } from './plan-edits.ts';

/** Options of a load. */
export interface LoadPlanOptions {
  /** Folder holding plan folders (default data/plans). */
  plansDir?: string;
  /** Publish the loaded version (default true: the files are the official plan). */
  publish?: boolean;
}

/** What a load did. */
export interface LoadPlanResult {
  action: 'created' | 'unchanged' | 'new-version' | 'draft-updated';
  plan: PlanVersionView;
  regions: number;
  stations: number;
  files: string[];
}

/** Loads data/plans/<id>/ into the store. */
export async function loadPlan(
  db: Db,
  clock: Clock,
  who: ActorContext,
  id: string,
  opts: LoadPlanOptions = {},
): Promise<LoadPlanResult> {
  const dir = join(opts.plansDir ?? PLANS_DIR, id);
  const { document: doc, stations, files } = readPlanFolder(dir);
  const publish = opts.publish ?? true;
  const c = doc.city;
  if (c.parentAdcode)
    await registerRegion(db, clock, {
      adcode: c.parentAdcode,
      name: c.parentName ?? c.parentAdcode,
      parentAdcode: null,
      level: 'province',
    });
  await registerRegion(db, clock, {
    adcode: c.adcode,
    name: c.name,
    parentAdcode: c.parentAdcode,
    level: 'city',
  });
  for (const u of doc.units)
    await registerRegion(db, clock, {
      adcode: u.adcode,
      name: u.fullName || u.name,
      parentAdcode: c.adcode,
      level: u.level,
    });
  if (stations.length > 0) await registerStations(db, clock, stations);
  const regions = doc.units.length + 1 + (c.parentAdcode ? 1 : 0);
  const base = { regions, stations: stations.length, files };

  const latest = await latestVersion(db, doc.id);
  if (!latest) {
    const plan = await createPlan(db, clock, who, doc, { publish, note: `由 ${dir} 载入` });
    return { action: 'created', plan, ...base };
  }
  if (latest.document === JSON.stringify(doc) && (latest.status === 'published' || !publish))
    return { action: 'unchanged', plan: versionView(latest), ...base };
  let version = latest.version;
  let action: LoadPlanResult['action'] = 'draft-updated';
  if (latest.status === 'published') {
    version = (await createDraft(db, clock, who, doc.id, undefined, `由 ${dir} 载入`)).version;
    action = 'new-version';
  }
  let plan = await replaceDocument(db, clock, who, doc.id, version, doc);
  if (publish) plan = await publishVersion(db, clock, who, doc.id, version);
  return { action, plan, ...base };
}
