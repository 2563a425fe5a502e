/**
 * Which key for hourly readings? Appends a simulated live feed (N stations × 6 pollutants, one
 * transaction per hour, in time order) into SQLite tables that differ only in their key, then
 * reads one station's 90 days back. Run twice: with a cache that holds the table and with a small
 * cache (2 MB) that stands for a store much larger than memory.
 *
 *   npx tsx bench/reading-keys.ts [stations=200] [hours=4380]
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DAY_MS, HOUR_MS } from '../src/standards/local-date.ts';

const STATIONS = Number(process.argv[2] ?? 200);
const HOURS = Number(process.argv[3] ?? 4380);
const POLLUTANTS = ['PM2.5', 'PM10', 'SO2', 'NO2', 'CO', 'O3'];
const COLS =
  'hour bigint not null, station_id integer not null, pollutant text not null, value double precision not null, flag text, source_id integer not null';

interface Layout {
  name: string;
  ddl: string[];
  withDay: boolean;
  query: (db: Database.Database, station: number, from: number, to: number) => unknown[];
}

const LAYOUTS: Layout[] = [
  {
    name: 'day bucket (day, station, pollutant, hour) [shipped]',
    ddl: [
      `create table r (day integer not null, ${COLS}, primary key (day, station_id, pollutant, hour)) without rowid`,
    ],
    withDay: true,
    query: (db, s, from, to) => {
      const days: number[] = [];
      for (let d = Math.floor(from / DAY_MS); d <= Math.floor((to - 1) / DAY_MS); d++) days.push(d);
      return db
        .prepare(
          `select hour, value from r where day in (${days.join(',')}) and station_id = ? and hour >= ? and hour < ?`,
        )
        .all(s, from, to);
    },
  },
  {
    name: 'time-first (hour, station, pollutant)',
    ddl: [`create table r (${COLS}, primary key (hour, station_id, pollutant)) without rowid`],
    withDay: false,
    query: (db, s, from, to) =>
      db
        .prepare('select hour, value from r where station_id = ? and hour >= ? and hour < ?')
        .all(s, from, to),
  },
  {
    name: 'time-first + index (station, hour)',
    ddl: [
      `create table r (${COLS}, primary key (hour, station_id, pollutant)) without rowid`,
      'create index r_station on r (station_id, hour)',
    ],
    withDay: false,
    query: (db, s, from, to) =>
      db
        .prepare('select hour, value from r where station_id = ? and hour >= ? and hour < ?')
        .all(s, from, to),
  },
  {
    name: 'station-first (station, pollutant, hour)',
    ddl: [`create table r (${COLS}, primary key (station_id, pollutant, hour)) without rowid`],
    withDay: false,
    query: (db, s, from, to) =>
      db
        .prepare('select hour, value from r where station_id = ? and hour >= ? and hour < ?')
        .all(s, from, to),
  },
];

function measure(
  layout: Layout,
  cacheKiB: number,
  dir: string,
): { append: number; queryMs: number } {
  const path = join(dir, 'k.db');
  rmSync(path, { force: true });
  rmSync(`${path}-wal`, { force: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`cache_size = -${cacheKiB}`);
  for (const d of layout.ddl) db.exec(d);
  const insert = layout.withDay
    ? db.prepare(
        'insert into r (day, hour, station_id, pollutant, value, flag, source_id) values (?, ?, ?, ?, ?, null, 1)',
      )
    : db.prepare(
        'insert into r (hour, station_id, pollutant, value, flag, source_id) values (?, ?, ?, ?, null, 1)',
      );
  const hourTx = db.transaction((h: number) => {
    const hour = h * HOUR_MS;
    for (let s = 1; s <= STATIONS; s++) {
      for (const p of POLLUTANTS) {
        if (layout.withDay) insert.run(Math.floor(hour / DAY_MS), hour, s, p, (h * 7 + s) % 300);
        else insert.run(hour, s, p, (h * 7 + s) % 300);
      }
    }
  });
  const t = performance.now();
  for (let h = 0; h < HOURS; h++) hourTx(h);
  const append = (HOURS * STATIONS * POLLUTANTS.length) / ((performance.now() - t) / 1000);
  const from = Math.floor(HOURS / 4) * HOUR_MS;
  const to = from + 90 * DAY_MS;
  const q = performance.now();
  for (let i = 0; i < 5; i++) layout.query(db, 7 + i, from, to);
  const queryMs = (performance.now() - q) / 5;
  db.close();
  return { append, queryMs };
}

const dir = mkdtempSync(join(tmpdir(), 'lt-keys-'));
try {
  console.log(
    `${STATIONS} stations × 6 pollutants × ${HOURS} hours = ${(STATIONS * 6 * HOURS).toLocaleString('en-US')} rows, one transaction per hour`,
  );
  for (const cache of [65_536, 2_000]) {
    console.log(
      `\ncache ${cache >= 65_536 ? '64 MB (table partly in memory)' : '2 MB (store much larger than memory)'}`,
    );
    const results = LAYOUTS.map((l) => ({ l, r: measure(l, cache, dir) }));
    const stationFirst = results[results.length - 1]!.r.append;
    for (const { l, r } of results) {
      console.log(
        `  ${l.name.padEnd(52)} ${Math.round(r.append).toLocaleString('en-US').padStart(9)} rows/s  ×${(r.append / stationFirst).toFixed(1).padStart(5)} vs station-first   one station, 90 days: ${r.queryMs.toFixed(1)} ms`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
