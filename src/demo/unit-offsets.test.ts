/** Unit levels derived from the published rankings (data/demo/handan-air/published.json). */
import { describe, expect, it } from 'vitest';
import { readHandanCalibration } from './handan-calibration.ts';
import { fitLine, meanPositions, rankAnchors, unitLevels } from './unit-offsets.ts';

const published = readHandanCalibration().published;

describe('unit offsets', () => {
  it('fits a least-squares line', () => {
    expect(
      fitLine([
        { x: 1, y: 1 },
        { x: 2, y: 3 },
        { x: 3, y: 5 },
      ]),
    ).toEqual({
      intercept: -1,
      slope: 2,
    });
    expect(() => fitLine([{ x: 1, y: 1 }])).toThrow(RangeError);
  });

  it('gives tied ranks the mean position of their group', () => {
    expect(meanPositions({ a: 1, b: 2, c: 2, d: 4, e: 4, f: 4, g: 4, h: 8 })).toEqual({
      a: 1,
      b: 2.5,
      c: 2.5,
      d: 5.5,
      e: 5.5,
      f: 5.5,
      g: 5.5,
      h: 8,
    });
  });

  it("reads Hebei's worst-county lists as Handan's worst ranks, and Wei County's own ranks", () => {
    const anchors = rankAnchors(published);
    const dec = anchors.filter((a) => a.basis === '2020-12 hebei-2020-12');
    expect(dec.map((a) => a.rank)).toEqual([20, 19, 18, 17, 16, 15, 14, 13, 12, 11]);
    expect(dec[0]).toMatchObject({ adcode: '130481', ratio: 8.31 / 7.33 });
    const wei = anchors.filter((a) => a.adcode === '130434');
    expect(wei.map((a) => a.rank).sort()).toEqual([2, 4]);
  });

  it('places every unit between about 0.85 and 1.15 of the city, in ranking order', () => {
    const levels = unitLevels(published);
    expect(levels.size).toBe(20);
    const byRank = [...levels.values()].sort((a, b) => a.compositeRank - b.compositeRank);
    for (let i = 1; i < byRank.length; i++)
      expect(byRank[i]!.level).toBeGreaterThan(byRank[i - 1]!.level);
    for (const u of levels.values()) {
      expect(u.level).toBeGreaterThan(0.85);
      expect(u.level).toBeLessThan(1.15);
    }
    // 武安市 was best in January 2020, 峰峰矿区 worst; 冀南新区 had the least dust.
    expect(levels.get('130481')!.compositeRank).toBe(1);
    expect(levels.get('130406')!.compositeRank).toBe(20);
    expect(levels.get('130473')!.dust).toBeLessThan(levels.get('130431')!.dust);
    // Tied dust ranks (并列第2: 丛台区, 成安县) share one level.
    expect(levels.get('130403')!.dust).toBe(levels.get('130424')!.dust);
  });
});
