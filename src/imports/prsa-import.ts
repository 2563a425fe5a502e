/**
 * `lantian import prsa <dir>`: loads the Beijing 12-station PRSA data set as region 北京市
 * (110000) with its districts and national-control stations. Rows of all files are merged by hour
 * so that readings reach the store in time order (the order the readings key is built for).
 * Missing and impossible values are skipped and reported with file and line; re-running the
 * import changes nothing.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { dailyRowsFromReadings, recomputeChanged, writeDailyRows } from '../air/daily-rollup.ts';
import { hasReadings, type StoredReading } from '../air/reading-repo.ts';
import { ChangedDays, withReadingTransaction, type ReadingRow } from '../air/reading-writer.ts';
import { upsertRegions } from '../air/region-repo.ts';
import { upsertStations } from '../air/station-repo.ts';
import { systemClock, type Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { epochToLocalDate } from '../time/zoned-time.ts';
import { countIssues, type ImportIssue } from './import-issue.ts';
import { createDataSource, saveImportIssues } from './import-log.ts';
import { sampleIssues, type ImportSummary } from './import-summary.ts';
import { parsePrsaFile, PRSA_POLLUTANTS, type HourLabel, type PrsaFile } from './prsa-parse.ts';
import { BEIJING, BEIJING_DISTRICTS, PRSA_SITES } from './prsa-stations.ts';
import { silentProgress, type Progress } from './progress.ts';
import { readTextFile } from './text-file.ts';

const FILE_RE = /^PRSA_Data_([A-Za-z]+)_\d{8}-\d{8}\.csv(\.gz)?$/;
const TIME_ZONE = 'Asia/Shanghai';

/** Options of a PRSA import. */
export interface PrsaImportOptions {
  hourLabel?: HourLabel;
  progress?: Progress;
  clock?: Clock;
  /** Readings per transaction. */
  batchRows?: number;
}

/** The PRSA files of a directory, sorted by name. */
export function findPrsaFiles(dir: string): string[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    names = readdirSync(dir);
  } catch {
    throw new LantianError('LT_ERR_FILE_NOT_FOUND', dir);
  }
  const files = names.filter((n) => FILE_RE.test(n)).sort();
  if (files.length === 0)
    throw new LantianError('LT_ERR_FILE_NOT_FOUND', `${dir} 中没有 PRSA_Data_*.csv 文件`);
  return files.map((n) => join(dir, n));
}

/** Row order of a parsed file by hour (the files are in time order; this guards the rest). */
function hourOrder(f: PrsaFile): number[] {
  const order = f.hours.map((_, i) => i);
  for (let i = 1; i < f.hours.length; i++) {
    if (f.hours[i]! < f.hours[i - 1]!) return order.sort((a, b) => f.hours[a]! - f.hours[b]!);
  }
  return order;
}

interface Loaded {
  file: PrsaFile;
  stationId: number;
  order: number[];
  pos: number;
}

/** The readings of one parsed file, as the roll-up reads them. */
function* fileReadings(f: PrsaFile): Generator<StoredReading> {
  for (let i = 0; i < f.hours.length; i++) {
    for (let k = 0; k < PRSA_POLLUTANTS.length; k++) {
      const value = f.values[i * 6 + k]!;
      if (!Number.isNaN(value))
        yield { hour: f.hours[i]!, pollutant: PRSA_POLLUTANTS[k]!, value, flag: null };
    }
  }
}

/** Yields reading rows of all files merged in (hour, station) order. */
function* mergedRows(loaded: Loaded[], sourceId: number): Generator<ReadingRow> {
  for (;;) {
    let min = Number.POSITIVE_INFINITY;
    for (const l of loaded)
      if (l.pos < l.order.length) min = Math.min(min, l.file.hours[l.order[l.pos]!]!);
    if (min === Number.POSITIVE_INFINITY) return;
    for (const l of loaded) {
      while (l.pos < l.order.length && l.file.hours[l.order[l.pos]!] === min) {
        const row = l.order[l.pos++]!;
        for (let k = 0; k < PRSA_POLLUTANTS.length; k++) {
          const v = l.file.values[row * 6 + k]!;
          if (Number.isNaN(v)) continue;
          yield {
            hour: min,
            stationId: l.stationId,
            pollutant: PRSA_POLLUTANTS[k]!,
            value: v,
            flag: null,
            sourceId,
          };
        }
      }
    }
  }
}

/** Imports a directory of PRSA files. */
export async function importPrsa(
  db: Db,
  dir: string,
  opts: PrsaImportOptions = {},
): Promise<ImportSummary> {
  const clock = opts.clock ?? systemClock;
  const progress = opts.progress ?? silentProgress;
  const started = clock.now();
  const paths = findPrsaFiles(dir);

  progress.start('读取文件', paths.length);
  const parsed: PrsaFile[] = [];
  const issues: ImportIssue[] = [];
  for (const p of paths) {
    const f = parsePrsaFile(basename(p), readTextFile(p), TIME_ZONE, opts.hourLabel);
    const fromName = FILE_RE.exec(basename(p))?.[1] ?? '';
    if (!f.site) f.site = fromName;
    parsed.push(f);
    progress.tick(1);
  }
  progress.stop();

  const now = clock.now();
  await upsertRegions(db, [BEIJING, ...BEIJING_DISTRICTS], now);
  const known = parsed.filter((f) => PRSA_SITES.some((s) => s.site === f.site));
  for (const f of parsed) {
    if (known.includes(f)) continue;
    f.issues.push({
      file: paths[parsed.indexOf(f)] ?? f.site,
      line: 1,
      field: 'station',
      code: 'LT_ERR_UNKNOWN_STATION',
      detail: `未知站点 ${f.site}，整个文件未导入`,
    });
  }
  const sites = PRSA_SITES.filter((s) => known.some((f) => f.site === s.site));
  const ids = await upsertStations(
    db,
    sites.map((s) => ({
      code: s.code,
      name: s.name,
      regionAdcode: s.district,
      kind: '国控',
      lon: s.lon,
      lat: s.lat,
      pollutants: [...PRSA_POLLUTANTS],
    })),
    now,
  );
  const sourceId = await createDataSource(
    db,
    'prsa',
    dir,
    `UCI Beijing Multi-Site Air-Quality Data, ${paths.length} files`,
    now,
  );

  const loaded: Loaded[] = known.map((file) => ({
    file,
    stationId: ids.get(PRSA_SITES.find((s) => s.site === file.site)!.code)!,
    order: hourOrder(file),
    pos: 0,
  }));
  // Stations that held no readings in the span of their file: after the write, the file is all
  // the store has for those days, so their daily statistics come straight from the parsed rows
  // instead of being read back. Every other change is recomputed from the store.
  const fresh = new Set<Loaded>();
  for (const l of loaded) {
    if (l.order.length === 0) continue;
    const first = l.file.hours[l.order[0]!]!;
    const last = l.file.hours[l.order[l.order.length - 1]!]!;
    if (!(await hasReadings(db, l.stationId, first, last + 1))) fresh.add(l);
  }
  const total = loaded.reduce(
    (n, l) => n + l.file.values.reduce((c, v) => c + (Number.isNaN(v) ? 0 : 1), 0),
    0,
  );
  const batchRows = opts.batchRows ?? 50_000;
  let written = 0;
  progress.start('写入小时数据', total);
  const rows = mergedRows(loaded, sourceId);
  const changed = new ChangedDays();
  let done = false;
  while (!done) {
    written += await withReadingTransaction(db, async (w) => {
      const batch: ReadingRow[] = [];
      for (let r = rows.next(); ; r = rows.next()) {
        if (r.done) {
          done = true;
          break;
        }
        batch.push(r.value);
        if (batch.length >= batchRows) break;
      }
      const n = await w.upsert(batch, changed);
      progress.tick(batch.length);
      return n;
    });
  }
  progress.stop();

  for (const f of parsed) issues.push(...f.issues);
  await saveImportIssues(db, sourceId, issues);

  const computedAt = clock.now();
  const stale = loaded.filter((l) => !fresh.has(l) && changed.days(l.stationId).length > 0);
  progress.start('计算日统计', fresh.size + stale.length);
  let stationDays = 0;
  for (const l of fresh) {
    const daily = dailyRowsFromReadings(
      { id: l.stationId, timeZone: TIME_ZONE },
      fileReadings(l.file),
      computedAt,
    );
    await writeDailyRows(db, daily);
    stationDays += daily.length;
    progress.tick(1);
  }
  const staleChanges = new ChangedDays();
  for (const l of stale)
    for (const d of changed.days(l.stationId)) staleChanges.add(l.stationId, d * 86_400_000);
  stationDays += await recomputeChanged(
    db,
    staleChanges,
    () => TIME_ZONE,
    computedAt,
    () => progress.tick(1),
  );
  progress.stop();

  const spans = loaded
    .filter((l) => l.order.length > 0)
    .map((l) => ({
      firstHour: l.file.hours[l.order[0]!]!,
      lastHour: l.file.hours[l.order[l.order.length - 1]!]!,
    }));
  const firsts = spans.map((s) => s.firstHour);
  const lasts = spans.map((s) => s.lastHour);
  return {
    sourceId,
    files: parsed.map((f, i) => ({
      file: basename(paths[i]!),
      rows: f.hours.length,
      issues: countIssues(f.issues),
    })),
    readings: total,
    written,
    unchanged: total - written,
    issues: countIssues(issues),
    sampleIssues: sampleIssues(issues),
    stationDays,
    from: firsts.length ? epochToLocalDate(TIME_ZONE, Math.min(...firsts)) : null,
    to: lasts.length ? epochToLocalDate(TIME_ZONE, Math.max(...lasts)) : null,
    elapsedMs: clock.now() - started,
  };
}
