/**
 * The monthly ranking on 目标考核 in rank order (issue 16: it read 8, 3, 15, 1, 12, 19… in the
 * plan's annex order). The table lists the API's ranks best first with equal ranks together, and
 * sorts on any column header, both ways.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openSession, pageApi, signIn } from './browser.ts';
import { ACCOUNTS, PASSWORD } from './harness.ts';
import { smallDashboardForTests, watchPage } from './small-store.ts';

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')('目标考核 ranking order', () => {
  const dash = smallDashboardForTests('2020-10-01');

  const TABLE = '[data-test=ranking-table]';
  /** The column `i` of every row shown. */
  const column = (page: Page, i: number) =>
    page.$$eval(
      `${TABLE} .el-table__body tr`,
      (trs, n) => trs.map((tr) => tr.children[n as number]?.textContent?.trim() ?? ''),
      i,
    );
  const numbers = (xs: string[]) => xs.map((x) => (x === '—' ? null : Number(x)));
  const sortBy = async (page: Page, label: string, order: 'ascending' | 'descending') => {
    const th = page.locator(`${TABLE} .el-table__header th`, { hasText: label }).first();
    for (let i = 0; i < 3; i++) {
      if ((await th.getAttribute('class'))?.includes(order)) return;
      await th.locator('.cell').click();
    }
    throw new Error(`could not sort ${label} ${order}`);
  };

  it('lists the units best rank first, ties together, and sorts on any column', async () => {
    const s = await openSession();
    try {
      await signIn(s.page, dash.server.url, ACCOUNTS['city-admin'].username, PASSWORD);
      const page = s.page;
      const trouble = watchPage(page);
      await page.goto(`${dash.server.url}/plan?date=2020-12-31&month=2020-11`);
      await page.waitForSelector(`${TABLE} .el-table__body tr`);
      await page.waitForLoadState('networkidle');
      const api = (await pageApi(page, '/api/plans/handan-2020/rankings?period=2020-11')).body;
      const apiRanks = api.rows.map((r: any) => r.ranks.compositeIndex as number);
      // The API's own order is the annex's, not the ranking's (what the table used to show).
      expect(apiRanks).not.toEqual([...apiRanks].sort((a, b) => a - b));

      const ranks = numbers(await column(page, 0)) as number[];
      expect(ranks).toHaveLength(api.rows.length);
      expect(ranks).toEqual([...apiRanks].sort((a, b) => a - b));
      expect(ranks[0]).toBe(1);
      // Each unit keeps the API's rank (name → rank).
      const names = await column(page, 1);
      const rankOf = new Map(api.rows.map((r: any) => [r.name, r.ranks.compositeIndex]));
      names.forEach((n, i) => expect(rankOf.get(n), n).toBe(ranks[i]));

      // PM2.5 both ways, then the composite index, then back to the rank.
      await sortBy(page, 'PM₂.₅', 'descending');
      const pm = numbers(await column(page, 4)) as number[];
      expect(pm).toEqual([...pm].sort((a, b) => b - a));
      await sortBy(page, 'PM₂.₅', 'ascending');
      const pmUp = numbers(await column(page, 4)) as number[];
      expect(pmUp).toEqual([...pmUp].sort((a, b) => a - b));
      await sortBy(page, '综合指数', 'descending');
      const ci = numbers(await column(page, 2)) as number[];
      expect(ci).toEqual([...ci].sort((a, b) => b - a));
      await sortBy(page, '单位', 'ascending');
      const byName = await column(page, 1);
      expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, 'zh-CN')));
      await sortBy(page, '排名', 'descending');
      const down = numbers(await column(page, 0)) as number[];
      expect(down).toEqual([...down].sort((a, b) => b - a));
      expect(trouble.failed).toEqual([]);
      expect(trouble.errors).toEqual([]);
    } finally {
      await s.close();
    }
  }, 180_000);
});
