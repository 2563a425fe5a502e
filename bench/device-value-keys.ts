/**
 * Which key for device_values? Appends a simulated live feed — D devices × P minute packets of 8
 * codes, devices interleaved as they arrive, one transaction per B packets (group commit) — into
 * SQLite tables that differ only in their primary key, then reads one device's day back. The
 * shipped key is (minute, device, cn, code, data_time) (src/ingest/value-key.ts).
 *
 *   npx tsx bench/device-value-keys.ts [devices=1000] [packets=60] [batch=1000] [synchronous=FULL]
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DEVICES = Number(process.argv[2] ?? 1000);
const PACKETS = Number(process.argv[3] ?? 60);
const BATCH = Number(process.argv[4] ?? 1000);
const SYNC = process.argv[5] ?? 'FULL';
const CODES = ['a21026', 'a21002', 'a34013', 'a19001', 'a01012', 'a01011', 'a01013', 'a00000'];
const COLS = `bucket integer not null, device_id integer not null, cn integer not null, code text not null, data_time integer not null,
  rtd real, avg real, min real, max real, zs_rtd real, zs_avg real, zs_min real, zs_max real, cou real, flag text, eflag text, extra text, received_at integer not null`;
const T0 = Date.UTC(2024, 0, 1);

interface Layout {
  name: string;
  bucketMs: number;
  key: string;
}

const LAYOUTS: Layout[] = [
  {
    name: '(minute, device, cn, code, time) [shipped]',
    bucketMs: 60_000,
    key: 'bucket, device_id, cn, code, data_time',
  },
  {
    name: '(day, device, cn, code, time) [as readings]',
    bucketMs: 86_400_000,
    key: 'bucket, device_id, cn, code, data_time',
  },
  {
    name: '(hour, device, cn, code, time)',
    bucketMs: 3_600_000,
    key: 'bucket, device_id, cn, code, data_time',
  },
  {
    name: '(day, time, device, cn, code) [time-first]',
    bucketMs: 86_400_000,
    key: 'bucket, data_time, device_id, cn, code',
  },
];

function measure(l: Layout, i: number, dir: string): { rowsPerSecond: number; readMs: number } {
  const path = join(dir, `layout-${i}.db`);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${SYNC}`);
  db.pragma('cache_size = -65536');
  db.exec(`create table v (${COLS}, primary key (${l.key})) without rowid`);
  const one = `(${new Array(18).fill('?').join(',')})`;
  const ins = db.prepare(`insert into v values ${new Array(8).fill(one).join(',')}`);
  const args: unknown[] = new Array(18 * 8);
  let inBatch = 0;
  const t0 = performance.now();
  db.exec('begin immediate');
  for (let p = 0; p < PACKETS; p++) {
    const t = T0 + p * 60_000;
    for (let d = 0; d < DEVICES; d++) {
      CODES.forEach((c, k) => {
        const o = k * 18;
        args.fill(null, o, o + 18);
        args[o] = Math.floor(t / l.bucketMs);
        args[o + 1] = d;
        args[o + 2] = 2051;
        args[o + 3] = c;
        args[o + 4] = t;
        args[o + 6] = 10 + ((d + p + k) % 50);
        args[o + 14] = 'N';
        args[o + 17] = t + 1000;
      });
      ins.run(args);
      if (++inBatch === BATCH) {
        db.exec('commit');
        db.exec('begin immediate');
        inBatch = 0;
      }
    }
  }
  db.exec('commit');
  const rowsPerSecond = (DEVICES * PACKETS * CODES.length) / ((performance.now() - t0) / 1000);
  // One device's series over the whole feed: one seek per bucket.
  const buckets: number[] = [];
  for (
    let b = Math.floor(T0 / l.bucketMs);
    b <= Math.floor((T0 + (PACKETS - 1) * 60_000) / l.bucketMs);
    b++
  )
    buckets.push(b);
  const read = db.prepare(
    `select data_time, code, avg from v where bucket in (${buckets.join(',')}) and device_id = ?`,
  );
  const r0 = performance.now();
  let n = 0;
  for (let d = 0; d < 20; d++) n += read.all(d * 7).length;
  const readMs = (performance.now() - r0) / 20;
  if (n !== 20 * PACKETS * CODES.length) throw new Error(`read ${n} rows`);
  db.close();
  return { rowsPerSecond, readMs };
}

const dir = mkdtempSync(join(tmpdir(), 'lantian-value-keys-'));
try {
  console.log(
    `${DEVICES} devices × ${PACKETS} minute packets × ${CODES.length} codes, ${BATCH} packets per transaction, synchronous=${SYNC}`,
  );
  const results = LAYOUTS.map((l, i) => ({ l, ...measure(l, i, dir) }));
  const base = results[0]!;
  for (const r of results) {
    console.log(
      `${r.l.name.padEnd(46)} ${r.rowsPerSecond.toFixed(0).padStart(8)} rows/s (×${(r.rowsPerSecond / base.rowsPerSecond).toFixed(2)})` +
        `   one device's series ${r.readMs.toFixed(2)} ms (×${(r.readMs / base.readMs).toFixed(2)})`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
