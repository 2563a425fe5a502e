/**
 * 重污染应对 → 预报 end to end in a browser over the real `lantian serve`: two versions of
 * Handan's forecast are stored; the city office opens the tab, reads the newest version as bars
 * coloured by AQI category with the 150/200/300 lines, the recommended orange warning under the
 * 2024 edition, compares version 2 with version 1, enters version 3 in the form (a gap is refused
 * first, with the day named), and a county account reads the city's forecast without the entry
 * buttons. Screenshots in test-output/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertForecastVersion } from '../../src/warnings/forecasts/forecast-repo.ts';
import { chartState, openSession, pageApi, screenshot, signIn } from './browser.ts';
import { ACCOUNTS, PASSWORD } from './harness.ts';
import { startSmallDashboard, watchPage, type SmallDashboard } from './small-store.ts';

const day = (date: string, aqi: number) => ({
  date,
  aqi,
  primary: ['PM2.5' as const],
  cause: null,
  rolling24hAqi: null,
});

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')('重污染应对 预报 tab', () => {
  let dash: SmallDashboard;

  beforeAll(async () => {
    dash = await startSmallDashboard('2020-12-25', async (db) => {
      const store = (issued: string, aqis: number[], author: string) =>
        insertForecastVersion(
          db.kysely,
          {
            region: '130400',
            issued,
            days: aqis.map((a, i) => day(`2024-12-0${i + 2}`, a)),
            origin: 'manual',
            author,
          },
          Date.now(),
        );
      await store('2024-11-29', [120, 160, 190, 140, 100], 'cityoffice');
      await store('2024-11-30', [140, 180, 215, 290, 120], 'sthjj');
    });
  }, 600_000);
  afterAll(async () => {
    await dash?.close();
  }, 60_000);

  it('city office: chart, recommendation, diff, and a new version entered in the form', async () => {
    const s = await openSession();
    try {
      const page = s.page;
      await signIn(page, dash.server.url, ACCOUNTS['city-admin'].username, PASSWORD);
      const trouble = watchPage(page);
      await page.goto(`${dash.server.url}/warnings`);
      await page.click('.el-tabs__item:has-text("预报")');
      await page.waitForSelector('[data-test=forecast-chart] canvas');
      await page.waitForSelector('[data-test=grade-level]');
      await page.waitForLoadState('networkidle');
      const chart = (await chartState(page, '[data-test=forecast-chart]')).option;
      expect(chart.series[0].data.map((d: { value: number }) => d.value)).toEqual([
        140, 180, 215, 290, 120,
      ]);
      expect(
        chart.series[0].data.map((d: { itemStyle: { color: string } }) => d.itemStyle.color),
      ).toEqual(['#FF7E00', '#FF0000', '#99004C', '#99004C', '#FF7E00']);
      expect(chart.series[0].markLine.data.map((d: { yAxis: number }) => d.yAxis)).toEqual([
        150, 200, 300,
      ]);
      expect(await page.locator('[data-test=grade-level]').innerText()).toContain('橙色');
      expect(await page.locator('[data-test=forecast-grade]').innerText()).toContain('2024');
      await screenshot(page, 'warnings-forecast', false);

      await page.click('[data-test=forecast-diff-2]');
      await page.waitForSelector('[data-test=forecast-diff-dialog] .el-table__body tr');
      const diffText = await page.locator('[data-test=forecast-diff-dialog]').innerText();
      expect(diffText).toContain('+25');
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-test=forecast-diff-dialog]', { state: 'hidden' });

      await page.locator('[data-test=forecast-new]').dispatchEvent('click');
      await page.waitForSelector('[data-test=forecast-form]');
      const aqis = [150, 230, 260, 310, 180];
      for (const [i, a] of aqis.entries())
        await page.fill(`[data-test=forecast-aqi-${i}] input`, String(a));
      await page.locator('[data-test=forecast-save]').dispatchEvent('click');
      await page.waitForSelector('.el-message--success');
      await page.waitForLoadState('networkidle');
      const list = await pageApi(page, '/api/warnings/forecasts?region=130400');
      expect(
        list.body.map((v: { version: number; level: string }) => `${v.version}:${v.level}`),
      ).toEqual(['3:red', '2:orange', '1:yellow']);
      await page.waitForSelector('[data-test=grade-level]:has-text("红色")');
      expect(trouble.errors).toEqual([]);
    } finally {
      await s.close();
    }
  }, 240_000);

  it('a county reads its city forecast and has no entry buttons', async () => {
    const s = await openSession();
    try {
      const page = s.page;
      await signIn(page, dash.server.url, ACCOUNTS.county.username, PASSWORD);
      await page.goto(`${dash.server.url}/warnings`);
      await page.click('.el-tabs__item:has-text("预报")');
      await page.waitForSelector('[data-test=forecast-tab]');
      expect(await page.locator('[data-test=forecast-new]').count()).toBe(0);
      const city = await pageApi(page, '/api/warnings/forecasts?region=130400');
      expect(city.status).toBe(200);
      expect(city.body.length).toBeGreaterThanOrEqual(2);
    } finally {
      await s.close();
    }
  }, 120_000);
});
