/**
 * The 减排清单 tab end to end over the real `lantian serve`: cement, glass, positive-list, 保障类
 * and VOC enterprises (test/warnings-lists-support.ts) in Wu'an and Cheng'an, one override at red.
 * The city office generates the orange list (enterprises, bars of the expected reductions against
 * the 20 % target), publishes it, generates the red list, is asked for a reason because it falls
 * short of 30 %, gives one and publishes; the matrix shows cement's defaults. A county account sees
 * only its own enterprises and no generate button. Screenshots in test-output/screenshots.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, pageApi, screenshot, signIn, chartState } from './browser.ts';
import { ACCOUNTS, PASSWORD } from './harness.ts';
import { startSmallDashboard, watchPage, type SmallDashboard } from './small-store.ts';
import { CEM_C, NOW, seedBaselines, seedListEnterprises } from '../warnings-lists-support.ts';

const tableRows = (page: Page, sel: string) =>
  page
    .locator(`${sel} .el-table__body tr`)
    .evaluateAll((trs) =>
      trs.map((tr) =>
        [...tr.children].map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim()).join(' '),
      ),
    );

async function openListsTab(page: Page): Promise<void> {
  await page.click('.el-menu-item:has-text("重污染应对")');
  await page.waitForURL((u) => u.pathname === '/warnings');
  await page.click('.el-tabs__item:has-text("减排清单")');
  await page.waitForLoadState('networkidle');
}

async function pickLevel(page: Page, label: string): Promise<void> {
  await page.click('[data-test=list-level]');
  await page.click(`.el-select-dropdown__item:visible:has-text("${label}")`);
  await page.waitForLoadState('networkidle');
}

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')('减排清单 tab', () => {
  let dash: SmallDashboard;

  beforeAll(async () => {
    dash = await startSmallDashboard('2020-12-25', async (db) => {
      const ids = await seedListEnterprises(db);
      await seedBaselines(db, ids);
      await db.kysely
        .insertInto('emergency_overrides')
        .values({
          enterprise_id: ids[CEM_C]!,
          level: 'red',
          measures: JSON.stringify([{ kind: 'other', text: '协同处置生活垃圾，窑保温运行' }]),
          reason: '承担协同处置城市生活垃圾任务',
          updated_by: 'test',
          updated_at: NOW,
        })
        .execute();
    });
  }, 600_000);
  afterAll(async () => {
    await dash?.close();
  }, 60_000);

  it('city office: generate orange, publish; red falls short, published with a reason; matrix', async () => {
    const s = await openSession();
    try {
      const page = s.page;
      await signIn(page, dash.server.url, ACCOUNTS['city-admin'].username, PASSWORD);
      const trouble = watchPage(page);
      await openListsTab(page);
      // The tab opens on the city and the orange level.
      await page.click('[data-test=list-generate]');
      await page.waitForSelector('[data-test=list-detail]:has-text("第 1 版（草稿）")');
      await page.waitForSelector('[data-test=list-totals] canvas');
      const rows = await tableRows(page, '[data-test=list-items]');
      expect(rows).toHaveLength(6);
      expect(rows.join('\n')).toContain('限产 20%');
      expect(rows.join('\n')).toContain('正面清单');
      const chart = (await chartState(page, '[data-test=list-totals]')).option;
      expect(chart.series[0].markLine.data[0].yAxis).toBe(20);
      expect(chart.xAxis[0].data).toEqual(['SO2', 'NOx', 'PM']);
      await screenshot(page, 'warnings-lists');
      await page.click('[data-test=list-publish]');
      await page.waitForSelector('[data-test=list-detail]:has-text("已发布")');

      await pickLevel(page, '红色');
      await page.click('[data-test=list-generate]');
      await page.waitForSelector('[data-test=list-detail]:has-text("红色预警")');
      const red = await pageApi(page, '/api/warnings/lists?level=red');
      expect(red.body.lists[0].shortfall).toEqual(['SO2', 'NOx', 'PM']);
      await page.click('[data-test=list-publish]');
      await page.waitForSelector('.el-dialog textarea');
      await page.fill('.el-dialog textarea', '其余排放源另行管控，经指挥部会商同意');
      await screenshot(page, 'warnings-lists-shortfall', false);
      await page.click('[data-test=list-publish-override]');
      await page.waitForSelector('[data-test=list-detail]:has-text("已发布")');
      expect(await page.locator('[data-test=list-detail]').innerText()).toContain('发布理由');
      const published = await pageApi(page, '/api/warnings/lists?level=red&status=published');
      expect(published.body.lists[0].shortfallOverridden).toBe(true);

      await page.click('.lists-tab .el-radio-button:has-text("措施矩阵")');
      await page.waitForSelector('[data-test=matrix-table] .el-table__body tr');
      const matrix = await tableRows(page, '[data-test=matrix-table]');
      expect(matrix.find((r) => r.startsWith('B '))).toContain('限产 20%');
      await screenshot(page, 'warnings-lists-matrix');
      await page.click('.lists-tab .el-radio-button:has-text("一企一策")');
      await page.waitForSelector('[data-test=override-table] .el-table__body tr');
      const own = await tableRows(page, '[data-test=override-table]');
      expect(own).toHaveLength(1);
      expect(own[0]).toContain('承担协同处置城市生活垃圾任务');
      // The only answer of 400 or more (and its console line) is the intended shortfall refusal.
      expect(trouble.errors.filter((e) => !e.includes('409'))).toEqual([]);
      expect(trouble.failed.filter((f) => !f.includes('/publish'))).toEqual([]);
    } finally {
      await s.close();
    }
  }, 240_000);

  it('a county sees its own enterprises of the city list and cannot generate', async () => {
    const s = await openSession();
    try {
      const page = s.page;
      await signIn(page, dash.server.url, ACCOUNTS.county.username, PASSWORD);
      await openListsTab(page);
      await page.waitForSelector('[data-test=list-detail]');
      expect(await page.locator('[data-test=list-generate]').count()).toBe(0);
      // 邯山区 has none of the seeded enterprises.
      expect(await tableRows(page, '[data-test=list-items]')).toHaveLength(0);
    } finally {
      await s.close();
    }
  }, 120_000);
});
