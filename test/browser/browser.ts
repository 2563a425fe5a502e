/** Chromium for the browser tests through playwright-core (see chromium.ts), one fresh profile per session. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chooseChromium, type ChromiumChoice } from './chromium.ts';

// Functions given to page.evaluate run in the page; these files are type-checked without the DOM
// library (the rest of the tree must not see it), so the page globals are declared loosely here.
declare const document: any;

export const SCREENSHOTS = 'test-output/screenshots';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A browser session with its own fresh profile directory. */
export interface Session {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

let choice: Promise<ChromiumChoice> | undefined;

/** The browser every session of this process uses, resolved once. */
export function browserChoice(): Promise<ChromiumChoice> {
  choice ??= chooseChromium();
  return choice;
}

/** Opens Chromium with a fresh profile at the given viewport. */
export async function openSession(
  viewport = { width: 1366, height: 768 },
  mobile = false,
): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'lantian-chromium-'));
  const browser = await browserChoice();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browser.executablePath,
    env: { ...process.env, ...browser.env },
    headless: true,
    args: ARGS,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    ...(mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login page and waits for the first page after it. */
export async function signIn(
  page: Page,
  base: string,
  username: string,
  password: string,
): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/login')),
    page.click('button[type=submit]'),
  ]);
  await page.waitForLoadState('networkidle');
}

/** Saves a full-page screenshot under test-output/screenshots. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  // A picture taken while a table still shows its loading mask documents nothing: wait (briefly)
  // for Element Plus loading masks to go.
  await page
    .waitForFunction(() => document.querySelectorAll('.el-loading-mask').length === 0, null, {
      timeout: 5000,
    })
    .catch(() => undefined);
  await page.screenshot({ path, fullPage });
  return path;
}

/** GET /api/… from inside the page (with the browser's own session cookie). */
export async function pageApi(page: Page, path: string): Promise<{ status: number; body: any }> {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { credentials: 'same-origin' });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }, path);
}

/** What an ECharts chart in a ChartPanel holds: its option and the regions its geo draws. */
export async function chartState(
  page: Page,
  selector: string,
): Promise<{ option: any; geoRegions: string[]; coloured: Record<string, number> }> {
  return page.evaluate((sel) => {
    const el = document.querySelector(`${sel} .chart`) as any;
    const c = el?.__chart;
    if (!c) throw new Error(`no chart in ${sel}`);
    const option = JSON.parse(
      JSON.stringify(c.getOption(), (_k, v) => (typeof v === 'function' ? undefined : v)),
    );
    const geo = c.getModel().getComponent('geo', 0);
    const geoRegions: string[] =
      geo?.coordinateSystem?.regions?.map((r: { name: string }) => r.name) ?? [];
    // Pixels of each HJ 633 category colour actually painted, over all of the chart's canvas
    // layers (ECharts may draw a series on a layer of its own).
    const colours: Record<string, [number, number, number]> = {
      '#00E400': [0, 228, 0],
      '#FFFF00': [255, 255, 0],
      '#FF7E00': [255, 126, 0],
      '#FF0000': [255, 0, 0],
      '#99004C': [153, 0, 76],
      '#7E0023': [126, 0, 35],
    };
    const coloured: Record<string, number> = {};
    for (const canvas of el!.querySelectorAll('canvas') as any) {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < data.length; i += 4) {
        for (const [hex, [r, g, b]] of Object.entries(colours)) {
          if (data[i] === r && data[i + 1] === g && data[i + 2] === b)
            coloured[hex] = (coloured[hex] ?? 0) + 1;
        }
      }
    }
    return { option, geoRegions, coloured };
  }, selector);
}
