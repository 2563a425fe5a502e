/**
 * The raw archive: every frame received, accepted or not, lands in the hourly files with its
 * status; `lantian hj212 archive` finds a device's frames by time and gives back their exact
 * bytes; old day directories are removed after the retention period.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveHour } from '../src/ingest/hj212/archive-layout.ts';
import { RawArchive } from '../src/ingest/hj212/raw-archive.ts';
import { openTestStore, type TestStore } from './support/databases.ts';
import {
  frame,
  MN_AIR,
  MN_CEMS,
  seedDevices,
  startTestIngest,
  T0,
  TestClient,
  upload,
} from './ingest-support.ts';

const run = promisify(execFile);

describe('HJ 212 raw archive', () => {
  let t: TestStore;
  let dir: string;
  const sent: Buffer[] = [];

  beforeAll(async () => {
    t = await openTestStore('sqlite');
    await seedDevices(t.db);
    dir = mkdtempSync(join(tmpdir(), 'lantian-archive-'));
    const ingest = await startTestIngest(t.db, { archive: { dir, retentionDays: 30 } });
    const c = await TestClient.open(ingest.port);
    sent.push(frame(upload(MN_AIR, '2061', T0, { a34004: { Avg: 35, Flag: 'N' } })));
    sent.push(frame(upload(MN_CEMS, '2051', T0, { a21026: { Avg: 7 } }, { st: '31' })));
    const bad = frame(upload(MN_AIR, '2011', T0, { a34004: { Rtd: 99 } }));
    bad[bad.length - 4] = bad[bad.length - 4]! ^ 1; // a wrong CRC digit
    sent.push(bad);
    sent.push(Buffer.from([0x23, 0x23, 0x41, 0xff, 0x5c, 0x0a])); // garbage with a backslash and 0xFF
    await c.write(Buffer.concat(sent));
    await c.waitFor(2);
    c.close();
    await ingest.stop(); // flushes the archive
  });
  afterAll(async () => {
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds a device frames with their status, and their exact bytes with --raw', async () => {
    const env = { ...process.env, ...t.env, LANTIAN_LOG_LEVEL: 'warn' };
    const today = archiveHour('Asia/Shanghai', Date.now()).date;
    /** `lantian hj212 archive` over the test's archive, from `from` to today. */
    const archive = (from: string, ...more: string[]) => [
      'bin/lantian',
      'hj212',
      'archive',
      '--dir',
      dir,
      '--from',
      from,
      '--to',
      today,
      ...more,
    ];
    const args = archive(today, '--mn', MN_AIR);
    const listed = await run(process.execPath, args, { env });
    const lines = listed.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(lines.map((l) => l[3])).toEqual(['ok', 'crc_mismatch']);
    expect(lines[0]![1]).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(listed.stderr).toContain('找到 2 帧');
    const raw = await run(process.execPath, [...args, '--raw'], { env, encoding: 'buffer' });
    expect(Buffer.compare(raw.stdout, Buffer.concat([sent[0]!, sent[2]!]))).toBe(0);
    const rejected = await run(process.execPath, archive(today, '--status', 'rejected', '--raw'), {
      env,
      encoding: 'buffer',
    });
    expect(Buffer.compare(rejected.stdout, Buffer.concat([sent[2]!, sent[3]!]))).toBe(0);
    const badRange = await run(process.execPath, archive('yesterday'), { env }).catch((e) => e);
    expect(badRange.code).toBe(2);
    expect(badRange.stderr).toContain('LT_ERR_BAD_REQUEST');
  }, 120_000);

  it('deletes day directories older than the retention period', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lantian-retention-'));
    for (const d of ['2024-01-01', '2024-02-24', '2024-02-25', '2024-03-01', 'notes']) {
      mkdirSync(join(root, d));
      writeFileSync(join(root, d, '00.log'), 'x\n');
    }
    const a = new RawArchive({ dir: root, retentionDays: 5 }, () => Date.UTC(2024, 2, 1, 4));
    expect(await a.applyRetention()).toBe(2);
    expect(
      ['2024-01-01', '2024-02-24', '2024-02-25', '2024-03-01', 'notes'].map((d) =>
        existsSync(join(root, d)),
      ),
    ).toEqual([false, false, true, true, true]);
    rmSync(root, { recursive: true, force: true });
  });

  it('deletes the oldest day directories above the size cap, never the current day', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lantian-archive-cap-'));
    for (const d of ['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']) {
      mkdirSync(join(root, d));
      writeFileSync(join(root, d, '00.log'), 'x'.repeat(1000));
    }
    const now = () => Date.UTC(2024, 2, 1, 4); // 2024-03-01 12:00 Beijing time
    const a = new RawArchive({ dir: root, retentionDays: 0, maxBytes: 2500 }, now);
    expect(await a.applySizeCap()).toBe(2);
    expect(a.diskBytes).toBe(2000);
    expect(
      ['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01'].map((d) =>
        existsSync(join(root, d)),
      ),
    ).toEqual([false, false, true, true]);
    // The current day alone above the cap: it stays, and rejected lines are dropped until it fits.
    const b = new RawArchive({ dir: root, retentionDays: 0, maxBytes: 500 }, now);
    expect(await b.applySizeCap()).toBe(1);
    expect(existsSync(join(root, '2024-03-01'))).toBe(true);
    b.append(now(), '10.0.0.1:1', null, 'unknown_device', Buffer.from('##0000'));
    b.append(now(), '10.0.0.1:1', 'MN1', 'ok', Buffer.from('##0001'));
    expect(b.droppedByCap).toBe(1);
    expect(b.lines).toBe(1);
    rmSync(root, { recursive: true, force: true });
  });
});
