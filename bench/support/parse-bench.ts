/**
 * What the protocol parse benchmarks (bench/hj212-parse.ts, bench/gb17691-parse.ts) share
 * (issue 17): their command-line options, a seeded generator so every run parses the same bytes,
 * the byte stream cut into chunks as a busy TCP connection delivers it, and the median rate of
 * a contender over several runs.
 */
import { parseArgs } from 'node:util';

/** Options of a parse benchmark: --frames, --chunk (bytes), --runs, --workload. */
export interface ParseBenchOptions {
  frames: number;
  chunk: number;
  runs: number;
  workload: string;
}

/** Reads the options from the command line (`frames` is the benchmark's own default). */
export function parseBenchOptions(defaultFrames: number): ParseBenchOptions {
  const { values } = parseArgs({
    options: {
      frames: { type: 'string', default: String(defaultFrames) },
      chunk: { type: 'string', default: '65536' },
      runs: { type: 'string', default: '7' },
      workload: { type: 'string', default: 'mix' },
    },
  });
  return {
    frames: Number(values.frames),
    chunk: Number(values.chunk),
    runs: Number(values.runs),
    workload: values.workload,
  };
}

/** Deterministic pseudo-random values in [0, 1) (mulberry32) from `seed`. */
export function seededRandom(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `data` cut into pieces of `size` bytes (the last may be shorter), sharing its memory. */
export function chunksOf(data: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let off = 0; off < data.length; off += size) out.push(data.subarray(off, off + size));
  return out;
}

/**
 * Items per second of `fn` (which returns how many it recovered): two warm-up calls, then the
 * median of `runs` timed calls; throws when a call recovers other than `items` (`unit` names
 * them in the message).
 */
export function medianRate(
  name: string,
  fn: () => number,
  o: { items: number; runs: number; unit: string },
): number {
  const check = (n: number): void => {
    if (n !== o.items) throw new Error(`${name} recovered ${n} of ${o.items} ${o.unit}`);
  };
  for (let i = 0; i < 2; i++) check(fn()); // warm-up
  const times: number[] = [];
  for (let r = 0; r < o.runs; r++) {
    const t0 = process.hrtime.bigint();
    const n = fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    check(n);
  }
  times.sort((a, b) => a - b);
  return o.items / times[Math.floor(times.length / 2)]!;
}
