/**
 * The HJ 212 load of the ingest benchmarks (bench/hj212-ingest-server.ts, bench/scale-bench.ts):
 * each device is one TCP connection sending CEMS minute uploads (CN 2051, 8 codes with
 * Avg/Min/Max/Flag) with Flag=5 and keeping `window` packets unacknowledged. Devices are spread
 * over the given ports in turn (device d → ports[d % ports.length]), as loggers behind several
 * ingest nodes. Run it in its own process (bench/support/hj212-load-child.ts) so that the load
 * and the server each get a core.
 */
import { fork } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serialize } from '../../src/protocols/hj212/index.ts';

/** The 8 pollutant codes of every upload (so 8 device_values rows per packet). */
export const CEMS_CODES = [
  'a21026',
  'a21002',
  'a34013',
  'a19001',
  'a01012',
  'a01011',
  'a01013',
  'a00000',
];

/** The MN of bench device d (register these with password 123456). */
export const benchMn = (d: number): string => `BE0C4A${String(d).padStart(18, '0')}`;

/** The access password of every bench device. */
export const BENCH_PASSWORD = '123456';

const T_START = Date.UTC(2024, 0, 1) - 8 * 3_600_000;

function stamp(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().replace(/[-T:]/g, '').slice(0, 14);
}

/** Frames of one device: minute data for `n` consecutive minutes from minute `first`. */
export function cemsMinuteFrames(d: number, n: number, first = 0): Buffer[] {
  const out: Buffer[] = [];
  for (let i = first; i < first + n; i++) {
    const cp: Array<[string, string]> = [['DataTime', stamp(T_START + i * 60_000)]];
    for (const c of CEMS_CODES) {
      const v = 10 + ((d * 7 + i * 13 + c.length) % 90);
      cp.push(
        [`${c}-Avg`, v.toFixed(2)],
        [`${c}-Min`, (v - 1).toFixed(2)],
        [`${c}-Max`, (v + 1).toFixed(2)],
        [`${c}-Flag`, 'N'],
      );
    }
    out.push(
      serialize({
        qn: `20240101000000${String(((i % 1000) + 1000) % 1000).padStart(3, '0')}`,
        st: '31',
        cn: '2051',
        pw: BENCH_PASSWORD,
        mn: benchMn(d),
        flag: 5,
        cp,
      }),
    );
  }
  return out;
}

/** What a load run asks for. */
export interface LoadPlan {
  ports: number[];
  devices: number;
  /** Packets in all (split evenly over the devices, rounded up). */
  packets: number;
  window: number;
  /** First minute of the DataTimes (another value gives new rows: a warm-up, then the run). */
  firstMinute: number;
}

/** What a load run saw. */
export interface LoadResult {
  acked: number;
  secs: number;
  p50: number;
  p99: number;
  max: number;
  /** CPU of the load process over the run, as a fraction of one core. */
  clientCpu: number;
}

/** One connection per device, all open before `onStart` (a connect storm is not ingest). */
function connectAll(plan: LoadPlan): Promise<Socket[]> {
  return Promise.all(
    Array.from(
      { length: plan.devices },
      (_, d) =>
        new Promise<Socket>((resolve, reject) => {
          const s = connect({ host: '127.0.0.1', port: plan.ports[d % plan.ports.length]! }, () =>
            resolve(s),
          );
          s.setNoDelay(true);
          s.once('error', reject);
        }),
    ),
  );
}

/** Sends `list` on `s` keeping `window` unacknowledged; records each ack's latency. */
function drive(s: Socket, list: Buffer[], window: number, latencies: number[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const sent: number[] = [];
    let next = 0;
    let got = 0;
    let buf = '';
    const pump = () => {
      const chunk: Buffer[] = [];
      while (next < list.length && next - got < window) {
        sent[next] = performance.now();
        chunk.push(list[next++]!);
      }
      if (chunk.length) s.write(chunk.length === 1 ? chunk[0]! : Buffer.concat(chunk));
    };
    s.on('data', (data: Buffer) => {
      buf += data.toString('latin1');
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        buf = buf.slice(i + 1);
        latencies.push(performance.now() - sent[got]!);
        got++;
      }
      if (got === list.length) {
        s.end();
        resolve();
      } else pump();
    });
    s.on('error', reject);
    s.on('close', () => {
      if (got < list.length) reject(new Error(`服务器在 ${got}/${list.length} 个确认后关闭了连接`));
    });
    pump();
  });
}

/** Runs the plan; `onStart` is called once every device is connected, as the clock starts. */
export async function runLoad(plan: LoadPlan, onStart: () => void): Promise<LoadResult> {
  const per = Math.ceil(plan.packets / plan.devices);
  const frames = Array.from({ length: plan.devices }, (_, d) =>
    cemsMinuteFrames(d, per, plan.firstMinute),
  );
  const latencies: number[] = [];
  const sockets = await connectAll(plan);
  const cpu0 = process.cpuUsage();
  onStart();
  const start = performance.now();
  await Promise.all(frames.map((list, d) => drive(sockets[d]!, list, plan.window, latencies)));
  const secs = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  const cpu = process.cpuUsage(cpu0);
  return {
    acked: latencies.length,
    secs,
    p50: q(0.5),
    p99: q(0.99),
    max: latencies[latencies.length - 1]!,
    clientCpu: (cpu.user + cpu.system) / 1e6 / secs,
  };
}

/** The child process that runs the load (bench/support/hj212-load-child.ts). */
const CHILD = fileURLToPath(new URL('./hj212-load-child.ts', import.meta.url));

/**
 * Runs the plan in a forked process (its own core); `onStart` is called when its clock starts.
 */
export function forkLoad(plan: LoadPlan, onStart: () => void = () => {}): Promise<LoadResult> {
  const child = fork(CHILD, [JSON.stringify(plan)], { execArgv: ['--import', 'tsx'] });
  return new Promise<LoadResult>((resolve, reject) => {
    child.on('message', (m) => {
      if ((m as { start?: boolean }).start) onStart();
      else resolve(m as LoadResult);
    });
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`HJ 212 load process exited with ${code}`));
    });
  });
}
