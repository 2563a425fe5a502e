/**
 * The 重型柴油车 page end to end: three trucks registered in the store (two in 邯山区, one in
 * 丛台区), the real `lantian serve` with its GB 17691 listener, terminals sending frames built by
 * the codec's serializer over real TCP (HJ 1239 login and real-time data with a high downstream
 * NOx), a frame with a wrong BCC and an unregistered VIN. The city office then reads the counts by
 * county, the vehicle list, a vehicle's records with their flag in Chinese, and the listener's
 * counters and rejections; a department the same without the rejected frames (city office only);
 * the 邯山区 account sees its own vehicles only, and no listener figures. On the tasks page, the
 * drawer of 三.(三).6.1 (12,600 networked trucks) shows the count the platform measures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { systemClock } from '../../src/clock.ts';
import { encodeMessage, type Gb17691MessageInput } from '../../src/protocols/gb17691/index.ts';
import { streamBlock } from '../../src/protocols/gb17691/test-frames.ts';
import { createVehicle } from '../../src/trucks/vehicle-service.ts';
import { chartState, openSession, screenshot, signIn } from './browser.ts';
import { ACCOUNTS, PASSWORD, type TestRole } from './harness.ts';
import { startSmallDashboard, watchPage, type SmallDashboard } from './small-store.ts';
import { Terminal, vehicle, VIN_GB, VIN_HJ, VIN_OTHER, WHO } from '../trucks-support.ts';

/** Registered but never reporting (邯山区). */
const VIN_SILENT = 'LSVAM41Z7F2000004';
/** Not registered: its login is quarantined and counted as 未登记车辆. */
const VIN_UNKNOWN = 'LSVAM41Z9F2000005';

/** An instant as the protocol's local time text (Beijing, whole seconds). */
function beijing(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
}

function login(vin: string, serial = 1): Buffer {
  return encodeMessage({
    kind: 'login',
    command: 0x01,
    vin,
    time: beijing(Date.now()),
    serial,
    iccid: '89860000000000000001',
  });
}

/** A real-time frame (HJ 1239 layout) of three one-second records ending now. */
function realtime(vin: string, over: Parameters<typeof streamBlock>[2]): Buffer {
  const t0 = Math.floor(Date.now() / 1000) * 1000 - 3000;
  const m: Gb17691MessageInput = {
    kind: 'realtime',
    command: 0x02,
    vin,
    layout: 'hj1239',
    sendTime: beijing(t0 + 3000),
    serial: 2,
    blocks: [0, 1, 2].map((k) => streamBlock(beijing(t0 + k * 1000), null, over)),
    signature: null,
  };
  return encodeMessage(m);
}

/**
 * The truck listener's port as `lantian serve` prints it; the line follows the ones the harness
 * waits for, so it may arrive a moment later.
 */
async function trucksPort(dash: SmallDashboard): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const m = /重型车终端监听端口 (\d+)/.exec(dash.server.output());
    if (m) return Number(m[1]);
    if (Date.now() > deadline) throw new Error(`no truck port:\n${dash.server.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')('重型柴油车 page', () => {
  let dash: SmallDashboard;
  const terminals: Terminal[] = [];

  beforeAll(async () => {
    dash = await startSmallDashboard('2020-12-25', async (db) => {
      const add = (vin: string, plate: string, county: string) =>
        createVehicle(db, systemClock, vehicle({ vin, plate, county, replyMode: 'hj' }), WHO);
      await add(VIN_HJ, '冀D11111', '130402');
      await add(VIN_SILENT, '冀D33333', '130402');
      await add(VIN_GB, '冀D22222', '130403');
    });
    const port = await trucksPort(dash);
    // Two trucks log in and send real-time data (HJ mode answers each frame once stored).
    const a = await Terminal.open(port);
    const b = await Terminal.open(port);
    terminals.push(a, b);
    a.send(login(VIN_HJ));
    a.send(
      realtime(VIN_HJ, {
        speed: 45.5,
        noxUpstream: 800,
        noxDownstream: 620,
        scrInletTemp: 260,
        scrOutletTemp: 240,
        reagent: 36,
      }),
    );
    b.send(login(VIN_GB));
    b.send(realtime(VIN_GB, { speed: 30 }));
    await a.waitReplies(2);
    await b.waitReplies(2);
    // Refused: a frame whose BCC is wrong, and a VIN nobody registered.
    const bad = await Terminal.open(port);
    const frame = login(VIN_OTHER);
    frame.writeUInt8(frame.readUInt8(frame.length - 1) ^ 0xff, frame.length - 1);
    bad.send(frame);
    bad.send(login(VIN_UNKNOWN));
    await new Promise((r) => setTimeout(r, 500));
    bad.close();
  }, 600_000);
  afterAll(async () => {
    for (const t of terminals) t.close();
    await dash?.close();
  }, 60_000);

  /** Signs in as `role`, opens the page and waits for the vehicle list. */
  async function open(role: TestRole, check: (page: Page) => Promise<void>): Promise<void> {
    const s = await openSession();
    try {
      await signIn(s.page, dash.server.url, ACCOUNTS[role].username, PASSWORD);
      const trouble = watchPage(s.page);
      await s.page.click('.el-menu-item:has-text("重型柴油车")');
      await s.page.waitForURL((u) => u.pathname === '/trucks');
      await s.page.waitForSelector('[data-test=truck-table] .el-table__body tr');
      await s.page.waitForLoadState('networkidle');
      await check(s.page);
      expect(trouble.errors).toEqual([]);
      expect(trouble.failed).toEqual([]);
    } finally {
      await s.close();
    }
  }

  /** The rows of the tables under `sel`, each as its cells' texts joined by one space. */
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
  const kpi = (page: Page, name: string) =>
    page
      .locator(`[data-kpi=${name}]`)
      .innerText()
      .then((t) => t.trim());

  it('city office: counts by county, the list, a vehicle’s records, the listener', async () => {
    await open('city-admin', async (page) => {
      await screenshot(page, 'trucks-city');
      expect(await kpi(page, 'vehicles')).toBe('3');
      expect(await kpi(page, 'online')).toBe('2');
      expect(await kpi(page, 'connected')).toBe('2');
      expect(await kpi(page, 'listener')).toBe('运行中');
      expect(Number(await kpi(page, 'frames'))).toBeGreaterThanOrEqual(4);

      const chart = (await chartState(page, '[data-test=truck-county-chart]')).option;
      expect(chart.xAxis[0].data).toEqual(['邯山区', '丛台区']);
      const series = Object.fromEntries(
        chart.series.map((s: { name: string; data: number[] }) => [s.name, s.data]),
      );
      expect(series).toEqual({ 登记: [2, 1], 在线: [1, 1], 已连接: [1, 1] });

      const rows = await tableRows(page, '[data-test=truck-table]');
      expect(rows).toHaveLength(3);
      const one = rows.find((r) => r.includes('冀D11111'))!;
      for (const t of [VIN_HJ, '国六', '邯山区', '已连接', '45.5', '黄', '柴油']) {
        expect(one).toContain(t);
      }
      expect(rows.find((r) => r.includes('冀D33333'))).toContain('从未上报');
      expect(rows.find((r) => r.includes('冀D22222'))).toContain('丛台区');

      const rejections = await tableRows(page, '[data-test=truck-rejection-table]');
      expect(rejections.some((r) => r.includes('BCC 校验不符'))).toBe(true);
      expect(rejections.some((r) => r.includes('未登记车辆') && r.includes(VIN_UNKNOWN))).toBe(
        true,
      );
      expect(rejections.every((r) => !/bcc_mismatch|unknown_vin/.test(r))).toBe(true);

      await page.click('[data-test=truck-table] .el-table__body tr:has-text("冀D11111")');
      await page.waitForSelector('[data-test=truck-drawer] .el-table__body tr');
      await page.waitForLoadState('networkidle');
      await screenshot(page, 'trucks-drawer', false);
      const records = await tableRows(page, '[data-test=truck-drawer]');
      expect(records).toHaveLength(3);
      for (const r of records) {
        expect(r).toMatch(
          /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 数据流 45\.5 800 620 260 240 36\.0 NOx 偏高$/,
        );
      }
      const header = await page.locator('[data-test=truck-drawer] .el-table__header').innerText();
      for (const h of ['采集时间', '车速', '下游NOx', 'SCR入口', '尿素余量', '判定标记'])
        expect(header).toContain(h);
    });
  }, 180_000);

  it('a department sees every vehicle and the listener, but not the rejected frames', async () => {
    // The rejections API is the city office's: the page must not ask (open() fails on a 403).
    await open('department', async (page) => {
      expect(await kpi(page, 'vehicles')).toBe('3');
      expect(await kpi(page, 'listener')).toBe('运行中');
      expect(await page.locator('[data-test=truck-rejection-table]').count()).toBe(0);
      expect(await tableRows(page, '[data-test=truck-table]')).toHaveLength(3);
    });
  }, 180_000);

  it('a county sees its own vehicles only, and no listener figures', async () => {
    await open('county', async (page) => {
      await screenshot(page, 'trucks-county');
      expect(await kpi(page, 'vehicles')).toBe('2');
      expect(await kpi(page, 'online')).toBe('1');
      expect(await page.locator('[data-test=truck-listener]').count()).toBe(0);
      expect(await page.locator('[data-test=truck-rejection-table]').count()).toBe(0);
      const rows = await tableRows(page, '[data-test=truck-table]');
      expect(rows).toHaveLength(2);
      expect(rows.join('\n')).not.toContain('冀D22222');
      expect(rows.join('\n')).not.toContain('丛台区');
      const chart = (await chartState(page, '[data-test=truck-county-chart]')).option;
      expect(chart.xAxis[0].data).toEqual(['邯山区']);
    });
  }, 180_000);

  /**
   * Signs in as `role`, opens the tasks page, opens a row of 三.(三).6.1 and answers the measured
   * lines in its drawer (the targets list and the report form's hint).
   */
  async function measuredLines(role: TestRole, check: (page: Page) => Promise<void>) {
    const s = await openSession();
    try {
      await signIn(s.page, dash.server.url, ACCOUNTS[role].username, PASSWORD);
      const trouble = watchPage(s.page);
      await s.page.goto(`${dash.server.url}/tasks?date=2020-12-25`);
      await s.page.waitForSelector('[data-test=task-table] .el-table__body tr');
      await s.page.fill('[data-test=task-table] .search input', '三.(三).6.1');
      const number = s.page.locator('td:first-child', { hasText: /^\s*三\.\(三\)\.6\.1\s*$/ });
      await s.page
        .locator('[data-test=task-table] .el-table__body-wrapper tr', { has: number })
        .first()
        .click();
      await s.page.waitForSelector('.el-drawer [data-test=task-targets]');
      await s.page.waitForSelector('.el-drawer [data-test=measured-target]');
      await s.page.waitForLoadState('networkidle');
      await check(s.page);
      expect(trouble.errors).toEqual([]);
      expect(trouble.failed).toEqual([]);
    } finally {
      await s.close();
    }
  }
  const measuredTexts = (page: Page) =>
    page
      .locator('.el-drawer [data-test=measured-target]')
      .evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()));

  it('tasks page: 三.(三).6.1 shows the networked trucks beside the reported figure', async () => {
    await measuredLines('city-admin', async (page) => {
      await screenshot(page, 'tasks-measured-city', false);
      // Two of three registered trucks sent data: 2 / 12,600 = 0.02 %.
      const line =
        '系统测得：已联网 2 辆（近 30 天有数据的登记车辆），占目标 0.02% 查看重型柴油车 →';
      expect(await measuredTexts(page)).toEqual([line, line]);
      await page.click('.el-drawer [data-test=task-targets] a:has-text("查看重型柴油车")');
      await page.waitForURL((u) => u.pathname === '/trucks');
      // The target is the city's: a county row shows it once the city office allocates a share.
      const status = await page.evaluate(async () => {
        const me = await (await fetch('/api/auth/me', { credentials: 'same-origin' })).json();
        const res = await fetch('/api/tasks/allocations', {
          method: 'PUT',
          credentials: 'same-origin',
          headers: {
            'content-type': 'application/json',
            'x-lantian-csrf': (me as { csrfToken: string }).csrfToken,
          },
          body: JSON.stringify({
            measure: '三.(三).6.1',
            target: 't1',
            unit: '130402',
            value: 900,
          }),
        });
        return res.status;
      });
      expect(status).toBe(200);
    });
    await measuredLines('county', async (page) => {
      const line =
        '系统测得：本辖区已联网 1 辆（近 30 天有数据的登记车辆；区县账号只计本辖区，不计占目标比例） 查看重型柴油车 →';
      expect(await measuredTexts(page)).toEqual([line, line]);
    });
  }, 180_000);
});
