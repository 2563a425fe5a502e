/**
 * HJ 212 ingest server load check (server side of issue 3): the in-process server of
 * src/ingest/hj212 over a fresh SQLite file (synchronous=FULL, raw archive on), driven over
 * loopback by a forked load generator (a second process, so client and server each get a core;
 * bench/support/hj212-load.ts). Each connection is one device sending CEMS minute uploads
 * (CN 2051, 8 codes with Avg/Min/Max/Flag ≈ 8 values) with Flag=5 and keeping `window` packets
 * unacknowledged.
 * Prints acknowledged packets/s, values/s and ack latency p50/p99, next to the raw insert rate
 * of the same rows into the same table by a bare prepared-statement loop in the same run.
 *
 *   npx tsx bench/hj212-ingest-server.ts [--devices 200] [--packets 300000] [--window 16]
 *     [--archive on|off] [--sync FULL|NORMAL] [--writer thread|inline] [--sink store|none]
 *     [--profile file.cpuprofile]
 *
 * `window` is how many unacknowledged packets a device keeps in flight; ack latency is then about
 * devices × window / throughput (Little's law), so compare latencies at equal in-flight counts.
 * Server CPU per packet counts every thread of the server process (event loop + writer thread).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../src/clock.ts';
import { startHj212Ingest } from '../src/ingest/hj212/server.ts';
import { openStore } from '../src/store/db.ts';
import { registerBenchDevices } from './support/bench-devices.ts';
import { forkLoad } from './support/hj212-load.ts';

const { values: args } = parseArgs({
  options: {
    devices: { type: 'string', default: '200' },
    packets: { type: 'string', default: '300000' },
    window: { type: 'string', default: '16' },
    archive: { type: 'string', default: 'on' },
    sync: { type: 'string', default: 'FULL' },
    profile: { type: 'string' },
    sink: { type: 'string', default: 'store' },
    writer: { type: 'string', default: 'thread' },
  },
});
const DEVICES = Number(args.devices);
const PACKETS = Number(args.packets);
const WINDOW = Number(args.window);

async function server(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-ingest-bench-'));
  const db = await openStore({
    sqlitePath: join(dir, 'bench.db'),
    sqliteSynchronous: args.sync as 'FULL' | 'NORMAL',
  });
  await registerBenchDevices(db, DEVICES);
  const ingest = await startHj212Ingest(
    { db, clock: systemClock },
    {
      host: '127.0.0.1',
      port: 0,
      rateLimit: { perSecond: 0, burst: 1 },
      // Every device connects from 127.0.0.1 before any signs in.
      maxPendingPerAddress: 1_000_000,
      sqliteWriter: args.writer as 'thread' | 'inline',
      archive: args.archive === 'on' ? { dir: join(dir, 'archive'), retentionDays: 0 } : false,
    },
  );
  // --sink none: everything but the store (sockets, parsing, archive, acks), for comparison.
  if (args.sink === 'none') ingest.setSink({ write: async () => ({ changed: [] }) });
  const session = args.profile ? new Session() : null;
  if (session) {
    session.connect();
    await new Promise((r) =>
      session.post('Profiler.enable', () => session.post('Profiler.start', r)),
    );
  }
  let elu0 = performance.eventLoopUtilization();
  let cpu0 = process.cpuUsage();
  const res = await forkLoad(
    { ports: [ingest.port], devices: DEVICES, packets: PACKETS, window: WINDOW, firstMinute: 0 },
    () => {
      elu0 = performance.eventLoopUtilization();
      cpu0 = process.cpuUsage();
    },
  );
  const cpu = process.cpuUsage(cpu0);
  const elu = performance.eventLoopUtilization(elu0);
  if (session) {
    const prof = await new Promise<unknown>((r) =>
      session.post('Profiler.stop', (_e, res) => r(res.profile)),
    );
    writeFileSync(args.profile!, JSON.stringify(prof));
  }
  const st = ingest.status();
  await ingest.stop();
  const rows = db.sqlite!.prepare('select count(*) as n from device_values').get() as { n: number };

  // Raw insert rate of the same rows into the same table: bare prepared statement, 5000 rows
  // per transaction, keys shifted by 366 days so they are new.
  const h = db.sqlite!;
  const all = h.prepare('select * from device_values').raw(true).all() as unknown[][];
  const ins = h.prepare(`insert into device_values values (${new Array(18).fill('?').join(',')})`);
  const t0 = performance.now();
  for (let i = 0; i < all.length; i += 5000) {
    h.exec('begin immediate');
    for (const r of all.slice(i, i + 5000))
      ins.run(
        Number(r[0]) + 527_040,
        r[1],
        r[2],
        r[3],
        Number(r[4]) + 31_622_400_000,
        ...r.slice(5),
      );
    h.exec('commit');
  }
  const rawRate = all.length / ((performance.now() - t0) / 1000);
  await db.close();
  rmSync(dir, { recursive: true, force: true });

  const pps = res.acked / res.secs;
  const vps = (rows.n / res.acked) * pps;
  console.log(
    `devices ${DEVICES}, window ${WINDOW}, archive ${args.archive}, synchronous ${args.sync}, writer ${args.writer}, sink ${args.sink}`,
  );
  console.log(
    `acknowledged packets/s   ${pps.toFixed(0)}  (${res.acked} in ${res.secs.toFixed(2)} s)`,
  );
  console.log(`values (rows)/s          ${vps.toFixed(0)}  (${rows.n} rows)`);
  console.log(
    `ack latency ms           p50 ${res.p50.toFixed(1)}  p99 ${res.p99.toFixed(1)}  max ${res.max.toFixed(1)}`,
  );
  const cpuUs = (cpu.user + cpu.system) / res.acked;
  console.log(
    `server CPU per packet    ${cpuUs.toFixed(1)} µs  (one core could ack ${(1e6 / cpuUs).toFixed(0)} packets/s)`,
  );
  console.log(`server event loop busy   ${(elu.utilization * 100).toFixed(0)} %`);
  console.log(`client CPU               ${(res.clientCpu * 100).toFixed(0)} % of one core`);
  console.log(
    `batches                  ${st.queue.batches} (avg ${(st.totals.packets / st.queue.batches).toFixed(0)} packets/transaction, write ${st.queue.meanCommitMs?.toFixed(1)} ms each)`,
  );
  if (rows.n > 0)
    console.log(
      `raw insert rows/s        ${rawRate.toFixed(0)}  → end-to-end values/s = ${((vps / rawRate) * 100).toFixed(0)} % of raw`,
    );
}

await server();
