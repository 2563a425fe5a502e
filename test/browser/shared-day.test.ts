/**
 * One "day being looked at" across pages (issue 16): 重点任务 used to open on today (逾期 1074)
 * while 总览 and 目标考核 opened on the plan's last day. Over a store whose data end in 2020, every
 * page opens on the same day, shows it in its picker and in the address, and a day changed on one
 * page is the day of the next page opened from the menu — in the requests the pages make too.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openSession, signIn } from './browser.ts';
import { ACCOUNTS, PASSWORD } from './harness.ts';
import { pickDay, smallDashboardForTests, watchPage } from './small-store.ts';

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')('one day across pages', () => {
  const dash = smallDashboardForTests('2020-12-01');

  /** The dates the page asked the API for, by path. */
  const requested = (page: Page) => {
    const seen: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) seen.push(`${u.pathname}?${u.searchParams.get('date')}`);
    });
    return seen;
  };
  const openFromMenu = async (page: Page, name: string) => {
    await page.click(`.aside .el-menu-item[data-page=${name}]`);
    await page.waitForURL((u) => u.pathname === `/${name}` && u.searchParams.has('date'));
    await page.waitForLoadState('networkidle');
  };
  const shownDay = (page: Page) => page.inputValue('.viewing-day-picker input');

  it('opens every page on the same day and carries a changed day to the next page', async () => {
    const s = await openSession();
    try {
      await signIn(s.page, dash.server.url, ACCOUNTS['city-admin'].username, PASSWORD);
      const page = s.page;
      const trouble = watchPage(page);
      const asked = requested(page);

      // 重点任务 opened first, without a date: the data's last assessable day, not today.
      await page.goto(`${dash.server.url}/tasks`);
      await page.waitForURL((u) => u.searchParams.get('date') === '2020-12-31');
      await page.waitForLoadState('networkidle');
      expect(await shownDay(page)).toBe('2020年12月31日');
      expect(await page.locator('.viewing-day-note').innerText()).toContain('2020年12月31日');
      expect(asked).toContain('/api/tasks/rows?2020-12-31');
      expect(asked.filter((a) => a.startsWith('/api/tasks/rows?'))).toEqual([
        '/api/tasks/rows?2020-12-31',
      ]);

      await openFromMenu(page, 'overview');
      expect(new URL(page.url()).searchParams.get('date')).toBe('2020-12-31');
      expect(await shownDay(page)).toBe('2020年12月31日');
      expect(asked).toContain('/api/overview?2020-12-31');

      // Changed on 总览, the day is the one 重点任务 and 目标考核 open on.
      await pickDay(page, '2020-09-30');
      expect(asked).toContain('/api/overview?2020-09-30');
      await openFromMenu(page, 'tasks');
      expect(new URL(page.url()).searchParams.get('date')).toBe('2020-09-30');
      expect(await shownDay(page)).toBe('2020年9月30日');
      expect(asked.at(-1)).not.toBe('/api/tasks/rows?2020-12-31');
      expect(asked).toContain('/api/tasks/rows?2020-09-30');

      await openFromMenu(page, 'plan');
      expect(new URL(page.url()).searchParams.get('date')).toBe('2020-09-30');
      expect(await shownDay(page)).toBe('2020年9月30日');
      expect(asked).toContain('/api/plans/handan-2020/progress?2020-09-30');

      // And back: 目标考核 changes it for 总览; a reload keeps it (the address holds it).
      await pickDay(page, '2020-06-30');
      await openFromMenu(page, 'overview');
      expect(await shownDay(page)).toBe('2020年6月30日');
      await page.reload();
      await page.waitForLoadState('networkidle');
      expect(await shownDay(page)).toBe('2020年6月30日');
      expect(trouble.failed).toEqual([]);
      expect(trouble.errors).toEqual([]);
    } finally {
      await s.close();
    }
  }, 180_000);
});
