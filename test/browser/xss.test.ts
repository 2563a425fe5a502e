/**
 * Stored XSS, tried in a real browser (Chromium through playwright-core) against the real server
 * (`bin/lantian serve`): a region and stations are registered through the CLI with names that
 * are markup (`<img onerror>`, `<svg onload>`, a closing quote), then an anonymous visitor hovers
 * the public 空气质量 map and the city office hovers the 总览 map. No script may run — no flag
 * set, no dialog — the names must show as the text they are, and the pages must load under the
 * Content-Security-Policy without a single violation or script error, on every page and tab.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-service.ts';
import { systemClock } from '../../src/clock.ts';
import { simulateHandan } from '../../src/demo/handan-simulation.ts';
import { loadPlan } from '../../src/plan/plan-loader.ts';
import { openStore } from '../../src/store/db.ts';
import { loadTasks } from '../../src/tasks/definition-loader.ts';
import { browserChoice, openSession, signIn } from './browser.ts';
import { startServer, type ServerProcess } from './harness.ts';

// Functions given to page.evaluate run in the page (see browser.ts).
declare const document: any;
declare const window: any;

/** 武安市, renamed to markup that would count its runs in window.__xss. */
const HOSTILE_REGION = '<img src=x onerror="window.__xss=(window.__xss||0)+1">武安市';
/** A station whose name closes an attribute, opens an element and calls alert. */
const HOSTILE_STATION = `"><svg onload="window.__xss=(window.__xss||0)+1;alert('xss')"><b>粗体站</b>&amp;`;
const STATION_CODE = 'XSS01A';
/** A heavy truck registered in the hostile region (a VIN with a correct GB 16735 check digit). */
const TRUCK_VIN = 'LSVAM41Z1F2000001';
const PASSWORD = 'Lantian-Xss-Test-2026';

/** What went wrong in a page: script errors, console errors, CSP violations, dialogs. */
interface Trouble {
  errors: string[];
  violations: string[];
  dialogs: string[];
}

/** Records every script error, console error, CSP violation and dialog of a page. */
async function watch(page: Page): Promise<Trouble> {
  const t: Trouble = { errors: [], violations: [], dialogs: [] };
  const where = () => new URL(page.url()).pathname + new URL(page.url()).search;
  page.on('pageerror', (e) => t.errors.push(`${where()} pageerror: ${e.stack ?? e.message}`));
  page.on('console', (m) => {
    // Refused requests (a 404 while a page looks for data) are the API's answers, not script errors.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      t.errors.push(`${where()} console: ${m.text().slice(0, 300)}`);
  });
  page.on('dialog', (d) => {
    t.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.exposeFunction('__cspViolation', (s: string) => t.violations.push(s));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e: any) =>
      window.__cspViolation(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      ),
    );
  });
  return t;
}

/** Hovers a point of a chart given in its own pixels and returns the tooltip's element state. */
async function hoverChart(
  page: Page,
  selector: string,
  pixel: [number, number],
): Promise<{ text: string; markup: number }> {
  const box = await page.locator(`${selector} .chart`).boundingBox();
  if (!box) throw new Error(`no chart in ${selector}`);
  await page.mouse.move(box.x + pixel[0], box.y + pixel[1], { steps: 4 });
  // The tooltip is a div ECharts adds to the chart's container, shown after a short delay.
  const handle = await page.waitForFunction((sel) => {
    const root = document.querySelector(`${sel} .chart`);
    const tips = [...root.querySelectorAll('div')].filter(
      (d: any) => d.style.zIndex === '9999999' && d.style.display !== 'none' && d.textContent,
    );
    const tip = tips.at(-1) as any;
    return tip
      ? { text: tip.textContent as string, markup: tip.querySelectorAll('img,svg,script').length }
      : null;
  }, selector);
  return (await handle.jsonValue()) as { text: string; markup: number };
}

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')('hostile names in Chromium', () => {
  let dir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    const browser = await browserChoice();
    if (!existsSync(browser.executablePath))
      throw new Error(`Chromium not found at ${browser.executablePath} (${browser.origin})`);
    execFileSync(process.execPath, ['scripts/build-web-if-stale.mjs'], { stdio: 'inherit' });
    dir = mkdtempSync(join(tmpdir(), 'lantian-xss-'));
    const path = join(dir, 'lantian.db');
    const db = await openStore({ sqlitePath: path, sqliteSynchronous: 'NORMAL' });
    try {
      const ctx = { actor: 'test', ip: null };
      await loadPlan(db, systemClock, ctx, 'handan-2020');
      await loadTasks(db, systemClock, ctx, 'handan-2020');
      const now = Date.now();
      const from = new Date(now - 3 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
      await simulateHandan(db, { perUnit: 1, fromDate: from, until: now });
      await createUser(db, systemClock, ctx, {
        username: 'cityoffice',
        displayName: '市大气办值班员',
        role: 'city-admin',
        password: PASSWORD,
        mustChangePassword: false,
      });
    } finally {
      await db.close();
    }
    // The hostile names come in the way any registrar's would: through the CLI.
    const cli = (args: string[]) =>
      execFileSync(resolve('bin/lantian'), args, {
        env: { ...process.env, LANTIAN_DB: path, DATABASE_URL: '' },
        encoding: 'utf8',
      });
    cli(['region', 'add', '--adcode', '130481', '--name', HOSTILE_REGION, '--parent', '130400']);
    cli([
      'station',
      'add',
      '--code',
      STATION_CODE,
      '--name',
      HOSTILE_STATION,
      '--region',
      '130481',
      '--kind',
      '微站',
      '--role',
      'micro',
      '--lon',
      '113.95',
      '--lat',
      '36.75',
    ]);
    // A truck in that region: its county shows on the 重型柴油车 list and chart.
    const truck = ['--vin', TRUCK_VIN, '--plate', '冀D54321', '--plate-colour', '黄'];
    cli(['trucks', 'vehicle', 'add', ...truck, '--stage', '国六', '--county', '130481']);
    server = await startServer(path);
  }, 600_000);

  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('shows a hostile station name as text on the public map, and runs nothing', async () => {
    const s = await openSession();
    try {
      const trouble = await watch(s.page);
      const res = await s.page.goto(`${server.url}/air?tab=map&region=130400`);
      expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
      await s.page.waitForFunction((code) => {
        const el = document.querySelector('[data-test=station-map] .chart') as any;
        return el?.__chart
          ?.getOption()
          ?.series?.[0]?.data?.some((d: { name: string }) => d.name === code);
      }, STATION_CODE);
      await s.page.waitForLoadState('networkidle');
      // The station list shows the name as text (Vue escapes).
      await s.page.fill('#pane-map .search input', '粗体站');
      await s.page.waitForFunction(
        () => document.querySelectorAll('#pane-map .el-table__body-wrapper tr').length === 1,
      );
      const row = await s.page.$$eval('#pane-map .el-table__body-wrapper tr td', (tds) =>
        tds.map((td) => td.textContent?.trim() ?? ''),
      );
      // Columns: 站点, AQI, 类别, 首要污染物, 行政区, 类型, 用途, 编码, …
      expect([row[0], row[4], row[7]]).toEqual([HOSTILE_STATION, HOSTILE_REGION, STATION_CODE]);
      const pixel = (await s.page.evaluate((code) => {
        const c = (document.querySelector('[data-test=station-map] .chart') as any).__chart;
        const d = c.getOption().series[0].data.find((x: { name: string }) => x.name === code);
        return c.convertToPixel({ seriesIndex: 0 }, [d.value[0], d.value[1]]);
      }, STATION_CODE)) as [number, number];
      const tip = await hoverChart(s.page, '[data-test=station-map]', pixel);
      expect(tip.text).toContain(HOSTILE_STATION);
      expect(tip.text).toContain(HOSTILE_REGION);
      expect(tip.markup).toBe(0);
      expect(await s.page.evaluate(() => window.__xss ?? 0)).toBe(0);
      expect(trouble).toEqual({ errors: [], violations: [], dialogs: [] });
    } finally {
      await s.close();
    }
  });

  it('shows a hostile region name as text on 总览, and runs nothing', async () => {
    const s = await openSession();
    try {
      const trouble = await watch(s.page);
      await signIn(s.page, server.url, 'cityoffice', PASSWORD);
      await s.page.goto(`${server.url}/overview`);
      await s.page.waitForFunction(() => {
        const el = document.querySelector('[data-test=overview-map] .chart') as any;
        return el?.__chart?.getOption()?.series?.[0]?.data?.length > 0;
      });
      await s.page.waitForLoadState('networkidle');
      const cells = await s.page.$$eval(
        '[data-test=overview-table] .el-table__body tr td:first-child',
        (tds) => tds.map((td) => td.textContent?.trim() ?? ''),
      );
      expect(cells).toContain(HOSTILE_REGION);
      const pixel = (await s.page.evaluate(() => {
        const c = (document.querySelector('[data-test=overview-map] .chart') as any).__chart;
        const geo = c.getModel().getComponent('geo', 0).coordinateSystem;
        return c.convertToPixel({ geoIndex: 0 }, geo.getRegion('130481').getCenter());
      })) as [number, number];
      const tip = await hoverChart(s.page, '[data-test=overview-map]', pixel);
      expect(tip.text).toContain(HOSTILE_REGION);
      expect(tip.markup).toBe(0);
      expect(await s.page.evaluate(() => window.__xss ?? 0)).toBe(0);
      expect(trouble).toEqual({ errors: [], violations: [], dialogs: [] });
    } finally {
      await s.close();
    }
  });

  it('shows a hostile region name as text on 重型柴油车, and runs nothing', async () => {
    const s = await openSession();
    try {
      const trouble = await watch(s.page);
      await signIn(s.page, server.url, 'cityoffice', PASSWORD);
      await s.page.goto(`${server.url}/trucks`);
      await s.page.waitForSelector('[data-test=truck-table] .el-table__body tr');
      await s.page.waitForLoadState('networkidle');
      const row = await s.page.$$eval('[data-test=truck-table] .el-table__body tr td', (tds) =>
        tds.map((td) => td.textContent?.trim() ?? ''),
      );
      expect(row).toContain(HOSTILE_REGION);
      const pixel = (await s.page.evaluate(() => {
        const c = (document.querySelector('[data-test=truck-county-chart] .chart') as any).__chart;
        return c.convertToPixel({ seriesIndex: 0 }, [0, 0.5]);
      })) as [number, number];
      const tip = await hoverChart(s.page, '[data-test=truck-county-chart]', pixel);
      expect(tip.text).toContain(HOSTILE_REGION);
      expect(tip.text).toContain('登记 1 辆');
      expect(tip.markup).toBe(0);
      expect(await s.page.evaluate(() => window.__xss ?? 0)).toBe(0);
      expect(trouble).toEqual({ errors: [], violations: [], dialogs: [] });
    } finally {
      await s.close();
    }
  });

  it('keeps every page and tab working under the policy, with no script errors', async () => {
    const s = await openSession();
    try {
      const trouble = await watch(s.page);
      await signIn(s.page, server.url, 'cityoffice', PASSWORD);
      const visit = async (path: string, ready: string) => {
        await s.page.goto(server.url + path);
        await s.page.waitForSelector(ready);
        await s.page.waitForLoadState('networkidle');
      };
      const tab = async (name: string, ready: string) => {
        await s.page.click(`.el-tabs__item:has-text("${name}")`);
        await s.page.waitForSelector(ready);
        await s.page.waitForLoadState('networkidle');
      };
      await visit('/overview', '[data-test=overview-table] .el-table__body tr');
      await visit('/air?tab=map&region=130400', '[data-test=station-map]');
      await tab('站点数据', '#pane-series');
      await tab('AQI 日历', '#pane-calendar [data-test=aqi-calendar]');
      await tab('考核评价', '#pane-assessment');
      await tab('站点地图', '#pane-map [data-test=station-map]');
      await visit('/plan', '[data-test=ranking-table]');
      await visit('/tasks', '[data-test=task-table] .el-table__body tr');
      await tab('按期完成率', '#pane-league .el-table__body tr');
      await tab('调度表', '#pane-rows [data-test=task-table]');
      await visit('/devices', '[data-test=device-table]');
      await visit('/trucks', '[data-test=truck-table] .el-table__body tr');
      await visit('/system', '[data-test=user-table] .el-table__body tr');
      await tab('角色', '#pane-roles .el-table__body tr');
      await tab('审计日志', '#pane-audit [data-test=audit-table] .el-table__body tr');
      // The OpenAPI UI draws under its own policy.
      await visit('/docs', '.swagger-ui .opblock');
      expect(await s.page.evaluate(() => window.__xss ?? 0)).toBe(0);
      expect(trouble).toEqual({ errors: [], violations: [], dialogs: [] });
    } finally {
      await s.close();
    }
  });
});
