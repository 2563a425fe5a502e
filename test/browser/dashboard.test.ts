/**
 * The dashboard in a real browser (the Chromium npm installs, through playwright-core; see
 * chromium.ts) against the real server (`bin/lantian serve`) over a store with the 2016 Beijing
 * data, the Handan 2020 plan and tasks, simulated Handan air data and simulated HJ 212 loggers.
 * Each role signs in and walks its pages; figures on the pages are checked against the API, the
 * maps against what they must draw, scope against the API's 403s; the first load must stay under
 * 1 MB on the wire; every page is photographed into test-output/screenshots
 * (LANTIAN_UPDATE_SCREENSHOTS=1 also refreshes the few in docs/screenshots).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../../web/src/lib/format.ts';
import { wgs84ToGcj02 } from '../../src/geo/gcj02.ts';
import {
  browserChoice,
  chartState,
  openSession,
  pageApi,
  screenshot,
  signIn,
  type Session,
} from './browser.ts';
import {
  ACCOUNTS,
  PASSWORD,
  prepareStore,
  runDevices,
  SILENT_MN,
  SIM_DEVICES,
  startServer,
  type ServerProcess,
} from './harness.ts';

// Functions given to page.evaluate run in the page; these files are type-checked without the DOM
// library (the rest of the tree must not see it), so the page globals are declared loosely here.
declare const document: any;
declare const window: any;

const DOC_SHOTS: Record<string, string> = {
  'city-admin-overview-2020': 'overview.png',
  'city-admin-air-assessment': 'air-assessment.png',
  'city-admin-air-calendar': 'air-calendar.png',
  'city-admin-plan': 'plan.png',
  'city-admin-devices': 'devices.png',
  'county-phone-overview': 'phone-county.png',
};

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')('dashboard in Chromium', () => {
  let dir: string;
  let server: ServerProcess;
  const shots: string[] = [];

  const shot = async (page: Page, name: string, fullPage = true) => {
    shots.push(await screenshot(page, name, fullPage));
  };

  /** Runs `fn` in a fresh browser signed in as `role`. */
  const as = async (
    role: keyof typeof ACCOUNTS,
    fn: (s: Session) => Promise<void>,
    viewport?: { width: number; height: number },
  ) => {
    const s = await openSession(viewport, viewport !== undefined && viewport.width < 500);
    try {
      await signIn(s.page, server.url, ACCOUNTS[role].username, PASSWORD);
      await fn(s);
    } finally {
      await s.close();
    }
  };

  const menu = async (page: Page) =>
    page.$$eval('.aside .el-menu-item', (els) => els.map((e) => e.textContent?.trim() ?? ''));

  beforeAll(async () => {
    const browser = await browserChoice();
    if (!existsSync(browser.executablePath))
      throw new Error(
        `Chromium not found at ${browser.executablePath} (${browser.origin}; set LANTIAN_BROWSER_TESTS=off to skip)`,
      );
    execFileSync(process.execPath, ['scripts/build-web-if-stale.mjs'], { stdio: 'inherit' });
    const reuse = process.env['LANTIAN_TEST_SERVER'];
    if (reuse) {
      // Development only: a server already prepared by harness.ts (url of `bin/lantian serve`).
      server = {
        url: reuse,
        hj212Port: 0,
        child: null as never,
        output: () => '',
        stop: async () => {},
      };
      return;
    }
    dir = mkdtempSync(join(tmpdir(), 'lantian-browser-'));
    const db = join(dir, 'lantian.db');
    await prepareStore(db);
    server = await startServer(db);
    const { acked } = await runDevices(server.hj212Port, 3);
    expect(acked).toBeGreaterThan(0);
  }, 600_000);

  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (process.env['LANTIAN_UPDATE_SCREENSHOTS'] === '1') {
      mkdirSync('docs/screenshots', { recursive: true });
      for (const [name, target] of Object.entries(DOC_SHOTS)) {
        const src = join('test-output/screenshots', `${name}.png`);
        if (existsSync(src)) copyFileSync(src, join('docs/screenshots', target));
      }
    }
  }, 60_000);

  it('serves the built dashboard at every page path and keeps the API as it is', async () => {
    for (const path of ['/', '/overview', '/air?tab=calendar', '/no/such/page']) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('<div id="app">');
    }
    const nope = await fetch(server.url + '/api/no-such-route');
    expect(nope.status).toBe(404);
    expect(((await nope.json()) as { code: string }).code).toBe('LT_ERR_NOT_FOUND');
    expect((await fetch(server.url + '/docs/json')).status).toBe(200);
  });

  it('loads the first page in under 1 MB on the wire, compressed', async () => {
    const s = await openSession();
    try {
      // Sign in on the login page, then forget every cached file: what follows is a cold load
      // of the dashboard by a signed-in official (the session cookie is all that remains).
      await signIn(s.page, server.url, ACCOUNTS['city-admin'].username, PASSWORD);
      const cdp = await s.context.newCDPSession(s.page);
      await cdp.send('Network.clearBrowserCache');
      await s.page.goto('about:blank');
      const responses: Array<
        Promise<{ url: string; bytes: number; encoding: string | undefined }>
      > = [];
      s.page.on('requestfinished', (req) =>
        responses.push(
          (async () => {
            const sizes = await req.sizes();
            const res = await req.response();
            return {
              url: req.url(),
              bytes: sizes.responseBodySize + sizes.responseHeadersSize,
              encoding: res?.headers()['content-encoding'],
            };
          })(),
        ),
      );
      await s.page.goto(server.url + '/');
      await s.page.waitForURL(/\/overview/);
      await s.page.waitForSelector('[data-test=overview-table] .el-table__body tr');
      // The boundary file is part of the first load: wait until the map is drawn from it.
      await s.page.waitForFunction(() => {
        const el = document.querySelector('[data-test=overview-map] .chart') as any;
        return el?.__chart?.getOption()?.series?.[0]?.data?.length > 0;
      });
      await s.page.waitForLoadState('networkidle');
      const all = await Promise.all(responses);
      const total = all.reduce((n, r) => n + r.bytes, 0);
      console.log(
        `first load: ${all.length} responses, ${(total / 1024).toFixed(1)} KiB on the wire`,
      );
      expect(total).toBeLessThan(1024 * 1024);
      // Every script but the tiniest (below 1 KiB, not worth compressing) arrives compressed.
      const scripts = all.filter((r) => r.url.endsWith('.js') && r.bytes > 1500);
      expect(scripts.length).toBeGreaterThan(2);
      for (const r of scripts) expect(['br', 'gzip'], r.url).toContain(r.encoding);
      const files = all.filter((r) => !r.url.includes('/api/'));
      console.log(
        `first load files: ${files.length}, ${(files.reduce((n, r) => n + r.bytes, 0) / 1024).toFixed(1)} KiB`,
      );
      // The map's boundaries come compressed too; exceljs is not part of the first load.
      expect(all.find((r) => r.url.includes('/api/maps/130400'))?.encoding).toBe('gzip');
      expect(all.some((r) => r.url.includes('exceljs'))).toBe(false);
    } finally {
      await s.close();
    }
  });

  it('city office: the overview shows the API figures on a map of 18 counties and 2 zones', async () => {
    await as('city-admin', async ({ page }) => {
      // 总览 carries the pages' shared day in its address.
      expect(page.url()).toMatch(/\/overview(\?date=\d{4}-\d{2}-\d{2})?$/);
      expect(await menu(page)).toEqual([
        '总览',
        '空气质量',
        '目标考核',
        '重点任务',
        '设备',
        '重型柴油车',
        '门禁管理',
        '门禁实时',
        '非道路移动机械',
        '遥感与路检',
        '污染源',
        '重污染应对',
        '扬尘',
        '露天焚烧',
        '举报办理',
        '系统',
      ]);
      await page.waitForSelector('[data-test=overview-table] .el-table__body tr');
      const api = (await pageApi(page, '/api/overview')).body;
      expect(api.region.adcode).toBe('130400');
      // Simulated Handan: the page says so (模拟数据), as the API does.
      expect(api.simulated).toBe(true);
      expect(await page.textContent('[data-testid=simulated-badge]')).toBe('模拟数据');
      // City AQI on the page = the API's (daily AQI, or the real-time one before the 20th hour).
      const cityAqi = api.city.today?.aqi ?? api.city.realtime?.aqi;
      expect(cityAqi).not.toBeNull();
      expect(await page.textContent('[data-kpi=city-aqi] .aqi-tag')).toContain(String(cityAqi));
      expect(await page.textContent('[data-kpi=pm25-ytd] .value')).toBe(
        formatNumber(api.city.yearToDate.pm25),
      );
      expect(await page.textContent('[data-kpi=good-days] .value')).toBe(
        formatNumber(api.city.yearToDate.goodDays),
      );
      // The map: 18 county polygons from the boundary file, the two zones as markers, painted in
      // the category colours of the values the API gave.
      await page.waitForFunction(() => {
        const el = document.querySelector('[data-test=overview-map] .chart') as any;
        return el?.__chart?.getOption()?.series?.[0]?.data?.length > 0;
      });
      const map = await chartState(page, '[data-test=overview-map]');
      expect(map.geoRegions).toHaveLength(18);
      expect(map.geoRegions).toContain('130481');
      expect(map.option.series[0].data).toHaveLength(18);
      expect(map.option.series[1].data.map((d: { name: string }) => d.name).sort()).toEqual([
        '130471',
        '130473',
      ]);
      for (const d of map.option.series[0].data as Array<{ name: string; value: number }>) {
        const u = api.units.find((x: { adcode: string }) => x.adcode === d.name);
        expect(d.value, d.name).toBe(u.today?.aqi ?? u.realtime?.aqi);
      }
      const painted = Object.values(map.coloured).reduce((a, b) => a + b, 0);
      expect(painted).toBeGreaterThan(20_000);
      // The ranking table lists every unit with the API's year-to-date PM2.5.
      const rows = await page.$$eval('[data-test=overview-table] .el-table__body tr', (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
      );
      expect(rows).toHaveLength(20);
      for (const r of rows) {
        const u = api.units.find((x: { name: string }) => x.name === r[0]);
        expect(u, r[0]).toBeTruthy();
        expect(r[5]).toBe(formatNumber(u.yearToDate?.pm25));
      }
      await shot(page, 'city-admin-overview');

      // A day of the plan's year: the plan block shows the plan API's progress.
      await page.goto(`${server.url}/overview?date=2020-12-31`);
      await page.waitForSelector('[data-plan=pm25]');
      const progress = (await pageApi(page, '/api/plans/handan-2020/progress?date=2020-12-31'))
        .body;
      const city = progress.subjects.find((s: { kind: string }) => s.kind === 'city');
      expect(await page.textContent('[data-plan=pm25]')).toBe(formatNumber(city.pm25.soFar));
      await shot(page, 'city-admin-overview-2020');

      // Exports: the table as Excel (the rows shown), the map as PNG.
      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        page.click('[data-test=overview-table] button:has-text("导出 Excel")'),
      ]);
      expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync((await xlsx.path())!) as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.getRow(1).getCell(1).value).toBe('单位');
      expect(ws.rowCount).toBe(21);
      const [png] = await Promise.all([
        page.waitForEvent('download'),
        page.click('[data-test=overview-map] button:has-text("导出图片")'),
      ]);
      expect(png.suggestedFilename()).toMatch(/\.png$/);
      expect(
        readFileSync((await png.path())!)
          .subarray(1, 4)
          .toString('latin1'),
      ).toBe('PNG');
    });
  });

  it('air quality: stations in GCJ-02, series, the AQI calendar and the 2016 assessment equal the API', async () => {
    await as('city-admin', async ({ page }) => {
      // Stations on the map: every station with coordinates, converted from WGS-84.
      await page.goto(`${server.url}/air?tab=map&region=130400`);
      await page.waitForFunction(() => {
        const el = document.querySelector('[data-test=station-map] .chart') as any;
        return el?.__chart?.getOption()?.series?.[0]?.data?.length > 0;
      });
      await page.waitForLoadState('networkidle');
      const stations = (await pageApi(page, '/api/stations?region=130400')).body as Array<{
        code: string;
        lon: number;
        lat: number;
      }>;
      const map = await chartState(page, '[data-test=station-map]');
      const points = map.option.series[0].data as Array<{
        name: string;
        value: [number, number, number];
      }>;
      expect(points).toHaveLength(stations.filter((s) => s.lon !== null).length);
      for (const p of points) {
        const s = stations.find((x) => x.code === p.name)!;
        const [lon, lat] = wgs84ToGcj02(s.lon, s.lat);
        expect(p.value[0]).toBeCloseTo(lon, 9);
        expect(p.value[1]).toBeCloseTo(lat, 9);
        expect(Math.abs(p.value[0] - s.lon)).toBeGreaterThan(0.003);
      }
      expect(map.geoRegions).toHaveLength(18);
      // Simulated Handan stations: the mark appears on a day whose station AQI are in. The page
      // opens on today, which has no hour yet in the first hour after Beijing midnight (no
      // figures, so no mark): ask for yesterday, which the simulation always fills.
      const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000)
        .toISOString()
        .slice(0, 10);
      await page.goto(`${server.url}/air?tab=map&region=130400&date=${yesterday}`);
      await page.waitForSelector('[data-testid=simulated-badge]', { state: 'visible' });
      await shot(page, 'city-admin-air-map');

      // A station's series: the daily table's latest day is the API's.
      await page.goto(`${server.url}/air?tab=series&station=1001A`);
      await page.waitForSelector('text=逐日 AQI');
      await page.waitForLoadState('networkidle');
      const daily = (
        await pageApi(page, '/api/stations/1001A/aqi/daily?from=2016-12-31&to=2016-12-31')
      ).body;
      const first = await page.$$eval('.el-card .el-table__body tr:first-child td', (tds) =>
        tds.map((td) => td.textContent?.trim()),
      );
      expect(first[0]).toBe('2016-12-31');
      expect(first[1]).toBe(String(daily.days[0].aqi));
      await shot(page, 'city-admin-air-series');

      // The AQI calendar: one cell per day with a daily AQI, in the six category colours.
      await page.goto(`${server.url}/air?tab=calendar&region=110000&year=2016`);
      await page.waitForFunction(() => {
        const el = document.querySelector('[data-test=aqi-calendar] .chart') as any;
        return el?.__chart?.getOption()?.series?.[0]?.data?.length > 300;
      });
      const year = (
        await pageApi(page, '/api/regions/110000/aqi/daily?from=2016-01-01&to=2016-12-31')
      ).body;
      const cal = await chartState(page, '[data-test=aqi-calendar]');
      const withAqi = year.days.filter((d: { aqi: number | null }) => d.aqi !== null);
      expect(cal.option.series[0].data).toHaveLength(withAqi.length);
      expect(cal.option.visualMap[0].pieces.map((p: { color: string }) => p.color)).toEqual([
        '#00E400',
        '#FFFF00',
        '#FF7E00',
        '#FF0000',
        '#99004C',
        '#7E0023',
      ]);
      for (const c of ['#00E400', '#FFFF00', '#FF7E00', '#FF0000', '#99004C', '#7E0023'])
        expect(cal.coloured[c] ?? 0, `${c} in ${JSON.stringify(cal.coloured)}`).toBeGreaterThan(50);
      await shot(page, 'city-admin-air-calendar');

      // Beijing 2016: the assessment tab shows exactly the API's figures (the bulletin's).
      await page.goto(`${server.url}/air?tab=assessment&region=110000&year=2016`);
      await page.waitForSelector('[data-test=assess-good]');
      const a = (
        await pageApi(page, '/api/regions/110000/assessment?from=2016-01-01&to=2016-12-31')
      ).body;
      expect(await page.textContent('[data-test=assess-good]')).toBe(String(a.days.good));
      expect(await page.textContent('[data-test=assess-heavy]')).toBe(String(a.days.heavy));
      expect(await page.textContent('[data-test=assess-pm25]')).toBe(
        formatNumber(a.pollutants['PM2.5'].mean),
      );
      expect(await page.textContent('[data-test=assess-composite]')).toBe(
        formatNumber(a.compositeIndex, 2),
      );
      expect(await page.textContent('[data-test=assess-good-rate]')).toBe(
        `${formatNumber(a.days.goodRate, 1)}%`,
      );
      for (const [key, stats] of Object.entries(
        a.pollutants as Record<string, Record<string, number>>,
      )) {
        for (const [stat, v] of Object.entries(stats)) {
          const text = await page.textContent(`[data-test="assess-${key}-${stat}"]`);
          expect(text, `${key} ${stat}`).toBe(formatNumber(v, key === 'CO' ? 1 : 0));
        }
      }
      expect([a.days.good, a.days.heavy, a.pollutants['PM2.5'].mean]).toEqual([198, 39, 72]);
      // Measured Beijing data carry no 模拟数据 mark.
      expect(a.simulated).toBe(false);
      expect(await page.locator('[data-testid=simulated-badge]:visible').count()).toBe(0);
      await shot(page, 'city-admin-air-assessment');
    });
  });

  it('plan, tasks, devices and system pages show their APIs’ figures', async () => {
    await as('city-admin', async ({ page }) => {
      await page.goto(`${server.url}/plan?date=2020-12-31&month=2020-11`);
      await page.waitForSelector('[data-test=progress-table] .el-table__body tr');
      await page.waitForSelector('[data-test=ranking-table] .el-table__body tr');
      await page.waitForLoadState('networkidle');
      const progress = (await pageApi(page, '/api/plans/handan-2020/progress?date=2020-12-31'))
        .body;
      const ranking = (await pageApi(page, '/api/plans/handan-2020/rankings?period=2020-11')).body;
      expect(
        await page.$$eval('[data-test=progress-table] .el-table__body-wrapper tr', (r) => r.length),
      ).toBe(progress.subjects.length);
      expect(
        await page.$$eval('[data-test=ranking-table] .el-table__body-wrapper tr', (r) => r.length),
      ).toBe(ranking.rows.length);
      expect(progress.simulated && ranking.simulated).toBe(true);
      expect(await page.textContent('[data-testid=simulated-badge]')).toBe('模拟数据');
      await shot(page, 'city-admin-plan');

      await page.goto(`${server.url}/tasks?date=2020-09-30`);
      await page.waitForSelector('[data-test=task-table] .el-table__body tr');
      const tasks = (await pageApi(page, '/api/tasks/rows?date=2020-09-30')).body;
      const kpis = await page.$$eval('[data-test=task-kpis] .value', (v) =>
        v.map((x) => Number(x.textContent)),
      );
      expect(kpis.reduce((a, b) => a + b, 0)).toBe(tasks.count);
      expect(tasks.count).toBeGreaterThan(0);
      await shot(page, 'city-admin-tasks');

      await page.goto(`${server.url}/devices`);
      await page.waitForSelector('[data-test=device-table] .el-table__body tr');
      await page.waitForSelector('[data-test=rejection-table] .el-table__body tr');
      const rows = await page.$$eval('[data-test=device-table] .el-table__body-wrapper tr', (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
      );
      expect(rows).toHaveLength(SIM_DEVICES + 1);
      expect(rows.find((r) => r[0] === SILENT_MN)?.[4]).toBe('从未上报');
      expect(rows.filter((r) => r[5] !== '—')).toHaveLength(SIM_DEVICES);
      const rejections = (await pageApi(page, '/api/ingest/rejections')).body as Array<{
        reason: string;
      }>;
      expect(rejections.length).toBeGreaterThanOrEqual(1);
      const shown = await page.$$eval(
        '[data-test=rejection-table] .el-table__body-wrapper tr',
        (r) => r.length,
      );
      expect(shown).toBe(Math.min(10, rejections.length));
      await shot(page, 'city-admin-devices');

      await page.goto(`${server.url}/system`);
      await page.waitForSelector('[data-test=user-table] .el-table__body tr');
      const users = await page.$$eval(
        '[data-test=user-table] .el-table__body-wrapper tr td:first-child',
        (t) => t.map((x) => x.textContent?.trim()),
      );
      expect(users.sort()).toEqual(
        Object.values(ACCOUNTS)
          .map((a) => a.username)
          .sort(),
      );
      await shot(page, 'city-admin-system');
      await page.click('.el-tabs__item:has-text("审计日志")');
      await page.waitForSelector('[data-test=audit-table] .el-table__body tr');
      const audit = await page.$$eval('[data-test=audit-table] .el-table__body-wrapper tr', (trs) =>
        trs.map((tr) => tr.textContent ?? ''),
      );
      expect(
        audit.some((t) => t.includes('登录') && t.includes(ACCOUNTS['city-admin'].username)),
      ).toBe(true);
      await shot(page, 'city-admin-audit');
    });
  });

  it('county: its own region only, on the page and over the API (403 for another county)', async () => {
    // A report of another county (丛台区, 130403), filed by the city office, for the county below
    // not to see.
    let otherReport = 0;
    await as('city-admin', async ({ page }) => {
      const rows = (await pageApi(page, '/api/tasks/rows?date=2020-09-30&unit=130403')).body;
      const number: string = rows.rows[0].number;
      const posted = await page.evaluate(
        async (body) => {
          // As the dashboard does: the session's CSRF token goes with every change.
          const me = await (await fetch('/api/auth/me', { credentials: 'same-origin' })).json();
          const res = await fetch('/api/tasks/reports', {
            method: 'POST',
            credentials: 'same-origin',
            headers: {
              'content-type': 'application/json',
              'x-lantian-csrf': (me as { csrfToken: string }).csrfToken,
            },
            body: JSON.stringify(body),
          });
          return { status: res.status, body: (await res.json()) as { id: number } };
        },
        { measure: number, unit: '130403', narrative: '丛台区已完成排查。' },
      );
      expect(posted.status, JSON.stringify(posted.body)).toBe(200);
      const seen = (await pageApi(page, '/api/tasks/reports?unit=130403')).body as Array<{
        id: number;
      }>;
      otherReport = posted.body.id;
      expect(seen.map((r) => r.id)).toContain(otherReport);
    });
    await as('county', async ({ page }) => {
      expect(await menu(page)).toEqual([
        '总览',
        '空气质量',
        '目标考核',
        '重点任务',
        '设备',
        '重型柴油车',
        '门禁管理',
        '门禁实时',
        '非道路移动机械',
        '遥感与路检',
        '污染源',
        '重污染应对',
        '扬尘',
        '露天焚烧',
        '举报办理',
      ]);
      await page.waitForSelector('[data-test=overview-table] .el-table__body tr');
      expect(await page.textContent('.page-head h2')).toContain('邯山区');
      expect(
        await page.$$eval('[data-test=overview-table] .el-table__body-wrapper tr', (r) => r.length),
      ).toBe(1);
      const map = await chartState(page, '[data-test=overview-map]');
      expect(map.geoRegions).toHaveLength(18);
      // ECharts fills a map series with every region of the map; only the county has a value.
      const valued = (
        map.option.series[0].data as Array<{ name: string; value?: number | null }>
      ).filter((d) => typeof d.value === 'number');
      expect(valued.map((d) => d.name)).toEqual(['130402']);
      await shot(page, 'county-overview');
      expect((await pageApi(page, '/api/overview')).status).toBe(200);
      for (const path of ['/api/overview?region=130403', '/api/overview?region=130400']) {
        const r = await pageApi(page, path);
        expect(r.status, path).toBe(403);
        expect(r.body.code).toBe('LT_ERR_OUT_OF_SCOPE');
      }
      // Another county's reports: a list filtered to the caller's scope, so 200 and nothing of
      // 丛台区's although it has one (the overview above refuses a region outside it with 403).
      const others = await pageApi(page, '/api/tasks/reports?unit=130403');
      expect(others.status).toBe(200);
      expect(others.body).toEqual([]);
      const mine = (await pageApi(page, '/api/tasks/reports')).body as Array<{ id: number }>;
      expect(mine.map((r) => r.id)).not.toContain(otherReport);
      expect((await pageApi(page, '/api/users')).status).toBe(403);
      // The system page is not theirs: the router sends them home.
      await page.goto(`${server.url}/system`);
      await page.waitForURL(/\/overview(\?date=\d{4}-\d{2}-\d{2})?$/);
      await page.goto(`${server.url}/tasks?date=2020-09-30`);
      await page.waitForSelector('[data-test=task-table] .el-table__body tr');
      const units = await page.$$eval(
        '[data-test=task-table] .el-table__body-wrapper tr td:nth-child(3)',
        (t) => [...new Set(t.map((x) => x.textContent?.trim()))],
      );
      expect(units.every((u) => u === '邯山区')).toBe(true);
      await shot(page, 'county-tasks');
    });
  });

  it('county reports progress with an attachment; the city office reviews it', async () => {
    // A 1×1 PNG: the server recognises attachments by their content, not their name.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
      'base64',
    );
    let number = '';
    await as('county', async ({ page }) => {
      await page.goto(`${server.url}/tasks?date=2020-09-30`);
      await page.waitForSelector('[data-test=task-table] .el-table__body tr');
      number = (await page.textContent(
        '[data-test=task-table] .el-table__body-wrapper tr td',
      ))!.trim();
      await page.click('[data-test=task-table] .el-table__body-wrapper tr');
      await page.waitForSelector('.el-drawer textarea');
      await page.fill('.el-drawer textarea', '已完成现场核查，整改方案已报送。');
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/tasks/uploads') && r.status() === 200),
        page.setInputFiles('.el-drawer input[type=file]', {
          name: '现场照片.png',
          mimeType: 'image/png',
          buffer: png,
        }),
      ]);
      await page.waitForSelector('.el-drawer .file:has-text("现场照片.png")');
      await Promise.all([
        page.waitForResponse(
          (r) =>
            r.url().endsWith('/api/tasks/reports') &&
            r.request().method() === 'POST' &&
            r.status() === 200,
        ),
        page.click('.el-drawer button:has-text("报送")'),
      ]);
      await page.waitForSelector('.el-drawer .report:has-text("第 1 版")');
      expect(await page.textContent('.el-drawer .report')).toContain('现场照片.png');
      await shot(page, 'county-task-report');
    });
    await as('city-admin', async ({ page }) => {
      await page.goto(`${server.url}/tasks?date=2020-09-30`);
      await page.waitForSelector('[data-test=task-table] .el-table__body tr');
      await page.fill('[data-test=task-table] .search input', '邯山区');
      await page.waitForFunction(() =>
        [...document.querySelectorAll('[data-test=task-table] .el-table__body-wrapper tr')].every(
          (tr: any) => tr.cells[2]?.textContent?.trim() === '邯山区',
        ),
      );
      const rows = await page.$$eval('[data-test=task-table] .el-table__body-wrapper tr', (trs) =>
        trs.map(
          (tr: any) => `${tr.cells[0]?.textContent?.trim()}|${tr.cells[2]?.textContent?.trim()}`,
        ),
      );
      const index = rows.indexOf(`${number}|邯山区`);
      expect(index, rows.join('\n')).toBeGreaterThanOrEqual(0);
      await page.locator('[data-test=task-table] .el-table__body-wrapper tr').nth(index).click();
      await page.waitForSelector('.el-drawer .report:has-text("待审核")');
      await Promise.all([
        page.waitForResponse(
          (r) => /\/api\/tasks\/reports\/\d+\/review$/.test(r.url()) && r.status() === 200,
        ),
        page.click('.el-drawer .review button:has-text("审核")'),
      ]);
      await page.waitForSelector('.el-drawer .report .el-tag:has-text("采纳")');
      const list = (
        await pageApi(page, `/api/tasks/reports?measure=${encodeURIComponent(number)}&unit=130402`)
      ).body;
      expect(list[0]).toMatchObject({ version: 1, review: { decision: 'accept' } });
      expect(list[0].attachments[0]).toMatchObject({
        filename: '现场照片.png',
        mediaType: 'image/png',
      });
      await shot(page, 'city-admin-task-review');
    });
  });

  it('county on a phone: collapsed menu in a drawer, readable overview', async () => {
    await as(
      'county',
      async ({ page }) => {
        await page.waitForSelector('[data-test=overview-table] .el-table__body tr');
        expect(await page.$('.aside')).toBeNull();
        await page.click('.header .toggle');
        await page.waitForSelector('.menu-drawer .el-menu-item');
        const items = await page.$$eval('.menu-drawer .el-menu-item', (e) =>
          e.map((x) => x.textContent?.trim()),
        );
        expect(items).toEqual([
          '总览',
          '空气质量',
          '目标考核',
          '重点任务',
          '设备',
          '重型柴油车',
          '门禁管理',
          '门禁实时',
          '非道路移动机械',
          '遥感与路检',
          '污染源',
          '重污染应对',
          '扬尘',
          '露天焚烧',
          '举报办理',
        ]);
        await page.keyboard.press('Escape');
        await page.waitForSelector('.menu-drawer .el-menu-item', { state: 'hidden' });
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        expect(overflow).toBeLessThanOrEqual(1);
        await shot(page, 'county-phone-overview');
      },
      { width: 390, height: 844 },
    );
  });

  it('department: its own tasks; no system page', async () => {
    await as('department', async ({ page }) => {
      expect(await menu(page)).toEqual([
        '总览',
        '空气质量',
        '目标考核',
        '重点任务',
        '设备',
        '重型柴油车',
        '门禁管理',
        '门禁实时',
        '非道路移动机械',
        '遥感与路检',
        '污染源',
        '重污染应对',
        '扬尘',
        '举报办理',
      ]);
      await page.goto(`${server.url}/tasks?date=2020-09-30`);
      await page.waitForSelector('[data-test=task-table] .el-table__body tr');
      const api = (await pageApi(page, '/api/tasks/rows?date=2020-09-30')).body;
      const all = (await pageApi(page, '/api/tasks/measures')).body as unknown[];
      expect(api.count).toBeGreaterThan(0);
      expect(all.length).toBeGreaterThan(0);
      const kpis = await page.$$eval('[data-test=task-kpis] .value', (v) =>
        v.map((x) => Number(x.textContent)),
      );
      expect(kpis.reduce((a, b) => a + b, 0)).toBe(api.count);
      expect((await pageApi(page, '/api/audit')).status).toBe(403);
      await shot(page, 'department-tasks');
    });
  });

  it('visitor and the public: air quality only', async () => {
    await as('visitor', async ({ page }) => {
      expect(page.url()).toMatch(/\/air/);
      expect(await menu(page)).toEqual(['空气质量']);
      await page.goto(`${server.url}/overview`);
      await page.waitForURL(/\/air/);
      expect((await pageApi(page, '/api/overview')).status).toBe(403);
      await page.waitForLoadState('networkidle');
      await shot(page, 'visitor-air');
    });
    const s = await openSession();
    try {
      await s.page.goto(`${server.url}/overview`);
      await s.page.waitForURL(/\/login/);
      await shot(s.page, 'login');
      await s.page.goto(`${server.url}/air?tab=assessment&region=110000&year=2016`);
      await s.page.waitForSelector('[data-test=assess-good]');
      expect(await s.page.textContent('[data-test=assess-good]')).toBe('198');
      expect(await menu(s.page)).toEqual(['空气质量']);
      // A wrong password is refused on the page with the catalogue's message.
      await s.page.goto(`${server.url}/login`);
      await s.page.fill('input[name=username]', ACCOUNTS['city-admin'].username);
      await s.page.fill('input[name=password]', 'wrong-password-123');
      await s.page.click('button[type=submit]');
      await s.page.waitForSelector('.el-alert--error');
      expect(await s.page.textContent('.el-alert--error')).toContain('用户名或密码错误');
    } finally {
      await s.close();
    }
    expect(shots.length).toBeGreaterThan(10);
  });
});
