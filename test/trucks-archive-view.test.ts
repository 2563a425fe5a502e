/**
 * The read-only view of an archive directory another process owns (src/trucks/archive/
 * archive-view.ts) beside the full archive on a real temporary directory: it follows appends and
 * compactions without reopening, never creates or changes a file, and a read racing a
 * compaction that removes the files it listed starts again from the directory as it is now
 * (every read returns every frame, never an error and never a partial day).
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTruckArchiveView } from '../src/trucks/archive/archive-view.ts';
import { currentSlotFiles } from '../src/trucks/archive/slot-files.ts';
import { openTruckArchive, type ArchivedFrame } from '../src/trucks/archive/truck-archive.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'lantian-archive-view-'));
  dirs.push(d);
  return d;
}

/** Every file and directory under `dir` with its size and mtime. */
function listing(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const s = statSync(p);
      out[relative(dir, p)] = `${s.size}:${s.mtimeMs}`;
      if (s.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

/** 2024-05-01 10:00 Beijing time: slot 1000 of that day. */
const T0 = Date.parse('2024-05-01T02:00:00Z');
const DAY = '2024-05-01';

function frame(vehicleId: number, receivedAt: number, tag: string): ArchivedFrame {
  const bytes = Buffer.from(`##${vehicleId}|${receivedAt}|${tag}|`.padEnd(120, 'x'));
  return { vehicleId, receivedAt, bytes };
}

function batch(vehicles: number, perVehicle: number, round: number): ArchivedFrame[] {
  const out: ArchivedFrame[] = [];
  for (let i = 0; i < perVehicle; i++)
    for (let v = 1; v <= vehicles; v++) out.push(frame(v, T0 + round * 1000 + i, `r${round}`));
  return out;
}

describe('slot files of a day directory (pure)', () => {
  it('keeps the newest segment and the open files above it, ignoring leftovers and temporaries', () => {
    expect(
      currentSlotFiles([
        '1000-000002.seg',
        '1000-000001.seg',
        '1000-000001.open',
        '1000-000002.open',
        '1000-000004.open',
        '1000-000003.open',
        '1000-000005.seg.tmp',
        '0950-000001.open',
        'notes.txt',
      ]),
    ).toEqual([
      { slot: '0950', seg: null, opens: ['0950-000001.open'] },
      { slot: '1000', seg: '1000-000002.seg', opens: ['1000-000003.open', '1000-000004.open'] },
    ]);
  });
});

describe('read-only archive view', () => {
  it('follows appends and compactions of the owner and never touches a file', async () => {
    const dir = join(tempDir(), 'archive');
    // Opened before the owner created the directory: reads are empty, nothing is created.
    const view = await openTruckArchiveView(dir);
    expect(await view.readVehicleDay(1, DAY)).toEqual([]);
    expect(() => statSync(dir)).toThrow();

    let now = T0;
    const owner = await openTruckArchive(dir, {
      retentionDays: 30,
      now: () => now,
      maintenanceIntervalMs: 0,
    });
    try {
      await owner.append(batch(5, 3, 0));
      const before = listing(dir);
      expect((await view.readVehicleDay(2, DAY)).length).toBe(3);
      expect(await view.readVehicleDay(2, DAY)).toEqual(await owner.readVehicleDay(2, DAY));
      expect(listing(dir)).toEqual(before);

      now = T0 + 3_600_000;
      expect(await owner.compact()).toBe(1);
      expect(readdirSync(join(dir, DAY))).toEqual(['1000-000001.seg']);
      expect(await view.readVehicleDay(2, DAY)).toEqual(await owner.readVehicleDay(2, DAY));

      // A late frame of the compacted slot and one of a later slot: a new open file each.
      await owner.append([frame(2, T0 + 5_000, 'late'), frame(2, T0 + 1_800_000, 'next')]);
      const after = listing(dir);
      const seen = await view.readVehicleDay(2, DAY);
      expect(seen.length).toBe(5);
      expect(seen).toEqual(await owner.readVehicleDay(2, DAY));
      expect(listing(dir)).toEqual(after);
      await view.close();
      await expect(view.readVehicleDay(2, DAY)).rejects.toMatchObject({
        code: 'LT_ERR_TRUCK_ARCHIVE_CLOSED',
      });
    } finally {
      await owner.close();
    }
  });

  it(
    'reads every frame while the owner compacts the slot it reads',
    { timeout: 60_000 },
    async () => {
      const dir = tempDir();
      let now = T0;
      const owner = await openTruckArchive(dir, {
        retentionDays: 30,
        now: () => now,
        maintenanceIntervalMs: 0,
      });
      const view = await openTruckArchiveView(dir);
      const VEHICLES = 150;
      const READERS = 4;
      let reads = 0;
      try {
        for (let round = 0; round < 25; round++) {
          // Appended into the same (closed) slot: each compaction replaces the segment and
          // removes the open file the readers may have listed.
          for (let k = 0; k < 4; k++) await owner.append(batch(VEHICLES, 2, round * 4 + k));
          const expected = (round + 1) * 8;
          now = T0 + 3_600_000;
          let done = false;
          const readers = Array.from({ length: READERS }, async (_, r) => {
            const counts: number[] = [];
            do {
              const v = 1 + ((r * 37 + counts.length) % VEHICLES);
              counts.push((await view.readVehicleDay(v, DAY)).length);
            } while (!done);
            return counts;
          });
          expect(await owner.compact()).toBe(1);
          done = true;
          for (const counts of await Promise.all(readers)) {
            reads += counts.length;
            expect(counts.filter((n) => n !== expected)).toEqual([]);
          }
        }
        expect(reads).toBeGreaterThan(100);
      } finally {
        await owner.close();
      }
    },
  );
});
