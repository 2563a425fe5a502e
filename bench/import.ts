/**
 * Import and assessment benchmark (issue "Foundation"): loads the Beijing PRSA set into a fresh
 * SQLite file and compares, in the same run:
 *   raw      a bare prepared-insert loop of the same rows into the same `readings` table
 *   import   `lantian import prsa` end to end (read, parse, merge, upsert, issue log, daily roll-up)
 * (bench/reading-keys.ts compares key layouts.)
 * then times a region-year assessment. Run: `npx tsx bench/import.ts [dir]` (default: the full set
 * in ../shared, else the 2016 fixture). Set DATABASE_URL to run the PostgreSQL part too.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assessRegion } from '../src/air/assessment-service.ts';
import { importPrsa, findPrsaFiles } from '../src/imports/prsa-import.ts';
import { parsePrsaFile, PRSA_POLLUTANTS } from '../src/imports/prsa-parse.ts';
import { readTextFile } from '../src/imports/text-file.ts';
import { dayBucket } from '../src/air/reading-writer.ts';
import { openStore, type Db } from '../src/store/db.ts';

const FULL = '../shared/datasets/beijing-multisite-2013-2017';
const dir = process.argv[2] ?? (existsSync(FULL) ? FULL : 'test/fixtures/prsa-2016');
const BATCH = 50_000;

type Row = [number, number, number, string, number, null, number];

/** All readings of the set as plain tuples in (hour, station) order: the raw loops' input. */
function loadRows(): Row[] {
  const files = findPrsaFiles(dir).map((p, i) => ({
    f: parsePrsaFile(p, readTextFile(p), 'Asia/Shanghai'),
    station: i + 1,
  }));
  const rows: Row[] = [];
  for (const { f, station } of files) {
    f.hours.forEach((hour, i) => {
      for (let k = 0; k < 6; k++) {
        const v = f.values[i * 6 + k]!;
        if (!Number.isNaN(v))
          rows.push([dayBucket(hour), hour, station, PRSA_POLLUTANTS[k]!, v, null, 1]);
      }
    });
  }
  return rows.sort((a, b) => a[1] - b[1] || a[2] - b[2]);
}

/** Rows per second of a bare prepared-insert loop, BATCH rows per transaction. */
function rawLoop(db: Db, table: string, rows: Row[]): number {
  const h = db.sqlite!;
  const stmt = h.prepare(
    `insert into ${table} (day, hour, station_id, pollutant, value, flag, source_id) values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertBatch = h.transaction((batch: Row[]) => {
    for (const r of batch) stmt.run(...r);
  });
  const t = performance.now();
  for (let i = 0; i < rows.length; i += BATCH) insertBatch(rows.slice(i, i + BATCH));
  return rows.length / ((performance.now() - t) / 1000);
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

async function sqliteRun(rows: Row[]): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'lt-bench-'));
  try {
    // The raw loop runs into a scratch database with the same schema (an empty `readings`).
    const scratch = await openStore({ sqlitePath: join(tmp, 'raw.db') });
    const raw = rawLoop(scratch, 'readings', rows);
    await scratch.close();

    const db = await openStore({ sqlitePath: join(tmp, 'import.db') });
    const t = performance.now();
    const s = await importPrsa(db, dir);
    const importSecs = (performance.now() - t) / 1000;
    const importRate = s.readings / importSecs;
    const t2 = performance.now();
    const again = await importPrsa(db, dir);
    const reSecs = (performance.now() - t2) / 1000;

    const years = [2014, 2015, 2016].filter(
      (y) => s.from! <= `${y}-01-01` && s.to! >= `${y}-12-31`,
    );
    const year = years[years.length - 1] ?? Number(s.to!.slice(0, 4));
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t3 = performance.now();
      await assessRegion(db, '110000', `${year}-01-01`, `${year}-12-31`);
      times.push(performance.now() - t3);
    }
    times.sort((a, b) => a - b);
    await db.close();

    console.log(`SQLite (${dir}, ${fmt(rows.length)} readings)`);
    console.log(`  raw prepared-insert loop into readings  ${fmt(raw)} rows/s`);
    console.log(
      `  lantian import prsa (end to end)      ${fmt(importRate)} rows/s   (${importSecs.toFixed(1)} s; import / raw = ${(importRate / raw).toFixed(2)})`,
    );
    console.log(
      `  re-import, nothing changes            ${fmt(again.readings / reSecs)} rows/s   (${reSecs.toFixed(1)} s; written ${again.written})`,
    );
    console.log(
      `  assess 110000 ${year} (12 stations)    median ${times[3]!.toFixed(1)} ms, max ${times[6]!.toFixed(1)} ms`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function postgresRun(): Promise<void> {
  const url = process.env['DATABASE_URL'];
  if (!url) return;
  const schema = `bench_${process.pid}`;
  const db = await openStore({ databaseUrl: url, pgSchema: schema });
  try {
    const t = performance.now();
    const s = await importPrsa(db, dir);
    const secs = (performance.now() - t) / 1000;
    const t2 = performance.now();
    await assessRegion(db, '110000', '2016-01-01', '2016-12-31');
    console.log(
      `PostgreSQL: import ${fmt(s.readings / secs)} rows/s (${secs.toFixed(1)} s); assess one year ${(performance.now() - t2).toFixed(1)} ms`,
    );
  } finally {
    await db.pg!.query(`drop schema if exists "${schema}" cascade`);
    await db.close();
  }
}

const rows = loadRows();
await sqliteRun(rows);
await postgresRun();
