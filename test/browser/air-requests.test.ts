/**
 * 空气质量 asks for what it shows, once (issue 16): it used to search backwards from today through
 * empty three-year ranges (a 404 in the console each) and to ask for the same assessment twice.
 * Over a store whose data end in 2020, every tab opens on the data with no answer of 400 or more,
 * no console error, the map's stations in one request and each assessment asked for once.
 */
import { describe, expect, it } from 'vitest';
import { openSession, signIn } from './browser.ts';
import { ACCOUNTS, PASSWORD } from './harness.ts';
import { smallDashboardForTests, watchPage } from './small-store.ts';

declare const document: any;

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')('空气质量 requests', () => {
  const dash = smallDashboardForTests('2020-12-01');

  it('opens every tab on the data without a 404 and asks for each answer once', async () => {
    const s = await openSession();
    try {
      await signIn(s.page, dash.server.url, ACCOUNTS.visitor.username, PASSWORD);
      const page = s.page;
      const trouble = watchPage(page);
      const api: string[] = [];
      page.on('request', (r) => {
        const u = new URL(r.url());
        if (u.pathname.startsWith('/api/')) api.push(u.pathname + u.search);
      });

      await page.goto(`${dash.server.url}/air?tab=map`);
      await page.waitForSelector('[data-test=station-map]');
      await page.waitForLoadState('networkidle');
      // The map's day is the data's last assessable day; all its stations in one request.
      expect(new URL(page.url()).searchParams.get('date')).toBe('2020-12-31');
      const stationDays = api.filter((a) => a.startsWith('/api/station-day'));
      expect(stationDays).toEqual(['/api/station-day?region=130400&date=2020-12-31']);
      expect(api.filter((a) => /^\/api\/stations\/[^/]+\/aqi/.test(a))).toEqual([]);
      const coloured = await page.evaluate(() => {
        const heads = [...document.querySelectorAll('.el-table__header th')].map(
          (th: any) => th.textContent?.trim() ?? '',
        );
        const at = heads.indexOf('AQI');
        return [...document.querySelectorAll('.el-table__body tr')].filter((tr: any) =>
          /^\d+$/.test(tr.children[at]?.textContent?.trim() ?? ''),
        ).length;
      });
      expect(coloured).toBeGreaterThan(10);

      for (const tab of ['series', 'calendar', 'assessment']) {
        api.length = 0;
        await page.goto(`${dash.server.url}/air?tab=${tab}`);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(500);
        await page.waitForLoadState('networkidle');
        if (tab === 'assessment') {
          const asked = api.filter((a) => a.includes('/assessment'));
          expect(asked).toEqual(['/api/regions/130400/assessment?from=2020-01-01&to=2020-12-31']);
        }
        if (tab === 'calendar') {
          expect(api.filter((a) => a.includes('/aqi/daily'))).toEqual([
            '/api/regions/130400/aqi/daily?from=2020-01-01&to=2020-12-31',
          ]);
        }
      }
      expect(trouble.failed).toEqual([]);
      expect(trouble.errors).toEqual([]);
    } finally {
      await s.close();
    }
  }, 180_000);
});
