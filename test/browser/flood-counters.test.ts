/**
 * The HJ 212 ingest's flood counters show on the 设备 page (issue 15: "show the numbers on the
 * ingest status"). The server allows two unauthenticated connections per address; five idle TCP
 * connections from this address make it close the three oldest (a real eviction, real sockets),
 * then the city office opens 设备 and reads every counter, in Chinese, with the API's value.
 */
import { execFileSync } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestStatus } from '../../web/src/api/types.ts';
import { floodCounters } from '../../web/src/pages/devices/flood-counters.ts';
import { openSession, signIn } from './browser.ts';
import { ACCOUNTS, PASSWORD, startServer, type ServerProcess } from './harness.ts';
import { prepareSmallStore, watchPage, type SmallStore } from './small-store.ts';

const PENDING_PER_ADDRESS = 2;
const SOCKETS = 5;

function openIdle(port: number): Promise<Socket> {
  return new Promise((done, fail) => {
    const s = connect(port, '127.0.0.1', () => done(s));
    s.on('error', (e) => (s.connecting ? fail(e) : undefined));
  });
}

describe.skipIf(process.env['LANTIAN_BROWSER_TESTS'] === 'off')('flood counters on 设备', () => {
  let store: SmallStore;
  let server: ServerProcess;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-web-if-stale.mjs'], { stdio: 'inherit' });
    store = await prepareSmallStore('2020-12-28');
    server = await startServer(store.path, {
      LANTIAN_HJ212_MAX_PENDING_PER_ADDRESS: String(PENDING_PER_ADDRESS),
    });
    for (let i = 0; i < SOCKETS; i++) sockets.push(await openIdle(server.hj212Port));
  }, 600_000);
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await server?.stop();
    store?.remove();
  }, 60_000);

  it('shows refused, evicted and timed-out connections and the storage counters in Chinese', async () => {
    const s = await openSession();
    try {
      await signIn(s.page, server.url, ACCOUNTS['city-admin'].username, PASSWORD);
      const page = s.page;
      const trouble = watchPage(page);
      // The eviction has happened when the API counts it.
      let status: IngestStatus | null = null;
      for (let i = 0; i < 50; i++) {
        status = (await page.evaluate(async () => {
          const r = await fetch('/api/ingest/status');
          return r.json();
        })) as IngestStatus;
        if (status.connections.evictedPerAddress >= SOCKETS - PENDING_PER_ADDRESS) break;
        await page.waitForTimeout(100);
      }
      expect(status!.connections.evictedPerAddress).toBe(SOCKETS - PENDING_PER_ADDRESS);

      await page.goto(`${server.url}/devices`);
      await page.waitForSelector('[data-test=flood-counters] [data-flood]');
      const shown = await page.$$eval('[data-test=flood-counters] [data-flood]', (els) =>
        els.map((el) => ({
          key: el.getAttribute('data-flood') ?? '',
          label: el.querySelector('.label')?.textContent?.trim() ?? '',
          value: el.querySelector('.value')?.textContent?.trim() ?? '',
        })),
      );
      const expected = floodCounters(status!);
      expect(shown.map((c) => c.key)).toEqual(expected.map((c) => c.key));
      for (const c of shown) expect(c.label, c.key).toMatch(/[\u4e00-\u9fff]/);
      const byKey = new Map(shown.map((c) => [c.key, c]));
      expect(byKey.get('evicted-per-address')).toEqual({
        key: 'evicted-per-address',
        label: '同地址超限关闭',
        value: String(SOCKETS - PENDING_PER_ADDRESS),
      });
      for (const key of ['refused', 'evicted-total', 'auth-timeouts', 'quarantine-pruned'])
        expect(byKey.get(key)?.value, key).toMatch(/^\d[\d,]*$/);
      await expect(page.locator('[data-test=flood-counters] h4').textContent()).resolves.toContain(
        '防泛洪计数',
      );
      expect(trouble.errors).toEqual([]);
    } finally {
      await s.close();
    }
  }, 180_000);
});
