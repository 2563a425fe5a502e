import { describe, expect, it } from 'vitest';
import { checkMeter, type MeterInput } from './meter-rules.ts';

const prod: MeterInput = {
  code: 'P1',
  name: '主抽风机',
  role: 'production',
  line: 'SJ1',
  runningKw: 100,
};

describe('meter registration', () => {
  it('defaults the factor to 1 and blanks to null', () => {
    expect(checkMeter({ ...prod, facility: ' ', deviceMn: '', deviceCode: null })).toEqual({
      ok: true,
      meter: { ...prod, facility: null, deviceMn: null, deviceCode: null, factor: 1 },
    });
  });

  it('names the field at fault', () => {
    const field = (over: Partial<MeterInput>) => {
      const c = checkMeter({ ...prod, ...over });
      return c.ok ? 'ok' : c.field;
    };
    expect(field({ code: 'P 1' })).toBe('code');
    expect(field({ name: ' ' })).toBe('name');
    expect(field({ role: 'both' })).toBe('role');
    expect(field({ line: null })).toBe('line');
    expect(field({ role: 'treatment' })).toBe('facility');
    expect(field({ deviceMn: 'MN1' })).toBe('deviceCode');
    expect(field({ factor: 0 })).toBe('factor');
    expect(field({ runningKw: Number.NaN })).toBe('runningKw');
    expect(
      field({ role: 'treatment', line: null, facility: 'TL1', deviceMn: 'M', deviceCode: 'e1' }),
    ).toBe('ok');
  });
});
