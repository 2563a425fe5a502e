/**
 * A read-only view of an archive directory that another process owns (the truck writer of a
 * split deployment; docs/scale.md, "Trucks on JetStream"): it never creates, writes, truncates,
 * compacts or deletes a file. It keeps no directory state in memory: every read lists the day
 * directory as it is now (slot-files.ts) and scans the open files up to their last whole checked
 * chunk, so it follows what the owner appended and compacted since. When the owner compacts a
 * slot away between the listing and the reads (a file gone, or a chunk that no longer checks
 * after an append was rolled back), the read starts again from the directory's current state.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LantianError } from '../../errors.ts';
import type { TruckArchiveReader } from './archive-reader.ts';
import { beijingDay, isDay } from './beijing-slot.ts';
import { recoverOpenFile } from './open-file.ts';
import { currentSlotFiles } from './slot-files.ts';
import type { ArchivedFrame } from './truck-archive.ts';
import { openFileVehicleFrames, segmentVehicleFrames } from './vehicle-frames.ts';

/** A read-only view; close() only refuses later reads. */
export interface TruckArchiveView extends TruckArchiveReader {
  readonly dir: string;
  close(): Promise<void>;
}

/** Reads started again at most this many times while the owner keeps replacing files. */
const MAX_ATTEMPTS = 8;
const MAX_U32 = 0xffffffff;

/** The names in a directory; none when it does not exist (yet, or any more). */
async function namesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** One vehicle's frames of one day from the files listed now (throws when one went away). */
async function readDayOnce(dir: string, vehicleId: number, day: string): Promise<ArchivedFrame[]> {
  const dayDir = join(dir, day);
  const out: ArchivedFrame[] = [];
  for (const slot of currentSlotFiles(await namesIn(dayDir))) {
    if (slot.seg) out.push(...(await segmentVehicleFrames(join(dayDir, slot.seg), vehicleId)));
    for (const name of slot.opens) {
      const path = join(dayDir, name);
      const { chunks } = await recoverOpenFile(path, false);
      out.push(...(await openFileVehicleFrames(path, chunks, vehicleId)));
    }
  }
  return out.filter((f) => beijingDay(f.receivedAt) === day);
}

class ArchiveView implements TruckArchiveView {
  private closed = false;
  constructor(readonly dir: string) {}

  async readVehicleDay(vehicleId: number, day: string): Promise<ArchivedFrame[]> {
    if (this.closed) throw new LantianError('LT_ERR_TRUCK_ARCHIVE_CLOSED');
    if (!isDay(day)) throw new LantianError('LT_ERR_TRUCK_ARCHIVE_BAD_DAY', day);
    if (!Number.isInteger(vehicleId) || vehicleId < 0 || vehicleId > MAX_U32)
      throw new LantianError('LT_ERR_TRUCK_ARCHIVE_BAD_FRAME', `vehicleId ${vehicleId}`);
    for (let attempt = 1; ; attempt++) {
      try {
        return await readDayOnce(this.dir, vehicleId, day);
      } catch (e) {
        // A compaction (or a rolled-back append) changed the files under the read: list again.
        if (attempt < MAX_ATTEMPTS) continue;
        throw new LantianError(
          'LT_ERR_TRUCK_ARCHIVE_IO',
          `只读视图读取 ${day} 车辆 ${vehicleId}：${(e as Error).message}`,
        );
      }
    }
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

/**
 * Opens a read-only view of `dir`. A directory that does not exist yet is accepted (its owner
 * creates it with its first append; until then every read is empty); anything else that is not
 * a directory throws LT_ERR_TRUCK_ARCHIVE_DIR.
 */
export async function openTruckArchiveView(dir: string): Promise<TruckArchiveView> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('不是目录');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new LantianError('LT_ERR_TRUCK_ARCHIVE_DIR', `${dir}：${(e as Error).message}`);
  }
  return new ArchiveView(dir);
}
