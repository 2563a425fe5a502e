/**
 * 扬尘 in the browser: a county account opens the page on a month with dust-fall results, sees
 * the ranking chart lowest first with the exceeding unit named, its own site on the map with the
 * open problem, and closes the problem by rectification in 检查与整改.
 */
import { describe, expect, it } from 'vitest';
import { dustFall, DUST_FALL_EDITION } from '../../src/dust/rules/dust-fall.ts';
import type { Db } from '../../src/store/db.ts';
import { chartState, openSession, signIn } from './browser.ts';
import { ACCOUNTS, PASSWORD } from './harness.ts';
import { smallDashboardForTests, watchPage } from './small-store.ts';

declare const document: any;

/** Net grams over 30 days in a 100 cm² jar: value = net × 100. */
const NETS: Array<[string, number]> = [
  ['130402', 0.075],
  ['130403', 0.05],
  ['130433', 0.04],
];

async function seed(db: Db): Promise<void> {
  const k = db.kysely;
  for (const [adcode, net] of NETS) {
    const p = await k
      .insertInto('dust_fall_points')
      .values({
        code: `P${adcode}`,
        name: `点${adcode}`,
        region_adcode: adcode,
        lon: null,
        lat: null,
        created_at: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const r = dustFall({ sampleG: net, blankG: 0, areaCm2: 100, days: 30 });
    await k
      .insertInto('dust_fall_samples')
      .values({
        point_id: p.id,
        month: '2020-11',
        sample_g: net,
        blank_g: 0,
        area_cm2: 100,
        days: 30,
        exact: r.exact,
        value: r.value,
        edition: DUST_FALL_EDITION,
        entered_by: 'test',
        entered_at: 0,
      })
      .execute();
  }
  const s = await k
    .insertInto('dust_sources')
    .values({
      code: 'HS-1',
      name: '邯山区某工地',
      kind: 'construction',
      construction_type: 'building',
      owner: '某建设公司',
      department: '市建设局',
      region_adcode: '130402',
      lon: 114.49,
      lat: 36.58,
      polygon: null,
      start_date: null,
      end_date: null,
      checklist: '{}',
      created_at: 0,
      updated_at: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await k
    .insertInto('dust_inspections')
    .values({
      source_id: s.id,
      inspected_on: '2020-11-20',
      inspector: 'test',
      findings: JSON.stringify({
        fence: true,
        cover: false,
        wash: true,
        harden: true,
        wet: true,
        sealed: true,
        monitor: true,
        muck: true,
      }),
      note: '',
      passed: 0,
      deadline: '2020-11-27',
      status: 'open',
      rectified_by: null,
      rectified_at: null,
      rectification: null,
      edition: 'test',
      created_at: 0,
    })
    .execute();
}

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')('扬尘 page', () => {
  const dash = smallDashboardForTests('2020-12-01', seed);

  it('shows the ranking, the site and closes a problem', async () => {
    const s = await openSession();
    try {
      await signIn(s.page, dash.server.url, ACCOUNTS.county.username, PASSWORD);
      const page = s.page;
      const trouble = watchPage(page);
      await page.goto(`${dash.server.url}/dust?month=2020-11`);
      await page.waitForSelector('[data-test=dust-fall-chart] .chart');
      await page.waitForLoadState('networkidle');
      const chart = await chartState(page, '[data-test=dust-fall-chart]');
      expect(chart.option.xAxis[0].data).toEqual(['馆陶县', '丛台区', '邯山区']);
      expect(chart.option.series[0].data.map((d: { value: number }) => d.value)).toEqual([
        4, 5, 7.5,
      ]);
      expect(chart.option.series[1].data).toEqual([8, 7, 7]);
      expect(await page.textContent('[data-test=dust-exceeding]')).toContain('超过目标：邯山区');

      await page.click('text=工地与监测');
      await page.waitForSelector('[data-test=dust-source-table] .el-table__body tr');
      expect(await page.textContent('[data-test=dust-source-table]')).toContain('邯山区某工地');

      await page.click('text=检查与整改');
      await page.waitForSelector('[data-test=dust-inspections] .el-table__body tr');
      expect(await page.textContent('[data-test=dust-inspections]')).toContain(
        '物料堆放 100% 覆盖',
      );
      await page.click('[data-test=dust-inspections] button:has-text("整改销号")');
      await page.fill('.el-message-box input', '已全部苫盖');
      await page.click('.el-message-box__btns .el-button--primary');
      await page.waitForSelector('text=已销号');
      // The list reloads after the message: wait for it (up to 10 s) before counting.
      await page
        .waitForFunction(
          () =>
            document.querySelectorAll('[data-test=dust-inspections] .el-table__body tr').length ===
            0,
          undefined,
          { timeout: 10_000 },
        )
        .catch(() => undefined);
      const left = await page.evaluate(
        () => document.querySelectorAll('[data-test=dust-inspections] .el-table__body tr').length,
      );
      expect(left).toBe(0);
      expect(trouble.errors).toEqual([]);
      expect(trouble.failed).toEqual([]);
    } finally {
      await s.close();
    }
  }, 120_000);
});
