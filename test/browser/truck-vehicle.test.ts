/**
 * The vehicle page of 重型柴油车 end to end: two trucks registered (邯山区, 丛台区) with a drive of
 * 90 minutes today in truck_minutes and a windowed-rule judgement in truck_judgements (fixture
 * rows, test/support/truck-drive.ts), the real `lantian serve`, Chromium. The city office finds a
 * truck by part of its plate, opens its page, sees the header, the track on the city map in
 * GCJ-02, the minute charts, the judgement (a click zooms the charts to its window) and the flag
 * counts; an earlier day says in Chinese that it has no data. The 邯山区 account is refused the
 * 丛台区 truck.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import { wgs84ToGcj02 } from '../../src/geo/gcj02.ts';
import { beijingDayOf, beijingDayRange } from '../../src/trucks/beijing-day.ts';
import { createVehicle } from '../../src/trucks/vehicle-service.ts';
import { drive, insertJudgements, insertMinutes, vehicleIdOf } from '../support/truck-drive.ts';
import { vehicle, VIN_GB, VIN_HJ, WHO } from '../trucks-support.ts';
import { chartState, openSession, screenshot, signIn } from './browser.ts';
import { ACCOUNTS, PASSWORD, type TestRole } from './harness.ts';
import { startSmallDashboard, watchPage, type SmallDashboard } from './small-store.ts';

const DAY = beijingDayOf(Date.now());
const START = beijingDayRange(DAY).start + 3_600_000;
const JUDGED = { start: START + 30 * 60_000, end: START + 35 * 60_000 };

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')('重型柴油车 vehicle page', () => {
  let dash: SmallDashboard;

  beforeAll(async () => {
    dash = await startSmallDashboard('2020-12-25', async (db) => {
      const add = (vin: string, plate: string, county: string) =>
        createVehicle(db, systemClock, vehicle({ vin, plate, county, replyMode: 'hj' }), WHO);
      await add(VIN_HJ, '冀D11111', '130402');
      await add(VIN_GB, '冀D22222', '130403');
      const id = await vehicleIdOf(db, VIN_HJ);
      await insertMinutes(db, id, drive(START, 90, [114.47, 36.58], [30, 31, 32, 33, 34]));
      await insertJudgements(db, [
        {
          vehicle_id: id,
          rule: 'scr_no_conversion_window',
          rule_version: 'trucks-window-1',
          start_time: JUDGED.start,
          end_time: JUDGED.end,
          day: DAY,
          detail: 'SCR 入口温度 ≥ 200 °C 时下游 NOx 连续 5 分钟不低于上游的 80%',
          evidence: JSON.stringify({ 分钟数: 5, 上游均值: 700, 下游均值: 640 }),
        },
      ]);
    });
  }, 600_000);
  afterAll(async () => {
    await dash?.close();
  }, 60_000);

  async function signedIn(role: TestRole, check: (page: Page) => Promise<void>): Promise<void> {
    const s = await openSession();
    try {
      await signIn(s.page, dash.server.url, ACCOUNTS[role].username, PASSWORD);
      await check(s.page);
    } finally {
      await s.close();
    }
  }

  it('finds a truck by plate and shows its day: track, charts, judgement, flags', async () => {
    await signedIn('city-admin', async (page) => {
      const trouble = watchPage(page);
      await page.click('.el-menu-item:has-text("重型柴油车")');
      await page.waitForURL((u) => u.pathname === '/trucks');
      await page.locator('[data-test=truck-search] input').fill('d111');
      await page.click('.el-autocomplete-suggestion li:has-text("冀D11111")');
      await page.waitForURL((u) => u.pathname === `/trucks/${VIN_HJ}`);
      await page.waitForSelector('[data-test=truck-judgements] .el-table__body tr');
      await page.waitForLoadState('networkidle');
      await screenshot(page, 'truck-vehicle');

      const header = await page.locator('[data-test=truck-vehicle-header]').innerText();
      for (const t of ['冀D11111', VIN_HJ, '国六', '钢铁运输队', '邯山区', '从未上报'])
        expect(header).toContain(t);

      const map = await chartState(page, '[data-test=truck-track-map]');
      expect(map.geoRegions).toContain('130402');
      const lines = map.option.series.find((s: { type: string }) => s.type === 'lines');
      const coords: number[][] = lines.data[0].coords;
      expect(coords).toHaveLength(90);
      // Drawn in GCJ-02: the stored WGS-84 fix shifted, not the raw one.
      const [lon, lat] = wgs84ToGcj02(114.47, 36.58);
      expect(coords[0]![0]).toBeCloseTo(lon, 9);
      expect(coords[0]![1]).toBeCloseTo(lat, 9);
      expect(coords[0]![0]).not.toBeCloseTo(114.47, 3);

      const charts = (await chartState(page, '[data-test=truck-day-charts]')).option;
      const series = Object.fromEntries(
        charts.series.map((s: { name: string; data: number[][] }) => [s.name, s.data]),
      );
      expect(Object.keys(series)).toEqual([
        '车速',
        '上游 NOx',
        '下游 NOx',
        'SCR 入口温度',
        'SCR 出口温度',
      ]);
      expect(series['车速']).toHaveLength(90);
      expect(series['下游 NOx'][31]).toEqual([START + 31 * 60_000, 640]);
      expect(series['SCR 入口温度'][0]).toEqual([START, 150]);

      const judgement = await page.locator('[data-test=truck-judgements]').innerText();
      expect(judgement).toContain('下游 NOx 连续 5 分钟');
      expect(judgement).toContain('上游均值：700');
      expect(judgement).toContain('trucks-window-1');
      const flags = await page.locator('[data-test=truck-flag-counts]').innerText();
      expect(flags).toMatch(/NOx 偏高\s+nox_high\s+300/);
      expect(flags).toMatch(/SCR 无转化\s+scr_no_conversion\s+290/);

      // A click on the judgement zooms every chart to its window (5 minutes of margin).
      await page.click('[data-test=truck-judgements] .el-table__body tr');
      await page.waitForSelector('[data-test=truck-zoom]');
      const zoomed = (await chartState(page, '[data-test=truck-day-charts]')).option;
      for (const z of zoomed.dataZoom) {
        expect(z.xAxisIndex).toEqual([0, 1, 2]);
        expect(z.startValue).toBe(JUDGED.start - 5 * 60_000);
        expect(z.endValue).toBe(JUDGED.end + 5 * 60_000);
      }
      await screenshot(page, 'truck-vehicle-zoomed');
      await page.click('button:has-text("显示全部数据")');
      expect(await page.locator('[data-test=truck-zoom]').count()).toBe(0);
      const whole = (await chartState(page, '[data-test=truck-day-charts]')).option;
      expect(whole.dataZoom[0].startValue).toBe(START - 10 * 60_000);

      // An earlier day without data says so.
      const input = page.locator('[data-test=truck-day] input');
      const earlier = new Date(Date.parse(`${DAY}T00:00:00Z`) - 2 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      await input.click();
      await input.fill(earlier);
      await input.press('Enter');
      await page.waitForSelector(`[data-test=truck-day-charts] .empty:has-text("${earlier}")`);
      const empty = await page.locator('[data-test=truck-day-charts] .empty').innerText();
      expect(empty).toContain('没有分钟汇总');
      expect(await page.locator('[data-test=truck-judgements]').innerText()).toContain(
        '该日没有时段判定',
      );
      expect(trouble.errors).toEqual([]);
      expect(trouble.failed).toEqual([]);
    });
  }, 180_000);

  it('a county finds only its own trucks and is refused another county’s page', async () => {
    await signedIn('county', async (page) => {
      await page.goto(`${dash.server.url}/trucks`);
      await page.locator('[data-test=truck-search] input').fill('冀D');
      await page.waitForSelector('.el-autocomplete-suggestion li');
      const hits = await page.locator('.el-autocomplete-suggestion li').allInnerTexts();
      expect(hits.join('\n')).toContain('冀D11111');
      expect(hits.join('\n')).not.toContain('冀D22222');
      await page.goto(`${dash.server.url}/trucks/${VIN_GB}`);
      await page.waitForSelector('.el-alert--error');
      expect(await page.locator('.el-alert--error').innerText()).toContain(
        '无权查看其他单位的数据',
      );
      expect(await page.locator('[data-test=truck-vehicle-header]').count()).toBe(0);
    });
  }, 180_000);
});
