/**
 * The key tasks as data against the plan itself: the seed text is parsed here — numbered measures
 * per campaign of section 三, the "（责任部门：…）" paragraphs, every department named — and the
 * loaded plan must match it: every measure present, every paragraph with its own departments a
 * leaf, every department named in the registry, every text verbatim from the plan.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../src/audit/audit-log.ts';
import { fixedClock } from '../src/clock.ts';
import { readTaskPlan } from '../src/tasks/definition-repo.ts';
import { buildDepartmentRegistry } from '../src/tasks/rules/department-registry.ts';
import { planCounts } from '../src/tasks/rules/task-plan-counts.ts';
import { loadTasks } from '../src/tasks/definition-loader.ts';
import { allRows } from '../src/tasks/rules/row-plan.ts';
import type { TaskPlan } from '../src/tasks/task-model.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

/**
 * The plan's text, in the repository (test/fixtures/handan-2020/README.md says where it comes
 * from). Read relative to this file, never from outside the repository; a missing copy fails the
 * whole file with its path, it does not skip.
 */
const SEED = fileURLToPath(new URL('./fixtures/handan-2020/work-plan.txt', import.meta.url));
function seedText(): string {
  if (!existsSync(SEED))
    throw new Error(`fixture missing: ${SEED} (the plan's text, see test/fixtures/README.md)`);
  return readFileSync(SEED, 'utf8');
}

/** Section 三 of the seed as paragraphs, with the page breaks of the source joined. */
function sectionThree(): string[] {
  const paras: string[] = [];
  for (const line of seedText().split('\n')) {
    if (!line.trim()) continue;
    const prev = paras[paras.length - 1];
    const opens = /^\s*(\d+\.|[（(][一二三四五六七][）)]|[一二三四五六七]、)/.test(line);
    if (prev !== undefined && !/[。）)：；]$/.test(prev) && !opens)
      paras[paras.length - 1] = prev + line;
    else paras.push(line);
  }
  const a = paras.findIndex((p) => p.startsWith('三、重点任务'));
  const b = paras.findIndex((p) => p.startsWith('四、保障措施'));
  if (a < 0 || b < a) throw new Error(`${SEED}: section 三、重点任务 … 四、保障措施 not found`);
  return paras.slice(a + 1, b);
}

const CAMPAIGN_RE = /^[（(]([一二三四五六七])[）)]/;
const DEPT_RE = /[（(]责任部门[:：]([^）)]*)[）)]/g;

/** What the seed says: numbered measures and department paragraphs per campaign, and departments. */
function seedFacts() {
  const measures = new Map<string, number>();
  const leaves = new Map<string, number>();
  const departments = new Set<string>();
  let campaign = '';
  for (const p of sectionThree()) {
    const c = CAMPAIGN_RE.exec(p);
    if (c) {
      campaign = `三.(${c[1]})`;
      continue;
    }
    if (/^\d+\.\s*/.test(p)) measures.set(campaign, (measures.get(campaign) ?? 0) + 1);
    for (const m of p.matchAll(DEPT_RE)) {
      leaves.set(campaign, (leaves.get(campaign) ?? 0) + 1);
      for (const d of m[1]!.split('，责任主体')[0]!.split('、')) departments.add(d.trim());
    }
  }
  return { measures, leaves, departments, text: sectionThree().join('\n') };
}

describe.each(dialectsUnderTest())('tasks load on %s', (dialect) => {
  let t: TestStore;
  let plan: TaskPlan;
  const clock = fixedClock(Date.UTC(2020, 3, 9));
  const seed = seedFacts();

  beforeAll(async () => {
    t = await openTestStore(dialect);
    const r = await loadTasks(t.db, clock, { actor: 'test', ip: null }, 'handan-2020');
    expect(r.action).toBe('loaded');
    plan = (await readTaskPlan(t.db, 'handan-2020'))!;
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('has every numbered measure of every campaign of section 三', () => {
    const loaded = new Map<string, number>();
    for (const m of plan.measures.filter((x) => x.parent === null))
      loaded.set(m.campaign, (loaded.get(m.campaign) ?? 0) + 1);
    expect(seed.measures.size).toBe(7);
    expect(loaded).toEqual(seed.measures);
    expect([...seed.measures.values()].reduce((a, b) => a + b, 0)).toBe(46);
    // Numbers run 1…n in each campaign, as the plan numbers them.
    for (const [campaign, n] of seed.measures) {
      const nums = plan.measures.filter((m) => m.campaign === campaign && m.parent === null);
      expect(nums.map((m) => m.number)).toEqual(
        Array.from({ length: n }, (_, i) => `${campaign}.${i + 1}`),
      );
    }
  });

  it('tracks every paragraph with its own departments as a leaf (sub-measures)', () => {
    const leaves = new Map<string, number>();
    for (const m of plan.measures.filter((x) => x.leaf))
      leaves.set(m.campaign, (leaves.get(m.campaign) ?? 0) + 1);
    expect(leaves).toEqual(seed.leaves);
    expect(planCounts(plan)).toMatchObject({
      measures: 46,
      subMeasures: 23,
      leaves: 59,
      targets: 36,
      milestones: 109,
      departments: 24,
      leadDepartments: 24,
    });
  });

  it('keeps the plan text verbatim and titles from the plan', () => {
    for (const m of plan.measures) {
      expect(seed.text, m.number).toContain(m.leaf && m.parent ? m.text : m.text.split('\n')[0]);
      if (m.parent === null) expect(m.text.startsWith(m.title), m.number).toBe(true);
    }
  });

  it('knows every department the plan names, merged names as one', () => {
    const registry = buildDepartmentRegistry(plan.departments);
    expect(seed.departments.size).toBe(25);
    for (const d of seed.departments) expect(registry.resolve(d), d).not.toBeNull();
    expect(registry.resolve('市公安交巡警支队')?.code).toBe(
      registry.resolve('市公安局交巡警支队')?.code,
    );
    expect(registry.covers('市公安局', 'jxjzd')).toBe(true);
    expect(registry.covers('市公安局交巡警支队', 'gaj')).toBe(false);
    // Each leaf's departments are exactly those of its paragraph.
    for (const m of plan.measures.filter((x) => x.leaf)) {
      const named = [...m.text.matchAll(DEPT_RE)].flatMap((x) =>
        x[1]!.split('，责任主体')[0]!.split('、'),
      );
      expect(m.departments, m.number).toEqual([
        ...new Set(named.map((d) => registry.resolve(d)!.code)),
      ]);
    }
  });

  it('transcribes quantities and deadlines', () => {
    const m = (n: string) => plan.measures.find((x) => x.number === n)!;
    const kilns = m('三.(五).2');
    expect(kilns.targets[0]).toMatchObject({ value: 492, unit: '家', scope: 'city', max: 492 });
    expect(kilns.milestones.map((x) => [x.date, x.share])).toEqual([
      ['2020-06-30', 0.6],
      ['2020-09-30', 1],
    ]);
    expect(m('三.(二).2.1').targets[0]).toMatchObject({ value: 45.8, unit: '万户' });
    expect(m('三.(二).2.1').milestones[0]!.date).toBe('2020-10-31');
    expect(m('三.(三).6.1').targets[0]).toMatchObject({ value: 12600, unit: '辆' });
    expect(m('三.(五).1').targets.map((x) => x.value)).toEqual([223, 117, 130]);
    const bricks = m('三.(一).4').targets[0]!;
    expect(bricks.scope).toBe('unit');
    expect(bricks.unitValues.get('130403')).toBe(100); // 主城区
    expect(bricks.unitValues.get('130408')).toBe(30); // 传输通道县 (UNVERIFIED list)
    expect(bricks.unitValues.get('130426')).toBe(10); // 涉县: 其他县
    expect(m('三.(四).11').milestones.find((x) => x.id === 'm1')!.units).toHaveLength(8);
    expect(m('三.(一).3').units).toEqual(['130400', '130408']);
    expect(plan.measures.filter((x) => x.leaf).every((x) => x.units.length > 0)).toBe(true);
  });

  it('gives every row something to do, each milestone measured or ticked off', () => {
    const rows = allRows(plan);
    expect(rows).toHaveLength(1074);
    for (const r of rows) {
      const where = `${r.measure.number}@${r.unit}`;
      expect(r.milestones.length, where).toBeGreaterThan(0);
      const measured = new Set(r.targets.flatMap((t) => t.milestones.map((m) => m.milestone.id)));
      const ticked = new Set(r.checklist.map((m) => m.id));
      for (const m of r.milestones)
        expect(measured.has(m.id) !== ticked.has(m.id), `${where} ${m.id}`).toBe(true);
    }
  });

  it('reloads the same files without a change, and audits the first load', async () => {
    const r = await loadTasks(t.db, clock, { actor: 'test', ip: null }, 'handan-2020');
    expect(r.action).toBe('unchanged');
    const audit = await listAudit(t.db, { action: 'task.load' });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ measures: 46, leaves: 59 });
  });
});
