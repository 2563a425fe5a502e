/**
 * The phone page of non-road machinery field checks (/m/machinery) at 390×844 in a real browser
 * over `lantian serve`: a 国二 excavator with a nameplate photo is registered at a construction
 * site inside the ring-expressway zone. The 邯山区 inspector's phone reports its GPS position
 * inside the zone; the inspector types the code (headless Chromium has no BarcodeDetector), sees
 * the machine and "禁止作业", marks black smoke, adds a photo and submits; the check lists both
 * violations and the county's list holds them. Screenshot: test-output/screenshots.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/auth/principal.ts';
import { DiskBlobStore } from '../../src/blobs/disk-blob-store.ts';
import { systemClock } from '../../src/clock.ts';
import { machineryConfigFromEnv } from '../../src/machinery/machinery-config.ts';
import { addMachinePhotos, createMachine } from '../../src/machinery/machine-service.ts';
import { createSite } from '../../src/machinery/place-service.ts';
import { openSession, pageApi, screenshot, signIn, type Session } from './browser.ts';
import { ACCOUNTS, PASSWORD, startServer, type ServerProcess } from './harness.ts';
import { prepareSmallStore, watchPage, type SmallStore } from './small-store.ts';

const CITY: Principal = {
  userId: 0,
  username: 'test',
  displayName: 'test',
  role: 'city-admin',
  via: 'session',
  mustChangePassword: false,
};
const WHO = { actor: 'test', ip: null };
/** A real 1×1 PNG (the browser must be able to draw the nameplate photo). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')(
  'machinery field check on a phone',
  () => {
    let store: SmallStore;
    let server: ServerProcess;
    let s: Session;
    let page: Page;
    let code = '';
    const blobDir = mkdtempSync(join(tmpdir(), 'lantian-machinery-browser-'));

    beforeAll(async () => {
      execFileSync(process.execPath, ['scripts/build-web-if-stale.mjs'], { stdio: 'inherit' });
      const blobs = new DiskBlobStore(blobDir);
      store = await prepareSmallStore('2020-12-25', async (db) => {
        const site = await createSite(db, systemClock, CITY, WHO, {
          name: '邯山区某住宅工地',
          kind: 'construction',
          regionAdcode: '130402',
          lon: 114.49,
          lat: 36.61,
        });
        const m = await createMachine(db, systemClock, CITY, WHO, {
          ownerName: '邯郸某建设工程有限公司',
          ownerIdNo: '91130402MA0NRMM001',
          ownerPhone: '0310-1234567',
          machineType: '挖掘机',
          emissionStage: '2',
          engineModel: 'YC4D80-T20',
          engineNumber: 'E1000001',
          manufactureYear: 2012,
          siteId: site.id,
        });
        code = m.code;
        await addMachinePhotos(
          db,
          systemClock,
          machineryConfigFromEnv({}),
          blobs,
          CITY,
          WHO,
          m.id,
          'nameplate',
          [{ filename: '铭牌.png', data: PNG }],
        );
      });
      server = await startServer(store.path, { LANTIAN_BLOB_DIR: blobDir });
      s = await openSession({ width: 390, height: 844 }, true);
      await s.context.grantPermissions(['geolocation'], { origin: server.url });
      await s.context.setGeolocation({ latitude: 36.612, longitude: 114.493, accuracy: 12 });
      page = s.page;
    }, 600_000);
    afterAll(async () => {
      await s?.close();
      await server?.stop();
      store?.remove();
      rmSync(blobDir, { recursive: true, force: true });
    }, 60_000);

    it('looks a machine up by code, judges it at the GPS position and records the check', async () => {
      await signIn(page, server.url, ACCOUNTS.county.username, PASSWORD);
      const trouble = watchPage(page);
      await page.goto(`${server.url}/m/machinery`);
      await page.locator('[data-test=machinery-field]').waitFor();
      // Before a code: the position alone, with an uncoded machine, is judged already.
      await page.locator('[data-test=field-verdict]').waitFor();
      expect(await page.locator('[data-test=field-lon] input').inputValue()).toBe('114.493000');

      await page.locator('input[data-test=field-code]').fill(code.toLowerCase());
      await page.click('[data-test=field-lookup]');
      const card = page.locator('[data-test=field-machine]');
      await card.waitFor();
      for (const t of [code, '挖掘机', '国二', '邯郸某建设工程有限公司', '邯山区某住宅工地'])
        expect(await card.innerText()).toContain(t);
      // The nameplate photo is served and drawn (a broken image has naturalWidth 0).
      await page.waitForFunction(
        "(() => { const i = document.querySelector('[data-test=field-machine] img'); return i && i.complete && i.naturalWidth === 1; })()",
      );
      const verdict = page.locator('[data-test=field-verdict]');
      await expect.poll(() => verdict.innerText()).toContain('禁止国三以下排放阶段');
      expect(await verdict.innerText()).toContain('禁止作业');
      expect(await verdict.innerText()).toContain('环城高速');

      await page.click('[data-test=field-smoke]');
      await page.locator('[data-test=field-photos]').setInputFiles({
        name: '现场.png',
        mimeType: 'image/png',
        buffer: PNG,
      });
      await page.click('[data-test=field-save]');
      const saved = page.locator('[data-test=field-saved]');
      await saved.waitFor();
      const text = await saved.innerText();
      expect(text).toContain('照片 1 张');
      expect(text).toContain('低排放区内使用禁用排放阶段机械');
      expect(text).toContain('冒黑烟');
      // Phone-first: nothing wider than the screen.
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth'),
      ).toBeLessThanOrEqual(390);
      await screenshot(page, 'machinery-field-inspection');

      const list = await pageApi(page, '/api/machinery/violations');
      expect(list.status).toBe(200);
      expect(list.body.counts.open).toBe(2);
      expect(list.body.items.map((v: { regionAdcode: string }) => v.regionAdcode)).toEqual([
        '130402',
        '130402',
      ]);
      const check = await pageApi(
        page,
        `/api/machinery/inspections/${list.body.items[0].inspectionId}`,
      );
      expect(check.body).toMatchObject({
        positionSource: 'gps',
        accuracyM: 12,
        lon: 114.493,
        lat: 36.612,
      });
      expect(trouble.errors).toEqual([]);
      expect(trouble.failed).toEqual([]);
    }, 120_000);
  },
);
