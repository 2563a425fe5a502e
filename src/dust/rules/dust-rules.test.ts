/** The pure dust rules against the constructed vectors of docs/standards/dust-fall.md §1 and §4. */
import { describe, expect, it } from 'vitest';
import { dustFall } from './dust-fall.ts';
import { rankDustFall } from './dust-ranking.ts';
import { siteAlarms } from './site-alarms.ts';

const S = 176.71;
const H = 3_600_000;

describe('dust rules', () => {
  it('computes HJ 1221 dust fall as the vectors give, and refuses impossible samples', () => {
    expect(dustFall({ sampleG: 0.1, blankG: 0, areaCm2: S, days: 30 }).value).toBe(5.66);
    expect(dustFall({ sampleG: 0.161, blankG: 0.001, areaCm2: S, days: 31 }).value).toBe(8.76);
    expect(dustFall({ sampleG: 0.17, blankG: 0, areaCm2: S, days: 30 }).value).toBe(9.62);
    const rows = rankDustFall([
      {
        adcode: '1',
        name: '甲',
        target: 9,
        points: [
          {
            code: 'a',
            name: 'a',
            exact: dustFall({ sampleG: 0.1, blankG: 0, areaCm2: S, days: 30 }).exact,
          },
          {
            code: 'b',
            name: 'b',
            exact: dustFall({ sampleG: 0.16, blankG: 0, areaCm2: S, days: 31 }).exact,
          },
          {
            code: 'c',
            name: 'c',
            exact: dustFall({ sampleG: 0.17, blankG: 0, areaCm2: S, days: 30 }).exact,
          },
        ],
      },
      { adcode: '2', name: '乙', target: 8, points: [] },
    ]);
    expect(rows[0]).toMatchObject({
      mean: 8.01,
      max: 9.62,
      rank: 1,
      exceeds: false,
      pointsOver: [{ code: 'c', value: 9.62 }],
    });
    expect(rows[1]).toMatchObject({ mean: null, rank: null, exceeds: false });
    expect(() => dustFall({ sampleG: 0.001, blankG: 0.002, areaCm2: S, days: 30 })).toThrow(
      RangeError,
    );
    expect(() => dustFall({ sampleG: 0.1, blankG: 0, areaCm2: 0, days: 30 })).toThrow(RangeError);
    expect(() => dustFall({ sampleG: 0.1, blankG: 0, areaCm2: S, days: 0 })).toThrow(RangeError);
  });

  it('finds PM10 runs of N hours and silences, ongoing or ended', () => {
    const rule = { level: 150, hours: 2, offlineHours: 3 };
    const v = [151, 200, 100, 151, 100];
    const hours = v.map((pm10, i) => ({ at: i * H, pm10 }));
    expect(siteAlarms(hours, rule, { from: 0, now: 5 * H })).toEqual([
      { kind: 'pm10_high', startAt: 0, endAt: 2 * H, peak: 200 },
    ]);
    const gap = [...hours.slice(0, 2), { at: 6 * H, pm10: 10 }];
    expect(siteAlarms(gap, rule, { from: 0, now: 11 * H + 1 })).toEqual([
      { kind: 'pm10_high', startAt: 0, endAt: 2 * H, peak: 200 },
      { kind: 'offline', startAt: 2 * H, endAt: 6 * H, peak: 4 },
      { kind: 'offline', startAt: 7 * H, endAt: null, peak: 4 },
    ]);
  });
});
