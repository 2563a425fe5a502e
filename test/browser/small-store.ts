/**
 * A smaller store than harness.ts's, for browser tests of one concern: the Handan 2020 plan and
 * its key tasks, simulated Handan air data for the last months of 2020 (the city's national
 * stations included) and one account per role, in a fresh temporary directory. The caller may
 * add what its concern needs before the server starts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulateHandan } from '../../src/demo/handan-simulation.ts';
import { openStore, type Db } from '../../src/store/db.ts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { browserChoice } from './browser.ts';
import { createAccounts, loadPlanAndTasks, startServer, type ServerProcess } from './harness.ts';

/** A prepared store: its file and how to remove it. */
export interface SmallStore {
  dir: string;
  path: string;
  remove(): void;
}

/**
 * Creates the store with simulated data from `fromDate` to the end of 2020, then runs `extra`
 * on it (still open).
 */
export async function prepareSmallStore(
  fromDate = '2020-11-01',
  extra?: (db: Db) => Promise<void>,
): Promise<SmallStore> {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-browser-small-'));
  const path = join(dir, 'lantian.db');
  const db = await openStore({ sqlitePath: path, sqliteSynchronous: 'NORMAL' });
  try {
    await loadPlanAndTasks(db);
    await simulateHandan(db, {
      perUnit: 1,
      fromDate,
      until: Date.parse('2021-01-01T00:00:00+08:00'),
      alsoStations: ['1047A', '1048A', '1049A', '1050A'],
    });
    await createAccounts(db);
    if (extra) await extra(db);
  } finally {
    await db.close();
  }
  return { dir, path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A dashboard served over a small store: the server, and how to stop it and remove the store. */
export interface SmallDashboard {
  server: ServerProcess;
  close(): Promise<void>;
}

/**
 * Builds the dashboard when stale, prepares a small store (see prepareSmallStore) and starts
 * `bin/lantian serve` over it.
 */
export async function startSmallDashboard(
  fromDate?: string,
  extra?: (db: Db) => Promise<void>,
): Promise<SmallDashboard> {
  const browser = await browserChoice();
  if (!existsSync(browser.executablePath))
    throw new Error(
      `Chromium not found at ${browser.executablePath} (${browser.origin}; set LANTIAN_BROWSER_TESTS=off to skip)`,
    );
  execFileSync(process.execPath, ['scripts/build-web-if-stale.mjs'], { stdio: 'inherit' });
  const store = await prepareSmallStore(fromDate, extra);
  const server = await startServer(store.path);
  return {
    server,
    async close() {
      await server.stop();
      store.remove();
    },
  };
}

/**
 * Starts a small dashboard (see startSmallDashboard) before the tests of the enclosing describe
 * block and closes it after them. The answer's `server` is there once the tests run.
 */
export function smallDashboardForTests(
  fromDate?: string,
  extra?: (db: Db) => Promise<void>,
): { readonly server: ServerProcess } {
  let dash: SmallDashboard | undefined;
  beforeAll(async () => {
    dash = await startSmallDashboard(fromDate, extra);
  }, 600_000);
  afterAll(async () => {
    await dash?.close();
  }, 60_000);
  return {
    get server(): ServerProcess {
      if (!dash) throw new Error('the small dashboard has not started');
      return dash.server;
    },
  };
}

/** What a page did wrong: script errors, console errors and answers of 400 or more. */
export interface PageTrouble {
  errors: string[];
  failed: string[];
}

/** Records script errors, console errors and failed requests of a page. */
export function watchPage(page: Page): PageTrouble {
  const t: PageTrouble = { errors: [], failed: [] };
  page.on('pageerror', (e) => t.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') t.errors.push(`console: ${m.text().slice(0, 300)}`);
  });
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (r.status() >= 400) t.failed.push(`${r.status()} ${u.pathname}${u.search}`);
  });
  return t;
}

/** Types a date into the shared day picker (web/src/components/ViewingDayPicker.vue). */
export async function pickDay(page: Page, date: string): Promise<void> {
  const [y, m, d] = date.split('-').map(Number);
  const input = page.locator('.viewing-day-picker input').first();
  await input.click();
  await input.fill(`${y}年${m}月${d}日`);
  await input.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('date') === date);
  await page.waitForLoadState('networkidle');
}
