/**
 * Issue 15's spreadsheet bomb, uploaded over HTTP as a county user would: a 1.3 MB 调度表 whose
 * sheet unpacks to 328 MB of XML (two million identical rows), made here, never committed. The
 * server refuses it with LT_ERR_SHEET_LIMIT as soon as a limit is passed, its memory stays within
 * a few hundred megabytes (it grew by 2.2 GB before), and while a sheet is being read on its
 * thread the same server keeps answering other requests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createUser } from '../src/auth/user-service.ts';
import { DiskBlobStore } from '../src/blobs/disk-blob-store.ts';
import type { Clock } from '../src/clock.ts';
import { listReports } from '../src/tasks/report-repo.ts';
import { loadTasks } from '../src/tasks/definition-loader.ts';
import { DEFAULT_TASKS_CONFIG, type TasksConfig } from '../src/tasks/task-config.ts';
import { localToEpoch } from '../src/time/zoned-time.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { xlsxWithRepeatedRows } from './support/xlsx-zip.ts';

const PW = 'Lantian-test-2020';
const MB = 1024 * 1024;
const clock: Clock = { now: () => localToEpoch('Asia/Shanghai', 2020, 6, 20, 10) };

/** A server on a real port, with a signed-in county user. */
async function serve(t: TestStore, dir: string, tasks: TasksConfig) {
  const app = await buildApp({
    db: t.db,
    clock,
    logLevel: false,
    auth: DEFAULT_AUTH_CONFIG,
    web: false,
    tasks,
    blobs: new DiskBlobStore(dir),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'congtai', password: PW }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const upload = (file: Buffer) => {
    const form = new FormData();
    form.append('file', new Blob([file]), '调度表.xlsx');
    return fetch(`${base}/api/tasks/sheet`, {
      method: 'POST',
      headers: { cookie, 'x-lantian-csrf': csrf },
      body: form,
    });
  };
  const get = (path: string) => fetch(`${base}${path}`, { headers: { cookie } });
  return { app, upload, get };
}

describe.each(dialectsUnderTest())('spreadsheet bomb on %s', (dialect) => {
  let t: TestStore;
  let dir: string;
  let bomb: Buffer;
  const apps: FastifyInstance[] = [];

  beforeAll(async () => {
    t = await openTestStore(dialect);
    dir = mkdtempSync(join(tmpdir(), 'lt-bomb-'));
    await loadTasks(t.db, clock, { actor: 'test', ip: null }, 'handan-2020');
    await createUser(
      t.db,
      clock,
      { actor: 'test', ip: null },
      {
        username: 'congtai',
        role: 'county',
        password: PW,
        regionAdcode: '130403',
      },
    );
    bomb = await xlsxWithRepeatedRows(2_000_000);
    expect(bomb.length).toBeLessThan(1.5 * MB);
  }, 120_000);
  afterAll(async () => {
    for (const a of apps) await a.close();
    rmSync(dir, { recursive: true, force: true });
    await t?.cleanup();
  });

  it('refuses the bomb with LT_ERR_SHEET_LIMIT, importing nothing, memory bounded', async () => {
    const s = await serve(t, dir, { ...DEFAULT_TASKS_CONFIG, blobDir: dir });
    apps.push(s.app);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    const res = await s.upload(bomb);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(res.status).toBe(413);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('LT_ERR_SHEET_LIMIT');
    expect(body.message).toContain('行数超过上限 20,000');
    console.log(`bomb refused; memory grew by ${Math.round((peak - before) / MB)} MB at most`);
    expect((peak - before) / MB).toBeLessThan(400);
    expect(await listReports(t.db, { plan: 'handan-2020' })).toEqual([]);
  }, 120_000);

  it('keeps answering other requests while a sheet is read, and caps the thread’s heap', async () => {
    // Limits so high that the ZIP passes and exceljs parses 16 MB of XML on the thread, until the
    // thread's heap cap stops it: seconds of work that would block every request on the event loop.
    const s = await serve(t, dir, {
      ...DEFAULT_TASKS_CONFIG,
      blobDir: dir,
      sheetLimits: { maxEntries: 1000, maxUnpackedBytes: 400 * MB, maxRows: 1e9, maxCells: 1e12 },
      sheetThreadHeapMb: 64,
    });
    const heavy = await xlsxWithRepeatedRows(100_000);
    apps.push(s.app);
    let importDone = false;
    const started = Date.now();
    const importing = s.upload(heavy).then(async (r) => {
      importDone = true;
      return { status: r.status, body: (await r.json()) as { code: string; message: string } };
    });
    const answered: number[] = [];
    while (!importDone) {
      const t0 = Date.now();
      const r = await s.get('/api/tasks/departments');
      expect(r.status).toBe(200);
      await r.arrayBuffer();
      if (!importDone) answered.push(Date.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
    const result = await importing;
    const importMs = Date.now() - started;
    expect(result.status).toBe(413);
    expect(result.body.code).toBe('LT_ERR_SHEET_LIMIT');
    expect(result.body.message).toContain('所需内存超过 64 MB');
    // Requests were answered while the sheet was being read, each well before the import ended.
    expect(answered.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...answered)).toBeLessThan(Math.max(1000, importMs / 3));
    console.log(
      `bomb import ${importMs} ms; ${answered.length} requests meanwhile, slowest ${Math.max(...answered)} ms`,
    );
  }, 180_000);
});
