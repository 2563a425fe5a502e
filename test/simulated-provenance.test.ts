/**
 * Figures that rest on simulated data say so: the air API, the overview, the plan's progress and
 * rankings and the monthly report (API, Excel, PDF) carry `simulated`, true over the simulated
 * Handan and false over measured data; reports resting on simulated data print
 * "本报告含模拟数据". Simulator sources written before their coverage was recorded are found
 * from the readings.
 */
import type { FastifyInstance } from 'fastify';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertRegions } from '../src/air/region-repo.ts';
import { withReadingTransaction } from '../src/air/reading-writer.ts';
import { restsOnSimulatedData } from '../src/air/simulated-data.ts';
import { findStation, upsertStations } from '../src/air/station-repo.ts';
import { buildApp } from '../src/app.ts';
import { createToken } from '../src/auth/token-service.ts';
import { createUser } from '../src/auth/user-service.ts';
import { fixedClock } from '../src/clock.ts';
import { runHandanDemo } from '../src/demo/handan-demo.ts';
import { createDataSource } from '../src/imports/import-log.ts';
import { importLongCsv } from '../src/imports/long-csv-import.ts';
import { silentProgress } from '../src/imports/progress.ts';
import { tablesToXlsx } from '../src/reports/excel-report.ts';
import { buildMonthlyReport, SIMULATED_NOTE } from '../src/reports/monthly-report.ts';
import { monthlyReportPdf } from '../src/reports/pdf-report.ts';
import { dateStartEpoch } from '../src/time/zoned-time.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const NOW = Date.UTC(2026, 10, 28);
const PASSWORD = 'Provenance-Test-2026';

/** A day of measured hourly data (six pollutants) for station BJ01, as the long CSV format. */
function measuredCsv(date: string): string {
  const lines = ['station,time,pollutant,value'];
  for (let h = 0; h < 24; h++) {
    const time = `${date} ${String(h).padStart(2, '0')}:00`;
    for (const [p, v] of [
      ['PM2.5', 40],
      ['PM10', 70],
      ['SO2', 8],
      ['NO2', 35],
      ['CO', 0.8],
      ['O3', 60],
    ] as const)
      lines.push(`BJ01,${time},${p},${v}`);
  }
  return lines.join('\n') + '\n';
}

/** Unicode code points named in a PDF's (deflated) ToUnicode maps: the glyphs it draws. */
function pdfCodePoints(pdf: Buffer): Set<number> {
  const out = new Set<number>();
  const text = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    let body: string;
    try {
      body = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    if (!body.includes('beginbfrange') && !body.includes('beginbfchar')) continue;
    for (const h of body.matchAll(/<([0-9a-fA-F]{4})>/g)) out.add(parseInt(h[1]!, 16));
  }
  return out;
}

describe.each(dialectsUnderTest())('simulated-data marks on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let base: string;
  let token: string;
  let dir: string;

  const get = async (path: string) => {
    const res = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status, path).toBe(200);
    return (await res.json()) as Record<string, unknown> & { simulated: boolean };
  };

  beforeAll(async () => {
    t = await openTestStore(dialect);
    const clock = fixedClock(NOW);
    await runHandanDemo(t.db, clock, {
      from: '2020-01-01',
      to: '2020-01-07',
      perUnit: 1,
      actor: 'test',
      progress: silentProgress,
    });
    // A measured city elsewhere: one station, two days imported from CSV.
    await upsertRegions(
      t.db,
      [
        { adcode: '110000', name: '北京市', parentAdcode: null, level: 'city' },
        { adcode: '110105', name: '朝阳区', parentAdcode: '110000', level: 'county' },
      ],
      NOW,
    );
    await upsertStations(
      t.db,
      [
        {
          code: 'BJ01',
          name: '农展馆',
          regionAdcode: '110105',
          kind: '国控',
          role: 'assessment',
          lon: 116.46,
          lat: 39.94,
          pollutants: ['PM2.5', 'PM10', 'SO2', 'NO2', 'CO', 'O3'],
        },
      ],
      NOW,
    );
    dir = mkdtempSync(join(tmpdir(), 'lantian-provenance-'));
    for (const date of ['2016-03-01', '2016-03-02']) {
      const path = join(dir, `${date}.csv`);
      writeFileSync(path, measuredCsv(date));
      await importLongCsv(t.db, path, { clock });
    }
    const ctx = { actor: 'test', ip: null };
    const user = await createUser(t.db, clock, ctx, {
      username: 'city',
      role: 'city-admin',
      password: PASSWORD,
      mustChangePassword: false,
    });
    token = (await createToken(t.db, clock, ctx, user.id, 'test', null)).token;
    app = await buildApp({ db: t.db, clock, logLevel: false, web: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('marks the air pages: assessment, daily AQI and hourly readings', async () => {
    const sim = '?from=2020-01-01&to=2020-01-07';
    const real = '?from=2016-03-01&to=2016-03-02';
    expect((await get(`/api/regions/130400/assessment${sim}`)).simulated).toBe(true);
    expect((await get(`/api/regions/130400/aqi/daily${sim}`)).simulated).toBe(true);
    expect((await get(`/api/stations/1047A/aqi/daily${sim}`)).simulated).toBe(true);
    expect((await get(`/api/stations/13043401/readings${sim}`)).simulated).toBe(true);
    expect((await get(`/api/regions/110000/assessment${real}`)).simulated).toBe(false);
    expect((await get(`/api/regions/110000/aqi/daily${real}`)).simulated).toBe(false);
    expect((await get(`/api/stations/BJ01/aqi/daily${real}`)).simulated).toBe(false);
    expect((await get(`/api/stations/BJ01/readings${real}`)).simulated).toBe(false);
  });

  it('marks the overview of the simulated city only', async () => {
    expect((await get('/api/overview?region=130400&date=2020-01-07')).simulated).toBe(true);
    expect((await get('/api/overview?region=110000&date=2016-03-02')).simulated).toBe(false);
  });

  it("marks the plan's progress, rankings and monthly report", async () => {
    expect((await get('/api/plans/handan-2020/progress?date=2020-01-07')).simulated).toBe(true);
    expect((await get('/api/plans/handan-2020/rankings?period=2020-01')).simulated).toBe(true);
    const rep = (await get('/api/plans/handan-2020/reports/monthly?month=2020-01')) as unknown as {
      simulated: boolean;
      tables: Array<{ name: string; notes?: string[]; rows: Array<Record<string, unknown>> }>;
    };
    expect(rep.simulated).toBe(true);
    for (const table of rep.tables) expect(table.notes?.[0], table.name).toBe(SIMULATED_NOTE);
    expect(rep.tables.find((x) => x.name === '说明')!.rows).toContainEqual({
      item: '数据来源',
      value: SIMULATED_NOTE,
    });
  });

  it('prints 本报告含模拟数据 in the Excel workbook and the PDF', async () => {
    const r = await buildMonthlyReport(t.db, 'handan-2020', '2020-01');
    expect(SIMULATED_NOTE.startsWith('本报告含模拟数据')).toBe(true);
    const wb = new ExcelJS.Workbook();
    const xlsx = await tablesToXlsx(r.tables, { title: 'test' });
    await wb.xlsx.load(
      xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer,
    );
    for (const ws of wb.worksheets) {
      const texts: string[] = [];
      ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value ?? ''))));
      expect(texts, ws.name).toContain(SIMULATED_NOTE);
    }
    const glyphs = pdfCodePoints(await monthlyReportPdf(r));
    for (const ch of '本报告含模拟数据') expect(glyphs.has(ch.codePointAt(0)!), ch).toBe(true);
    // Only drawn glyphs are in the subset.
    expect(glyphs.has('龘'.codePointAt(0)!)).toBe(false);
  });

  it('finds simulated data of sources that did not record their coverage', async () => {
    const legacy = await createDataSource(t.db, 'simulator', 'old', '模拟数据', NOW);
    const station = await findStation(t.db, 'BJ01');
    const hour = dateStartEpoch('Asia/Shanghai', '2016-03-05');
    await withReadingTransaction(t.db, (w) =>
      w.upsert([
        {
          hour,
          stationId: station!.id,
          pollutant: 'PM2.5',
          value: 50,
          flag: 'N',
          sourceId: legacy,
        },
      ]),
    );
    expect(await restsOnSimulatedData(t.db, ['BJ01'], '2016-03-05', '2016-03-05')).toBe(true);
    expect(await restsOnSimulatedData(t.db, ['BJ01'], '2016-03-01', '2016-03-02')).toBe(false);
    expect(await restsOnSimulatedData(t.db, [], '2016-03-01', '2016-03-02')).toBe(false);
  });
});
