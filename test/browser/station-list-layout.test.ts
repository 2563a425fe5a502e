/**
 * The 空气质量 station list at 1366×768 (issue 16: the AQI and 类别 columns were out of view):
 * the station, its AQI and its category are inside the visible part of the list without
 * scrolling sideways, and the AQI cells hold the day's figures.
 */
import { describe, expect, it } from 'vitest';
import { openSession, screenshot, signIn } from './browser.ts';
import { ACCOUNTS, PASSWORD } from './harness.ts';
import { smallDashboardForTests } from './small-store.ts';

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')('station list at 1366 px', () => {
  const dash = smallDashboardForTests('2020-12-25');

  it('shows 站点, AQI and 类别 without scrolling at 1366×768', async () => {
    const s = await openSession({ width: 1366, height: 768 });
    try {
      await signIn(s.page, dash.server.url, ACCOUNTS.visitor.username, PASSWORD);
      const page = s.page;
      await page.goto(`${dash.server.url}/air?tab=map&date=2020-12-31`);
      await page.waitForSelector('.el-card .el-table__body tr');
      await page.waitForLoadState('networkidle');
      const table = page.locator('.el-card:has-text("站点列表") .el-table').first();
      const visible = (await table.boundingBox())!;
      expect(visible.x + visible.width).toBeLessThanOrEqual(1366);
      for (const label of ['站点', 'AQI', '类别']) {
        const th = table.locator('.el-table__header th', { hasText: new RegExp(`^${label}$`) });
        const box = (await th.first().boundingBox())!;
        expect(box, label).not.toBeNull();
        expect(box.x, label).toBeGreaterThanOrEqual(visible.x - 1);
        expect(box.x + box.width, label).toBeLessThanOrEqual(visible.x + visible.width + 1);
      }
      // The AQI column shows the day's figures (the simulated stations all report).
      const aqiTexts = await table.evaluate((el) => {
        const heads = [...el.querySelectorAll('.el-table__header th')].map(
          (th: any) => th.textContent?.trim() ?? '',
        );
        const at = heads.indexOf('AQI');
        return [...el.querySelectorAll('.el-table__body tr')].map(
          (tr: any) => tr.children[at]?.textContent?.trim() ?? '',
        );
      });
      expect(aqiTexts.filter((t) => /^\d+$/.test(t)).length).toBeGreaterThan(5);
      await screenshot(page, 'station-list-1366', false);
    } finally {
      await s.close();
    }
  }, 180_000);
});
