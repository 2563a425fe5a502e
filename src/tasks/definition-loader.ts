/**
 * `lantian tasks load <plan>`: reads data/plans/<plan>/tasks, checks it against the plan's own
 * units (data/plans/<plan>/units.csv, read by the plan domain's reader), registers the city and
 * units as regions when they are missing, and replaces the plan's key-task definitions in one
 * transaction. Reloading the same files changes nothing; a reload that would orphan existing
 * progress reports is refused.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { findRegion } from '../air/region-repo.ts';
import { registerRegion } from '../air/registry-service.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { ActorContext } from '../audit/actor.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import { PLANS_DIR, readPlanFolder } from '../plan/plan-files.ts';
import type { Db } from '../store/db.ts';
import { loadedDigest, replaceDefinitions, saveDepartments } from './definition-repo.ts';
import { compileTaskPlan } from './rules/task-plan-compile.ts';
import { readTaskFiles } from './task-files.ts';
import { planCounts, type PlanCounts } from './rules/task-plan-counts.ts';
import type { TaskPlan } from './task-model.ts';

/** What a load did. */
export interface LoadTasksResult {
  plan: string;
  action: 'loaded' | 'unchanged';
  source: string;
  /** Regions registered because the store did not have them yet. */
  regionsRegistered: number;
  counts: PlanCounts;
}

/** A stable digest of compiled definitions. */
export function planDigest(plan: TaskPlan): string {
  const json = JSON.stringify(plan, (_k, v: unknown) =>
    v instanceof Map ? [...(v as Map<unknown, unknown>)] : v,
  );
  return createHash('sha256').update(json).digest('hex');
}

/** Registers the plan's province, city and units as regions where the store lacks them. */
async function ensureRegions(
  db: Db,
  clock: Clock,
  doc: ReturnType<typeof readPlanFolder>['document'],
): Promise<number> {
  let n = 0;
  const ensure = async (
    adcode: string,
    name: string,
    parentAdcode: string | null,
    level: string,
  ): Promise<void> => {
    if (await findRegion(db, adcode)) return;
    await registerRegion(db, clock, { adcode, name, parentAdcode, level });
    n++;
  };
  const c = doc.city;
  if (c.parentAdcode)
    await ensure(c.parentAdcode, c.parentName ?? c.parentAdcode, null, 'province');
  await ensure(c.adcode, c.name, c.parentAdcode, 'city');
  for (const u of doc.units) await ensure(u.adcode, u.fullName || u.name, c.adcode, u.level);
  return n;
}

/** Loads data/plans/<plan>/tasks into the store. */
export async function loadTasks(
  db: Db,
  clock: Clock,
  ctx: ActorContext,
  planId: string,
  opts: { plansDir?: string } = {},
): Promise<LoadTasksResult> {
  const dir = join(opts.plansDir ?? PLANS_DIR, planId);
  const source = join(dir, 'tasks');
  const files = readTaskFiles(source);
  if (files.index.plan !== planId)
    throw new LantianError('LT_ERR_TASKS_INVALID', `tasks.json 的 plan 为 ${files.index.plan}`);
  const { document: doc } = readPlanFolder(dir);
  const { plan, problems } = compileTaskPlan(files, {
    cityAdcode: doc.city.adcode,
    cityName: '全市',
    units: doc.units.map((u) => ({ adcode: u.adcode, name: u.name })),
  });
  if (problems.length > 0) {
    throw new LantianError(
      'LT_ERR_TASKS_INVALID',
      `${source}：${problems.length} 处问题，如 ${problems.slice(0, 5).join('；')}`,
      { problems },
    );
  }
  const regionsRegistered = await ensureRegions(db, clock, doc);
  const counts = planCounts(plan);
  const digest = planDigest(plan);
  if ((await loadedDigest(db, planId)) === digest)
    return { plan: planId, action: 'unchanged', source, regionsRegistered, counts };

  const rows = new Set(plan.measures.flatMap((m) => m.units.map((u) => `${m.number}|${u}`)));
  const reported = await db.kysely
    .selectFrom('task_reports')
    .select(['number', 'unit_adcode'])
    .distinct()
    .where('plan', '=', planId)
    .execute();
  const orphans = reported.filter((r) => !rows.has(`${r.number}|${r.unit_adcode}`));
  if (orphans.length > 0) {
    const list = orphans.map((o) => `${o.number} ${o.unit_adcode}`);
    throw new LantianError(
      'LT_ERR_TASKS_INVALID',
      `新定义中缺少已有进展报告的任务：${list.slice(0, 10).join('、')}`,
      { problems: list },
    );
  }
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    await saveDepartments(trx, plan.departments);
    await replaceDefinitions(trx, plan, { source, digest, loadedAt: now, loadedBy: ctx.actor });
    await recordAudit(trx, now, {
      ...ctx,
      action: 'task.load',
      target: `tasks:${planId}`,
      detail: { source, digest, ...counts },
    });
  });
  return { plan: planId, action: 'loaded', source, regionsRegistered, counts };
}
