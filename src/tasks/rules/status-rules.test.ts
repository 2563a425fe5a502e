import { describe, expect, it } from 'vitest';
import { localToEpoch } from '../../time/zoned-time.ts';
import { rowPlan } from './row-plan.ts';
import { evaluateRow, type ReportFact } from './status-rules.ts';
import type { MeasureDef, TaskPlan } from '../task-model.ts';

const at = (d: string, h = 10): number =>
  localToEpoch('Asia/Shanghai', +d.slice(0, 4), +d.slice(5, 7), +d.slice(8, 10), h);
const opts = { timeZone: 'Asia/Shanghai', paceTolerance: 0 };

const measure: MeasureDef = {
  number: '三.(五).2',
  parent: null,
  campaign: '三.(五)',
  campaignTitle: '',
  title: '开展工业炉窑综合治理',
  text: '',
  leaf: true,
  departments: ['sthjj'],
  units: ['130400', '130403'],
  unitsNote: null,
  start: '2020-04-08',
  targets: [
    {
      id: 't1',
      metric: '工业炉窑',
      unit: '家',
      scope: 'city',
      direction: 'at-least',
      value: 492,
      unitValues: new Map(),
      max: 492,
      note: null,
    },
  ],
  milestones: [
    {
      id: 'm1',
      date: '2020-06-30',
      label: '完成60%',
      targetId: 't1',
      share: 0.6,
      implicit: false,
      units: null,
    },
    {
      id: 'm2',
      date: '2020-09-30',
      label: '全部完成',
      targetId: 't1',
      share: 1,
      implicit: false,
      units: null,
    },
    {
      id: 'm3',
      date: '2020-12-31',
      label: '建立长效机制',
      targetId: null,
      share: null,
      implicit: true,
      units: ['130403'],
    },
  ],
  sort: 0,
};
const plan: TaskPlan = {
  plan: 'p',
  meta: { title: '', document: '', office: '' },
  cityAdcode: '130400',
  start: '2020-04-08',
  measures: [measure],
  departments: [],
  unitNames: new Map(),
};
let id = 0;
const fact = (
  date: string,
  v: number | null,
  checklist: string[] = [],
  review: ReportFact['review'] = null,
): ReportFact => ({
  id: ++id,
  version: id,
  reportedAt: at(date),
  values: v === null ? {} : { t1: v },
  checklist,
  review,
});

describe('row plans', () => {
  it('gives the city row the city total and a county its allocation, else a checklist', () => {
    const city = rowPlan(plan, measure, '130400');
    expect(city.targets.map((t) => [t.goal, t.milestones.map((m) => m.due)])).toEqual([
      [492, [295.2, 492]],
    ]);
    expect(city.checklist).toEqual([]);
    const county = rowPlan(plan, measure, '130403');
    expect(county.targets).toEqual([]);
    expect(county.checklist.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    expect(county.reportable.map((t) => t.id)).toEqual(['t1']);
    const allocated = rowPlan(plan, measure, '130403', new Map([['三.(五).2|t1|130403', 20]]));
    expect(allocated.targets[0]).toMatchObject({ goal: 20, basis: 'allocation' });
    expect(allocated.checklist.map((m) => m.id)).toEqual(['m3']);
  });
});

describe('row status', () => {
  const row = rowPlan(plan, measure, '130400');
  const status = (reports: ReportFact[], date: string) => evaluateRow(row, reports, date, opts);

  it('counts only what was known by the end of the day', () => {
    const r = [fact('2020-06-30', 300)];
    expect(status(r, '2020-06-29').status).toBe('not_started');
    expect(status(r, '2020-06-30').milestones[0]!.state).toBe('met');
    // A report late in the evening of the deadline is still on time (local day).
    const evening = [{ ...fact('2020-06-30', 300), reportedAt: at('2020-06-30', 23) }];
    expect(status(evening, '2020-07-05').milestones[0]!.state).toBe('met');
  });

  it('is overdue when a milestone passed unmet, and not before', () => {
    const r = [fact('2020-05-01', 100)];
    expect(status(r, '2020-06-30').status).toBe('behind');
    expect(status(r, '2020-07-01').status).toBe('overdue');
    expect(status(r, '2020-07-01').milestones[0]).toMatchObject({ state: 'missed', due: 295.2 });
  });

  it('needs an accepted version that meets every milestone to be done', () => {
    const done = fact('2020-09-20', 492, [], { decision: 'accept', at: at('2020-09-22') });
    expect(status([done], '2020-09-21').status).toBe('on_track');
    expect(status([done], '2020-09-22').status).toBe('done');
    const returned = fact('2020-09-20', 492, [], { decision: 'return', at: at('2020-09-22') });
    expect(status([returned], '2020-09-21').status).toBe('on_track');
    expect(status([returned], '2020-09-22').status).toBe('overdue');
  });

  it('tolerates a configured shortfall below the pace', () => {
    const r = [fact('2020-08-15', 390)]; // pace 295.2 + 196.8 × 46/92 = 393.6
    expect(evaluateRow(row, r, '2020-08-15', opts).status).toBe('behind');
    expect(evaluateRow(row, r, '2020-08-15', { ...opts, paceTolerance: 0.01 }).status).toBe(
      'on_track',
    );
  });

  it('treats an at-most target as behind only above its ceiling', () => {
    const ceiling: MeasureDef = {
      ...measure,
      targets: [{ ...measure.targets[0]!, direction: 'at-most', value: 44, max: null }],
      milestones: [{ ...measure.milestones[1]!, date: '2020-12-31', share: 1 }],
    };
    const r2 = rowPlan({ ...plan, measures: [ceiling] }, ceiling, '130400');
    expect(evaluateRow(r2, [fact('2020-06-01', 30)], '2020-06-01', opts).status).toBe('on_track');
    expect(evaluateRow(r2, [fact('2020-06-01', 45)], '2020-06-01', opts).status).toBe('behind');
    expect(evaluateRow(r2, [fact('2020-06-01', 45)], '2021-01-01', opts).status).toBe('overdue');
  });

  it('has no pace for checklist rows', () => {
    const county = rowPlan(plan, measure, '130403');
    const r = [fact('2020-05-01', null, ['m1'])];
    expect(evaluateRow(county, r, '2020-09-01', opts).status).toBe('on_track');
    expect(evaluateRow(county, r, '2020-10-01', opts).status).toBe('overdue');
    expect(evaluateRow(county, [], '2020-05-01', opts).silentShare).toBeCloseTo(23 / 83, 10);
  });
});
