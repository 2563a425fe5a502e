/**
 * The 污染源 pages end to end over `demo handan`'s enterprises (src/demo/sources-demo.ts, three
 * days of CEMS history with the plan's faults) and the real `lantian serve`, whose alarm job
 * finds the faults: the city office opens 污染源, sees the list and the map, filters to the
 * enterprises with open alarms, opens the coking enterprise whose coke oven ran over its NOx
 * limit, reads the NOx chart against its limit (markLine at 150 mg/m³, hours over it), the
 * compliance calendar and amounts, then acknowledges and closes the exceedance alarm with a
 * reason. The enterprise's own account lands on its page and is refused another enterprise.
 * Screenshots in test-output/screenshots (LANTIAN_UPDATE_SCREENSHOTS=1 copies them to
 * docs/screenshots).
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-service.ts';
import { systemClock } from '../../src/clock.ts';
import { handanDemoEnterprises, runSourcesDemo } from '../../src/demo/sources-demo.ts';
import { chartState, openSession, pageApi, screenshot, signIn } from './browser.ts';
import { ACCOUNTS, PASSWORD } from './harness.ts';
import { startSmallDashboard, watchPage, type SmallDashboard } from './small-store.ts';

const demo = handanDemoEnterprises();
/** The coking enterprise whose coke oven ran 6 hours over its NOx limit (sources-plan.ts). */
const COKING = demo.filter((e) => e.sector === 'coking')[2]!;
const OTHER = demo.find((e) => e.sector === 'steel')!;
const ENTERPRISE_USER = { username: 'qiye', displayName: '企业环保专员' };
const DOC_SHOTS: Readonly<Record<string, string>> = {
  'sources-list': 'sources-list.png',
  'sources-enterprise': 'sources-enterprise.png',
  'sources-alarm': 'sources-alarm.png',
};

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')('污染源 pages', () => {
  let dash: SmallDashboard;

  beforeAll(async () => {
    dash = await startSmallDashboard('2020-12-25', async (db) => {
      await runSourcesDemo(db, systemClock, { days: 3, actor: 'test' });
      await createUser(
        db,
        systemClock,
        { actor: 'test', ip: null },
        {
          ...ENTERPRISE_USER,
          role: 'enterprise',
          enterprise: COKING.creditCode,
          password: PASSWORD,
          mustChangePassword: false,
        },
      );
    });
  }, 600_000);
  afterAll(async () => {
    await dash?.close();
    if (process.env['LANTIAN_UPDATE_SCREENSHOTS'] === '1') {
      mkdirSync('docs/screenshots', { recursive: true });
      for (const [name, target] of Object.entries(DOC_SHOTS)) {
        const src = join('test-output/screenshots', `${name}.png`);
        if (existsSync(src)) copyFileSync(src, join('docs/screenshots', target));
      }
    }
  }, 60_000);

  /** Waits until the server's alarm job has opened the exceedance alarm of the coking enterprise. */
  async function exceedanceAlarm(page: Page): Promise<number> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const r = await pageApi(
        page,
        `/api/sources/alarms?status=open&enterprise=${COKING.creditCode}&limit=100`,
      );
      const a = (r.body?.items ?? []).find((x: { kind: string }) => x.kind === 'exceedance');
      if (a) return a.id as number;
      if (Date.now() > deadline) throw new Error(`no exceedance alarm: ${JSON.stringify(r.body)}`);
      await new Promise((res) => setTimeout(res, 1000));
    }
  }

  const tableRows = (page: Page, sel: string) =>
    page
      .locator(`${sel} .el-table__body tr`)
      .evaluateAll((trs) =>
        trs.map((tr) =>
          [...tr.children]
            .map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim())
            .join(' '),
        ),
      );

  it('city office: list → enterprise → chart → alarm acknowledged and closed', async () => {
    const s = await openSession();
    try {
      const page = s.page;
      await signIn(page, dash.server.url, ACCOUNTS['city-admin'].username, PASSWORD);
      const trouble = watchPage(page);
      await exceedanceAlarm(page);
      // 总览's card: the ultra-low enterprises this month and open alarms by county.
      await page.reload();
      await page.waitForSelector('[data-test=sources-card] [data-test=alarm-county-chart] canvas');
      expect(await page.locator('[data-test=sources-card]').innerText()).toContain(
        '超低排放重点企业 67 家',
      );
      const byCounty = (await chartState(page, '[data-test=alarm-county-chart]')).option;
      expect(byCounty.yAxis[0].data).toContain('武安市');

      await page.click('.el-menu-item:has-text("污染源")');
      await page.waitForURL((u) => u.pathname === '/sources');
      await page.waitForSelector('[data-test=enterprise-table] .el-table__body tr');
      await page.waitForLoadState('networkidle');
      const total = (await pageApi(page, '/api/sources/enterprises?limit=1000')).body.total;
      expect(total).toBe(demo.length);
      const map = await chartState(page, '[data-test=enterprise-map]');
      expect(map.option.series[0].data).toHaveLength(demo.length);
      await screenshot(page, 'sources-list');

      await page.click('[data-test=alarms-open]');
      await page.waitForLoadState('networkidle');
      const count = Number(
        /其中 (\d+) 家有未关闭告警/.exec(await page.locator('.sources').innerText())?.[1],
      );
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThan(demo.length);
      await page.fill('[data-test=enterprise-table] input[placeholder="搜索"]', COKING.name);
      const found = await tableRows(page, '[data-test=enterprise-table]');
      expect(found).toHaveLength(1);
      expect(found[0]).toContain(COKING.name);

      await page.click(
        `[data-test=enterprise-table] .el-table__body tr:has-text("${COKING.name}")`,
      );
      await page.waitForURL((u) => u.pathname === `/sources/${COKING.creditCode}`);
      await page.waitForSelector('[data-test=outlet-chart-a21002] canvas');
      await page.waitForLoadState('networkidle');
      const nox = (await chartState(page, '[data-test=outlet-chart-a21002]')).option;
      expect(nox.series[0].markLine.data[0].yAxis).toBe(150);
      const values = (nox.series[0].data as Array<{ value: number } | null>)
        .filter((v) => v !== null)
        .map((v) => v!.value);
      expect(values.filter((v) => v > 150).length).toBeGreaterThanOrEqual(3);
      const calendar = (await chartState(page, '[data-test=compliance-calendar]')).option;
      expect(calendar.series[0].data.length).toBeGreaterThan(0);
      expect(await page.locator('[data-test=verdict]').innerText()).toMatch(/达标|无有效数据/);
      await page.locator('[data-test=outlet-charts]').scrollIntoViewIfNeeded();
      await screenshot(page, 'sources-enterprise', false);

      await page.click('[data-test=alarm-table] .el-table__body tr:has-text("超标")');
      await page.waitForSelector('[data-test=alarm-dialog] [data-test=alarm-ack]');
      await page.fill('[data-test=alarm-note]', '已通知企业检查脱硝系统');
      await page.click('[data-test=alarm-ack]');
      await page.waitForSelector('[data-test=alarm-state]:has-text("已确认")');
      await page.fill('[data-test=alarm-close-text]', '喷氨系统故障已修复，浓度恢复');
      await page.click('[data-test=alarm-close]');
      await page.waitForSelector('[data-test=alarm-state]:has-text("已关闭")');
      await screenshot(page, 'sources-alarm', false);
      const closed = await pageApi(
        page,
        `/api/sources/alarms?status=closed&enterprise=${COKING.creditCode}`,
      );
      expect(closed.body.items[0].closeReason).toBe('rectified');
      expect(trouble.errors).toEqual([]);
      expect(trouble.failed).toEqual([]);
    } finally {
      await s.close();
    }
  }, 240_000);

  it('an enterprise account lands on its own enterprise and is refused another', async () => {
    const s = await openSession();
    try {
      const page = s.page;
      await signIn(page, dash.server.url, ENTERPRISE_USER.username, PASSWORD);
      await page.waitForURL((u) => u.pathname === `/sources/${COKING.creditCode}`);
      await page.waitForSelector('[data-test=enterprise-facts]');
      expect(await page.locator('.page-head h2').innerText()).toContain(COKING.name);
      const other = await pageApi(page, `/api/sources/enterprises/${OTHER.creditCode}`);
      expect(other.status).toBe(403);
      const list = await pageApi(page, '/api/sources/enterprises');
      expect(list.body.items.map((e: { creditCode: string }) => e.creditCode)).toEqual([
        COKING.creditCode,
      ]);
    } finally {
      await s.close();
    }
  }, 120_000);
});
