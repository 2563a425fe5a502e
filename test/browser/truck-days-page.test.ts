/**
 * The 重型柴油车 page's daily tables end to end: three trucks registered (two in 邯山区 in two
 * fleets, one in 丛台区), minute summaries of 2024-05-01 in the store and the day recomputed with
 * a detail loader that raises one NOx judgement. The city office picks the day and reads the
 * county and fleet tables (registered, online, online rate, judgements in Chinese) and the
 * networked count; the 邯山区 account sees its own county only.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import { beijingDayRange } from '../../src/trucks/beijing-day.ts';
import { recomputeDays } from '../../src/trucks/days/day-job.ts';
import { DEFAULT_TRUCKS_CONFIG } from '../../src/trucks/trucks-config.ts';
import { findVehicle } from '../../src/trucks/vehicle-repo.ts';
import { createVehicle } from '../../src/trucks/vehicle-service.ts';
import { insertMinutes, minuteRow, series } from '../support/truck-days.ts';
import { vehicle, VIN_GB, VIN_HJ, VIN_OTHER, WHO } from '../trucks-support.ts';
import { openSession, signIn } from './browser.ts';
import { ACCOUNTS, PASSWORD, type TestRole } from './harness.ts';
import { startSmallDashboard, watchPage, type SmallDashboard } from './small-store.ts';

const DAY = '2024-05-01';
const D0 = beijingDayRange(DAY).start + 2 * 3600_000;

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')('重型柴油车 daily tables', () => {
  let dash: SmallDashboard;

  beforeAll(async () => {
    dash = await startSmallDashboard('2020-12-25', async (db) => {
      const add = (vin: string, county: string, fleet: string) =>
        createVehicle(db, systemClock, vehicle({ vin, county, fleet }), WHO);
      await add(VIN_HJ, '130402', '钢铁运输队');
      await add(VIN_OTHER, '130402', '焦化运输队');
      await add(VIN_GB, '130403', '钢铁运输队');
      const hj = (await findVehicle(db.kysely, VIN_HJ))!.id;
      const other = (await findVehicle(db.kysely, VIN_OTHER))!.id;
      await insertMinutes(db, [
        minuteRow(hj, D0, { km: 1000, kmPerRecord: 0.01 }),
        minuteRow(other, D0, { to: 29 }),
      ]);
      await recomputeDays(db, systemClock, DEFAULT_TRUCKS_CONFIG.days, [DAY], {
        loader: async (id) => (id === hj ? series(D0, 300, () => ({ nox_downstream: 700 })) : []),
      });
    });
  }, 600_000);
  afterAll(async () => {
    await dash?.close();
  }, 60_000);

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

  async function open(role: TestRole, check: (page: Page) => Promise<void>): Promise<void> {
    const s = await openSession();
    try {
      await signIn(s.page, dash.server.url, ACCOUNTS[role].username, PASSWORD);
      const trouble = watchPage(s.page);
      await s.page.click('.el-menu-item:has-text("重型柴油车")');
      await s.page.waitForURL((u) => u.pathname === '/trucks');
      await s.page.waitForSelector('[data-test=truck-county-table] .el-table__body tr');
      const input = s.page.locator('[data-test=truck-fleet-county] .el-date-editor input');
      await input.fill(DAY);
      await input.press('Enter');
      await s.page.waitForSelector('[data-test=truck-fleet-county] :text("计算于")');
      await s.page.waitForLoadState('networkidle');
      await check(s.page);
      expect(trouble.errors).toEqual([]);
      expect(trouble.failed).toEqual([]);
    } finally {
      await s.close();
    }
  }

  it('city office: county and fleet tables of the chosen day, networked vehicles', async () => {
    await open('city-admin', async (page) => {
      const counties = await tableRows(page, '[data-test=truck-county-table]');
      expect(counties).toHaveLength(3);
      const handan = counties.find((r) => r.startsWith('邯山区'))!;
      expect(handan).toMatch(/^邯山区 2 2 100(\.0)?%/);
      expect(handan).toContain('负荷工况 NOx 持续偏高 1');
      expect(counties.find((r) => r.startsWith('丛台区'))).toMatch(/^丛台区 1 0 0(\.0)?%/);
      expect(counties.find((r) => r.startsWith('合计'))).toMatch(/^合计 3 2 66\.7%/);
      const fleets = await tableRows(page, '[data-test=truck-fleet-table]');
      expect(fleets.map((r) => r.split(' ').slice(0, 3).join(' '))).toEqual([
        '焦化运输队 1 1',
        '钢铁运输队 2 1',
        '合计 3 2',
      ]);
      const networked = await page.locator('[data-test=truck-networked]').innerText();
      expect(networked).toContain('联网车辆');
      expect(networked).toContain('登记 3 辆');
    });
  }, 180_000);

  it('a county sees its own county only', async () => {
    await open('county', async (page) => {
      const counties = await tableRows(page, '[data-test=truck-county-table]');
      expect(counties.map((r) => r.split(' ')[0])).toEqual(['邯山区', '合计']);
      const fleets = await tableRows(page, '[data-test=truck-fleet-table]');
      expect(fleets.map((r) => r.split(' ').slice(0, 3).join(' '))).toEqual([
        '焦化运输队 1 1',
        '钢铁运输队 1 1',
        '合计 2 2',
      ]);
    });
  }, 180_000);
});
