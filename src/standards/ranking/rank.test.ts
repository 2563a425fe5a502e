import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { changeRate, rankBy, rankByChange } from './rank.ts';

describe('rankBy', () => {
  it('ranks ties equal (并列) and skips: 1, 1, 3', () => {
    const r = rankBy(
      [
        { n: 'a', v: 4.2 },
        { n: 'b', v: 3.1 },
        { n: 'c', v: 3.1 },
        { n: 'd', v: 5 },
      ],
      (x) => x.v,
      'asc',
    );
    expect(r.map((x) => [x.item.n, x.rank, x.value])).toEqual([
      ['b', 1, 3.1],
      ['c', 1, 3.1],
      ['a', 3, 4.2],
      ['d', 4, 5],
    ]);
  });

  it('ranks descending and puts units without data last, unranked (never as zero)', () => {
    const r = rankBy(
      [
        { n: 'x', v: null },
        { n: 'a', v: 90 },
        { n: 'b', v: 0 },
        { n: 'y', v: Number.NaN },
        { n: 'c', v: 95 },
      ],
      (x) => x.v,
      'desc',
    );
    expect(r.map((x) => [x.item.n, x.rank])).toEqual([
      ['c', 1],
      ['a', 2],
      ['b', 3],
      ['x', null],
      ['y', null],
    ]);
  });

  it('property: rank = 1 + number of strictly better values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }), { maxLength: 30 }),
        fc.constantFrom('asc' as const, 'desc' as const),
        (values, order) => {
          const r = rankBy(values, (v) => v, order);
          expect(r).toHaveLength(values.length);
          for (const x of r) {
            if (x.value === null) {
              expect(x.rank).toBeNull();
              continue;
            }
            const v = x.value;
            const better = values.filter(
              (w) => w !== null && (order === 'asc' ? w < v : w > v),
            ).length;
            expect(x.rank).toBe(better + 1);
          }
          const firstNull = r.findIndex((x) => x.rank === null);
          if (firstNull >= 0) expect(r.slice(firstNull).every((x) => x.rank === null)).toBe(true);
        },
      ),
    );
  });
});

describe('changeRate and rankByChange', () => {
  it('computes (current − previous)/previous × 100', () => {
    expect(changeRate(3, 4)).toBe(-25);
    expect(changeRate(5, 4)).toBe(25);
    expect(changeRate(4, 0)).toBeNull();
    expect(changeRate(null, 4)).toBeNull();
    expect(changeRate(4, null)).toBeNull();
  });

  it('ranks the most improved first, ties equal, missing last', () => {
    const cities = [
      { n: 'a', cur: 4.5, prev: 5 }, // −10 %
      { n: 'b', cur: 3, prev: 4 }, // −25 %
      { n: 'c', cur: 6, prev: 5 }, // +20 %
      { n: 'd', cur: 3.6, prev: 4 }, // −10 %
      { n: 'e', cur: 4, prev: null },
    ];
    const r = rankByChange(
      cities,
      (c) => c.cur,
      (c) => c.prev,
      { decimals: 1 },
    );
    expect(r.map((x) => [x.item.n, x.rank, x.value])).toEqual([
      ['b', 1, -25],
      ['a', 2, -10],
      ['d', 2, -10],
      ['c', 4, 20],
      ['e', null, null],
    ]);
    expect(r[0]).toMatchObject({ current: 3, previous: 4 });
  });
});
