/**
 * The generic long-format CSV import on every dialect: good files load and roll up; bad files are
 * refused whole with a stable code and leave the store exactly as it was.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessRegion } from '../src/air/assessment-service.ts';
import { countReadings, stationReadings } from '../src/air/reading-repo.ts';
import { registerRegion, registerStations } from '../src/air/registry-service.ts';
import { fixedClock } from '../src/clock.ts';
import { listImportIssues } from '../src/imports/import-log.ts';
import { importLongCsv } from '../src/imports/long-csv-import.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const clock = fixedClock(0);

/** A day of hourly rows for station S1: PM2.5 = 30 + hour, CO given in µg/m³. */
function goodCsv(date: string): string {
  const lines = ['station,time,pollutant,value,flag,unit'];
  for (let h = 0; h < 24; h++) {
    const t = `${date} ${String(h).padStart(2, '0')}:00`;
    lines.push(`S1,${t},PM2.5,${30 + h},N,µg/m³`);
    lines.push(`S1,${t},CO,1200,N,µg/m³`);
  }
  return lines.join('\n') + '\n';
}

describe.each(dialectsUnderTest())('long-format CSV import on %s', (dialect) => {
  let t: TestStore;
  let dir: string;
  const file = (name: string, text: string | Buffer): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  beforeAll(async () => {
    t = await openTestStore(dialect);
    dir = mkdtempSync(join(tmpdir(), 'lt-csv-'));
    await registerRegion(t.db, clock, {
      adcode: '130400',
      name: '邯郸市',
      parentAdcode: null,
      level: 'city',
    });
    await registerStations(t.db, clock, [
      {
        code: 'S1',
        name: '环保局',
        regionAdcode: '130400',
        kind: '国控',
        lon: null,
        lat: null,
        pollutants: ['PM2.5', 'CO'],
      },
    ]);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.cleanup();
  });

  it('loads a good file (gzip too), converts units and rolls up the day', async () => {
    const s = await importLongCsv(t.db, file('good.csv.gz', gzipSync(goodCsv('2020-01-05'))), {
      clock,
    });
    expect(s.readings).toBe(48);
    expect(s.written).toBe(48);
    expect(s.stationDays).toBe(1);
    const station = await t.db.kysely
      .selectFrom('stations')
      .select('id')
      .where('code', '=', 'S1')
      .executeTakeFirstOrThrow();
    const co = (await stationReadings(t.db, station.id, 0, Number.MAX_SAFE_INTEGER, ['CO']))[0]!;
    expect(co.value).toBeCloseTo(1.2, 10);
    // Local 00:00 Beijing = 16:00 UTC of the day before (interval start).
    expect(co.hour).toBe(Date.UTC(2020, 0, 4, 16));
    const a = await assessRegion(t.db, '130400', '2020-01-05', '2020-01-05');
    expect(a.exact['PM2.5']!['mean']).toBeCloseTo(41.5, 10);
    expect(a.validDays['PM2.5']).toBe(1);
  });

  it('reads end-of-hour labels when asked (24:00 is the last hour of the day)', async () => {
    const s = await importLongCsv(
      t.db,
      file('end.csv', 'station,time,pollutant,value\nS1,2020-01-07 24:00,PM2.5,5\n'),
      { clock, hourLabel: 'end' },
    );
    expect(s.from).toBe('2020-01-07');
  });

  it('accepts Chinese headers', async () => {
    const s = await importLongCsv(
      t.db,
      file('zh.csv', '站点编码,时间,污染物,浓度\nS1,2020-01-08 01:00,二氧化氮,33\n'),
      { clock },
    );
    expect(s.written).toBe(1);
  });

  const refusals: Array<[string, string, string]> = [
    ['truncated file', goodCsv('2020-02-01').slice(0, -12), 'LT_ERR_CSV_TRUNCATED'],
    [
      'non-numeric value',
      'station,time,pollutant,value\nS1,2020-02-01 00:00,PM2.5,abc\n',
      'LT_ERR_IMPORT_REJECTED',
    ],
    [
      'hexadecimal value (Number("0x10") would be 16)',
      'station,time,pollutant,value\nS1,2020-02-01 00:00,PM2.5,0x10\n',
      'LT_ERR_IMPORT_REJECTED',
    ],
    [
      'value in exponent notation',
      'station,time,pollutant,value\nS1,2020-02-01 00:00,PM2.5,1e3\n',
      'LT_ERR_IMPORT_REJECTED',
    ],
    [
      'unknown station',
      'station,time,pollutant,value\nS1,2020-02-01 00:00,PM2.5,3\nXX,2020-02-01 00:00,PM2.5,3\n',
      'LT_ERR_IMPORT_REJECTED',
    ],
    [
      'time off the hour',
      'station,time,pollutant,value\nS1,2020-02-01 00:30,PM2.5,3\n',
      'LT_ERR_IMPORT_REJECTED',
    ],
    [
      'unknown pollutant',
      'station,time,pollutant,value\nS1,2020-02-01 00:00,XYZ,3\n',
      'LT_ERR_IMPORT_REJECTED',
    ],
    ['missing column', 'station,time,value\nS1,2020-02-01 00:00,3\n', 'LT_ERR_CSV_HEADER'],
  ];
  it.each(refusals)('refuses a %s whole and touches nothing', async (_name, text, code) => {
    const before = await countReadings(t.db);
    const daysBefore = await t.db.kysely.selectFrom('station_daily').selectAll().execute();
    await expect(importLongCsv(t.db, file('bad.csv', text), { clock })).rejects.toMatchObject({
      code,
    });
    expect(await countReadings(t.db)).toBe(before);
    expect(await t.db.kysely.selectFrom('station_daily').selectAll().execute()).toEqual(daysBefore);
  });

  it('names the line of every bad row', async () => {
    const text =
      'station,time,pollutant,value\nS1,2020-02-01 00:00,PM2.5,3\nS1,2020-02-01 01:00,PM2.5,-4\nXX,2020-02-01 00:00,PM2.5,3\n';
    const err = await importLongCsv(t.db, file('lines.csv', text), { clock }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({
      code: 'LT_ERR_IMPORT_REJECTED',
      extra: { issues: { LT_ERR_NEGATIVE: 1, LT_ERR_UNKNOWN_STATION: 1 } },
    });
    const lines = (
      err as { extra: { sampleIssues: Array<{ line: number }> } }
    ).extra.sampleIssues.map((i) => i.line);
    expect(lines).toEqual([3, 4]);
  });

  it('logs blank and non-decimal values with their codes and stores only decimal numbers', async () => {
    const values = ['"   "', '\u3000', '0x10', '1e', 'Infinity', 'NaN', '12', '+7.5'];
    const text = [
      'station,time,pollutant,value',
      ...values.map((v, h) => `S1,2020-04-01 0${h}:00,PM2.5,${v}`),
    ].join('\n');
    const s = await importLongCsv(t.db, file('blank.csv', text + '\n'), {
      clock,
      skipBadRows: true,
    });
    expect(s.issues).toEqual({ LT_WARN_MISSING: 2, LT_ERR_NOT_NUMERIC: 4 });
    expect(s.written).toBe(2);
    const logged = await listImportIssues(t.db, s.sourceId);
    expect(logged.map((i) => [i.line, i.code])).toEqual([
      [2, 'LT_WARN_MISSING'],
      [3, 'LT_WARN_MISSING'],
      [4, 'LT_ERR_NOT_NUMERIC'],
      [5, 'LT_ERR_NOT_NUMERIC'],
      [6, 'LT_ERR_NOT_NUMERIC'],
      [7, 'LT_ERR_NOT_NUMERIC'],
    ]);
    const station = await t.db.kysely
      .selectFrom('stations')
      .select('id')
      .where('code', '=', 'S1')
      .executeTakeFirstOrThrow();
    const stored = await stationReadings(
      t.db,
      station.id,
      Date.UTC(2020, 2, 31, 16),
      Date.UTC(2020, 3, 1, 16),
      ['PM2.5'],
    );
    expect(stored.map((r) => r.value)).toEqual([12, 7.5]);
  });

  it('imports the good rows of a bad file when told to skip bad rows', async () => {
    const text =
      'station,time,pollutant,value\nS1,2020-03-01 00:00,PM2.5,3\nS1,2020-03-01 01:00,PM2.5,oops\n';
    const s = await importLongCsv(t.db, file('skip.csv', text), { clock, skipBadRows: true });
    expect(s.written).toBe(1);
    expect(s.issues).toEqual({ LT_ERR_NOT_NUMERIC: 1 });
  });
});
