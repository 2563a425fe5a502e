/**
 * The 督查与评估 tab of 重污染应对 in a real browser over `lantian serve`: an orange episode of
 * the city with its published list is in the store (rows inserted as the compliance HTTP test
 * does); the city office opens the tab, runs the checks, sees the steel works not cutting its SO2
 * and its sinter line running, assigns one violation to the county and closes it with findings,
 * reads the evaluation (chart, reductions, failed enterprises) and downloads the PDF and the
 * Excel. Screenshots in test-output/screenshots.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartState, openSession, screenshot, signIn, type Session } from './browser.ts';
import { ACCOUNTS, PASSWORD } from './harness.ts';
import { startSmallDashboard, watchPage, type SmallDashboard } from './small-store.ts';
import { seedEpisode } from '../warnings-compliance-support.ts';

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')('督查与评估 tab', () => {
  let dash: SmallDashboard;
  let s: Session;
  let page: Page;

  beforeAll(async () => {
    dash = await startSmallDashboard('2020-12-25', async (db) => {
      await seedEpisode(db);
    });
    s = await openSession();
    page = s.page;
  }, 600_000);
  afterAll(async () => {
    await s?.close();
    await dash?.close();
  }, 60_000);

  const rows = () => page.locator('[data-test=violation-table] .el-table__body tr');

  it('runs the checks, assigns and closes a violation, shows the evaluation and its files', async () => {
    await signIn(page, dash.server.url, ACCOUNTS['city-admin'].username, PASSWORD);
    const trouble = watchPage(page);
    await page.goto(`${dash.server.url}/warnings`);
    await page.getByRole('tab', { name: '督查与评估' }).click();
    await page.locator('[data-test=compliance-tab]').waitFor();
    await page.locator('[data-test=compliance-run]').click();
    await page.getByText(/检查企业 2 家/).waitFor();
    await expect.poll(() => rows().count()).toBe(2);
    await expect
      .poll(() => rows().allInnerTexts())
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining('实测 240.0 kg/日'),
          expect.stringContaining('应停产线 1号烧结机（SJ1）运行 6 小时'),
        ]),
      );
    await screenshot(page, 'warnings-compliance-violations');

    await rows().first().locator('[data-test=violation-assign]').click();
    await expect.poll(() => rows().first().innerText()).toContain('已交办');
    await rows().first().locator('[data-test=violation-close]').click();
    await page
      .locator('textarea[data-test=violation-findings], [data-test=violation-findings] textarea')
      .fill('现场核查：已责令整改');
    await page.locator('[data-test=violation-close-confirm]').click();
    await expect
      .poll(() => page.locator('[data-test=violation-table]').innerText())
      .toContain('已办结 1');

    const panel = page.locator('[data-test=evaluation-panel]');
    await panel.getByText('未落实减排措施的企业（1 / 2）').waitFor();
    await expect
      .poll(() => panel.locator('[data-test=evaluation-reductions]').innerText())
      .toContain('二氧化硫');
    const chart = await chartState(page, '[data-test=evaluation-chart]');
    expect(chart).toBeTruthy();
    await screenshot(page, 'warnings-compliance-evaluation');

    const href = (sel: string) => page.locator(sel).getAttribute('href');
    const pdf = await page.request.get(
      `${dash.server.url}${await href('[data-test=evaluation-pdf]')}`,
    );
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 4).toString()).toBe('%PDF');
    const xlsx = await page.request.get(
      `${dash.server.url}${await href('[data-test=evaluation-xlsx]')}`,
    );
    expect(xlsx.status()).toBe(200);
    expect(trouble.errors).toEqual([]);
  }, 180_000);
});
