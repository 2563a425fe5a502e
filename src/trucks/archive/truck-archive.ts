/**
 * The append-only raw-frame archive of the heavy-truck listener (issue 11; docs/trucks.md, "Raw
 * archive"). Frames are grouped by the Beijing day and segment slot (10 minutes by default) of
 * their `receivedAt`. Each append call adds one checked, compressed chunk to the open file of
 * every slot it touches and fsyncs before it resolves. A slot that has been closed for a while is
 * compacted (compaction.ts) into one segment sorted by vehicle with an index, so that a
 * vehicle-day is read with a few positional reads per slot whatever the number of vehicles.
 * Retention removes whole Beijing days. One archive object owns its directory; it uses plain
 * `node:fs` and no global state, so it also runs inside a worker thread.
 *
 * Files: `<dir>/<YYYY-MM-DD>/<HHMM>-<gen>.open` (chunks) and `<HHMM>-<gen>.seg` (compacted; it
 * holds every open file of the slot up to generation `gen`, so on reopen older segments and open
 * files with a generation ≤ the newest segment's are leftovers of an interrupted clean-up).
 */
import { access, constants, mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LantianError } from '../../errors.ts';
import { addDays, beijingDay, isDay, slotEndMs, slotOf } from './beijing-slot.ts';
import type { TruckArchiveReader } from './archive-reader.ts';
import { buildChunk, type ChunkFrame } from './chunk-format.ts';
import { compactSlot } from './compaction.ts';
import { recoverOpenFile, uniqueSorted, type ChunkRef } from './open-file.ts';
import { readSegmentFooter } from './segment-file.ts';
import { openFileVehicleFrames, segmentVehicleFrames } from './vehicle-frames.ts';

export interface ArchivedFrame {
  vehicleId: number;
  /** UTC epoch ms. */
  receivedAt: number;
  /** The whole raw frame. */
  bytes: Uint8Array;
}

export interface TruckArchiveOptions {
  /** Whole Beijing days kept after the day ends (default 30). */
  retentionDays: number;
  now?: () => number;
  /** Minutes per segment slot; must divide 1440 (default 10). */
  segmentMinutes?: number;
  /** A slot is compacted this long after it ends (default 2 minutes: late frames of a batch). */
  compactAfterMs?: number;
  /** Raw bytes one compaction holds in memory before it spills to disk (default 256 MiB). */
  compactionMemoryBytes?: number;
  /** Period of the maintenance timer that compacts closed slots (default 60 s; 0: no timer and no
   * compaction at open — call `compact()`). */
  maintenanceIntervalMs?: number;
  /**
   * Open for reading beside the process that writes (the CLI while `serve` runs): no clean-up, no
   * truncation of a tail being written, no compaction; append, retention and compaction refuse.
   */
  readOnly?: boolean;
  /** Told when compacting a slot fails (the slot stays open and is tried again on the next run;
   * default: a process warning). */
  onCompactionError?: (err: unknown) => void;
}

export interface TruckArchive extends TruckArchiveReader {
  /** Appends frames; resolves only once they are durable on disk (written and fsync'd). Safe to call concurrently (calls are serialised). */
  append(frames: readonly ArchivedFrame[]): Promise<void>;
  /** Deletes whole days older than retentionDays (Beijing days); returns what it removed (days, files, bytes) for a log line. */
  applyRetention(): Promise<{ days: string[]; files: number; bytes: number }>;
  /** Bytes on disk and frames stored (for stats / bytes-per-record). */
  stats(): Promise<{ bytes: number; frames: number }>;
  /** Compacts every closed slot now; resolves with the number of slots compacted. */
  compact(): Promise<number>;
  close(): Promise<void>;
}

/** One open (chunk) file of a slot, as far as it is durable. */
interface OpenFile {
  gen: number;
  path: string;
  length: number;
  frames: number;
  chunks: ChunkRef[];
}

/** One segment slot of one day. */
interface Slot {
  day: string;
  name: string;
  seg: { gen: number; path: string; frames: number; bytes: number } | null;
  /** Open files with a generation above the segment's, ascending. */
  opens: OpenFile[];
  /** The open file appends go to (null: the next append starts a new generation). */
  writing: OpenFile | null;
  nextGen: number;
}

const DEFAULTS = {
  segmentMinutes: 10,
  compactAfterMs: 120_000,
  compactionMemoryBytes: 256 << 20,
  maintenanceIntervalMs: 60_000,
};
const FILE_NAME = /^(\d{4})-(\d{6})\.(open|seg)$/;
const MAX_U32 = 0xffffffff;

const fileName = (slot: string, gen: number, kind: 'open' | 'seg') =>
  `${slot}-${String(gen).padStart(6, '0')}.${kind}`;

async function fsyncDir(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

function ioError(what: string, e: unknown): LantianError {
  return new LantianError('LT_ERR_TRUCK_ARCHIVE_IO', `${what}: ${(e as Error).message}`);
}

function checkFrame(f: ArchivedFrame, i: number): void {
  const ok =
    Number.isInteger(f.vehicleId) &&
    f.vehicleId >= 0 &&
    f.vehicleId <= MAX_U32 &&
    Number.isFinite(f.receivedAt) &&
    f.bytes instanceof Uint8Array;
  if (!ok)
    throw new LantianError(
      'LT_ERR_TRUCK_ARCHIVE_BAD_FRAME',
      `第 ${i + 1} 帧（vehicleId ${String(f.vehicleId)}）`,
    );
}

class Archive implements TruckArchive {
  private readonly days = new Map<string, Map<string, Slot>>();
  private appendChain: Promise<unknown> = Promise.resolve();
  private maintenanceChain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly retentionDays: number,
    private readonly now: () => number,
    private readonly cfg: typeof DEFAULTS,
    private readonly onCompactionError: (err: unknown) => void,
    private readonly readOnly = false,
  ) {}

  /** Loads the slots of every day directory, cleaning up leftovers and torn tails. */
  async load(): Promise<void> {
    for (const day of (await readdir(this.dir)).filter(isDay).sort()) {
      const dayDir = join(this.dir, day);
      if (!(await stat(dayDir)).isDirectory()) continue;
      const found = new Map<string, { segs: number[]; opens: number[] }>();
      for (const name of await readdir(dayDir)) {
        const m = FILE_NAME.exec(name);
        if (!m) {
          if (/\.(tmp|spill\d+)$/.test(name) && !this.readOnly)
            await rm(join(dayDir, name), { force: true });
          continue;
        }
        let f = found.get(m[1]!);
        if (!f) found.set(m[1]!, (f = { segs: [], opens: [] }));
        (m[3] === 'seg' ? f.segs : f.opens).push(Number(m[2]));
      }
      for (const [name, f] of [...found].sort(([a], [b]) => a.localeCompare(b))) {
        await this.loadSlot(day, name, f.segs, f.opens);
      }
    }
  }

  private async loadSlot(
    day: string,
    name: string,
    segs: number[],
    opens: number[],
  ): Promise<void> {
    const dayDir = join(this.dir, day);
    const segGen = segs.length ? Math.max(...segs) : 0;
    const slot: Slot = { day, name, seg: null, opens: [], writing: null, nextGen: 1 };
    if (!this.readOnly) {
      for (const g of segs.filter((g) => g < segGen))
        await rm(join(dayDir, fileName(name, g, 'seg')));
      for (const g of opens.filter((g) => g <= segGen))
        await rm(join(dayDir, fileName(name, g, 'open')));
    }
    if (segGen) {
      const path = join(dayDir, fileName(name, segGen, 'seg'));
      const fh = await open(path, 'r');
      try {
        const footer = await readSegmentFooter(fh);
        slot.seg = { gen: segGen, path, frames: footer.frames, bytes: (await fh.stat()).size };
      } finally {
        await fh.close();
      }
    }
    for (const g of opens.filter((g) => g > segGen).sort((a, b) => a - b)) {
      const path = join(dayDir, fileName(name, g, 'open'));
      const r = await recoverOpenFile(path, !this.readOnly);
      const frames = r.chunks.reduce((n, c) => n + c.frames, 0);
      slot.opens.push({ gen: g, path, length: r.length, frames, chunks: r.chunks });
    }
    slot.nextGen = Math.max(segGen, ...opens) + 1;
    this.slotsOf(day).set(name, slot);
  }

  private slotsOf(day: string): Map<string, Slot> {
    let m = this.days.get(day);
    if (!m) this.days.set(day, (m = new Map()));
    return m;
  }

  /** Runs `task` after every earlier append (and sealing / retention step) has finished. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.appendChain.then(task);
    this.appendChain = run.catch(() => undefined);
    return run;
  }

  private maintenance<T>(task: () => Promise<T>): Promise<T> {
    const run = this.maintenanceChain.then(task);
    this.maintenanceChain = run.catch(() => undefined);
    return run;
  }

  private assertOpen(): void {
    if (this.closed) throw new LantianError('LT_ERR_TRUCK_ARCHIVE_CLOSED');
  }

  private assertWritable(): void {
    this.assertOpen();
    if (this.readOnly) throw new LantianError('LT_ERR_TRUCK_ARCHIVE_CLOSED', '存档以只读方式打开');
  }

  append(frames: readonly ArchivedFrame[]): Promise<void> {
    try {
      this.assertWritable();
      frames.forEach(checkFrame);
    } catch (e) {
      return Promise.reject(e);
    }
    if (frames.length === 0) return Promise.resolve();
    return this.serial(() => this.appendNow(frames));
  }

  /** Calls accepted before close() still complete: close() waits for them. */
  private async appendNow(frames: readonly ArchivedFrame[]): Promise<void> {
    const groups = new Map<string, ChunkFrame[]>();
    for (const f of frames) {
      const key = `${beijingDay(f.receivedAt)}/${slotOf(f.receivedAt, this.cfg.segmentMinutes)}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push({ vehicleId: f.vehicleId, receivedAt: f.receivedAt, bytes: f.bytes });
    }
    const chunks = await Promise.all(
      [...groups].map(async ([key, g]) => ({ key, ...(await buildChunk(g)) })),
    );
    const written: Array<{
      file: OpenFile;
      slot: Slot;
      isNew: boolean;
      chunk: (typeof chunks)[number];
    }> = [];
    const dirsToSync = new Set<string>();
    try {
      for (const chunk of chunks) {
        const [day, name] = chunk.key.split('/') as [string, string];
        const dayDir = join(this.dir, day);
        if (!this.days.has(day)) {
          await mkdir(dayDir, { recursive: true });
          dirsToSync.add(this.dir);
        }
        const slots = this.slotsOf(day);
        let slot = slots.get(name);
        if (!slot)
          slots.set(name, (slot = { day, name, seg: null, opens: [], writing: null, nextGen: 1 }));
        let file = slot.writing;
        const isNew = !file;
        if (!file) {
          const gen = slot.nextGen;
          file = {
            gen,
            path: join(dayDir, fileName(name, gen, 'open')),
            length: 0,
            frames: 0,
            chunks: [],
          };
          dirsToSync.add(dayDir);
        }
        written.push({ file, slot, isNew, chunk });
        const fh = await open(file.path, isNew ? 'w' : 'r+');
        try {
          await fh.write(chunk.bytes, 0, chunk.bytes.length, file.length);
          await fh.sync();
        } finally {
          await fh.close();
        }
      }
      for (const d of dirsToSync) await fsyncDir(d);
    } catch (e) {
      for (const w of written) {
        if (w.isNew) await rm(w.file.path, { force: true }).catch(() => undefined);
        else
          await open(w.file.path, 'r+')
            .then(async (fh) => {
              await fh.truncate(w.file.length);
              await fh.close();
            })
            .catch(() => undefined);
      }
      throw ioError('写入失败', e);
    }
    for (const w of written) {
      const { file, slot, chunk } = w;
      if (w.isNew) {
        slot.nextGen = file.gen + 1;
        slot.opens.push(file);
        slot.writing = file;
      }
      file.chunks.push({
        offset: file.length,
        length: chunk.bytes.length,
        frames: chunk.frames,
        rawLength: chunk.rawLength,
        vehicles: uniqueSorted(chunk.vehicleIds),
      });
      file.length += chunk.bytes.length;
      file.frames += chunk.frames;
    }
  }

  async readVehicleDay(vehicleId: number, day: string): Promise<ArchivedFrame[]> {
    this.assertOpen();
    if (!isDay(day)) throw new LantianError('LT_ERR_TRUCK_ARCHIVE_BAD_DAY', day);
    if (!Number.isInteger(vehicleId) || vehicleId < 0 || vehicleId > MAX_U32) {
      throw new LantianError('LT_ERR_TRUCK_ARCHIVE_BAD_FRAME', `vehicleId ${vehicleId}`);
    }
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.readOnce(vehicleId, day);
      } catch (e) {
        // A compaction may have replaced the files of a slot between the snapshot and the read.
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' && attempt < 3) continue;
        throw ioError(`读取 ${day} 车辆 ${vehicleId}`, e);
      }
    }
  }

  private async readOnce(vehicleId: number, day: string): Promise<ArchivedFrame[]> {
    const slots = [...(this.days.get(day)?.values() ?? [])].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    const snapshot = slots.map((s) => ({
      seg: s.seg?.path ?? null,
      opens: s.opens.map((o) => ({ path: o.path, length: o.length, chunks: o.chunks.slice() })),
    }));
    const out: ArchivedFrame[] = [];
    for (const s of snapshot) {
      if (s.seg) out.push(...(await segmentVehicleFrames(s.seg, vehicleId)));
      for (const o of s.opens)
        out.push(...(await openFileVehicleFrames(o.path, o.chunks, vehicleId)));
    }
    return out.filter((f) => beijingDay(f.receivedAt) === day);
  }

  compact(): Promise<number> {
    try {
      this.assertWritable();
    } catch (e) {
      return Promise.reject(e);
    }
    return this.maintenance(() => this.compactClosed());
  }

  /** Slots whose end is at least compactAfterMs ago and that still have open files. */
  private closedSlots(): Slot[] {
    const now = this.now();
    const out: Slot[] = [];
    for (const slots of this.days.values()) {
      for (const s of slots.values()) {
        if (
          s.opens.length &&
          slotEndMs(s.day, s.name, this.cfg.segmentMinutes) + this.cfg.compactAfterMs <= now
        )
          out.push(s);
      }
    }
    return out.sort((a, b) => `${a.day}${a.name}`.localeCompare(`${b.day}${b.name}`));
  }

  private async compactClosed(): Promise<number> {
    let n = 0;
    for (const slot of this.closedSlots()) {
      if (this.closed) break;
      try {
        if (await this.compactOne(slot)) n++;
      } catch (e) {
        this.onCompactionError(e);
      }
    }
    return n;
  }

  private async compactOne(slot: Slot): Promise<boolean> {
    // Seal: later appends to this slot start a new generation, untouched by this compaction.
    const sealed = await this.serial(async () => {
      slot.writing = null;
      return slot.opens.slice();
    });
    if (!sealed.length || this.days.get(slot.day)?.get(slot.name) !== slot) return false;
    const gen = sealed[sealed.length - 1]!.gen;
    const dayDir = join(this.dir, slot.day);
    const outPath = join(dayDir, fileName(slot.name, gen, 'seg'));
    const result = await compactSlot({
      segPath: slot.seg?.path ?? null,
      opens: sealed.map((o) => ({ path: o.path, length: o.length, chunks: o.chunks })),
      outPath,
      memoryBytes: this.cfg.compactionMemoryBytes,
      aborted: () => this.closed,
    });
    if (!result) return false;
    await fsyncDir(dayDir);
    const old = slot.seg?.path;
    slot.seg = { gen, path: outPath, frames: result.frames, bytes: result.bytes };
    slot.opens = slot.opens.filter((o) => o.gen > gen);
    if (old) await rm(old, { force: true });
    for (const o of sealed) await rm(o.path, { force: true });
    return true;
  }

  applyRetention(): Promise<{ days: string[]; files: number; bytes: number }> {
    try {
      this.assertWritable();
    } catch (e) {
      return Promise.reject(e);
    }
    return this.maintenance(() =>
      this.serial(async () => {
        // Kept: today and the retentionDays days before it (each frame lives ≥ retentionDays days).
        const oldestKept = addDays(beijingDay(this.now()), -this.retentionDays);
        const removed = { days: [] as string[], files: 0, bytes: 0 };
        const onDisk = (await readdir(this.dir)).filter(isDay);
        for (const day of [...new Set([...onDisk, ...this.days.keys()])].sort()) {
          if (day >= oldestKept) continue;
          const dayDir = join(this.dir, day);
          for (const name of await readdir(dayDir).catch(() => [] as string[])) {
            removed.files++;
            removed.bytes += (await stat(join(dayDir, name))).size;
          }
          this.days.delete(day);
          await rm(dayDir, { recursive: true, force: true });
          removed.days.push(day);
        }
        if (removed.days.length) await fsyncDir(this.dir);
        return removed;
      }),
    );
  }

  async stats(): Promise<{ bytes: number; frames: number }> {
    let bytes = 0;
    let frames = 0;
    for (const slots of this.days.values()) {
      for (const s of slots.values()) {
        bytes += s.seg?.bytes ?? 0;
        frames += s.seg?.frames ?? 0;
        for (const o of s.opens) {
          bytes += o.length;
          frames += o.frames;
        }
      }
    }
    return { bytes, frames };
  }

  startTimer(): void {
    if (this.cfg.maintenanceIntervalMs <= 0 || this.readOnly) return;
    const tick = () => {
      if (this.closed) return;
      void this.compact()
        .catch(() => undefined)
        .finally(() => {
          if (!this.closed) this.timer = setTimeout(tick, this.cfg.maintenanceIntervalMs).unref();
        });
    };
    this.timer = setTimeout(tick, 0).unref();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.maintenanceChain;
    await this.appendChain;
  }
}

/** Opens (creating if needed) the archive in `dir`; throws LT_ERR_TRUCK_ARCHIVE_DIR when unusable. */
export async function openTruckArchive(
  dir: string,
  options: TruckArchiveOptions,
): Promise<TruckArchive> {
  const cfg = { ...DEFAULTS };
  for (const k of Object.keys(DEFAULTS) as Array<keyof typeof DEFAULTS>) {
    if (options[k] !== undefined) cfg[k] = options[k];
  }
  const retention = options.retentionDays ?? 30;
  if (
    !Number.isInteger(retention) ||
    retention < 0 ||
    1440 % cfg.segmentMinutes !== 0 ||
    cfg.compactionMemoryBytes <= 0
  ) {
    throw new LantianError(
      'LT_ERR_BAD_CONFIG',
      `卡车原始帧存档：retentionDays ${retention}，segmentMinutes ${cfg.segmentMinutes}`,
    );
  }
  const readOnly = options.readOnly === true;
  try {
    if (!readOnly) await mkdir(dir, { recursive: true });
    if (!(await stat(dir)).isDirectory()) throw new Error('不是目录');
    await access(dir, constants.R_OK | constants.X_OK | (readOnly ? 0 : constants.W_OK));
  } catch (e) {
    throw new LantianError('LT_ERR_TRUCK_ARCHIVE_DIR', `${dir}：${(e as Error).message}`);
  }
  const onError =
    options.onCompactionError ??
    ((e: unknown) => process.emitWarning(`卡车原始帧存档压实失败：${(e as Error).message}`));
  const archive = new Archive(dir, retention, options.now ?? Date.now, cfg, onError, readOnly);
  try {
    await archive.load();
  } catch (e) {
    throw new LantianError('LT_ERR_TRUCK_ARCHIVE_DIR', `${dir}：${(e as Error).message}`);
  }
  archive.startTimer();
  return archive;
}
