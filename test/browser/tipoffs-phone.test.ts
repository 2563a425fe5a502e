/**
 * Public reporting on a phone (390×844) against the real app listening on a port: a citizen
 * opens /report without an account, taps a place in 武安市 on the map, attaches a photo, answers
 * the challenge and gets a tracking code; the city office assigns the case and the county
 * verifies it (over the API); the citizen sees the outcome with the code; the city office
 * publishes the case and the exposure board shows it without the reporter's name or phone.
 * Screenshots in test-output/screenshots.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../support/databases.ts';
import { sessionHeaders, signInAll } from '../support/sign-in.ts';
import {
  buildTipoffApp,
  form,
  PNG,
  PW,
  testConfig,
  WUAN,
  type TipoffApp,
} from '../tipoffs-support.ts';
import { openSession, screenshot } from './browser.ts';
import { watchPage } from './small-store.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')(
  'public reporting on a phone',
  () => {
    let t: TestStore;
    let ta: TipoffApp;
    let app: FastifyInstance;
    let base = '';

    beforeAll(async () => {
      t = await openTestStore('sqlite');
      ta = await buildTipoffApp(t.db, { now: () => Date.now() }, testConfig(), {
        distDir: '/nonexistent-dist',
      });
      app = ta.app;
      await app.listen({ host: '127.0.0.1', port: 0 });
      const addr = app.server.address();
      base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    }, 120_000);
    afterAll(async () => {
      await ta?.close();
      await t?.cleanup();
    });

    it('a citizen reports with a photo, the county handles it, the outcome and the board show', async () => {
      const s = await openSession({ width: 390, height: 844 }, true);
      try {
        const page = s.page;
        const trouble = watchPage(page);
        await page.goto(`${base}/report`);
        await page.waitForSelector('#map path');
        await page.selectOption('#category', 'industrial');
        // Tap the map where 武安市 is.
        const at = await page.evaluate(
          ([lon, lat]) => {
            const svg = document.getElementById('map');
            const [x, y] = svg.toXY(lon, lat);
            const p = svg.createSVGPoint();
            p.x = x;
            p.y = y;
            const q = p.matrixTransform(svg.getScreenCTM());
            return { x: q.x, y: q.y };
          },
          [WUAN.lon, WUAN.lat] as const,
        );
        await page.mouse.click(at.x, at.y);
        await expect.poll(() => page.textContent('#where')).toContain('地图选点');
        await page.fill('#description', '武安某钢厂烧结机头夜间冒黄烟，气味刺鼻');
        await page.setInputFiles('#file', { name: '现场.png', mimeType: 'image/png', buffer: PNG });
        await page.fill('#contactName', '李四');
        await page.fill('#contactPhone', '13700137000');
        const question = (await page.textContent('#question')) ?? '';
        const [a, b] = question.match(/\d+/g)!.map(Number);
        await page.fill('#challengeAnswer', String(a! + b!));
        await screenshot(page, 'tipoffs-phone-form');
        await page.click('#submit');
        await page.waitForSelector('#done:not([hidden])');
        const code = ((await page.textContent('#code')) ?? '').trim();
        expect(code).toMatch(/^[A-Z2-9]{12}$/);
        expect(await page.textContent('#done-county')).toContain('武安市');

        // The city office assigns, the county verifies (API).
        const who = await signInAll(app, ['admin', 'wuan'], PW);
        const inbox = await app.inject({
          method: 'GET',
          url: '/api/tipoffs',
          headers: sessionHeaders(who['admin']!),
        });
        const id = inbox.json().items[0].id as number;
        expect(inbox.json().items[0]).toMatchObject({
          code,
          contactPhone: '13700137000',
          suggestedCounty: '130481',
        });
        const triage = await app.inject({
          method: 'POST',
          url: `/api/tipoffs/${id}/triage`,
          headers: sessionHeaders(who['admin']!),
          payload: { county: '130481' },
        });
        expect(triage.statusCode).toBe(200);
        const f = form(
          {
            result: 'confirmed',
            finding: '烧结机脱硫设施故障',
            reply: '经核查属实，已责令该企业停产整改。',
          },
          [PNG],
        );
        const verified = await app.inject({
          method: 'POST',
          url: `/api/tipoffs/${id}/verification`,
          headers: { ...sessionHeaders(who['wuan']!), ...f.headers },
          payload: f.payload,
        });
        expect(verified.statusCode).toBe(200);

        await page.click('#track-link');
        await page.waitForSelector('#result:not([hidden])');
        expect(await page.textContent('#status')).toBe('已办结');
        expect(await page.textContent('#outcome')).toContain('经核查属实');
        expect(await page.textContent('#reply')).toContain('已责令该企业停产整改');
        await screenshot(page, 'tipoffs-phone-track');

        const pub = await app.inject({
          method: 'POST',
          url: `/api/tipoffs/${id}/publication`,
          headers: sessionHeaders(who['admin']!),
          payload: { published: true, photos: true },
        });
        expect(pub.statusCode).toBe(200);
        await page.goto(`${base}/exposure`);
        await page.waitForSelector('#cases article');
        const text = (await page.textContent('#cases')) ?? '';
        expect(text).toContain('烧结机头夜间冒黄烟');
        expect(text).not.toContain(code);
        expect(text).toContain('武安市');
        expect(text).not.toContain('李四');
        expect(text).not.toContain('13700137000');
        await expect
          .poll(() => page.evaluate(() => document.querySelectorAll('#cases img').length))
          .toBe(2);
        await page.waitForFunction(() =>
          [...document.querySelectorAll('#cases img')].every(
            (i: { complete: boolean; naturalWidth: number }) => i.complete && i.naturalWidth > 0,
          ),
        );
        await screenshot(page, 'tipoffs-phone-exposure');
        expect(trouble.errors).toEqual([]);
        expect(trouble.failed).toEqual([]);
      } finally {
        await s.close();
      }
    }, 180_000);
  },
);
