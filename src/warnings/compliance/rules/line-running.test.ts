import { describe, expect, it } from 'vitest';
import { hoursOverShare, runningHours, stopRequirement, type LineRef } from './line-running.ts';

const lines: LineRef[] = [
  { id: 1, code: 'SJ1', name: '1号烧结机', process: '烧结机' },
  { id: 2, code: 'YL1', name: '1号回转窑', process: '水泥窑' },
  { id: 3, code: 'GL1', name: '燃气锅炉', process: '锅炉' },
  { id: 4, code: 'MF1', name: '粉磨', process: null },
];
const ids = (r: { stopped: LineRef[] }) => r.stopped.map((l) => l.code).sort();

describe('stopRequirement', () => {
  it('stop stops every line; named lines stop those lines', () => {
    expect(ids(stopRequirement([{ kind: 'stop' }], lines))).toEqual(['GL1', 'MF1', 'SJ1', 'YL1']);
    expect(ids(stopRequirement([{ kind: 'stop-lines', lines: ['SJ1', 'XX'] }], lines))).toEqual([
      'SJ1',
    ]);
  });
  it('stop-kilns without names means the kiln and furnace lines', () => {
    expect(ids(stopRequirement([{ kind: 'stop-kilns' }], lines))).toEqual(['GL1', 'YL1']);
    expect(ids(stopRequirement([{ kind: 'stop-kilns', lines: ['YL1'] }], lines))).toEqual(['YL1']);
  });
  it('stop-lines by percentage limits how many may run at once; other measures stop nothing', () => {
    const r = stopRequirement([{ kind: 'stop-lines', pct: 50 }], lines);
    expect(r).toMatchObject({ stopped: [], maxRunning: 2, measures: ['stop-lines'] });
    expect(
      stopRequirement([{ kind: 'limit-output', pct: 30 }, { kind: 'truck-ban' }], lines),
    ).toEqual({
      stopped: [],
      maxRunning: null,
      measures: [],
    });
  });
});

describe('running hours', () => {
  it('counts only hours known to run', () => {
    expect(
      runningHours([
        { time: 1, production: true },
        { time: 2, production: null },
        { time: 3, production: false },
      ]),
    ).toEqual([1]);
  });
  it('finds hours with more lines running than allowed', () => {
    const byLine = new Map([
      [
        1,
        [
          { time: 0, production: true },
          { time: 1, production: true },
        ],
      ],
      [
        2,
        [
          { time: 0, production: true },
          { time: 1, production: false },
        ],
      ],
    ]);
    expect(hoursOverShare(byLine, 1)).toEqual([{ time: 0, running: 2 }]);
  });
});
