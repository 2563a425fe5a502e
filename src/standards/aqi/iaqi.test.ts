import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AqiEdition } from '../editions.ts';
import { iaqi } from './iaqi.ts';
import { IAQI_COLUMNS, IAQI_LEVELS, iaqiTable, type IaqiColumn } from './iaqi-tables.ts';

const EDITIONS: AqiEdition[] = ['HJ633-2012', 'HJ633-2026'];

describe('IAQI vectors (docs/standards/aqi.md §10.2)', () => {
  // [column, concentration, 2012 value, 2012 raw, 2026 value, 2026 raw]
  const vectors: Array<[IaqiColumn, number, number, number, number, number]> = [
    ['PM2.5_24h', 80, 107, 106.25, 119, 118.18],
    ['PM2.5_24h', 75, 100, 100, 114, 113.64],
    ['PM2.5_24h', 50, 69, 68.75, 80, 80],
    ['PM2.5_24h', 320, 370, 370, 370, 370],
    ['PM10_24h', 120, 85, 85, 100, 100],
    ['PM10_24h', 150, 100, 100, 112, 111.54],
    ['O3_8h', 180, 119, 118.18, 119, 118.18],
    ['O3_8h', 150, 92, 91.67, 92, 91.67],
    ['O3_1h', 250, 125, 125, 125, 125],
    ['NO2_24h', 50, 63, 62.5, 63, 62.5],
    ['SO2_24h', 480, 151, 150.77, 151, 150.77],
    ['CO_24h', 1.2, 30, 30, 30, 30],
    ['CO_1h', 12, 104, 104, 104, 104],
  ];
  it.each(vectors)('%s = %d → 2012 %d (%d), 2026 %d (%d)', (col, c, v12, r12, v26, r26) => {
    const a = iaqi(col, c, 'HJ633-2012');
    const b = iaqi(col, c, 'HJ633-2026');
    expect(a.value).toBe(v12);
    expect(a.raw).toBeCloseTo(r12, 2);
    expect(a.note).toBeUndefined();
    expect(b.value).toBe(v26);
    expect(b.raw).toBeCloseTo(r26, 2);
  });

  it('SO2 1 h = 900: 2012 not computed (use 24 h), 2026 = 200', () => {
    expect(iaqi('SO2_1h', 900, 'HJ633-2012')).toMatchObject({ value: null, note: 'not_computed' });
    expect(iaqi('SO2_1h', 900, 'HJ633-2026')).toMatchObject({ value: 200, note: 'above_scale' });
    expect(iaqi('SO2_1h', 800, 'HJ633-2012')).toMatchObject({ value: 200 });
    expect(iaqi('SO2_1h', 800, 'HJ633-2012').note).toBeUndefined();
  });

  it('O3 8 h = 850: 2012 not computed (use 1 h), 2026 = 300', () => {
    expect(iaqi('O3_8h', 850, 'HJ633-2012')).toMatchObject({ value: null, note: 'not_computed' });
    expect(iaqi('O3_8h', 850, 'HJ633-2026')).toMatchObject({ value: 300, note: 'above_scale' });
    expect(iaqi('O3_8h', 800, 'HJ633-2026')).toMatchObject({ value: 300 });
  });

  it('caps above the top breakpoint at 500', () => {
    expect(iaqi('PM2.5_24h', 600, 'HJ633-2026')).toMatchObject({ value: 500, note: 'capped' });
    expect(iaqi('PM2.5_24h', 500, 'HJ633-2026')).toEqual({
      value: 500,
      raw: 500,
      concentration: 500,
    });
    expect(iaqi('CO_24h', 60.1, 'HJ633-2012')).toMatchObject({ value: 500, note: 'capped' });
  });

  it('PM2.5 = 35 → 50 in both editions', () => {
    for (const e of EDITIONS) expect(iaqi('PM2.5_24h', 35, e).value).toBe(50);
  });

  it('rounds inputs per GB/T 8170 under 2026 by default, not under 2012', () => {
    // 2026: 35.4 → 35 → 50; 35.5 → 36 (half-even) → 52
    expect(iaqi('PM2.5_24h', 35.4, 'HJ633-2026').value).toBe(50);
    expect(iaqi('PM2.5_24h', 35.5, 'HJ633-2026').value).toBe(52);
    expect(iaqi('PM2.5_24h', 35.4, 'HJ633-2026').concentration).toBe(35);
    // 2012: 35.4 is indexed as is → 50.5 → 51
    expect(iaqi('PM2.5_24h', 35.4, 'HJ633-2012').value).toBe(51);
    expect(iaqi('PM2.5_24h', 35.4, 'HJ633-2012', { roundInputs: true }).value).toBe(50);
    expect(iaqi('PM2.5_24h', 35.4, 'HJ633-2026', { roundInputs: false }).value).toBe(51);
    // CO rounds to 1 dp: 2.05 → 2.0 (half-even) → 50; unrounded → 52 (51.25 ceiled)
    expect(iaqi('CO_24h', 2.05, 'HJ633-2026').value).toBe(50);
    expect(iaqi('CO_24h', 2.05, 'HJ633-2012').value).toBe(52);
  });

  it('marks negative and non-finite concentrations invalid', () => {
    expect(iaqi('SO2_24h', -1, 'HJ633-2026')).toEqual({ value: null, raw: null, note: 'invalid' });
    expect(iaqi('SO2_24h', Number.NaN, 'HJ633-2012').note).toBe('invalid');
  });

  it('does not ceil exact integers up because of binary noise', () => {
    // NO2 24 h segment 0–40 µg/m³ ↔ 0–50: 0.8 µg/m³ per IAQI unit; 0.8·j is noisy in binary.
    for (let j = 0; j <= 50; j++) {
      expect(iaqi('NO2_24h', 0.8 * j, 'HJ633-2012').value).toBe(j);
    }
    expect(iaqi('PM2.5_24h', 80.00000000000001, 'HJ633-2012').value).toBe(107);
    expect(iaqi('PM2.5_24h', 75.00000000000001, 'HJ633-2012').value).toBe(100);
  });
});

describe('IAQI properties', () => {
  const columnEdition = fc.tuple(fc.constantFrom(...IAQI_COLUMNS), fc.constantFrom(...EDITIONS));

  it('equals the table IAQI at every breakpoint', () => {
    for (const e of EDITIONS) {
      for (const col of IAQI_COLUMNS) {
        const bps = iaqiTable(col, e).breakpoints;
        bps.forEach((c, i) => {
          const r = iaqi(col, c, e);
          expect(r.value, `${e} ${col} ${c}`).toBe(IAQI_LEVELS[i]);
          expect(r.raw).toBe(IAQI_LEVELS[i]);
        });
      }
    }
  });

  it('is monotonic non-decreasing in concentration (every column and edition)', () => {
    fc.assert(
      fc.property(
        columnEdition,
        fc.double({ min: 0, max: 1.3, noNaN: true }),
        fc.double({ min: 0, max: 1.3, noNaN: true }),
        fc.boolean(),
        ([col, e], f1, f2, roundInputs) => {
          const bps = iaqiTable(col, e).breakpoints;
          const top = bps[bps.length - 1] ?? 0;
          const hasFallback = iaqiTable(col, e).aboveTop.kind === 'not_computed';
          const span = hasFallback ? top : top * 1.3;
          const [lo, hi] = [Math.min(f1, f2), Math.max(f1, f2)].map((f) => (f / 1.3) * span) as [
            number,
            number,
          ];
          const a = iaqi(col, lo, e, { roundInputs });
          const b = iaqi(col, hi, e, { roundInputs });
          expect(a.value).not.toBeNull();
          expect(b.value).not.toBeNull();
          expect(a.value as number).toBeLessThanOrEqual(b.value as number);
          expect(a.raw as number).toBeLessThanOrEqual(b.raw as number);
        },
      ),
    );
  });

  it('matches an independent integer-arithmetic reference on 0.001-unit concentrations', () => {
    fc.assert(
      fc.property(columnEdition, fc.double({ min: 0, max: 1, noNaN: true }), ([col, e], f) => {
        const bps = iaqiTable(col, e).breakpoints;
        const k = Math.round(f * (bps[bps.length - 1] ?? 0) * 1000); // c = k / 1000
        const c = k / 1000;
        const r = iaqi(col, c, e, { roundInputs: false });
        const i = Math.max(0, bps.findIndex((b) => k <= b * 1000) - 1);
        const [bl, bh] = [bps[i] ?? 0, bps[i + 1] ?? 0];
        const [il, ih] = [IAQI_LEVELS[i] ?? 0, IAQI_LEVELS[i + 1] ?? 0];
        // IAQI = (il·(bh − bl)·1000 + (ih − il)·(k − 1000·bl)) / ((bh − bl)·1000), all integers
        const num = il * (bh - bl) * 1000 + (ih - il) * (k - 1000 * bl);
        const den = (bh - bl) * 1000;
        expect(r.value).toBe(num % den === 0 ? num / den : Math.floor(num / den) + 1);
        expect(r.raw as number).toBeCloseTo(num / den, 9);
      }),
    );
  });
});
