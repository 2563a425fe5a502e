import { describe, expect, it } from 'vitest';
import { applyFaults, frozenValue, outageAt, type CemsFault } from './cems-faults.ts';
import { CemsOutletModel } from './cems-model.ts';
import { Prng } from './prng.ts';

const H = 3_600_000;
const faults: CemsFault[] = [
  { kind: 'exceedance', code: 'a21002', factor: 2, fromMs: 10 * H, toMs: 12 * H },
  { kind: 'flatline', code: 'a21026', value: 18.5, fromMs: 20 * H, toMs: 22 * H },
  { kind: 'outage', fromMs: 30 * H, toMs: 31 * H },
];

describe('CEMS faults', () => {
  it('act inside their window only, on their pollutant only', () => {
    expect(applyFaults(faults, 'a21002', 10 * H, 40)).toBe(80);
    expect(applyFaults(faults, 'a21002', 12 * H, 40)).toBe(40);
    expect(applyFaults(faults, 'a21026', 11 * H, 20)).toBe(20);
    expect(frozenValue(faults, 'a21026', 21 * H)).toBe(18.5);
    expect(frozenValue(faults, 'a21026', 22 * H)).toBeUndefined();
    expect(outageAt(faults, 30 * H)).toBe(true);
    expect(applyFaults(faults, 'a21026', 30 * H, 20)).toBe(300);
  });

  it('shape what a planned outlet sends: raw only, a frozen value, untreated gas', () => {
    const m = new CemsOutletModel(new Prng(3), { profile: '燃煤电厂', zsSent: false, faults });
    const at = (ms: number, code: string) => m.sample(ms, 3600).find((i) => i.code === code)!;
    const normal = at(5 * H, 'a21026');
    expect(normal.values.map((v) => v.suffix)).toEqual(['Avg', 'Cou']);
    expect(at(20 * H, 'a21026').values[0]!.value).toBe(18.5);
    expect(at(21 * H, 'a21026').values[0]!.value).toBe(18.5);
    expect(at(30 * H, 'a21026').values[0]!.value).toBeGreaterThan(100);
    expect(() => new CemsOutletModel(new Prng(1), { profile: '不存在', zsSent: true })).toThrow(
      RangeError,
    );
  });
});
