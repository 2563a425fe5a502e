/**
 * The heavy-truck raw-frame archive (src/trucks/archive, docs/trucks.md "Raw archive") on real
 * temporary directories: round trips across Beijing day boundaries (16:00 UTC), compaction
 * keeping everything, torn tails and garbage after a crash, a child killed with SIGKILL right
 * after append() resolved, retention by whole days, and the stable errors.
 */
import { spawn } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { isLantianError } from '../src/errors.ts';
import { crc32, crc32Portable } from '../src/trucks/archive/crc32.ts';
import {
  openTruckArchive,
  type ArchivedFrame,
  type TruckArchive,
  type TruckArchiveOptions,
} from '../src/trucks/archive/truck-archive.ts';
import { childBatch } from './support/truck-archive-child.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'lantian-truck-archive-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const bj = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const NO_TIMER: Partial<TruckArchiveOptions> = { maintenanceIntervalMs: 0 };

function frame(vehicleId: number, receivedAt: number, tag: string): ArchivedFrame {
  const bytes = Buffer.from(
    `##${vehicleId}|${receivedAt}|${tag}|`.padEnd(60 + (vehicleId % 7) * 31, 'x'),
  );
  return { vehicleId, receivedAt, bytes };
}

const plain = (fs: readonly ArchivedFrame[]) =>
  fs.map((f) => ({ v: f.vehicleId, t: f.receivedAt, b: Buffer.from(f.bytes).toString('latin1') }));

/** Beijing 10-minute slot of an instant, the archive's unit of order. */
const slotKey = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 15);

/** Expected frames of a vehicle-day from everything appended: slot by slot, append order within. */
function expected(all: readonly ArchivedFrame[], vehicleId: number, day: string) {
  const mine = all.filter((f) => f.vehicleId === vehicleId && bj(f.receivedAt) === day);
  return plain(
    mine
      .map((f, i) => ({ f, i }))
      .sort((a, b) => slotKey(a.f.receivedAt).localeCompare(slotKey(b.f.receivedAt)) || a.i - b.i)
      .map((x) => x.f),
  );
}

/** 40 vehicles over three Beijing days, batches of irregular size crossing 16:00 UTC. */
function threeDays(): ArchivedFrame[][] {
  const start = Date.parse('2024-05-01T14:00:00Z');
  const batches: ArchivedFrame[][] = [];
  let t = start;
  let k = 0;
  while (t < start + 3 * 86_400_000) {
    const batch: ArchivedFrame[] = [];
    for (let v = 1; v <= 40; v++)
      if ((v + k) % 3 !== 0) batch.push(frame(v * 1000 + 7, t + v, `k${k}`));
    batches.push(batch);
    k++;
    t += k % 5 === 0 ? 3_600_000 : 47_000; // some dense stretches, some hour jumps
  }
  // Exactly on and just before a Beijing midnight.
  const midnight = Date.parse('2024-05-02T16:00:00Z');
  batches.push([
    frame(3007, midnight - 1, 'before'),
    frame(3007, midnight, 'at'),
    frame(5007, midnight, 'at'),
  ]);
  return batches;
}

async function appendAll(a: TruckArchive, batches: readonly ArchivedFrame[][]): Promise<void> {
  for (const b of batches) await a.append(b);
}

async function readAll(a: TruckArchive, ids: readonly number[], days: readonly string[]) {
  const out: Record<string, unknown> = {};
  for (const id of ids)
    for (const d of days) out[`${id}/${d}`] = plain(await a.readVehicleDay(id, d));
  return out;
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

const DAYS = ['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04'];
const IDS = [1007, 3007, 5007, 17007, 40007, 99];

describe('truck raw archive', () => {
  it('computes the same crc32 as zlib', () => {
    const bytes = Buffer.from('123456789');
    expect(crc32Portable(bytes)).toBe(0xcbf43926);
    const big = zlib.deflateRawSync(Buffer.alloc(10_000, 'lantian'));
    expect(crc32Portable(big)).toBe(crc32(big));
  });

  it('reads back every vehicle-day in append order across Beijing day boundaries', async () => {
    const dir = tempDir();
    const batches = threeDays();
    const all = batches.flat();
    const a = await openTruckArchive(dir, {
      retentionDays: 30,
      now: () => Date.parse('2024-05-01T14:00:00Z'),
      ...NO_TIMER,
    });
    await appendAll(a, batches);
    for (const id of IDS)
      for (const d of DAYS)
        expect(plain(await a.readVehicleDay(id, d))).toEqual(expected(all, id, d));
    const at = plain(await a.readVehicleDay(3007, '2024-05-03'));
    expect(at[0]!.b).toContain('|at|');
    expect(plain(await a.readVehicleDay(3007, '2024-05-02')).at(-1)!.b).toContain('|before|');
    expect((await a.stats()).frames).toBe(all.length);
    await a.close();
    const b = await openTruckArchive(dir, { retentionDays: 30, ...NO_TIMER });
    for (const id of IDS)
      for (const d of DAYS)
        expect(plain(await b.readVehicleDay(id, d))).toEqual(expected(all, id, d));
    await b.close();
  });

  it('keeps the order of concurrent append calls', async () => {
    const a = await openTruckArchive(tempDir(), { retentionDays: 30, ...NO_TIMER });
    const t = Date.parse('2024-05-01T02:00:00Z');
    const batches = Array.from({ length: 30 }, (_, k) => [
      frame(1, t + k, `c${k}`),
      frame(2, t + k, `c${k}`),
    ]);
    await Promise.all(batches.map((b) => a.append(b)));
    expect(plain(await a.readVehicleDay(1, '2024-05-01'))).toEqual(
      expected(batches.flat(), 1, '2024-05-01'),
    );
    await a.close();
  });

  it('spreads a large append over vehicle groups and reads each vehicle back in order', async () => {
    const dir = tempDir();
    const t = Date.parse('2024-05-01T02:00:00Z');
    let now = t;
    const a = await openTruckArchive(dir, { retentionDays: 30, now: () => now, ...NO_TIMER });
    // 3 appends of 900 frames (300 vehicles × 3): 7 groups per chunk.
    const batches = Array.from({ length: 3 }, (_, k) =>
      Array.from({ length: 900 }, (_, i) => frame((i * 7919) % 300, t + k * 10_000 + i, `g${k}`)),
    );
    await appendAll(a, batches);
    const ids = [0, 1, 6, 7, 150, 299];
    const before = await readAll(a, ids, ['2024-05-01']);
    for (const id of ids)
      expect(before[`${id}/2024-05-01`]).toEqual(expected(batches.flat(), id, '2024-05-01'));
    now = t + 3_600_000;
    expect(await a.compact()).toBe(1);
    expect(await readAll(a, ids, ['2024-05-01'])).toEqual(before);
    expect((await a.stats()).frames).toBe(2700);
    await a.close();
  });

  it('compaction keeps everything: reads before, after and after reopening are equal', async () => {
    for (const memory of [1 << 30, 20_000]) {
      const dir = tempDir();
      let now = Date.parse('2024-05-01T14:00:00Z');
      const opts = {
        retentionDays: 30,
        now: () => now,
        compactionMemoryBytes: memory,
        ...NO_TIMER,
      };
      const a = await openTruckArchive(dir, opts);
      const batches = threeDays();
      await appendAll(a, batches);
      const before = await readAll(a, IDS, DAYS);
      const statsBefore = await a.stats();
      expect(await a.compact()).toBe(0); // nothing has closed yet at `now`
      now = Date.parse('2024-05-10T00:00:00Z');
      expect(await a.compact()).toBeGreaterThan(10);
      expect(files(dir).every((f) => f.endsWith('.seg'))).toBe(true);
      expect(await readAll(a, IDS, DAYS)).toEqual(before);
      const statsAfter = await a.stats();
      expect(statsAfter.frames).toBe(statsBefore.frames);
      // Late frames into a compacted slot, compacted again: merged after the earlier ones.
      const late = [
        frame(3007, Date.parse('2024-05-02T03:00:05Z'), 'late'),
        frame(3007, Date.parse('2024-05-02T03:00:06Z'), 'late2'),
      ];
      await a.append(late);
      const withLate = await readAll(a, IDS, DAYS);
      expect(withLate['3007/2024-05-02']).toEqual(
        expected([...batches.flat(), ...late], 3007, '2024-05-02'),
      );
      expect(await a.compact()).toBe(1);
      expect(await readAll(a, IDS, DAYS)).toEqual(withLate);
      await a.close();
      const b = await openTruckArchive(dir, opts);
      expect(await readAll(b, IDS, DAYS)).toEqual(withLate);
      expect(files(dir).some((f) => /\.(spill\d+|tmp)$/.test(f))).toBe(false);
      await b.close();
    }
  });

  it('compacts closed slots on its own timer and at open', async () => {
    const dir = tempDir();
    const t = Date.parse('2024-05-01T02:00:00Z');
    let now = t;
    const a = await openTruckArchive(dir, { retentionDays: 30, now: () => now, ...NO_TIMER });
    await a.append([frame(1, t, 'x'), frame(2, t, 'y')]);
    await a.close();
    now = t + 3_600_000;
    const b = await openTruckArchive(dir, {
      retentionDays: 30,
      now: () => now,
      maintenanceIntervalMs: 20,
    });
    for (let i = 0; i < 100 && !files(dir).every((f) => f.endsWith('.seg')); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(files(dir).map((f) => f.slice(-15))).toEqual(['1000-000001.seg']);
    expect(plain(await b.readVehicleDay(2, '2024-05-01'))).toEqual(plain([frame(2, t, 'y')]));
    await b.close();
  });

  it('ignores and truncates a torn or garbage tail; earlier data stay and appends go on', async () => {
    const dir = tempDir();
    const t = Date.parse('2024-05-01T02:00:00Z');
    const batches = Array.from({ length: 12 }, (_, k) =>
      Array.from({ length: 10 }, (_, v) => frame(v + 1, t + k * 1000, `t${k}`)),
    );
    const a = await openTruckArchive(dir, { retentionDays: 30, ...NO_TIMER });
    await appendAll(a, batches);
    await a.close();
    const [file] = files(dir);
    const size = statSync(file!).size;
    truncateSync(file!, size - 37); // the last chunk cut mid-way
    appendFileSync(file!, Buffer.from('LTC1 garbage garbage garbage after a crash'));
    const b = await openTruckArchive(dir, { retentionDays: 30, ...NO_TIMER });
    const kept = batches.slice(0, -1).flat();
    for (let v = 1; v <= 10; v++)
      expect(plain(await b.readVehicleDay(v, '2024-05-01'))).toEqual(
        expected(kept, v, '2024-05-01'),
      );
    expect(statSync(file!).size).toBeLessThan(size);
    const more = [frame(3, t + 99_000, 'after')];
    await b.append(more);
    await b.close();
    // Garbage after whole chunks: nothing lost.
    appendFileSync(file!, Buffer.alloc(500, 0xab));
    const c = await openTruckArchive(dir, { retentionDays: 30, ...NO_TIMER });
    expect(plain(await c.readVehicleDay(3, '2024-05-01'))).toEqual(
      expected([...kept, ...more], 3, '2024-05-01'),
    );
    await c.close();
  });

  it('opens read-only beside the writer: a half-written tail is left alone, writes are refused', async () => {
    const dir = tempDir();
    const t = Date.parse('2024-05-01T02:00:00Z');
    const batches = Array.from({ length: 4 }, (_, k) =>
      Array.from({ length: 5 }, (_, v) => frame(v + 1, t + k * 1000, `r${k}`)),
    );
    const writer = await openTruckArchive(dir, { retentionDays: 30, ...NO_TIMER });
    await appendAll(writer, batches);
    const [file] = files(dir);
    // A chunk the writer has only begun to write when the reader opens.
    appendFileSync(file!, Buffer.from('LTC1 half a chunk'));
    const size = statSync(file!).size;
    const reader = await openTruckArchive(dir, { retentionDays: 30, readOnly: true });
    for (let v = 1; v <= 5; v++)
      expect(plain(await reader.readVehicleDay(v, '2024-05-01'))).toEqual(
        expected(batches.flat(), v, '2024-05-01'),
      );
    expect(statSync(file!).size).toBe(size);
    const writes: Array<() => Promise<unknown>> = [
      () => reader.append([frame(1, t, 'x')]),
      () => reader.compact(),
      () => reader.applyRetention(),
    ];
    for (const write of writes) {
      const e = await write().catch((err: unknown) => err);
      expect(isLantianError(e) && e.code).toBe('LT_ERR_TRUCK_ARCHIVE_CLOSED');
    }
    await reader.close();
    await writer.close();
  });

  it('reports a damaged segment block instead of returning it, and keeps compacting other slots', async () => {
    const dir = tempDir();
    const t = Date.parse('2024-05-01T02:00:00Z');
    let now = t;
    const errors: unknown[] = [];
    const opts = {
      retentionDays: 30,
      now: () => now,
      onCompactionError: (e: unknown) => errors.push(e),
      ...NO_TIMER,
    };
    const a = await openTruckArchive(dir, opts);
    await a.append([frame(1, t, 'a'), frame(2, t, 'b')]);
    now = t + 3_600_000;
    expect(await a.compact()).toBe(1);
    const [seg] = files(dir);
    const fd = openSync(seg!, 'r+');
    writeSync(fd, Buffer.from([0xff, 0x00, 0xff]), 0, 3, 5); // inside the first vehicle's block
    closeSync(fd);
    await expect(a.readVehicleDay(1, '2024-05-01')).rejects.toSatisfy((e) =>
      isLantianError(e, 'LT_ERR_TRUCK_ARCHIVE_IO'),
    );
    await a.append([frame(1, t + 5, 'late'), frame(3, t + 1_200_000, 'next slot')]);
    now = t + 2 * 3_600_000;
    expect(await a.compact()).toBe(1); // the damaged slot fails, the next one is compacted
    expect(errors).toHaveLength(1);
    expect(plain(await a.readVehicleDay(3, '2024-05-01'))).toEqual(
      plain([frame(3, t + 1_200_000, 'next slot')]),
    );
    await a.close();
  });

  it('loses nothing that append() resolved when the process is killed with SIGKILL', async () => {
    const dir = tempDir();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', resolve('test/support/truck-archive-child.ts'), dir],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let acked = -1;
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise((r) => child.on('exit', r));
    await new Promise<void>((done, fail) => {
      child.stdout!.on('data', (d: Buffer) => {
        for (const m of d.toString().matchAll(/acked (\d+)/g)) acked = Number(m[1]);
        if (acked >= 80) {
          child.kill('SIGKILL');
          done();
        }
      });
      child.on('exit', () =>
        acked >= 80 ? done() : fail(new Error(`child exited early: ${stderr}`)),
      );
    });
    await exited;
    const last = acked;
    const a = await openTruckArchive(dir, { retentionDays: 30, ...NO_TIMER });
    const resolved = Array.from({ length: last + 1 }, (_, k) => childBatch(k)).flat();
    for (const v of [1, 13, 25]) {
      for (const day of ['2024-05-01', '2024-05-02']) {
        const got = plain(await a.readVehicleDay(v, day));
        const want = expected(resolved, v, day);
        expect(got.slice(0, want.length)).toEqual(want); // later, unacknowledged batches may follow
      }
    }
    await a.append(childBatch(10_000));
    await a.close();
  }, 60_000);

  it('removes whole Beijing days older than the retention and reports them', async () => {
    const dir = tempDir();
    const now = Date.parse('2024-05-05T04:00:00Z'); // 2024-05-05 12:00 Beijing
    const a = await openTruckArchive(dir, { retentionDays: 3, now: () => now, ...NO_TIMER });
    for (let d = 0; d < 7; d++) {
      const t = Date.parse('2024-04-28T16:30:00Z') + d * 86_400_000; // 00:30 Beijing of 04-29 … 05-05
      await a.append([frame(1, t, `d${d}`), frame(2, t + 1, `d${d}`)]);
    }
    const bytesBefore = (await a.stats()).bytes;
    const removed = await a.applyRetention();
    expect(removed.days).toEqual(['2024-04-29', '2024-04-30', '2024-05-01']);
    expect(removed.files).toBe(3);
    expect(removed.bytes).toBe(bytesBefore - (await a.stats()).bytes);
    expect(readdirSync(dir).sort()).toEqual([
      '2024-05-02',
      '2024-05-03',
      '2024-05-04',
      '2024-05-05',
    ]);
    expect(await a.readVehicleDay(1, '2024-05-01')).toEqual([]);
    expect(await a.readVehicleDay(1, '2024-05-02')).toHaveLength(1);
    expect((await a.stats()).frames).toBe(8);
    expect((await a.applyRetention()).days).toEqual([]);
    await a.close();
  });

  it('reads a 1-Hz vehicle-day (8,640 frames of ~490 bytes) in under a second, open or compacted', async () => {
    const dir = tempDir();
    const day0 = Date.parse('2024-05-01T16:00:00Z');
    let now = day0;
    const a = await openTruckArchive(dir, { retentionDays: 30, now: () => now, ...NO_TIMER });
    for (let k = 0; k < 8640; k += 60) {
      const batch: ArchivedFrame[] = [];
      for (let j = 0; j < 60; j++) {
        const t = day0 + (k + j) * 10_000;
        batch.push({
          vehicleId: 42,
          receivedAt: t,
          bytes: Buffer.from(`##${k + j}`.padEnd(490, String(j % 10))),
        });
        for (let v = 100; v < 130; v++) if (j % 20 === 0) batch.push(frame(v, t, 'o'));
      }
      await a.append(batch);
    }
    for (const compact of [false, true]) {
      if (compact) {
        now = day0 + 2 * 86_400_000;
        await a.compact();
      }
      const t0 = performance.now();
      const got = await a.readVehicleDay(42, '2024-05-02');
      const ms = performance.now() - t0;
      expect(got).toHaveLength(8640);
      expect(Buffer.from(got[8639]!.bytes).toString().startsWith('##8639')).toBe(true);
      expect(ms, `read ${compact ? 'compacted' : 'open'} took ${ms} ms`).toBeLessThan(1000);
    }
    await a.close();
  }, 60_000);

  it('refuses an unusable directory, bad frames, bad days and use after close with stable codes', async () => {
    const base = tempDir();
    const file = join(base, 'a-file');
    writeFileSync(file, 'x');
    for (const dir of [file, join(file, 'below')]) {
      await expect(openTruckArchive(dir, { retentionDays: 30 })).rejects.toSatisfy((e) =>
        isLantianError(e, 'LT_ERR_TRUCK_ARCHIVE_DIR'),
      );
    }
    const a = await openTruckArchive(join(base, 'ok'), { retentionDays: 30, ...NO_TIMER });
    await expect(
      a.append([{ vehicleId: -1, receivedAt: 0, bytes: new Uint8Array(1) }]),
    ).rejects.toSatisfy((e) => isLantianError(e, 'LT_ERR_TRUCK_ARCHIVE_BAD_FRAME'));
    await expect(
      a.append([{ vehicleId: 1, receivedAt: NaN, bytes: new Uint8Array(1) }]),
    ).rejects.toSatisfy((e) => isLantianError(e, 'LT_ERR_TRUCK_ARCHIVE_BAD_FRAME'));
    await expect(a.readVehicleDay(1, '2024-02-30')).rejects.toSatisfy((e) =>
      isLantianError(e, 'LT_ERR_TRUCK_ARCHIVE_BAD_DAY'),
    );
    await expect(a.readVehicleDay(1, '20240501')).rejects.toSatisfy((e) =>
      isLantianError(e, 'LT_ERR_TRUCK_ARCHIVE_BAD_DAY'),
    );
    await a.close();
    await expect(a.append([frame(1, 0, 'z')])).rejects.toSatisfy((e) =>
      isLantianError(e, 'LT_ERR_TRUCK_ARCHIVE_CLOSED'),
    );
    await expect(openTruckArchive(join(base, 'ok2'), { retentionDays: -1 })).rejects.toSatisfy(
      (e) => isLantianError(e, 'LT_ERR_BAD_CONFIG'),
    );
  });
});
