import { describe, expect, it } from 'vitest';
import { aqiEditionFor, assessmentEditionFor, editionsFor, limitsEditionFor } from './editions.ts';

describe('editions by date', () => {
  it('switches to the 2026 rules on 2026-03-01', () => {
    expect(aqiEditionFor('2026-02-28')).toBe('HJ633-2012');
    expect(aqiEditionFor('2026-03-01')).toBe('HJ633-2026');
    expect(limitsEditionFor('2026-02-28')).toBe('GB3095-2012');
    expect(limitsEditionFor('2026-03-01')).toBe('GB3095-2026');
    expect(assessmentEditionFor('2026-02-28')).toBe('HJ663-2013');
    expect(assessmentEditionFor('2026-03-01')).toBe('HJ663-2026');
  });

  it('makes the UNVERIFIED HJ 663-2026 start date configurable', () => {
    expect(assessmentEditionFor('2026-05-01', '2026-06-01')).toBe('HJ663-2013');
    expect(assessmentEditionFor('2026-06-01', '2026-06-01')).toBe('HJ663-2026');
  });

  it('applies overrides', () => {
    expect(editionsFor('2025-12-31')).toEqual({
      aqi: 'HJ633-2012',
      assessment: 'HJ663-2013',
      limits: 'GB3095-2012',
    });
    expect(editionsFor('2026-12-31', { aqi: 'HJ633-2012' })).toEqual({
      aqi: 'HJ633-2012',
      assessment: 'HJ663-2026',
      limits: 'GB3095-2026',
    });
  });

  it('rejects malformed dates', () => {
    expect(() => aqiEditionFor('2026-3-1')).toThrow(RangeError);
    expect(() => aqiEditionFor('2026-02-30')).toThrow(RangeError);
    expect(() => limitsEditionFor('20260301')).toThrow(RangeError);
  });
});
