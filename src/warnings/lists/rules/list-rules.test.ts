/** The pure rules of the lists: which measures, the reduction arithmetic, totals and shortfalls. */
import { describe, expect, it } from 'vitest';
import type { Measure } from '../../measures.ts';
import {
  enterpriseMeasures,
  type CellLookup,
  type EnterpriseFacts,
  type MeasureConfig,
} from './enterprise-measures.ts';
import { expectedReductions, reductionFraction } from './expected-reduction.ts';
import { listTotals, shortfalls } from './list-totals.ts';
import { checkMeasures } from './measure-check.ts';
import { measuresText } from './measure-text.ts';

const config: MeasureConfig = {
  ungradedAs: 'C',
  truckBan: { minTrucksPerDay: 10, fromLevel: 'orange' },
  nonroadBan: { fromLevel: 'orange' },
  guaranteeText: '以热定产',
  positiveListText: '无事不扰',
};
const cells: Record<string, Measure[]> = {
  'cement|C|yellow': [{ kind: 'stop-lines', pct: 50 }],
  'cement|D|yellow': [{ kind: 'stop' }],
  'cement|B|yellow': [{ kind: 'truck-ban' }],
};
const cell: CellLookup = (i, g, l) => cells[`${i}|${g}|${l}`];
const facts = (over: Partial<EnterpriseFacts> = {}): EnterpriseFacts => ({
  industry: 'cement',
  grade: 'C',
  positiveList: false,
  guarantee: false,
  trucksPerDay: null,
  ...over,
});

describe('enterpriseMeasures', () => {
  it('takes the matrix cell; ungraded uses ungradedAs; B- falls back to B', () => {
    expect(enterpriseMeasures(facts(), 'yellow', undefined, cell, config)).toEqual({
      basis: 'matrix',
      measures: [{ kind: 'stop-lines', pct: 50 }],
    });
    expect(
      enterpriseMeasures(facts({ grade: null }), 'yellow', undefined, cell, config)?.measures,
    ).toEqual([{ kind: 'stop-lines', pct: 50 }]);
    expect(
      enterpriseMeasures(facts({ grade: null }), 'yellow', undefined, cell, {
        ...config,
        ungradedAs: 'D',
      })?.measures,
    ).toEqual([{ kind: 'stop' }]);
    expect(
      enterpriseMeasures(facts({ grade: 'B-' }), 'yellow', undefined, cell, config)?.measures,
    ).toEqual([{ kind: 'truck-ban' }]);
  });
  it('positive list before 保障类 before override before A/A+/引领性 before the matrix', () => {
    const own: Measure[] = [{ kind: 'limit-output', pct: 40 }];
    expect(
      enterpriseMeasures(facts({ positiveList: true, guarantee: true }), 'red', own, cell, config)
        ?.basis,
    ).toBe('positive-list');
    expect(enterpriseMeasures(facts({ guarantee: true }), 'red', own, cell, config)).toMatchObject({
      basis: 'guarantee',
      measures: [{ kind: 'other', text: '以热定产' }, { kind: 'nonroad-ban' }],
    });
    expect(enterpriseMeasures(facts({ grade: 'A' }), 'yellow', own, cell, config)?.basis).toBe(
      'override',
    );
    for (const grade of ['A+', 'A', 'lead'])
      expect(enterpriseMeasures(facts({ grade }), 'yellow', undefined, cell, config)?.basis).toBe(
        'self-determined',
      );
  });
  it('nothing applies → not on the list; the truck ban from orange for ≥ 10 trucks a day', () => {
    expect(
      enterpriseMeasures(facts({ industry: 'inks' }), 'yellow', undefined, cell, config),
    ).toBeUndefined();
    expect(
      enterpriseMeasures(
        facts({ industry: 'inks', trucksPerDay: 10 }),
        'yellow',
        undefined,
        cell,
        config,
      ),
    ).toBeUndefined();
    expect(
      enterpriseMeasures(
        facts({ industry: 'inks', trucksPerDay: 10 }),
        'orange',
        undefined,
        cell,
        config,
      ),
    ).toEqual({
      basis: 'matrix',
      measures: [{ kind: 'truck-ban' }],
    });
    expect(
      enterpriseMeasures(
        facts({ industry: 'inks', trucksPerDay: 9 }),
        'red',
        undefined,
        cell,
        config,
      ),
    ).toBeUndefined();
    expect(
      enterpriseMeasures(
        facts({ positiveList: true, trucksPerDay: 50 }),
        'red',
        undefined,
        cell,
        config,
      )?.measures,
    ).toEqual([{ kind: 'self-determined', text: '无事不扰' }]);
    const d = {
      'cement|D|orange': [{ kind: 'stop' }, { kind: 'road-transport-stop' }] as Measure[],
    };
    expect(
      enterpriseMeasures(
        facts({ grade: 'D', trucksPerDay: 30 }),
        'orange',
        undefined,
        (i, g, l) => d[`${i}|${g}|${l}` as 'cement|D|orange'],
        config,
      )?.measures.map((m) => m.kind),
    ).toEqual(['stop', 'road-transport-stop']);
  });
});

describe('expected reductions', () => {
  it('takes the largest fraction of any one measure', () => {
    expect(reductionFraction([{ kind: 'stop' }], 0)).toBe(1);
    expect(reductionFraction([{ kind: 'limit-output', pct: 20 }, { kind: 'truck-ban' }], 2)).toBe(
      0.2,
    );
    expect(
      reductionFraction(
        [
          { kind: 'limit-output', pct: 20 },
          { kind: 'stop-lines', pct: 50 },
        ],
        2,
      ),
    ).toBe(0.5);
    expect(reductionFraction([{ kind: 'stop-lines', lines: ['L1'] }], 4)).toBe(0.25);
    expect(reductionFraction([{ kind: 'stop-kilns' }], 4)).toBe(1);
    expect(reductionFraction([{ kind: 'stop-kilns', lines: ['K1', 'K2'] }], 4)).toBe(0.5);
    expect(reductionFraction([{ kind: 'self-determined' }, { kind: 'voc-stagger' }], 1)).toBe(0);
    expect(reductionFraction([], 1)).toBe(0);
  });
  it('multiplies each pollutant baseline, rounded to 0.1 kg/day', () => {
    expect(
      expectedReductions(
        { SO2: { kgPerDay: 123.45, source: 'cems' }, PM: { kgPerDay: 10, source: 'registry' } },
        [{ kind: 'limit-output', pct: 30 }],
        1,
      ),
    ).toEqual({ SO2: 37, PM: 3 });
  });
});

describe('totals and shortfalls', () => {
  it('sums, compares with the target, and names pollutants short of it', () => {
    const t = listTotals(
      [
        { baseline: { SO2: { kgPerDay: 100, source: 'cems' } }, expected: { SO2: 20 } },
        {
          baseline: {
            SO2: { kgPerDay: 100, source: 'registry' },
            NOx: { kgPerDay: 50, source: 'cems' },
          },
          expected: { SO2: 0, NOx: 5 },
        },
      ],
      10,
    );
    expect(t).toEqual({
      SO2: { baseline: 200, expected: 20, targetPct: 10, achievedPct: 10 },
      NOx: { baseline: 50, expected: 5, targetPct: 10, achievedPct: 10 },
    });
    expect(shortfalls(t)).toEqual([]);
    expect(shortfalls({ ...t, NOx: { ...t.NOx!, achievedPct: 9.9 } })).toEqual(['NOx']);
  });
});

describe('measure checks and text', () => {
  it('refuses inconsistent measures', () => {
    expect(() => checkMeasures([{ kind: 'stop', pct: 1 }])).toThrow(/不带百分比/);
    expect(() => checkMeasures([{ kind: 'limit-output' }])).toThrow(/百分比/);
    expect(() => checkMeasures([{ kind: 'other' }])).toThrow(/内容/);
    expect(() => checkMeasures([{ kind: 'stop' }, { kind: 'stop' }])).toThrow(/重复/);
    expect(() => checkMeasures([{ kind: 'stop-lines', lines: ['L1'] }])).not.toThrow();
  });
  it('writes measures in Chinese', () => {
    expect(measuresText([{ kind: 'limit-output', pct: 20 }, { kind: 'truck-ban' }])).toBe(
      '限产 20%（按限产基准）；禁止国四及以下重型货车（含燃气）运输',
    );
  });
});
