/**
 * Hourly compliance of a city's outlets over a month: O outlets × 6 limited pollutants × the
 * hours of a month of CEMS data (default 2,000 × 6 × 744 ≈ 8.9 M cems_hours rows) in a temporary
 * SQLite store, judged by the platform's own code (GET /api/sources/compliance's service,
 * src/sources/cems/compliance-service.ts). Reports, in the same run:
 *   raw scan    reading every row of the month back (better-sqlite3, raw arrays, count only)
 *   raw seeks   the same rows by the path compliance reads them (one key range per
 *               outlet-pollutant)
 *   cold        the first compliance of the month (every outlet-pollutant read and judged)
 *   refresh     compliance again after one new hour of every outlet (12,000 rows) was written
 *   unchanged   compliance again with nothing new
 * with the ratio of each to the raw scan.
 *
 *   npx tsx bench/sources-compliance.ts [--outlets 2000] [--days 31] [--dir D] [--keep]
 * With --dir D --keep the generated store stays in D; a later run with the same --dir reuses it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { upsertRegions } from '../src/air/region-repo.ts';
import type { Principal } from '../src/auth/principal.ts';
import { cemsConfig } from '../src/sources/cems/cems-config.ts';
import { cityCompliance } from '../src/sources/cems/compliance-service.ts';
import { openStore, type Db } from '../src/store/db.ts';

const { values: args } = parseArgs({
  options: {
    outlets: { type: 'string', default: '2000' },
    days: { type: 'string', default: '31' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const OUTLETS = Number(args.outlets);
const DAYS = Number(args.days);
const PER_ENTERPRISE = 4;
const HOUR = 3_600_000;
const MONTH_START = Date.UTC(2024, 2, 1, -8); // 2024-03-01 00:00 Beijing
const MONTH = '2024-03';
/** Sector (sinter head) limits of PM, SO2, NOx at 16 %, plus three per-outlet overrides. */
const POLLUTANTS: Array<[string, number]> = [
  ['a34013', 10],
  ['a21026', 35],
  ['a21002', 50],
  ['a21005', 1000],
  ['a21001', 8],
  ['a24088', 60],
];
const OFFICE: Principal = {
  userId: 0,
  username: 'bench',
  displayName: 'bench',
  role: 'city-admin',
  via: 'session',
  mustChangePassword: false,
};

/** A small deterministic generator (xorshift32). */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4_294_967_296;
  };
}

function day(ms: number): string {
  return new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
}

/** Enterprises, lines, outlets with overrides, and the month of hours. */
function generate(db: Db): number {
  const h = db.sqlite!;
  const now = Date.now();
  const enterprises = Math.ceil(OUTLETS / PER_ENTERPRISE);
  const insE = h.prepare(
    `insert into enterprises (credit_code, name, region_adcode, industry, categories, positive_list, guarantee, key_discharger, simulated, created_at, updated_at)
     values (?, ?, '130481', 'long_process_steel', '["ultra_low"]', 0, 0, 1, 1, ?, ?)`,
  );
  const insL = h.prepare(
    `insert into production_lines (enterprise_id, code, name, process, capacity, created_at, updated_at) values (?, 'SJ1', '烧结机', '烧结机', null, ?, ?)`,
  );
  const insO = h.prepare(
    `insert into outlets (code, name, enterprise, region_adcode, enterprise_id, line_id, created_at, updated_at) values (?, ?, null, '130481', ?, ?, ?, ?)`,
  );
  const insLimit = h.prepare(
    `insert into outlet_limits (outlet_id, pollutant, limit_mg_m3, ref_o2, basis, updated_at) values (?, ?, ?, null, 'bench', ?)`,
  );
  const outletIds: number[] = [];
  h.transaction(() => {
    for (let e = 0; e < enterprises; e++) {
      const eid = Number(
        insE.run(`BENCH${String(e).padStart(13, '0')}`, `企业${e}`, now, now).lastInsertRowid,
      );
      const lid = Number(insL.run(eid, now, now).lastInsertRowid);
      for (let k = 0; k < PER_ENTERPRISE && outletIds.length < OUTLETS; k++) {
        const oid = Number(
          insO.run(`DA${e}-${k}`, `排放口${e}-${k}`, eid, lid, now, now).lastInsertRowid,
        );
        outletIds.push(oid);
        for (const [p, limit] of POLLUTANTS.slice(3)) insLimit.run(oid, p, limit, now);
      }
    }
  })();
  const insH = h.prepare(
    `insert into cems_hours (outlet_id, pollutant, hour, day, avg, zs_device, zs_calc, o2, cou, flag, valid, origin, minutes, updated_at)
     values (?, ?, ?, ?, ?, null, ?, 12, ?, ?, ?, '2061', null, ?)`,
  );
  const r = rng(9);
  let rows = 0;
  const hours = DAYS * 24;
  const days = Array.from({ length: DAYS }, (_, k) => day(MONTH_START + k * 24 * HOUR));
  // In key order (outlet, pollutant, hour), 20 outlets per transaction: the month is generated
  // at append speed. (A live feed writes one hour of every outlet per round: 12,000 rows an hour.)
  for (let k = 0; k < outletIds.length; k += 20) {
    h.transaction(() => {
      for (const oid of outletIds.slice(k, k + 20)) {
        for (const [p, limit] of POLLUTANTS) {
          for (let i = 0; i < hours; i++) {
            const avg = limit * (0.5 + 1.4 * r());
            const flag = r() < 0.02 ? 'M' : 'N';
            const hour = MONTH_START + i * HOUR;
            insH.run(
              oid,
              p,
              hour,
              days[Math.floor(i / 24)],
              avg,
              avg * (5 / 9),
              0.5,
              flag,
              flag === 'N' ? 1 : 0,
              now,
            );
            rows++;
          }
        }
      }
    })();
    if (k % 400 === 0) process.stderr.write(`  生成：${rows.toLocaleString()} 行\n`);
  }
  return rows;
}

function ms(t0: number): number {
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const dir = args.dir ?? mkdtempSync(join(tmpdir(), 'lantian-compliance-'));
  const path = join(dir, 'lantian.db');
  const reuse = existsSync(path);
  const db = await openStore({ sqlitePath: path });
  const h = db.sqlite!;
  try {
    if (!reuse) {
      await upsertRegions(
        db,
        [
          { adcode: '130400', name: '邯郸市', parentAdcode: null, level: 'city' },
          { adcode: '130481', name: '武安市', parentAdcode: '130400', level: 'county' },
        ],
        0,
      );
      const t0 = performance.now();
      const rows = generate(db);
      process.stdout.write(
        `生成 ${rows.toLocaleString()} 行 cems_hours：${(ms(t0) / 1000).toFixed(1)} s\n`,
      );
    }
    const from = MONTH_START;
    const to = MONTH_START + DAYS * 24 * HOUR;
    const config = cemsConfig();

    let t0 = performance.now();
    let n = 0;
    for (const _ of h
      .prepare('select * from cems_hours where hour >= ? and hour < ?')
      .raw()
      .iterate(from, to))
      n++;
    const rawScan = ms(t0);

    t0 = performance.now();
    const pairs = h
      .prepare(
        "select o.id, l.pollutant from outlets o join (select 'a34013' as pollutant union all select 'a21026' union all select 'a21002' union all select 'a21005' union all select 'a21001' union all select 'a24088') l",
      )
      .raw()
      .all() as Array<[number, string]>;
    const seek = h
      .prepare(
        'select * from cems_hours where outlet_id = ? and pollutant = ? and hour >= ? and hour < ?',
      )
      .raw();
    let m = 0;
    for (const [id, p] of pairs) for (const _ of seek.iterate(id, p, from, to)) m++;
    const rawSeeks = ms(t0);

    const now = to + HOUR;
    t0 = performance.now();
    const cold = await cityCompliance(db, config, OFFICE, { month: MONTH }, now);
    const coldMs = ms(t0);

    // One new hour for every outlet (written by the projector in one transaction).
    const last = to - HOUR;
    h.prepare(
      `update cems_hours set avg = avg * 1.5, zs_calc = zs_calc * 1.5, updated_at = ? where hour = ?`,
    ).run(Date.now() + 1000, last);
    t0 = performance.now();
    const refreshed = await cityCompliance(db, config, OFFICE, { month: MONTH }, now);
    const refreshMs = ms(t0);

    t0 = performance.now();
    await cityCompliance(db, config, OFFICE, { month: MONTH }, now);
    const unchangedMs = ms(t0);

    const over = (r: typeof cold) => r.enterprises.reduce((a, e) => a + e.over, 0);
    const line = (name: string, t: number) =>
      `  ${name.padEnd(34)} ${t.toFixed(0).padStart(7)} ms   ${(t / rawScan).toFixed(2)} × raw scan\n`;
    process.stdout.write(
      `\n${OUTLETS} 个排放口 × ${POLLUTANTS.length} 项 × ${DAYS * 24} 小时 = ${n.toLocaleString()} 行（按键读取 ${m.toLocaleString()} 行）；${cold.enterprises.length} 家企业，超标小时 ${over(cold).toLocaleString()} → 刷新后 ${over(refreshed).toLocaleString()}\n` +
        line('raw scan (all rows of the month)', rawScan) +
        line('raw seeks (per outlet-pollutant)', rawSeeks) +
        line('compliance, cold', coldMs) +
        line('compliance, refresh after 1 new hour', refreshMs) +
        line('compliance, nothing new', unchangedMs),
    );
  } finally {
    await db.close();
    if (!args.keep && args.dir === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
