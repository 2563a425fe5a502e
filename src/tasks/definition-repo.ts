/** Key-task definitions in the store: writing a compiled plan, reading it back as a TaskPlan. */
import type { Kysely } from 'kysely';
import type { Db } from '../store/db.ts';
import type { DatabaseSchema } from '../store/schema.ts';
import type {
  DepartmentDef,
  MeasureDef,
  MilestoneDef,
  TargetDef,
  TargetDirection,
  TargetScope,
  TaskPlan,
} from './task-model.ts';

type K = Kysely<DatabaseSchema>;
const kOf = (db: Db | K): K => ('kysely' in db ? db.kysely : db);

const PLAN_TABLES = [
  'task_measure_departments',
  'task_measure_units',
  'task_target_values',
  'task_targets',
  'task_milestones',
  'task_measures',
] as const;

/** Where and by whom a plan was loaded. */
export interface PlanLoadInfo {
  source: string;
  digest: string;
  loadedAt: number;
  loadedBy: string;
}

/** Upserts the department registry (departments are shared by every plan). */
export async function saveDepartments(k: K, departments: readonly DepartmentDef[]): Promise<void> {
  let sort = 0;
  for (const d of departments) {
    const row = {
      name: d.name,
      aliases: JSON.stringify(d.aliases),
      parent_code: d.parent,
      note: d.note,
      sort: sort++,
    };
    await k
      .insertInto('task_departments')
      .values({ code: d.code, ...row })
      .onConflict((oc) => oc.column('code').doUpdateSet(row))
      .execute();
  }
}

/** The digest of the definitions last loaded for a plan, or undefined. */
export async function loadedDigest(db: Db | K, plan: string): Promise<string | undefined> {
  const r = await kOf(db)
    .selectFrom('task_plans')
    .select('digest')
    .where('plan', '=', plan)
    .executeTakeFirst();
  return r?.digest;
}

/** Replaces a plan's measures, targets and milestones with the compiled ones. */
export async function replaceDefinitions(k: K, plan: TaskPlan, info: PlanLoadInfo): Promise<void> {
  for (const t of PLAN_TABLES) await k.deleteFrom(t).where('plan', '=', plan.plan).execute();
  const planRow = {
    city_adcode: plan.cityAdcode,
    start_on: plan.start,
    units_json: JSON.stringify([...plan.unitNames].map(([adcode, name]) => ({ adcode, name }))),
    meta_json: JSON.stringify(plan.meta),
    source: info.source,
    digest: info.digest,
    loaded_at: info.loadedAt,
    loaded_by: info.loadedBy,
  };
  await k
    .insertInto('task_plans')
    .values({ plan: plan.plan, ...planRow })
    .onConflict((oc) => oc.column('plan').doUpdateSet(planRow))
    .execute();
  for (const m of plan.measures) {
    const base = { plan: plan.plan, number: m.number };
    await k
      .insertInto('task_measures')
      .values({
        ...base,
        parent_number: m.parent,
        campaign: m.campaign,
        campaign_title: m.campaignTitle,
        title: m.title,
        text: m.text,
        is_leaf: m.leaf ? 1 : 0,
        units_note: m.unitsNote,
        start_on: m.start,
        sort: m.sort,
        loaded_at: info.loadedAt,
      })
      .execute();
    if (m.departments.length > 0)
      await k
        .insertInto('task_measure_departments')
        .values(m.departments.map((d, i) => ({ ...base, department_code: d, position: i })))
        .execute();
    if (m.leaf && m.units.length > 0)
      await k
        .insertInto('task_measure_units')
        .values(m.units.map((u) => ({ ...base, unit_adcode: u })))
        .execute();
    for (const t of m.targets) {
      await k
        .insertInto('task_targets')
        .values({
          ...base,
          target_id: t.id,
          metric: t.metric,
          unit: t.unit,
          scope: t.scope,
          direction: t.direction,
          value: t.value,
          max_value: t.max,
          note: t.note,
        })
        .execute();
      if (t.unitValues.size > 0)
        await k
          .insertInto('task_target_values')
          .values(
            [...t.unitValues].map(([u, v]) => ({
              ...base,
              target_id: t.id,
              unit_adcode: u,
              value: v,
            })),
          )
          .execute();
    }
    if (m.milestones.length > 0)
      await k
        .insertInto('task_milestones')
        .values(
          m.milestones.map((s) => ({
            ...base,
            milestone_id: s.id,
            due_on: s.date,
            label: s.label,
            target_id: s.targetId,
            share: s.share,
            implicit: s.implicit ? 1 : 0,
            units: s.units ? JSON.stringify(s.units) : null,
          })),
        )
        .execute();
  }
}

/** The department registry as stored. */
export async function readDepartments(db: Db | K): Promise<DepartmentDef[]> {
  const rows = await kOf(db).selectFrom('task_departments').selectAll().orderBy('sort').execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    aliases: JSON.parse(r.aliases) as string[],
    parent: r.parent_code,
    note: r.note,
  }));
}

/** Plans whose key tasks are loaded, with where they came from. */
export async function loadedPlans(db: Db | K): Promise<Array<{ plan: string } & PlanLoadInfo>> {
  const rows = await kOf(db).selectFrom('task_plans').selectAll().orderBy('plan').execute();
  return rows.map((r) => ({
    plan: r.plan,
    source: r.source,
    digest: r.digest,
    loadedAt: r.loaded_at,
    loadedBy: r.loaded_by,
  }));
}

const seq = (id: string): number => Number(id.slice(1));

/** Reads a plan's key tasks back, or undefined when none are loaded. */
export async function readTaskPlan(db: Db | K, plan: string): Promise<TaskPlan | undefined> {
  const k = kOf(db);
  const head = await k
    .selectFrom('task_plans')
    .selectAll()
    .where('plan', '=', plan)
    .executeTakeFirst();
  if (!head) return undefined;
  const [measures, depts, units, targets, values, milestones, departments] = await Promise.all([
    k.selectFrom('task_measures').selectAll().where('plan', '=', plan).orderBy('sort').execute(),
    k
      .selectFrom('task_measure_departments')
      .selectAll()
      .where('plan', '=', plan)
      .orderBy('position')
      .execute(),
    k.selectFrom('task_measure_units').selectAll().where('plan', '=', plan).execute(),
    k.selectFrom('task_targets').selectAll().where('plan', '=', plan).execute(),
    k.selectFrom('task_target_values').selectAll().where('plan', '=', plan).execute(),
    k.selectFrom('task_milestones').selectAll().where('plan', '=', plan).execute(),
    readDepartments(k),
  ]);
  const unitList = JSON.parse(head.units_json) as Array<{ adcode: string; name: string }>;
  const rank = new Map(unitList.map((u, i) => [u.adcode, i]));
  const byRank = (a: string, b: string): number => (rank.get(a) ?? 1e9) - (rank.get(b) ?? 1e9);
  const group = <T extends { number: string }>(rows: T[]): Map<string, T[]> => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.number, [...(m.get(r.number) ?? []), r]);
    return m;
  };
  const deptBy = group(depts);
  const unitBy = group(units);
  const targetBy = group(targets);
  const valueBy = group(values);
  const msBy = group(milestones);
  const out: MeasureDef[] = measures.map((m) => {
    const tvals = valueBy.get(m.number) ?? [];
    const ts: TargetDef[] = (targetBy.get(m.number) ?? [])
      .sort((a, b) => seq(a.target_id) - seq(b.target_id))
      .map((t) => ({
        id: t.target_id,
        metric: t.metric,
        unit: t.unit,
        scope: t.scope as TargetScope,
        direction: t.direction as TargetDirection,
        value: t.value,
        unitValues: new Map(
          tvals.filter((v) => v.target_id === t.target_id).map((v) => [v.unit_adcode, v.value]),
        ),
        max: t.max_value,
        note: t.note,
      }));
    const ms: MilestoneDef[] = (msBy.get(m.number) ?? [])
      .sort((a, b) => seq(a.milestone_id) - seq(b.milestone_id))
      .map((s) => ({
        id: s.milestone_id,
        date: s.due_on,
        label: s.label,
        targetId: s.target_id,
        share: s.share,
        implicit: s.implicit === 1,
        units: s.units === null ? null : (JSON.parse(s.units) as string[]),
      }));
    return {
      number: m.number,
      parent: m.parent_number,
      campaign: m.campaign,
      campaignTitle: m.campaign_title,
      title: m.title,
      text: m.text,
      leaf: m.is_leaf === 1,
      departments: (deptBy.get(m.number) ?? []).map((d) => d.department_code),
      units: (unitBy.get(m.number) ?? []).map((u) => u.unit_adcode).sort(byRank),
      unitsNote: m.units_note,
      start: m.start_on,
      targets: ts,
      milestones: ms,
      sort: m.sort,
    };
  });
  // A container's responsible units are those of its sub-measures.
  const full = out.map((c) =>
    c.leaf
      ? c
      : {
          ...c,
          units: [
            ...new Set(out.filter((x) => x.parent === c.number).flatMap((x) => x.units)),
          ].sort(byRank),
        },
  );
  return {
    plan,
    meta: JSON.parse(head.meta_json) as TaskPlan['meta'],
    cityAdcode: head.city_adcode,
    start: head.start_on,
    measures: full,
    departments,
    unitNames: new Map(unitList.map((u) => [u.adcode, u.name])),
  };
}
