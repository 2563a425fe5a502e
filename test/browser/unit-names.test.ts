/**
 * One name for each kind of unit (issue 16): 开发区 and 冀南新区 were 县（市、区） on 目标考核 and
 * 功能区 on 总览. Every page that names a unit's kind now calls them 功能区 and the counties
 * 县（市、区）; the set of both is 县（市、区）及功能区.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openSession, signIn } from './browser.ts';
import { ACCOUNTS, PASSWORD } from './harness.ts';
import { smallDashboardForTests } from './small-store.ts';

declare const document: any;

/** The zones 130471 开发区 and 130473 冀南新区 (the registry writes 邯郸经济技术开发区, the plan 开发区). */
const ZONES = ['开发区', '冀南新区'];
/** The kind shown for the row whose name ends with `name`. */
const kindOf = (list: Map<string, string>, name: string) =>
  [...list].find(([n]) => n.endsWith(name))?.[1];

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')('unit kinds named once', () => {
  const dash = smallDashboardForTests('2020-12-01');

  /** Each row's name → the text of its 类型 column, in the table `selector`. */
  const kinds = async (page: Page, selector: string): Promise<Map<string, string>> => {
    const header: string[] = await page.$$eval(`${selector} .el-table__header th`, (ths) =>
      ths.map((th) => th.textContent?.trim() ?? ''),
    );
    const at = header.indexOf('类型');
    expect(at, header.join('|')).toBeGreaterThan(0);
    const rows: string[][] = await page.$$eval(`${selector} .el-table__body tr`, (trs) =>
      trs.map((tr) => [...tr.children].map((td) => td.textContent?.trim() ?? '')),
    );
    const nameAt = header.findIndex((h) => h === '单位');
    return new Map(rows.map((r) => [r[nameAt]!, r[at]!]));
  };

  it('calls the functional zones 功能区 and the counties 县（市、区） on every page', async () => {
    const s = await openSession();
    try {
      await signIn(s.page, dash.server.url, ACCOUNTS['city-admin'].username, PASSWORD);
      const page = s.page;
      await page.goto(`${dash.server.url}/overview?date=2020-12-31`);
      await page.waitForSelector('[data-test=overview-table] .el-table__body tr');
      const overview = await kinds(page, '[data-test=overview-table]');
      await page.goto(`${dash.server.url}/plan?date=2020-12-31`);
      await page.waitForSelector('[data-test=progress-table] .el-table__body tr');
      await page.waitForLoadState('networkidle');
      const plan = await kinds(page, '[data-test=progress-table]');
      for (const [page, list] of Object.entries({ overview, plan })) {
        for (const z of ZONES) expect(kindOf(list, z), `${page} ${z}`).toBe('功能区');
        expect(list.get('邯山区'), page).toBe('县（市、区）');
        expect(list.get('武安市'), page).toBe('县（市、区）');
      }
      expect(plan.get('邯郸市')).toBe('全市');
      const text = await page.evaluate(() => document.body.innerText as string);
      expect(text).not.toMatch(/(开发区|冀南新区)\s+县（市、区）/);

      await page.goto(`${dash.server.url}/tasks?date=2020-12-31`);
      await page.click('.el-tabs__item:has-text("按期完成率")');
      await page.waitForSelector('.el-card__header:has-text("县（市、区）及功能区")');
    } finally {
      await s.close();
    }
  }, 180_000);
});
