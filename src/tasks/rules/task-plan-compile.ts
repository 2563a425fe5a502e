/**
 * From the task files to a checked TaskPlan (pure). Every problem is collected with the measure it
 * belongs to, so that a person fixing a transcription sees all of them at once: unknown
 * departments or units, a target without a final milestone, a per-unit target missing a unit …
 */
import { buildDepartmentRegistry } from './department-registry.ts';
import type {
  CampaignFile,
  DepartmentsFile,
  LeafFile,
  TasksIndex,
  UnitGroupsFile,
} from '../task-data-schema.ts';
import type {
  DepartmentDef,
  MeasureDef,
  MilestoneDef,
  TargetDef,
  TaskPlan,
} from '../task-model.ts';
import { expandUnitToken, expandUnitTokens, type UnitUniverse } from './unit-tokens.ts';

/** The parsed files of a tasks folder. */
export interface TaskFiles {
  index: TasksIndex;
  departments: DepartmentsFile;
  groups: UnitGroupsFile;
  campaigns: CampaignFile[];
}

/** The plan's units (from the plan's own data: data/plans/<id>/units.csv) and its city. */
export interface PlanUnits {
  cityAdcode: string;
  cityName: string;
  units: ReadonlyArray<{ adcode: string; name: string }>;
}

/** The compiled plan with the problems found (an empty list means it may be loaded). */
export interface CompiledTasks {
  plan: TaskPlan;
  problems: string[];
}

const NUMBER_RE = /^三\.\([一二三四五六七八九十]+\)\.\d+(\.\d+)?$/;

/** Compiles and checks the task files against the plan's units. */
export function compileTaskPlan(files: TaskFiles, units: PlanUnits): CompiledTasks {
  const problems: string[] = [];
  const departments: DepartmentDef[] = files.departments.departments.map((d) => ({
    code: d.code,
    name: d.name,
    aliases: d.aliases,
    parent: d.parent ?? null,
    note: d.note ?? null,
  }));
  let registry;
  try {
    registry = buildDepartmentRegistry(departments);
  } catch (e) {
    problems.push(`departments: ${(e as Error).message}`);
    registry = buildDepartmentRegistry([]);
  }
  for (const d of departments)
    if (d.parent && !departments.some((p) => p.code === d.parent))
      problems.push(`departments: ${d.name} 的上级 ${d.parent} 不存在`);

  const counties = units.units.map((u) => u.adcode);
  const universe: UnitUniverse = {
    cityAdcode: units.cityAdcode,
    counties,
    groups: new Map(files.groups.groups.map((g) => [g.name, g.units])),
  };
  for (const g of files.groups.groups)
    for (const a of g.units)
      if (!counties.includes(a)) problems.push(`分组 ${g.name}: ${a} 不是方案中的县（市、区）`);

  const measures: MeasureDef[] = [];
  const seen = new Set<string>();
  let sort = 0;
  const leaf = (l: LeafFile, campaign: CampaignFile, parent: string | null): MeasureDef => {
    const where = l.number;
    const expand = (tokens: readonly string[]): string[] => {
      try {
        return expandUnitTokens(tokens, universe);
      } catch (e) {
        problems.push(`${where}: ${(e as Error).message}`);
        return [];
      }
    };
    const deptCodes: string[] = [];
    for (const name of l.departments) {
      const d = registry.resolve(name);
      if (!d) problems.push(`${where}: 责任部门 "${name}" 不在部门名录中`);
      else if (!deptCodes.includes(d.code)) deptCodes.push(d.code);
    }
    const unitList = expand(l.units);
    const countyRows = unitList.filter((u) => u !== units.cityAdcode);
    const targets: TargetDef[] = l.targets.map((t) => {
      const unitValues = new Map<string, number>();
      if (t.scope === 'unit') {
        if (t.values) {
          for (const v of t.values) {
            let list: string[] = [];
            try {
              list = expandUnitToken(v.units, universe);
            } catch (e) {
              problems.push(`${where} ${t.id}: ${(e as Error).message}`);
            }
            for (const a of list.filter((x) => countyRows.includes(x))) {
              if (unitValues.has(a)) problems.push(`${where} ${t.id}: ${a} 有两个目标值`);
              unitValues.set(a, v.value);
            }
          }
        } else if (t.value !== undefined) {
          for (const a of countyRows) unitValues.set(a, t.value);
        }
        for (const a of countyRows)
          if (!unitValues.has(a)) problems.push(`${where} ${t.id}: 缺少 ${a} 的目标值`);
        if (countyRows.length === 0) problems.push(`${where} ${t.id}: 分县目标但没有责任县`);
      } else if (t.value === undefined) {
        problems.push(`${where} ${t.id}: 全市目标须有 value`);
      } else if (!unitList.includes(units.cityAdcode)) {
        problems.push(`${where} ${t.id}: 全市目标须有“全市”责任单位`);
      }
      const max = t.max === undefined ? (t.unit === '%' ? 100 : null) : t.max;
      return {
        id: t.id,
        metric: t.metric,
        unit: t.unit,
        scope: t.scope,
        direction: t.direction,
        value: t.scope === 'city' ? (t.value ?? null) : null,
        unitValues,
        max,
        note: t.note ?? null,
      };
    });
    if (new Set(targets.map((t) => t.id)).size !== targets.length)
      problems.push(`${where}: 目标编号重复`);
    const milestones: MilestoneDef[] = l.milestones.map((m) => {
      const t = m.target ? targets.find((x) => x.id === m.target) : undefined;
      if (m.target && !t) problems.push(`${where} ${m.id}: 目标 ${m.target} 不存在`);
      if (m.target && m.share === undefined) problems.push(`${where} ${m.id}: 缺少完成比例 share`);
      if (!m.target && m.share !== undefined) problems.push(`${where} ${m.id}: share 须对应目标`);
      const mu = m.units ? expand(m.units) : null;
      if (mu)
        for (const a of mu)
          if (!unitList.includes(a)) problems.push(`${where} ${m.id}: ${a} 不是责任单位`);
      return {
        id: m.id,
        date: m.date,
        label: m.label,
        targetId: m.target ?? null,
        share: m.share ?? null,
        implicit: m.implicit,
        units: mu,
      };
    });
    if (new Set(milestones.map((m) => m.id)).size !== milestones.length)
      problems.push(`${where}: 节点编号重复`);
    for (const t of targets) {
      const own = milestones
        .filter((m) => m.targetId === t.id)
        .sort((a, b) => a.date.localeCompare(b.date));
      if (own.length === 0) problems.push(`${where} ${t.id}: 没有完成节点`);
      else if (own[own.length - 1]!.share !== 1)
        problems.push(`${where} ${t.id}: 最后一个节点应为 100%`);
      for (let i = 1; i < own.length; i++)
        if ((own[i]!.share ?? 0) < (own[i - 1]!.share ?? 0))
          problems.push(`${where} ${t.id}: 节点比例应随日期递增`);
    }
    for (const a of unitList) {
      if (!milestones.some((m) => m.units === null || m.units.includes(a)))
        problems.push(`${where}: 单位 ${a} 没有任何节点`);
    }
    return {
      number: l.number,
      parent,
      campaign: campaign.campaign,
      campaignTitle: campaign.title,
      title: l.title,
      text: l.text,
      leaf: true,
      departments: deptCodes,
      units: unitList,
      unitsNote: l.unitsNote ?? null,
      start: l.start ?? files.index.start,
      targets,
      milestones,
      sort: sort++,
    };
  };

  for (const c of files.campaigns) {
    for (const m of c.measures) {
      const check = (n: string): void => {
        if (!NUMBER_RE.test(n)) problems.push(`${n}: 编号格式应为 三.(一).1 或 三.(一).1.1`);
        if (!n.startsWith(`${c.campaign}.`)) problems.push(`${n}: 不属于 ${c.campaign}`);
        if (seen.has(n)) problems.push(`${n}: 编号重复`);
        seen.add(n);
      };
      check(m.number);
      if ('subMeasures' in m) {
        const subs = m.subMeasures.map((s) => {
          check(s.number);
          if (!s.number.startsWith(`${m.number}.`))
            problems.push(`${s.number}: 不属于 ${m.number}`);
          return s;
        });
        const head = measures.length;
        measures.push({
          number: m.number,
          parent: null,
          campaign: c.campaign,
          campaignTitle: c.title,
          title: m.title,
          text: m.text,
          leaf: false,
          departments: [],
          units: [],
          unitsNote: null,
          start: files.index.start,
          targets: [],
          milestones: [],
          sort: sort++,
        });
        const built = subs.map((s) => leaf(s, c, m.number));
        measures.push(...built);
        const union = <T>(xs: T[][]): T[] => [...new Set(xs.flat())];
        const container = measures[head]!;
        measures[head] = {
          ...container,
          departments: union(built.map((b) => [...b.departments])),
          units: expandUnitTokens(union(built.map((b) => [...b.units])), universe),
        };
      } else {
        measures.push(leaf(m, c, null));
      }
    }
  }
  const unitNames = new Map<string, string>([
    [units.cityAdcode, units.cityName],
    ...units.units.map((u) => [u.adcode, u.name] as [string, string]),
  ]);
  return {
    plan: {
      plan: files.index.plan,
      meta: {
        title: files.index.planTitle,
        document: files.index.document,
        office: files.index.office,
      },
      cityAdcode: units.cityAdcode,
      start: files.index.start,
      measures,
      departments,
      unitNames,
    },
    problems,
  };
}
