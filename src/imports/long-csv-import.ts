/**
 * `lantian import csv <file>`: loads a long-format CSV of hourly readings (see long-csv-parse.ts)
 * in one transaction. A file with any bad row is refused as a whole unless the caller asks to skip
 * bad rows; either way nothing already stored is touched by a refused file.
 */
import { basename } from 'node:path';
import { recomputeChanged } from '../air/daily-rollup.ts';
import { ChangedDays, withReadingTransaction, type ReadingRow } from '../air/reading-writer.ts';
import { systemClock, type Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { epochToLocalDate } from '../time/zoned-time.ts';
import { countIssues } from './import-issue.ts';
import { createDataSource, saveImportIssues } from './import-log.ts';
import { sampleIssues, type ImportSummary } from './import-summary.ts';
import { parseLongCsv } from './long-csv-parse.ts';
import type { HourLabel } from './prsa-parse.ts';
import { silentProgress, type Progress } from './progress.ts';
import { readTextFile } from './text-file.ts';

/** Options of a long-format CSV import. */
export interface LongCsvImportOptions {
  hourLabel?: HourLabel;
  /** Import the good rows of a file that has bad ones (they are reported and logged). */
  skipBadRows?: boolean;
  progress?: Progress;
  clock?: Clock;
}

/** Station code → id and time zone, for every registered station. */
async function stationDirectory(db: Db): Promise<Map<string, { id: number; timeZone: string }>> {
  const rows = await db.kysely
    .selectFrom('stations')
    .innerJoin('regions', 'regions.adcode', 'stations.region_adcode')
    .select(['stations.id', 'stations.code', 'regions.time_zone'])
    .execute();
  return new Map(rows.map((r) => [r.code, { id: r.id, timeZone: r.time_zone }]));
}

/** Imports one long-format CSV file. */
export async function importLongCsv(
  db: Db,
  path: string,
  opts: LongCsvImportOptions = {},
): Promise<ImportSummary> {
  const clock = opts.clock ?? systemClock;
  const progress = opts.progress ?? silentProgress;
  const started = clock.now();
  const text = readTextFile(path);
  const file = basename(path);
  const stations = await stationDirectory(db);
  const parsed = parseLongCsv(file, text, (code) => stations.get(code)?.timeZone, opts.hourLabel);
  if (!parsed.headerOk) throw new LantianError('LT_ERR_CSV_HEADER', parsed.issues[0]?.detail);
  const errors = parsed.issues.filter((i) => i.code.startsWith('LT_ERR_'));
  if (errors.length > 0 && !opts.skipBadRows) {
    const truncated = errors.find((e) => e.code === 'LT_ERR_CSV_TRUNCATED');
    const extra = { issues: countIssues(errors), sampleIssues: sampleIssues(errors, 10) };
    if (truncated)
      throw new LantianError('LT_ERR_CSV_TRUNCATED', `${file} 第 ${truncated.line} 行`, extra);
    const first = errors[0]!;
    throw new LantianError(
      'LT_ERR_IMPORT_REJECTED',
      `${file} 有 ${errors.length} 行错误，首个在第 ${first.line} 行：${first.detail}`,
      extra,
    );
  }

  const now = clock.now();
  const sourceId = await createDataSource(db, 'csv', path, null, now);
  const rows: ReadingRow[] = parsed.rows
    .map((r) => ({
      hour: r.hour,
      stationId: stations.get(r.stationCode)!.id,
      pollutant: r.pollutant,
      value: r.value,
      flag: r.flag,
      sourceId,
    }))
    .sort((a, b) => a.hour - b.hour || a.stationId - b.stationId);
  progress.start('写入小时数据', rows.length);
  const changed = new ChangedDays();
  const written = await withReadingTransaction(db, async (w) => {
    const n = await w.upsert(rows, changed);
    progress.tick(rows.length);
    return n;
  });
  progress.stop();
  await saveImportIssues(db, sourceId, parsed.issues);

  const zoneById = new Map([...stations.values()].map((s) => [s.id, s.timeZone]));
  progress.start('计算日统计', changed.stations().length);
  const stationDays = await recomputeChanged(
    db,
    changed,
    (id) => zoneById.get(id)!,
    clock.now(),
    () => progress.tick(1),
  );
  progress.stop();

  const tz = rows[0] ? zoneById.get(rows[0].stationId)! : 'Asia/Shanghai';
  return {
    sourceId,
    files: [{ file, rows: parsed.lines, issues: countIssues(parsed.issues) }],
    readings: rows.length,
    written,
    unchanged: rows.length - written,
    issues: countIssues(parsed.issues),
    sampleIssues: sampleIssues(parsed.issues),
    stationDays,
    from: rows.length ? epochToLocalDate(tz, rows[0]!.hour) : null,
    to: rows.length ? epochToLocalDate(tz, rows[rows.length - 1]!.hour) : null,
    elapsedMs: clock.now() - started,
  };
}
