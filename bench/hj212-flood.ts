/**
 * HJ 212 listener under attacks without credentials (issue 15): connections held and disk/log growth.
 * The in-process server with its DEFAULT limits over a fresh SQLite file, raw archive on,
 * quarantine mode; a registered logger sends one packet every 100 ms throughout and its ack
 * latency is measured. A forked attacker process (its own core) then:
 *
 *   1. opens `--idle` idle TCP connections from 127.0.0.2 (nothing sent);
 *   2. floods for `--seconds` from 127.0.0.3–6: three connections sending unknown MNs (a new MN
 *      every frame) and one sending a registered MN with wrong passwords, as fast as TCP takes them.
 *
 * Prints connections held, evicted and refused, the logger's acks, archive bytes, quarantine rows,
 * log lines and bytes, and what the archive would have grown by with a line per frame.
 *
 *   npm run bench -- hj212-flood [--idle 10000] [--seconds 30]
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { upsertRegions } from '../src/air/region-repo.ts';
import { systemClock } from '../src/clock.ts';
import { importDevices } from '../src/devices/device-service.ts';
import type { IngestLog } from '../src/ingest/hj212/ingest-log.ts';
import { startHj212Ingest } from '../src/ingest/hj212/server.ts';
import { Hj212Decoder, serialize } from '../src/protocols/hj212/index.ts';
import { openStore } from '../src/store/db.ts';

const { values: args } = parseArgs({
  options: {
    idle: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '30' },
    attacker: { type: 'string' },
    port: { type: 'string' },
  },
});
const MN = 'BE0C4A000000000000000001';
const T_START = Date.UTC(2024, 0, 1) - 8 * 3_600_000;

function stamp(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().replace(/[-T:]/g, '').slice(0, 14);
}

function packet(mn: string, pw: string, minute: number, qn: number): Buffer {
  const t = stamp(T_START + minute * 60_000);
  return serialize(
    {
      qn: `${t}${String(qn % 1000).padStart(3, '0')}`,
      st: '31',
      cn: '2051',
      pw,
      mn,
      flag: 5,
      cp: [
        ['DataTime', t],
        ['a21026-Avg', '12.5'],
        ['a21026-Flag', 'N'],
        ['a21002-Avg', '40.1'],
        ['a21002-Flag', 'N'],
        ['a34013-Avg', '8.3'],
        ['a34013-Flag', 'N'],
      ],
    },
    { crc: 'standard' },
  );
}

function du(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    n += e.isDirectory() ? du(p) : statSync(p).size;
  }
  return n;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The attacker process: idle sockets, then the flood; reports counts to the parent. */
async function attacker(port: number): Promise<void> {
  const idle: Socket[] = [];
  let closedByServer = 0;
  const n = Number(args.idle);
  const t0 = Date.now();
  for (let i = 0; i < n; i += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, n - i) }, () => {
        const s = connect({ host: '127.0.0.1', port, localAddress: '127.0.0.2' });
        s.on('error', () => undefined);
        s.on('close', () => closedByServer++);
        idle.push(s);
        return new Promise((r) => {
          s.once('connect', r);
          s.once('close', r);
        });
      }),
    );
  }
  process.send!({ idleOpened: n, openMs: Date.now() - t0 });
  await sleep(3000);
  process.send!({ idleStillOpen: n - closedByServer });
  for (const s of idle) s.destroy();

  const until = Date.now() + Number(args.seconds) * 1000;
  const pools = [0, 1, 2].map((a) =>
    Buffer.concat(
      Array.from({ length: 5000 }, (_, i) =>
        packet(`FF0${a}${String(i).padStart(20, '0')}`, '123456', i, i),
      ),
    ),
  );
  pools.push(Buffer.concat(Array.from({ length: 5000 }, (_, i) => packet(MN, `x${i}`, i, i))));
  const sent = await Promise.all(
    pools.map(async (pool, a) => {
      const s = connect({ host: '127.0.0.1', port, localAddress: `127.0.0.${3 + a}` });
      s.on('error', () => undefined);
      await new Promise((r) => s.once('connect', r));
      let frames = 0;
      let bytes = 0;
      while (Date.now() < until && !s.destroyed) {
        await new Promise<void>((r) => s.write(pool, () => r()));
        frames += 5000;
        bytes += pool.length;
      }
      s.destroy();
      return { frames, bytes };
    }),
  );
  process.send!({
    floodFrames: sent.reduce((a, b) => a + b.frames, 0),
    floodBytes: sent.reduce((a, b) => a + b.bytes, 0),
  });
}

/** A log that only measures what would be written. */
function measuringLog(): IngestLog & { lines: number; bytes: number } {
  const m = { lines: 0, bytes: 0 };
  const w = (obj: object, msg?: string) => {
    m.lines++;
    m.bytes += JSON.stringify({ ...obj, msg }).length + 1;
  };
  return Object.assign(m, { debug: w, info: w, warn: w, error: w });
}

async function server(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-flood-bench-'));
  const db = await openStore({ sqlitePath: join(dir, 'bench.db'), sqliteSynchronous: 'FULL' });
  await upsertRegions(
    db,
    [{ adcode: '130400', name: '邯郸市', parentAdcode: null, level: 'city' }],
    0,
  );
  await importDevices(
    db,
    systemClock,
    [
      {
        line: 2,
        input: {
          mn: MN,
          kind: 'outlet',
          target: 'DA1',
          password: '123456',
          edition: '2017',
          crc: 'standard',
          intervalS: 60,
        },
      },
    ],
    { actor: 'bench' },
  );
  const log = measuringLog();
  const archiveDir = join(dir, 'archive');
  const ingest = await startHj212Ingest(
    { db, clock: systemClock, log },
    {
      host: '127.0.0.1',
      port: 0,
      unknownDevice: 'quarantine',
      archive: { dir: archiveDir, retentionDays: 90 },
    },
  );

  // The registered logger: one packet every 100 ms, ack latency recorded.
  const logger = connect({ host: '127.0.0.1', port: ingest.port });
  await new Promise((r) => logger.once('connect', r));
  const decoder = new Hj212Decoder({ crc: 'standard' });
  const sentAt: number[] = [];
  const latency: number[] = [];
  let acks = 0;
  logger.on('data', (c: Buffer) => {
    for (const e of decoder.push(c)) {
      if (!e.ok) continue;
      latency.push(Date.now() - sentAt[acks]!);
      acks++;
    }
  });
  let minute = 0;
  const beat = setInterval(() => {
    sentAt.push(Date.now());
    logger.write(packet(MN, '123456', 100_000 + minute, minute));
    minute++;
  }, 100);

  const child = fork(
    fileURLToPath(import.meta.url),
    [...process.argv.slice(2), '--attacker', '1', '--port', String(ingest.port)],
    {
      execArgv: ['--import', 'tsx'],
    },
  );
  const report: Record<string, number> = {};
  let held: ReturnType<typeof ingest.status>['connections'] | null = null;
  await new Promise<void>((resolve) =>
    child.on('message', (m: Record<string, number>) => {
      Object.assign(report, m);
      if (m['idleStillOpen'] !== undefined) held = ingest.status().connections;
      if (m['floodFrames'] !== undefined) resolve();
    }),
  );
  const until = Date.now() + 60_000;
  while (ingest.status().totals.rejected < report['floodFrames']! && Date.now() < until)
    await sleep(200);
  clearInterval(beat);
  await sleep(500);
  const s = ingest.status();
  await ingest.stop();
  logger.destroy();
  const rows = Number(
    (
      await db.kysely
        .selectFrom('quarantine')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const archived = du(archiveDir);
  await db.close();
  rmSync(dir, { recursive: true, force: true });

  const sorted = [...latency].sort((a, b) => a - b);
  const q = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(2)} MiB`;
  const c = held!;
  const lines = [
    `idle connections opened from one address: ${report['idleOpened']} in ${report['openMs']} ms`,
    `  still open 3 s later (client side): ${report['idleStillOpen']}; held by the server: ${c.unauthenticated} unauthenticated of ${c.open} open`,
    `  evicted (per-address bound): ${c.evictedPerAddress}, evicted (total): ${c.evictedTotal}, refused: ${c.refused}`,
    `flood: ${report['floodFrames']} frames (${mib(report['floodBytes']!)}) in ${args.seconds} s from 4 addresses, all counted: ${s.totals.rejected === report['floodFrames']}`,
    `  raw archive on disk: ${mib(archived)} (a line per frame: about ${mib(report['floodBytes']! * 1.15)})`,
    `  archive sampled out: ${s.archive.sampledOut}, dropped by cap: ${s.archive.droppedByCap}`,
    `  quarantine rows: ${rows} (quarantined ${s.totals.quarantined}, sampled out ${s.quarantine.sampledOut}, pruned ${s.quarantine.pruned})`,
    `  log: ${log.lines} lines, ${(log.bytes / 1024).toFixed(1)} KiB`,
    `registered logger: ${acks} of ${sentAt.length} packets acknowledged; ack latency p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${sorted.at(-1)} ms`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  child.kill();
}

if (args.attacker) await attacker(Number(args.port));
else await server();
