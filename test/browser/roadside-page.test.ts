/**
 * The 遥感与路检 page over the real `lantian serve`: a remote-sensing station registered in the
 * store posts a record with a photo over HTTP with its own secret; last month's black-smoke
 * captures and inspections are stored. The city office sees the record with its photo thumbnail,
 * the over-standard vehicles, and the station ranking chart with the tie at rank 1 and the notice
 * downloads; the county account (邯山区) sees only its own devices' records. Screenshots in
 * test-output/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDevice } from '../../src/roadside/device-service.ts';
import { roadsideConfigFromEnv } from '../../src/roadside/roadside-config.ts';
import { upsertInspections } from '../../src/roadside/roadside-repo.ts';
import { storeRecord } from '../../src/roadside/record-store.ts';
import { chartState, openSession, screenshot, signIn } from './browser.ts';
import { ACCOUNTS, PASSWORD } from './harness.ts';
import { startSmallDashboard, watchPage, type SmallDashboard } from './small-store.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WHO = { actor: 'test', ip: null };
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Noon Beijing on day `d` of the month before now. */
function lastMonthDay(d: number): number {
  const now = new Date(Date.now() + 8 * HOUR);
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, d, 12) - 8 * HOUR;
}

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')('遥感与路检 page', () => {
  let dash: SmallDashboard;
  let token = '';

  beforeAll(async () => {
    dash = await startSmallDashboard('2020-12-25', async (db) => {
      const clock = { now: () => Date.now() };
      const rules = roadsideConfigFromEnv({}).rules;
      token = (
        await registerDevice(db, clock, WHO, {
          code: 'RS-HS1',
          name: '邯山遥感点',
          kind: 'remote-sensing',
          region: '130402',
          location: '人民路东段',
        })
      ).token;
      await registerDevice(db, clock, WHO, {
        code: 'BS-FF1',
        name: '峰峰黑烟抓拍',
        kind: 'black-smoke',
        region: '130406',
        location: '309 国道',
      });
      const device = await db.kysely
        .selectFrom('roadside_devices')
        .select(['id', 'code'])
        .execute();
      const bs = device.find((d) => d.code === 'BS-FF1')!.id;
      const plates = ['冀D50001', '冀D50002', '冀D50003'];
      for (const [i, plate] of plates.entries())
        await storeRecord(
          db.kysely,
          bs,
          'import',
          {
            recordId: `B-${i}`,
            at: lastMonthDay(10 + i),
            place: null,
            plate,
            plateColour: '黄',
            vin: null,
            measured: { CO: null, HC: null, NO: null, opacity: null, ringelmann: 3 },
            deviceVerdict: 'fail',
          },
          [],
          rules,
          Date.now(),
        );
      await upsertInspections(
        db.kysely,
        plates.map((plate, i) => ({
          plate,
          plate_colour: '黄',
          vin: null,
          station_code: i === 2 ? 'JC02' : `JC0${i + 3}`,
          station_name: i === 2 ? '邯郸市第二检测站' : `邯郸市第${i + 3}检测站`,
          serial: `S${i}`,
          inspected_at: lastMonthDay(1) - 60 * DAY,
          passed: 1,
          created_at: Date.now(),
        })),
      );
    });
  }, 600_000);
  afterAll(async () => {
    await dash?.close();
  }, 60_000);

  it('shows records with photos, over-standard vehicles and the ranking; a county its own', async () => {
    const posted = await fetch(`${dash.server.url}/api/roadside/devices/RS-HS1/records`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        recordId: 'HS-1',
        time: new Date(Date.now() - HOUR).toISOString().replace(/\.\d+Z$/, 'Z'),
        plate: '冀DX0001',
        plateColour: '黄',
        values: { NO: 1900, opacity: 0.5 },
        verdict: '不合格',
        photos: [{ name: 'x.png', data: PNG.toString('base64') }],
      }),
    });
    expect(posted.status).toBe(201);

    const s = await openSession();
    try {
      const page = s.page;
      await signIn(page, dash.server.url, ACCOUNTS['city-admin'].username, PASSWORD);
      const trouble = watchPage(page);
      await page.goto(`${dash.server.url}/roadside`);
      await page.waitForSelector('[data-test=roadside-records] .el-table__row');
      const row = await page
        .locator('[data-test=roadside-records] .el-table__row')
        .first()
        .innerText();
      expect(row).toContain('冀DX0001');
      expect(row).toContain('NO 1900 ppm');
      await page.waitForFunction(() =>
        [...document.querySelectorAll('[data-test=roadside-records] img')].some(
          (i: any) => i.complete && i.naturalWidth === 1,
        ),
      );
      await screenshot(page, 'roadside-records');

      await page.click('.el-tabs__item:has-text("检验机构溯源")');
      await page.waitForSelector('[data-test=roadside-ranking] .el-table__row');
      const chart = await chartState(page, '[data-test=roadside-ranking-chart]');
      expect(chart.option.yAxis[0].data).toEqual([
        '第1名 邯郸市第4检测站',
        '第1名 邯郸市第3检测站',
        '第1名 邯郸市第二检测站',
      ]);
      const href = await page.locator('a:has-text("下载通报（PDF）")').getAttribute('href');
      const pdf = await page.evaluate(async (u) => {
        const r = await fetch(u!, { credentials: 'same-origin' });
        return { status: r.status, type: r.headers.get('content-type') };
      }, href);
      expect(pdf).toEqual({ status: 200, type: 'application/pdf' });
      await screenshot(page, 'roadside-ranking');
      expect(trouble.errors).toEqual([]);
      expect(trouble.failed).toEqual([]);
    } finally {
      await s.close();
    }

    const county = await openSession();
    try {
      const page = county.page;
      await signIn(page, dash.server.url, ACCOUNTS.county.username, PASSWORD);
      await page.goto(`${dash.server.url}/roadside`);
      await page.waitForSelector('[data-test=roadside-records] .el-table__row');
      await page.click('.el-tabs__item:has-text("设备与导入")');
      await page.waitForSelector('[data-test=roadside-devices] .el-table__row');
      const devices = await page
        .locator('[data-test=roadside-devices] .el-table__row')
        .allInnerTexts();
      expect(devices).toHaveLength(1);
      expect(devices[0]).toContain('RS-HS1');
    } finally {
      await county.close();
    }
  }, 300_000);
});
