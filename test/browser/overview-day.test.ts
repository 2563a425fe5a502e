/**
 * The day 总览 opens on (issue 16): a simulated Handan up to the end of 2020, then five stray
 * readings of one national station in January 2021, imported as a user would (long CSV). The
 * overview must not open on the stray day with an empty city: it opens on the last day the city
 * can be assessed on (2020-12-31), says which day and why, and lets the user change the day —
 * a day without enough stations says so and offers the way back.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importLongCsv } from '../../src/imports/long-csv-import.ts';
import { openSession, signIn } from './browser.ts';
import { ACCOUNTS, PASSWORD } from './harness.ts';
import { pickDay, startSmallDashboard, watchPage, type SmallDashboard } from './small-store.ts';

declare const document: any;

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')(
  '总览 opens on a day the city can be assessed on',
  () => {
    let dash: SmallDashboard;

    beforeAll(async () => {
      dash = await startSmallDashboard('2020-12-01', async (db) => {
        const csv = join(tmpdir(), `lantian-stray-${process.pid}.csv`);
        const rows = [
          '1047A,2021-01-06 08:00',
          '1047A,2021-01-06 09:00',
          '1047A,2021-01-06 10:00',
          '1047A,2021-01-06 11:00',
          '1047A,2021-01-06 12:00',
        ];
        writeFileSync(
          csv,
          ['station,time,pollutant,value', ...rows.map((r) => `${r},PM2.5,45`)].join('\n'),
        );
        const s = await importLongCsv(db, csv);
        expect(s.written).toBe(5);
      });
    }, 600_000);
    afterAll(async () => {
      await dash?.close();
    }, 60_000);

    it('shows 2020-12-31 with the city’s figures, says why, and lets the user change the day', async () => {
      const s = await openSession();
      try {
        await signIn(s.page, dash.server.url, ACCOUNTS['city-admin'].username, PASSWORD);
        const page = s.page;
        // Signed in (the sign-in page's own 401 is not the overview's): open the dashboard afresh.
        const trouble = watchPage(page);
        await page.goto(`${dash.server.url}/`);
        await page.waitForSelector('[data-kpi="city-aqi"]');
        // The stray rows make 2021-01-06 the last day with data; it is not what opens.
        expect(new URL(page.url()).searchParams.get('date')).toBe('2020-12-31');
        expect(await page.inputValue('.viewing-day-picker input')).toBe('2020年12月31日');
        const note = await page.locator('.viewing-day-note').innerText();
        expect(note).toContain('显示最近可评价的日期 2020年12月31日');
        expect(note).toMatch(/至少 2\/4 个考核站点/);
        const kpi = async (k: string) =>
          (await page.locator(`[data-kpi="${k}"] .value`).innerText()).trim();
        expect(await kpi('city-aqi')).toMatch(/^\d+/);
        expect(Number((await kpi('good-days')).replace(/,/g, ''))).toBeGreaterThan(0);
        const text = await page.evaluate(() => document.body.innerText as string);
        expect(text).not.toContain('没有邯郸市的工作方案');
        expect(text).toContain('邯郸市');

        // The user moves to the stray day: the page says the city cannot be assessed on it …
        await pickDay(page, '2021-01-06');
        await page.waitForSelector('.no-city-value');
        expect(await page.locator('.no-city-value').innerText()).toContain(
          '2021年1月6日邯郸市考核站点数据不足，无法评价',
        );
        expect(await kpi('city-aqi')).toBe('—');
        // … and offers the way back to the last assessable day.
        await page.click('.no-city-value button');
        await page.waitForURL((u) => u.searchParams.get('date') === '2020-12-31');
        await page.waitForFunction(
          () =>
            !document.querySelector('.no-city-value') &&
            /^\d+/.test(
              document.querySelector('[data-kpi="city-aqi"] .value')?.innerText.trim() ?? '',
            ),
        );
        expect(trouble.failed).toEqual([]);
        expect(trouble.errors).toEqual([]);
      } finally {
        await s.close();
      }
    }, 180_000);
  },
);
