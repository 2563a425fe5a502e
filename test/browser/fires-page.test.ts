/**
 * The 露天焚烧 page over the real `lantian serve`: a satellite file of this month placed two fires
 * in 邯山区 (the county map's own centroid, as WGS-84) and one outside the city; the county
 * account sees its fires on the map and in its inbox, opens one, answers it with a site photo
 * and sees it counted as confirmed burning in the monthly chart. Screenshot in
 * test-output/screenshots.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firesConfigFromEnv } from '../../src/fires/fires-config.ts';
import { importHotspots } from '../../src/fires/hotspot-import-service.ts';
import { gcj02ToWgs84 } from '../../src/geo/gcj02.ts';
import { silentProgress } from '../../src/imports/progress.ts';
import { chartState, openSession, screenshot, signIn } from './browser.ts';
import { ACCOUNTS, PASSWORD } from './harness.ts';
import { startSmallDashboard, watchPage, type SmallDashboard } from './small-store.ts';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

/** 邯山区 (the county account's region) by its centroid in the county map, WGS-84. */
function hanshan(): [number, number] {
  const geo = JSON.parse(readFileSync(firesConfigFromEnv({}).countyMapFile, 'utf8')) as {
    features: Array<{ properties: { adcode: number; centroid: [number, number] } }>;
  };
  const c = geo.features.find((f) => f.properties.adcode === 130402)!.properties.centroid;
  const [lon, lat] = gcj02ToWgs84(c[0], c[1]);
  return [Number(lon.toFixed(5)), Number(lat.toFixed(5))];
}

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')('露天焚烧 page', () => {
  let dash: SmallDashboard;

  beforeAll(async () => {
    const now = Date.now();
    // Two hours ago, in UTC as FIRMS writes it; the page opens on the current Beijing month.
    const monthStart = Date.parse(
      `${new Date(now + 8 * 3_600_000).toISOString().slice(0, 7)}-01T00:00:00+08:00`,
    );
    const at = new Date(Math.max(now - 2 * 3_600_000, monthStart + 60_000));
    const date = at.toISOString().slice(0, 10);
    const time = at.toISOString().slice(11, 16).replace(':', '');
    const [lon, lat] = hanshan();
    const csv = [
      'latitude,longitude,acq_date,acq_time,satellite,instrument,confidence,frp',
      `${lat},${lon},${date},${time},N,VIIRS,h,6.1`,
      `${lat + 0.05},${lon},${date},${time},N,VIIRS,n,2.0`,
      `39.9,116.4,${date},${time},N,VIIRS,n,2.0`,
    ].join('\n');
    dash = await startSmallDashboard('2020-12-28', async (db) => {
      await importHotspots(
        db,
        firesConfigFromEnv({}),
        now,
        { actor: 'test', ip: null },
        'fires.csv',
        Buffer.from(csv),
        silentProgress,
      );
    });
  }, 600_000);
  afterAll(async () => {
    await dash?.close();
  }, 60_000);

  it('a county sees its fires on the map, answers one with a photo, and the chart counts it', async () => {
    const s = await openSession();
    try {
      const page = s.page;
      await signIn(page, dash.server.url, ACCOUNTS.county.username, PASSWORD);
      const trouble = watchPage(page);
      await page.click('.el-menu-item:has-text("露天焚烧")');
      await page.waitForURL((u) => u.pathname === '/fires');
      await page.waitForSelector('[data-test=fire-inbox] .el-table__body tr');
      await page.waitForSelector('[data-test=fire-map] canvas');
      await page.waitForLoadState('networkidle');
      const map = await chartState(page, '[data-test=fire-map]');
      expect(map.geoRegions).toContain('130402');
      const points = map.option.series[0].data as unknown[];
      const rows = await page.locator('[data-test=fire-inbox] .el-table__body tr').allInnerTexts();
      // The fire 5.5 km north may fall in 邯山区 or a neighbour; the centroid's fire is ours.
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(points).toHaveLength(rows.length);
      expect(rows.every((r) => r.includes('邯山区') && r.includes('待县区核查'))).toBe(true);

      await page.locator('[data-test=fire-inbox] .el-table__body tr').first().click();
      await page.waitForSelector('[data-test=fire-dialog] [data-test=fire-answer]');
      await page.click('[data-test=fire-outcome] label:has-text("确认露天焚烧")');
      await page.fill('[data-test=fire-note]', '现场确认焚烧秸秆，已扑灭并立案');
      await page.setInputFiles('[data-test=fire-photos]', {
        name: '现场.png',
        mimeType: 'image/png',
        buffer: PNG,
      });
      await page.click('[data-test=fire-answer]');
      await page.waitForSelector(
        '[data-test=fire-dialog] [data-test=fire-state]:has-text("确认露天焚烧")',
      );
      await screenshot(page, 'fires-answer', false);
      await page.keyboard.press('Escape');
      await page.waitForLoadState('networkidle');
      const chart = await chartState(page, '[data-test=fire-monthly]');
      const burning = chart.option.series.find((x: { name: string }) => x.name === '确认露天焚烧');
      expect(chart.option.xAxis[0].data).toEqual(['邯山区']);
      expect(burning.data).toEqual([1]);
      await screenshot(page, 'fires-page');
      expect(trouble.errors).toEqual([]);
      expect(trouble.failed).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
