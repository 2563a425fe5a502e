/**
 * The command line as a user meets it: Chinese help, the import → assess path on each dialect,
 * JSON output in the documented shape, exit codes from the error catalogue, and `serve` coming
 * up on a port and stopping cleanly on Ctrl-C.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../src/errors.ts';
import { runCli, startCli } from './support/cli.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

describe('lantian without a store', () => {
  it('speaks Chinese in its help', async () => {
    const r = await runCli(['--help'], {});
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('蓝天');
    expect(r.stdout).toContain('显示帮助');
    const sub = await runCli(['assess', '--help'], {});
    expect(sub.stdout).toContain('行政区划代码');
  });

  it('refuses an unknown command and a missing option with the usage exit code', async () => {
    const a = await runCli(['frobnicate'], {});
    expect(a.code).toBe(EXIT.usage);
    expect(a.stderr).toContain('未知命令');
    const b = await runCli(['assess'], { LANTIAN_DB: join(tmpdir(), 'lt-never.db') });
    expect(b.code).toBe(EXIT.usage);
    expect(b.stderr).toContain('缺少必填选项');
  });
});

describe.each(dialectsUnderTest())('lantian on %s', (dialect) => {
  let t: TestStore;
  let dir: string;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    dir = mkdtempSync(join(tmpdir(), 'lt-cli-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.cleanup();
  });

  it('imports the PRSA fixture and reports what it skipped', async () => {
    const r = await runCli(['import', 'prsa', 'test/fixtures/prsa-2016', '--json'], t.env);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ files: expect.any(Array), written: s.readings, unchanged: 0 });
    expect(r.stderr).toContain('写入小时数据');
  }, 120_000);

  it('prints the assessment JSON in the documented shape', async () => {
    const r = await runCli(
      ['assess', '--region', '110000', '--from', '2016-01-01', '--to', '2016-12-31', '--json'],
      t.env,
    );
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(Object.keys(a)).toEqual(
      expect.arrayContaining([
        'region',
        'from',
        'to',
        'edition',
        'stations',
        'pollutants',
        'days',
        'compositeIndex',
      ]),
    );
    expect(a.edition).toMatchObject({ aqi: 'HJ633-2012', assessment: 'HJ663-2013' });
    expect(Object.keys(a.pollutants).sort()).toEqual([
      'CO',
      'NO2',
      'O3_8h',
      'PM10',
      'PM2.5',
      'SO2',
    ]);
    expect(Object.keys(a.pollutants['PM2.5']).sort()).toEqual(['mean', 'p95']);
    expect(Object.keys(a.pollutants['SO2']).sort()).toEqual(['mean', 'p98']);
    expect(Object.keys(a.pollutants['CO'])).toEqual(['p95']);
    expect(Object.keys(a.pollutants['O3_8h'])).toEqual(['p90']);
    expect(Object.keys(a.days)).toEqual(
      expect.arrayContaining(['valid', 'good', 'goodRate', 'heavy', 'byLevel']),
    );
    expect(a.pollutants.CO.p95).toBe(3.2);
    expect(a.days.good).toBe(198);
    expect(a.days.excluded).toMatchObject({
      total: 3,
      byReason: { no_data: 1, missing_indicator: 2, too_few_stations: 0 },
    });
    const text = await runCli(['assess', '--region', '110000', '--year', '2016'], t.env);
    expect(text.stdout).toContain('有效天数 363/366，优良天数 198');
    expect(text.stdout).toContain('重度及以上污染 39 天');
    expect(text.stdout).toContain('未计入有效天数 3 天：无监测数据 1 天，缺少指标 2 天');
    expect(text.stdout).toContain('2016-03-15（O3-8h无有效值）');
    expect(text.stdout).toContain('O3-8h有效站点不足');
  });

  it('prints the daily AQI series with primary pollutants', async () => {
    const r = await runCli(
      [
        'aqi',
        'daily',
        '--region',
        '110000',
        '--from',
        '2016-12-19',
        '--to',
        '2016-12-20',
        '--json',
      ],
      t.env,
    );
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.days.map((x: { date: string }) => x.date)).toEqual(['2016-12-19', '2016-12-20']);
    expect(d.days[0].primary).toEqual(['PM2.5']);
    const text = await runCli(
      ['aqi', 'daily', '--station', '1003A', '--from', '2016-12-19', '--to', '2016-12-19'],
      t.env,
    );
    expect(text.stdout).toMatch(/2016-12-19\t\d+\t(重度污染|严重污染)\tPM2\.5/);
  });

  it('prints the hourly AQI (HJ 633 real-time report) with an edition flag', async () => {
    const r = await runCli(
      ['aqi', 'hourly', '--region', '110000', '--date', '2016-12-19', '--json'],
      t.env,
    );
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d).toMatchObject({ from: '2016-12-19', to: '2016-12-19', hourConvention: 'start' });
    expect(d.stations).toHaveLength(12);
    expect(d.hours).toHaveLength(24);
    expect(d.hours[0].time).toBe('2016-12-19T00:00:00+08:00');
    expect(d.hours[23].time).toBe('2016-12-19T23:00:00+08:00');
    expect(d.hours.every((h: { edition: string }) => h.edition === 'HJ633-2012')).toBe(true);
    // The red-alert episode: PM2.5 drives the 2012 report through its 24-h moving mean.
    expect(d.hours[12]).toMatchObject({ complete: true, primary: ['PM2.5_24h'] });
    expect(d.hours[12].aqi).toBeGreaterThan(200);
    const text = await runCli(
      [
        'aqi',
        'hourly',
        '--station',
        '1003A',
        '--from',
        '2016-12-19',
        '--to',
        '2016-12-19',
        '--edition',
        'HJ633-2026',
      ],
      t.env,
    );
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('东四（1003A） 逐时 AQI 2016-12-19 至 2016-12-19');
    expect(text.stdout).toMatch(/\n2016-12-19 12:00\t\d+\t\S+\tPM2\.5\tHJ633-2026\n/);
    expect(text.stdout.trim().split('\n')).toHaveLength(2 + 24);
    const bad = await runCli(
      ['aqi', 'hourly', '--station', '1003A', '--date', '2016-12-19', '--to', '2016-12-20'],
      t.env,
    );
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toContain('LT_ERR_BAD_RANGE');
  }, 180_000);

  it('exits with the catalogue code of each failure', async () => {
    const cases: Array<[string[], number, string]> = [
      [['assess', '--region', '11000x', '--year', '2016'], EXIT.usage, 'LT_ERR_BAD_ADCODE'],
      [['assess', '--region', '110000', '--year', '2019'], EXIT.notFound, 'LT_ERR_NO_DATA'],
      [
        ['assess', '--region', '110000', '--from', '2016-05-01', '--to', '2016-04-01'],
        EXIT.usage,
        'LT_ERR_BAD_RANGE',
      ],
      [['import', 'prsa', join(dir, 'nothing-here')], EXIT.notFound, 'LT_ERR_FILE_NOT_FOUND'],
      [
        ['aqi', 'daily', '--station', 'NOPE', '--year', '2016'],
        EXIT.notFound,
        'LT_ERR_STATION_NOT_FOUND',
      ],
    ];
    for (const [args, code, text] of cases) {
      const r = await runCli(args, t.env);
      expect({ args, code: r.code }).toEqual({ args, code });
      expect(r.stderr).toContain(text);
    }
  });

  it('refuses a CSV with an unknown station, names the line, and stores nothing', async () => {
    const file = join(dir, 'unknown.csv');
    writeFileSync(
      file,
      'station,time,pollutant,value\n1003A,2017-01-01 00:00,PM2.5,10\nZZ99,2017-01-01 00:00,PM2.5,10\n',
    );
    const r = await runCli(['import', 'csv', file], t.env);
    expect(r.code).toBe(EXIT.input);
    expect(r.stderr).toContain('LT_ERR_IMPORT_REJECTED');
    expect(r.stderr).toContain('unknown.csv:3');
    const n = await runCli(
      ['aqi', 'daily', '--station', '1003A', '--from', '2017-01-01', '--to', '2017-01-01'],
      t.env,
    );
    expect(n.code).toBe(EXIT.notFound);
  });
});

describe('lantian serve', () => {
  it('serves HTTP on the chosen port and stops cleanly on SIGINT', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lt-serve-'));
    try {
      const env = {
        LANTIAN_DB: join(dir, 's.db'),
        DATABASE_URL: '',
        LANTIAN_LOG_LEVEL: 'warn',
        LANTIAN_HJ212_PORT: '0',
      };
      const { child, match, output } = await startCli(
        ['serve', '--port', '0', '--host', '127.0.0.1'],
        env,
        /已启动：(http:\/\/[\w.:]+)/,
      );
      const base = match[1]!;
      const health = await fetch(`${base}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ ok: true, database: 'sqlite' });
      const home = await fetch(`${base}/`);
      expect(await home.text()).toContain('蓝天');
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(output()).toContain('已停止');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
