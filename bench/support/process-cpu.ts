/**
 * CPU time of other processes, from /proc/<pid>/stat (Linux): utime + stime of every thread of
 * the process, in seconds. What a benchmark reads before and after a load phase to say how many
 * CPU-seconds a node spent on it.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc times (`getconf CLK_TCK`, 100 almost everywhere). */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of `pid` in seconds; 0 when the process is gone. */
export function cpuSeconds(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  // Fields after the command name (which may hold spaces) in parentheses: state is field 3,
  // utime field 14, stime field 15.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[11]) + Number(rest[12])) / TICKS;
}

/** Summed CPU seconds of several processes. */
export function cpuSecondsOf(pids: readonly number[]): number {
  return pids.reduce((s, p) => s + cpuSeconds(p), 0);
}

/** Processes running `program` (part of its path) with every one of `args` among its arguments. */
export function pidsOfProgram(program: string, args: readonly string[]): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (argv[0]?.includes(program) && args.every((a) => argv.includes(a))) out.push(Number(d));
  }
  return out;
}

/**
 * CPU-seconds a changing set of processes (e.g. PostgreSQL backends that a pool opens and closes)
 * spent since start(): sample() now and then reads every process of the set; one first seen after
 * start() counts from zero, one that ended counts up to its last sample.
 */
export class CpuTracker {
  private readonly base = new Map<number, number>();
  private readonly last = new Map<number, number>();

  constructor(private readonly find: () => Promise<number[]>) {}

  /** Starts counting for the processes found just before (synchronous, for a start callback). */
  start(pids: readonly number[]): void {
    for (const p of pids) {
      const c = cpuSeconds(p);
      this.base.set(p, c);
      this.last.set(p, c);
    }
  }

  /** Reads the processes known and any new ones of the set. */
  async sample(): Promise<void> {
    for (const p of await this.find()) if (!this.base.has(p)) this.base.set(p, 0);
    for (const p of this.base.keys()) {
      const c = cpuSeconds(p);
      if (c > 0) this.last.set(p, c);
    }
  }

  /** The processes found now (for start()). */
  current(): Promise<number[]> {
    return this.find();
  }

  /** CPU-seconds since start() up to the last sample. */
  total(): number {
    let s = 0;
    for (const [p, b] of this.base) s += (this.last.get(p) ?? b) - b;
    return s;
  }
}
