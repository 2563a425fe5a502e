import { describe, expect, it } from 'vitest';
import { RejectSampler } from './reject-sampler.ts';

describe('reject sampler', () => {
  it('keeps a few copies per address per minute and per second in all', () => {
    const s = new RejectSampler({ perAddressPerMinute: 3, perSecond: 5 });
    const t = 60_000 * 1000;
    const kept = (address: string, at: number, n: number) =>
      Array.from({ length: n }, () => s.take(address, at)).filter(Boolean).length;
    expect(kept('a', t, 10)).toBe(3);
    expect(kept('b', t, 10)).toBe(2); // the second's total of 5 is reached
    expect(kept('b', t + 1000, 10)).toBe(1); // b's minute still has 1 left
    expect(kept('a', t + 60_000, 10)).toBe(3); // a new minute
    expect(s.sampledOut).toBe(40 - 9);
  });

  it('shares one count among addresses beyond its memory bound', () => {
    const s = new RejectSampler({ perAddressPerMinute: 2, perSecond: 1000 }, 2);
    const t = 0;
    expect([s.take('a', t), s.take('b', t)]).toEqual([true, true]);
    expect([s.take('c', t), s.take('d', t), s.take('e', t)]).toEqual([true, true, false]);
  });
});
