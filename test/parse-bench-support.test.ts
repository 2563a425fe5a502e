/**
 * The helpers the protocol parse benchmarks share (bench/support/parse-bench.ts, issue 17): the
 * same seed gives the same values, chunks put back together are the stream, and a contender
 * that loses a frame stops the benchmark instead of being timed.
 */
import { describe, expect, it } from 'vitest';
import { chunksOf, medianRate, seededRandom } from '../bench/support/parse-bench.ts';

describe('parse benchmark support', () => {
  it('repeats its values for a seed, each in [0, 1), and differs between seeds', () => {
    const take = (seed: number) => Array.from({ length: 100 }, seededRandom(seed));
    expect(take(212)).toEqual(take(212));
    expect(take(212)).not.toEqual(take(17691));
    for (const v of take(212)) expect(v >= 0 && v < 1).toBe(true);
  });

  it('cuts a stream into chunks that join back into it', () => {
    const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
    const parts = chunksOf(data, 300);
    expect(parts.map((p) => p.length)).toEqual([300, 300, 300, 100]);
    expect(Buffer.concat(parts).equals(data)).toBe(true);
  });

  it('times a contender that recovers every item and refuses one that does not', () => {
    expect(medianRate('all', () => 4, { items: 4, runs: 3, unit: 'frames' })).toBeGreaterThan(0);
    expect(() => medianRate('lossy', () => 3, { items: 4, runs: 3, unit: 'frames' })).toThrow(
      'lossy recovered 3 of 4 frames',
    );
  });
});
