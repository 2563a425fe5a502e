/**
 * The 预警 tab end to end over the real `lantian serve`: a forecast version graded orange is
 * stored; the city office issues an orange warning in the tab (form: region, level, period,
 * forecast version), the banner and the overview card show it, the notice PDF downloads; a
 * county sees the banner asking it to confirm, confirms in the tab and the request disappears;
 * the public notice page shows the warning without sign-in. Screenshots in
 * test-output/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertForecastVersion } from '../../src/warnings/forecasts/forecast-repo.ts';
import { openSession, screenshot, signIn } from './browser.ts';
import { ACCOUNTS, PASSWORD } from './harness.ts';
import { startSmallDashboard, watchPage, type SmallDashboard } from './small-store.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

const dayOf = (offset: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
/** Orange under 2024: AQI > 200 on days 2 and 3, > 150 on day 4. */
const AQI = [120, 215, 230, 160, 90, 80, 70];

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')('预警 tab', () => {
  let dash: SmallDashboard;
  let versionId = 0;

  beforeAll(async () => {
    dash = await startSmallDashboard('2020-12-25', async (db) => {
      versionId = (
        await insertForecastVersion(
          db.kysely,
          {
            region: '130400',
            issued: dayOf(0),
            days: AQI.map((aqi, i) => ({
              date: dayOf(i + 1),
              aqi,
              primary: ['PM2.5'],
              cause: null,
              rolling24hAqi: null,
            })),
            origin: 'api',
            author: 'forecaster',
          },
          Date.now(),
        )
      ).id;
    });
  }, 600_000);
  afterAll(async () => {
    await dash?.close();
  }, 60_000);

  async function pickDate(page: import('playwright-core').Page, sel: string, date: string) {
    const input = page.locator(`${sel} input`).first();
    await input.click();
    await input.fill(date);
    await input.press('Enter');
  }

  it('city office issues orange; banner, card and notice; county confirms; public page', async () => {
    const s = await openSession();
    try {
      const page = s.page;
      await signIn(page, dash.server.url, ACCOUNTS['city-admin'].username, PASSWORD);
      const trouble = watchPage(page);
      await page.goto(`${dash.server.url}/warnings`);
      await page.waitForSelector('[data-test=episodes-tab]');
      await page.click('[data-test=issue-warning]');
      await page.waitForSelector('[data-test=decision-form]');
      await pickDate(page, '[data-test=decision-from]', dayOf(2));
      await pickDate(page, '[data-test=decision-to]', dayOf(4));
      // The forecast picker offers the city's versions, newest first, and takes the newest.
      await page.click('[data-test=decision-forecast-select]');
      const offered = page.locator('.el-select-dropdown__item:visible');
      await expect.poll(() => offered.count()).toBe(1);
      expect(await offered.first().innerText()).toMatch(/第 1 版.*橙色预警（II级）.*峰值 AQI 230/);
      await offered.first().click();
      expect(versionId).toBeGreaterThan(0);
      await page.click('[data-test=decision-form] label:has-text("红色预警")');
      await page.click('[data-test=decision-submit]');
      await page.waitForSelector('[data-test=decision-error]');
      expect(await page.locator('[data-test=decision-error]').innerText()).toContain('须填写理由');
      await page.click('[data-test=decision-form] label:has-text("橙色预警")');
      await screenshot(page, 'warnings-issue-form', false);
      await page.click('[data-test=decision-submit]');
      await page.waitForSelector('[data-test=warning-banner]');
      expect(await page.locator('[data-test=warning-banner]').innerText()).toContain(
        '邯郸市橙色预警',
      );
      await page.waitForSelector('[data-test=episode-detail]');
      expect(await page.locator('[data-test=episode-detail]').innerText()).toContain('符合预报');
      const href = await page.locator('[data-test=notice-link]').first().getAttribute('href');
      const pdf = await page.evaluate(async (u) => {
        const r = await fetch(u!, { credentials: 'same-origin' });
        return { status: r.status, type: r.headers.get('content-type') };
      }, href);
      expect(pdf).toEqual({ status: 200, type: 'application/pdf' });
      await screenshot(page, 'warnings-episodes');
      await page.goto(`${dash.server.url}/`);
      await page.waitForSelector('[data-test=warning-card]');
      await page.waitForFunction(() =>
        document.querySelector('[data-test=warning-card]')?.textContent?.includes('橙色预警'),
      );
      expect(trouble.errors.filter((e) => !e.includes('409'))).toEqual([]);
      expect(trouble.failed).toEqual(['409 /api/warnings/episodes']);
    } finally {
      await s.close();
    }

    const c = await openSession();
    try {
      const page = c.page;
      await signIn(page, dash.server.url, ACCOUNTS.county.username, PASSWORD);
      await page.waitForSelector('[data-test=warning-banner]');
      expect(await page.locator('[data-test=warning-banner]').innerText()).toContain(
        '本单位尚未确认启动响应',
      );
      await page.goto(`${dash.server.url}/warnings`);
      await page.waitForSelector('[data-test=confirm-response]');
      await page.click('[data-test=confirm-response]');
      await page.waitForFunction(
        () =>
          !document.querySelector('[data-test=warning-banner]')?.textContent?.includes('尚未确认'),
      );
      expect(await page.locator('[data-test=episode-detail]').innerText()).toContain('邯山区');
      await page.waitForTimeout(600);
      await screenshot(page, 'warnings-county-confirmed');
    } finally {
      await c.close();
    }

    const p = await openSession();
    try {
      await p.page.goto(`${dash.server.url}/public/warnings`);
      expect(await p.page.locator('body').innerText()).toContain(
        '邯郸市：橙色预警（II级应急响应）',
      );
      await screenshot(p.page, 'warnings-public');
    } finally {
      await p.close();
    }
  }, 300_000);
});
