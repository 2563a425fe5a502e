/**
 * `lantian report monthly` on the Handan 2020 plan fed with SIMULATED station data (one county
 * station per unit plus the four national-control points; values made up for the test, not
 * Handan's): the Excel and PDF files are real (sheets, Chinese headers, AQI colours; PDF pages,
 * the embedded CJK font, the charts drawn as vectors), progress goes to stderr.
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertStations } from '../src/air/station-repo.ts';
import { registerReportCommands } from '../src/cli/commands/report.ts';
import { fixedClock } from '../src/clock.ts';
import { loadPlan } from '../src/plan/plan-loader.ts';
import { cityGeoJson, pm25MapSvg, rankingChartSvg } from '../src/reports/charts.ts';
import { parseSvg } from '../src/reports/svg-to-pdf.ts';
import { EXIT } from '../src/errors.ts';
import { eachLocalDate } from '../src/standards/index.ts';
import { runCli } from './support/cli.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { MONTHLY_TABLES, writeDays } from './plan-fixtures.ts';

const run = promisify(execFile);

/** `lantian report monthly` for handan-2020 in 2020-11, written to `dir`. */
const runMonthly = (dir: string, more: string[], env: Record<string, string>) =>
  runCli(
    ['report', 'monthly', '--plan', 'handan-2020', '--month', '2020-11', '--out', dir, ...more],
    env,
  );
/** Simulated PM2.5 of a unit: 30 + 4 × its annex position (2019: 10 more). */
const simulated = (i: number, year: number) => 30 + 4 * i + (year === 2019 ? 10 : 0);

describe.each(dialectsUnderTest())('monthly report files on %s', (dialect) => {
  let t: TestStore;
  let out: string;
  let stdout = '';
  let stderr = '';
  beforeAll(async () => {
    t = await openTestStore(dialect);
    const r = await loadPlan(t.db, fixedClock(0), { actor: 'test' }, 'handan-2020');
    const units = r.plan.document.units.filter((u) => u.name !== '冀南新区'); // left without a station
    const ids = await upsertStations(
      t.db,
      units.map((u) => ({
        code: `SIM-${u.adcode}`,
        name: `模拟站-${u.name}`,
        regionAdcode: u.adcode,
        kind: '县控',
        role: 'assessment',
        lon: null,
        lat: null,
        pollutants: ['PM2.5'],
      })),
      0,
    );
    const all = r.plan.document.units;
    for (const u of units) {
      const i = all.indexOf(u);
      await writeDays(
        t.db,
        ids.get(`SIM-${u.adcode}`)!,
        eachLocalDate('2019-01-01', '2019-12-31'),
        () => simulated(i, 2019),
      );
      await writeDays(
        t.db,
        ids.get(`SIM-${u.adcode}`)!,
        eachLocalDate('2020-01-01', '2020-11-30'),
        () => simulated(i, 2020),
      );
    }
    const national = await t.db.kysely
      .selectFrom('stations')
      .select(['id'])
      .where('kind', '=', '国控')
      .execute();
    for (const s of national)
      await writeDays(t.db, s.id, eachLocalDate('2019-01-01', '2020-11-30'), (d) =>
        d < '2020' ? 60 : 52,
      );
    out = mkdtempSync(join(tmpdir(), 'lantian-report-'));
    // The command runs in-process (commander program with only the report command), with the
    // store chosen through the environment as for `bin/lantian`.
    const program = new Command('lantian').option('--db <path>').exitOverride();
    registerReportCommands(program);
    const saved = { ...process.env };
    const writes = {
      out: process.stdout.write.bind(process.stdout),
      err: process.stderr.write.bind(process.stderr),
    };
    Object.assign(process.env, t.env);
    process.stdout.write = ((c: string) => ((stdout += c), true)) as typeof process.stdout.write;
    process.stderr.write = ((c: string) => ((stderr += c), true)) as typeof process.stderr.write;
    try {
      await program.parseAsync([
        'node',
        'lantian',
        'report',
        'monthly',
        '--plan',
        'handan-2020',
        '--month',
        '2020-11',
        '--out',
        out,
        '--format',
        'xlsx,pdf,json',
      ]);
    } finally {
      process.stdout.write = writes.out;
      process.stderr.write = writes.err;
      for (const k of Object.keys(t.env)) if (saved[k] === undefined) delete process.env[k];
      Object.assign(process.env, saved);
    }
  }, 300_000);
  afterAll(async () => {
    if (out) rmSync(out, { recursive: true, force: true });
    await t?.cleanup();
  });

  it('writes the three files and reports progress on stderr', () => {
    expect(stdout.trim().split('\n')).toEqual(
      ['xlsx', 'pdf', 'json'].map((f) => join(out, `handan-2020-2020-11.${f}`)),
    );
    expect(stderr).toContain('计算月报');
    expect(stderr).toContain('写出文件');
  });

  it('writes an Excel workbook with one sheet per table, Chinese headers and AQI colours', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'handan-2020-2020-11.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(MONTHLY_TABLES);
    const ws = wb.getWorksheet('月度排名')!;
    expect(String(ws.getCell('A1').value)).toBe('2020年11月各县（市、区）环境空气质量排名');
    const headers = (ws.getRow(2).values as unknown[]).slice(1);
    expect(headers.slice(0, 5)).toEqual([
      '综合指数排名',
      '县（市、区）',
      '综合指数',
      'PM2.5（µg/m³）',
      'PM2.5对应级别',
    ]);
    const rows = Array.from({ length: 20 }, (_, i) => ws.getRow(i + 3));
    const byName = (n: string) => rows.find((r) => r.getCell(2).value === n)!;
    // 丛台区 (position 0) is assessed on its simulated station (30) and the three national points
    // inside it (52): (30 + 3 × 52)/4 = 46.5 → 46 (half to even) → 优 is ≤ 35, so 良 yellow.
    // 磁县 (6): 30 + 24 = 54 → 良; 涉县 (19): 30 + 76 = 106 → 轻度污染 orange.
    expect(byName('丛台区').getCell(4).value).toBe(46);
    expect((byName('丛台区').getCell(4).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(
      'FFFFFF00',
    );
    expect(byName('磁县').getCell(4).value).toBe(54);
    expect(byName('磁县').getCell(5).value).toBe('良');
    expect(byName('涉县').getCell(4).value).toBe(106);
    expect((byName('涉县').getCell(4).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFF7E00');
    expect(byName('冀南新区').getCell(19).value).toBe('无考核站点，不参与排名');
    expect(byName('冀南新区').getCell(1).value).toBeNull();
    const progress = wb.getWorksheet('时序进度')!;
    expect((progress.getRow(2).values as unknown[]).slice(1, 4)).toEqual([
      '单位',
      'PM2.5累计',
      'PM2.5目标',
    ]);
    expect(wb.getWorksheet('说明')!.getCell('B5').value).toBeTruthy();
  });

  it('writes a PDF with pages, the embedded CJK font and vector charts', async () => {
    const path = join(out, 'handan-2020-2020-11.pdf');
    const pdf = readFileSync(path);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdf.toString('latin1');
    const pages = text.match(/\/Type \/Page\b/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(10);
    // The CJK font Lantian carries (npm @expo-google-fonts/noto-sans-sc), embedded as a subset.
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC-Regular/);
    expect(text).toContain('/FontFile2');
    // Render page 2 (the map) when poppler is installed, so that a person can look at it too.
    const ok = await run('pdftoppm', ['-v']).then(
      () => true,
      () => false,
    );
    if (ok) {
      await run('pdftoppm', ['-r', '50', '-png', '-f', '2', '-l', '2', path, join(out, 'page')]);
      const png = ['page-02.png', 'page-2.png', 'page-002.png']
        .map((n) => join(out, n))
        .find(existsSync);
      expect(png).toBeDefined();
      expect(statSync(png!).size).toBeGreaterThan(5_000);
    }
  });

  it('takes another font from LANTIAN_REPORT_FONT', async () => {
    const bold = createRequire(import.meta.url).resolve(
      '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
    );
    const dir = join(out, 'bold');
    const r = await runMonthly(dir, ['--format', 'pdf', '--quiet'], {
      ...t.env,
      LANTIAN_REPORT_FONT: bold,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const pdf = readFileSync(join(dir, 'handan-2020-2020-11.pdf')).toString('latin1');
    expect(pdf).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC-Bold/);
  }, 120_000);

  it('leaves no file behind when the PDF cannot be made', async () => {
    const notAFont = join(out, 'not-a-font.ttf');
    writeFileSync(notAFont, 'this is not a font\n');
    const cases: Array<[Record<string, string>, string[], number, string]> = [
      // The font is refused only when the PDF is drawn, after the workbook is ready.
      [{}, ['--font', notAFont], EXIT.usage, 'LT_ERR_BAD_REQUEST'],
      [{}, ['--font', join(out, 'missing.ttf')], EXIT.notFound, 'LT_ERR_FILE_NOT_FOUND'],
      [{ LANTIAN_REPORT_FONT: join(out, 'missing.ttf') }, [], EXIT.notFound, 'missing.ttf'],
    ];
    for (const [env, args, code, text] of cases) {
      const dir = join(out, 'failed');
      const r = await runMonthly(dir, ['--format', 'xlsx,pdf,json', ...args], { ...t.env, ...env });
      expect({ args, code: r.code }).toEqual({ args, code });
      expect(r.stderr).toContain(text);
      expect(r.stdout).toBe('');
      expect(existsSync(dir)).toBe(false);
    }
    // An output folder that exists keeps what was there and gets nothing new.
    const kept = join(out, 'kept');
    mkdirSync(kept);
    writeFileSync(join(kept, 'mine.txt'), 'x');
    const r = await runMonthly(kept, ['--font', notAFont], t.env);
    expect(r.code).toBe(EXIT.usage);
    expect(readdirSync(kept)).toEqual(['mine.txt']);
  }, 300_000);

  it('writes the same tables as JSON', () => {
    const j = JSON.parse(readFileSync(join(out, 'handan-2020-2020-11.json'), 'utf8'));
    expect(j.period.label).toBe('2020-11');
    expect(j.tables).toHaveLength(8);
  });
});

describe('charts', () => {
  it('draws the Handan map with the two zones as markers and the ranking as bars', () => {
    const geo = cityGeoJson('130400')!;
    const units = [
      {
        name: '丛台区',
        geoName: '丛台区',
        marker: null,
        compositeIndex: 5.1,
        pm25: 58,
        color: '#FFFF00',
      },
      {
        name: '开发区',
        geoName: null,
        marker: { lon: 114.6, lat: 36.66 },
        compositeIndex: 5.3,
        pm25: 60,
        color: '#FFFF00',
      },
      {
        name: '冀南新区',
        geoName: null,
        marker: { lon: 114.47, lat: 36.47 },
        compositeIndex: null,
        pm25: null,
        color: null,
      },
    ];
    const svg = pm25MapSvg(geo, units, '测试', 'HJ633-2012');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('开发区 60');
    expect(svg).toContain('冀南新区 无数据');
    expect(svg).toContain('武安市'); // county labels from the GeoJSON
    const bars = rankingChartSvg(units, '排名');
    expect(bars).toContain('无有效数据、不参与排名：冀南新区');
    const tree = parseSvg(bars);
    expect(tree.tag).toBe('svg');
    expect(tree.children.filter((c) => c.tag === 'path').length).toBeGreaterThan(2);
  });
});
