/** The pure CEMS rules against the vectors of docs/standards/ultra-low.md §6. */
import { describe, expect, it } from 'vitest';
import { combinedVerdict, periodCompliance, type JudgedHour } from './compliance.ts';
import { dailyMean } from './daily-mean.ts';
import { DEFAULT_FLAG_POLICY, judgeFlag } from './flag-validity.ts';
import { judgeHour } from './hour-judgement.ts';
import { hourFromMinutes, type MinuteValue } from './hour-from-minutes.ts';
import { resolveLimit, sectorOf, type SectorLimits } from './limits.ts';
import { correctToReferenceO2 } from './o2-correction.ts';

const RULE = { minShare: 0.95, noDayMeanOver: true, basis: 'test' };

describe('O2 correction', () => {
  it('follows C × (21 − O2ref)/(21 − O2)', () => {
    expect(correctToReferenceO2(40, 12, 16)).toBeCloseTo(22.2222, 4);
    expect(correctToReferenceO2(30, 9, 6)).toBe(37.5);
  });
  it('refuses O2 at or above 21 %, negative O2 and a missing value', () => {
    expect(correctToReferenceO2(30, 21, 6)).toBeNull();
    expect(correctToReferenceO2(30, 25, 6)).toBeNull();
    expect(correctToReferenceO2(30, -1, 6)).toBeNull();
    expect(correctToReferenceO2(30, null, 6)).toBeNull();
    expect(correctToReferenceO2(null, 9, 6)).toBeNull();
    expect(correctToReferenceO2(30, 9, 21)).toBeNull();
  });
});

describe('flags', () => {
  it('N and none are valid, T marked, F M S D C B P invalid, unknown per policy', () => {
    expect(judgeFlag('N')).toBe('valid');
    expect(judgeFlag(null)).toBe('valid');
    expect(judgeFlag('T')).toBe('marked');
    for (const f of ['F', 'M', 'S', 'D', 'C', 'B', 'P']) expect(judgeFlag(f)).toBe('invalid');
    expect(judgeFlag('St')).toBe('invalid');
    expect(judgeFlag('St', { ...DEFAULT_FLAG_POLICY, unknown: 'valid' })).toBe('valid');
  });
});

describe('hour from minutes', () => {
  const minutes = (valid: number, total = 60): MinuteValue[] =>
    Array.from({ length: total }, (_, i) => ({
      avg: i < valid ? 10 : 99,
      zsAvg: null,
      cou: 0.01,
      flag: i < valid ? 'N' : 'M',
    }));
  it('needs 45 valid minutes; the flag follows the 75 % rule', () => {
    const h44 = hourFromMinutes(minutes(44), DEFAULT_FLAG_POLICY);
    expect(h44).toMatchObject({ valid: false, flag: 'D', validMinutes: 44, minutes: 60 });
    const h45 = hourFromMinutes(minutes(45), DEFAULT_FLAG_POLICY);
    expect(h45).toMatchObject({ valid: true, flag: 'N', avg: 10, validMinutes: 45 });
    expect(h45.cou).toBeCloseTo(0.6, 9);
  });
});

describe('daily mean', () => {
  it('needs 20 valid hours', () => {
    expect(dailyMean(95, 19)).toBeNull();
    expect(dailyMean(100, 20)).toBe(5);
  });
});

describe('judging an hour', () => {
  it('is over only when valid and the corrected value exceeds the limit', () => {
    const h = { avg: 40, zs_device: null, zs_calc: 55, valid: 1 };
    expect(judgeHour(h, 50, 16)).toEqual({ status: 'over', value: 55, basis: 'calculated' });
    expect(judgeHour({ ...h, zs_calc: 50 }, 50, 16).status).toBe('ok');
    expect(judgeHour({ ...h, valid: 0 }, 50, 16).status).toBe('invalid');
    expect(judgeHour({ ...h, zs_device: 45 }, 50, 16)).toMatchObject({
      status: 'ok',
      basis: 'device',
    });
    expect(judgeHour({ ...h, zs_calc: null }, 50, 16).status).toBe('invalid');
    expect(judgeHour({ ...h, zs_calc: null }, 50, null)).toMatchObject({ status: 'ok', value: 40 });
    expect(judgeHour(h, null, 16).status).toBe('no_limit');
  });
});

describe('period compliance', () => {
  const hour = (day: string, status: JudgedHour['status'], value = 10): JudgedHour => ({
    day,
    status,
    value,
    basis: 'device',
    cou: 1,
  });
  it('720 valid hours with 36 over is 95 %: stable; one day mean over is not', () => {
    const days = Array.from({ length: 30 }, (_, i) => `2024-04-${String(i + 1).padStart(2, '0')}`);
    const hours = days.flatMap((d, i) =>
      Array.from({ length: 24 }, (_, h) => hour(d, i < 3 && h < 12 ? 'over' : 'ok', 10)),
    );
    const p = periodCompliance(days, hours, 50, 720, RULE);
    expect(p).toMatchObject({
      valid: 720,
      over: 36,
      invalid: 0,
      rate: 0.95,
      verdict: 'stable',
      cou: 720,
    });
    expect(p.days[0]).toMatchObject({ status: 'over', over: 12, mean: 10 });
    const high = hours.map((h) => (h.day === days[5] ? { ...h, value: 60 } : h));
    expect(periodCompliance(days, high, 50, 720, RULE)).toMatchObject({
      daysMeanOver: 1,
      verdict: 'not_stable',
    });
  });
  it('counts invalid and missing hours and never as compliant', () => {
    const p = periodCompliance(
      ['2024-04-01'],
      [hour('2024-04-01', 'invalid'), hour('2024-04-01', 'ok')],
      50,
      24,
      RULE,
    );
    expect(p).toMatchObject({ valid: 1, invalid: 1, missing: 22, rate: 1 });
    expect(p.days[0]!.status).toBe('invalid');
  });
  it('an enterprise is stable only when each pollutant is', () => {
    expect(combinedVerdict(['stable', 'stable', 'no_limit'])).toBe('stable');
    expect(combinedVerdict(['stable', 'not_stable'])).toBe('not_stable');
    expect(combinedVerdict(['stable', 'no_data'])).toBe('no_data');
  });
});

describe('limits', () => {
  const sectors: SectorLimits[] = [
    {
      id: 'sinter',
      name: '',
      industries: ['steel'],
      outletKinds: ['flue_gas'],
      processes: ['烧结'],
      refO2: 16,
      limits: { a21002: 50 },
      basis: 'x',
      status: '',
    },
    {
      id: 'steel',
      name: '',
      industries: ['steel'],
      outletKinds: ['flue_gas'],
      processes: [],
      refO2: 8,
      limits: { a21002: 200 },
      basis: 'y',
      status: '',
    },
  ];
  it('chooses the sector by industry and process; an override wins', () => {
    const sinter = sectorOf(sectors, {
      industry: 'steel',
      kind: 'flue_gas',
      process: '360m²烧结机',
      refO2: null,
    });
    expect(sinter?.id).toBe('sinter');
    expect(
      sectorOf(sectors, { industry: 'steel', kind: 'flue_gas', process: null, refO2: null })?.id,
    ).toBe('steel');
    expect(resolveLimit('a21002', sinter, null, undefined)).toEqual({
      limit: 50,
      refO2: 16,
      source: 'sector:sinter',
      basis: 'x',
    });
    expect(resolveLimit('a21002', sinter, 15, { limit: 40, refO2: null, basis: 'permit' })).toEqual(
      { limit: 40, refO2: 15, source: 'override', basis: 'permit' },
    );
    expect(resolveLimit('a19001', sinter, null, undefined).limit).toBeNull();
  });
});
