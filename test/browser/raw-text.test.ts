/**
 * No raw codes where people read (issue 16): the audit log's 详情 was raw JSON, the device
 * drawer showed HJ 212 codes (a05024), data flags (N) and DataTime text (20261126064200). Simulated HJ 212
 * loggers send to the real server, a sign-in fails with a wrong password, then the city office
 * reads the audit log and opens a device: readable Chinese, dates as 2026-11-26 06:42. And no page
 * ships a placeholder (等待接口 …, 尚未开通), an API path or an unfilled value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, signIn } from './browser.ts';
import { ACCOUNTS, PASSWORD, registerSimDevices, runDevices, SILENT_MN } from './harness.ts';
import { startSmallDashboard, watchPage, type SmallDashboard } from './small-store.ts';

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')(
  'readable text, no raw codes',
  () => {
    let dash: SmallDashboard;

    beforeAll(async () => {
      dash = await startSmallDashboard('2020-12-25', (db) => registerSimDevices(db));
      const { acked } = await runDevices(dash.server.hj212Port, 3);
      expect(acked).toBeGreaterThan(0);
      // A wrong password: the audit log records auth.login_failed with its reason.
      const res = await fetch(`${dash.server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: ACCOUNTS.county.username, password: 'wrong-password-1' }),
      });
      expect(res.status).toBe(401);
    }, 600_000);
    afterAll(async () => {
      await dash?.close();
    }, 60_000);

    it('shows the audit details and the device drawer in Chinese', async () => {
      const s = await openSession();
      try {
        await signIn(s.page, dash.server.url, ACCOUNTS['city-admin'].username, PASSWORD);
        const page = s.page;
        const trouble = watchPage(page);

        await page.goto(`${dash.server.url}/system?tab=audit`);
        await page.click('.el-tabs__item:has-text("审计日志")').catch(() => undefined);
        await page.waitForSelector('[data-test=audit-table] .el-table__body tr');
        const details = await page.$$eval('[data-test=audit-table] .el-table__body tr', (trs) =>
          trs.map((tr) => tr.children[5]?.textContent?.trim() ?? ''),
        );
        const withText = details.filter((d) => d && d !== '—');
        expect(withText.length).toBeGreaterThan(0);
        for (const d of withText) expect(d, d).not.toMatch(/[{}"]|^\[/);
        expect(details).toContain('原因：密码错误');

        await page.goto(`${dash.server.url}/devices`);
        await page.waitForSelector('[data-test=device-table] .el-table__body tr');
        // A logger that has reported (not the registered one that never does).
        await page.click(
          `[data-test=device-table] .el-table__body tr:not(:has-text("${SILENT_MN}"))`,
        );
        await page.waitForSelector('.el-drawer .el-table__body tr');
        await page.waitForLoadState('networkidle');
        const tables = page.locator('.el-drawer .el-table');
        const packetTimes = await tables
          .nth(0)
          .locator('.el-table__body tr')
          .evaluateAll((trs) => trs.map((tr) => tr.children[2]?.textContent?.trim() ?? ''));
        const dataTimes = packetTimes.filter((t) => t && t !== '—');
        expect(dataTimes.length).toBeGreaterThan(0);
        for (const t of dataTimes) expect(t).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/);
        const factors = await tables
          .nth(1)
          .locator('.el-table__body tr')
          .evaluateAll((trs) => trs.map((tr) => tr.children[2]?.textContent?.trim() ?? ''));
        expect(factors.length).toBeGreaterThan(0);
        for (const f of factors) expect(f).not.toMatch(/^a\d{5}$/);
        expect(factors).toContain('臭氧');
        expect(factors).toContain('细颗粒物');
        // Data flags by their meaning (HJ 212-2017 数据标记): 正常, not N.
        const flags = await tables
          .nth(1)
          .locator('.el-table__body tr')
          .evaluateAll((trs) => trs.map((tr) => tr.children[5]?.textContent?.trim() ?? ''));
        const shown = flags.filter((f) => f && f !== '—');
        expect(shown.length).toBeGreaterThan(0);
        for (const f of shown) expect(f).not.toMatch(/^[A-Za-z0-9]$/);
        expect(shown).toContain('正常');
        expect(trouble.errors).toEqual([]);
      } finally {
        await s.close();
      }
    }, 180_000);

    it('ships no placeholder, API path or unfilled value on any page', async () => {
      const s = await openSession();
      try {
        await signIn(s.page, dash.server.url, ACCOUNTS['city-admin'].username, PASSWORD);
        const page = s.page;
        const trouble = watchPage(page);
        // The placeholder 总览 once showed (等待接口 /api/warnings 上线后自动显示), the "尚未开通"
        // fallbacks, and what leaks when a value is missing.
        const forbidden = [/等待接口/, /上线后/, /尚未开通/, /\/api\//, /\bundefined\b/, /\bNaN\b/];
        for (const path of [
          '/overview',
          '/air',
          '/plan',
          '/tasks',
          '/devices',
          '/trucks',
          '/system',
        ]) {
          await page.goto(`${dash.server.url}${path}`);
          await page.waitForLoadState('networkidle');
          const text = await page.locator('body').innerText();
          expect(text.length, path).toBeGreaterThan(20);
          for (const f of forbidden) expect(text, `${path} ${f}`).not.toMatch(f);
        }
        expect(trouble.errors).toEqual([]);
      } finally {
        await s.close();
      }
    }, 180_000);
  },
);
