/**
 * Heavy-truck raw archive: append rate, bytes per 1-Hz record and the time to read one
 * vehicle-day, for `--vehicles` trucks sending one 10-second HJ 1239 real-time frame (ten 1-Hz
 * data-stream blocks, built with the GB 17691 serializer) each over `--hours` hours of one
 * Beijing day. Each append is one 10-second tick of every vehicle, as the listener's group commit
 * would hand it over. Next to it, in the same run, the same bytes written uncompressed to one file
 * with one fsync per batch (the bare floor of a durable append). Then every slot is compacted and
 * the sizes and read times are measured again.
 *
 *   npx tsx bench/trucks-archive.ts [--vehicles 500] [--hours 24]
 *
 * The values follow a seeded random-walk drive (speed, rpm, torque, flows, NOx, temperatures,
 * position, mileage); each vehicle has 360 distinct frames (one hour) that repeat hourly, which
 * keeps generation fast and does not help compression (no block spans more than 10 minutes).
 */
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as zlib from 'node:zlib';
import { encodeMessage, vinCheckDigit } from '../src/protocols/gb17691/index.ts';
import { streamBlock } from '../src/protocols/gb17691/test-frames.ts';
import { openTruckArchive, type ArchivedFrame } from '../src/trucks/archive/truck-archive.ts';

const { values: args } = parseArgs({
  options: {
    vehicles: { type: 'string', default: '500' },
    hours: { type: 'string', default: '24' },
  },
});
const VEHICLES = Number(args.vehicles);
const TICKS = Number(args.hours) * 360;
const DAY = '2024-05-02';
const DAY0 = Date.parse(`${DAY}T00:00:00+08:00`);
const RECORDS_PER_FRAME = 10;
const iso = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';

function vinOf(i: number): string {
  const raw = `LHDTK00X0A${String(i).padStart(7, '0')}`;
  return raw.slice(0, 8) + vinCheckDigit(raw) + raw.slice(9);
}

/** Seeded PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One hour (360 frames) of one vehicle's drive. */
function vehicleHour(i: number): Buffer[] {
  const r = rng(i + 1);
  const vin = vinOf(i);
  let speed = 30 + r() * 30;
  let lon = 114.4 + r() * 0.2;
  let lat = 36.5 + r() * 0.2;
  let mileage = 10_000 + r() * 90_000;
  let coolant = 80 + r() * 10;
  let scr = 200 + r() * 100;
  const frames: Buffer[] = [];
  for (let k = 0; k < 360; k++) {
    const t0 = DAY0 + k * 10_000;
    const blocks = Array.from({ length: 10 }, (_, s) => {
      speed = Math.min(90, Math.max(0, speed + (r() - 0.5) * 6));
      const load = Math.max(0, Math.min(100, speed * 0.8 + (r() - 0.5) * 20));
      lon += ((speed / 3600) * (r() - 0.3)) / 90;
      lat += ((speed / 3600) * (r() - 0.3)) / 110;
      mileage += speed / 3600;
      coolant = Math.min(100, Math.max(70, coolant + (r() - 0.5) * 0.4));
      scr = Math.min(450, Math.max(150, scr + (r() - 0.5) * 8));
      return streamBlock(iso(t0 + s * 1000), null, {
        speed: Math.round(speed * 256) / 256,
        rpm: Math.round(700 + speed * 18 + r() * 40),
        torque: Math.round(load),
        friction: 3 + Math.round(r() * 2),
        fuelFlow: Math.round((2 + load * 0.3 + r()) * 20) / 20,
        noxUpstream: Math.round(200 + load * 6 + r() * 50),
        noxDownstream: Math.round(20 + r() * 40),
        reagent: Math.round((60 + r()) * 2.5) / 2.5,
        airFlow: Math.round((300 + load * 8 + r() * 20) * 20) / 20,
        scrInletTemp: Math.round(scr * 32) / 32,
        scrOutletTemp: Math.round((scr - 20 + r() * 5) * 32) / 32,
        dpfPressure: Math.round((2 + r() * 3) * 10) / 10,
        coolantTemp: Math.round(coolant),
        tankLevel: 60,
        lon: Math.round(lon * 1e6) / 1e6,
        lat: Math.round(lat * 1e6) / 1e6,
        mileage: Math.round(mileage * 10) / 10,
      });
    });
    frames.push(
      encodeMessage({
        kind: 'realtime',
        command: 0x02,
        vin,
        layout: 'hj1239',
        sendTime: iso(t0 + 10_000),
        serial: k + 1,
        blocks,
        signature: null,
      }),
    );
  }
  return frames;
}

const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const mb = (n: number) => `${fmt(n / 1e6, 1)} MB`;

let t = performance.now();
const hours = Array.from({ length: VEHICLES }, (_, i) => vehicleHour(i));
const frameBytes = hours.flat().reduce((n, b) => n + b.length, 0) / (VEHICLES * 360);
process.stdout.write(
  `frames: ${VEHICLES} vehicles × ${TICKS} ten-second frames (${fmt(frameBytes)} bytes each on average), generated in ${fmt((performance.now() - t) / 1000, 1)} s\n`,
);

/** The batch of tick k: every vehicle's frame. */
function batch(k: number): ArchivedFrame[] {
  return hours.map((h, i) => ({
    vehicleId: i + 1,
    receivedAt: DAY0 + k * 10_000 + i,
    bytes: h[k % 360]!,
  }));
}

// Compression options on one tick's chunk (all vehicles) and one vehicle's 10-minute block.
{
  const chunks = Array.from({ length: 10 }, (_, k) =>
    Buffer.concat(batch(k * 7).map((f) => f.bytes)),
  );
  const blocks = hours.slice(0, 20).map((h) => Buffer.concat(h.slice(0, 60)));
  const codecs: Array<[string, (b: Buffer) => Buffer]> = [
    ['deflate-raw 1', (b) => zlib.deflateRawSync(b, { level: 1 })],
    ['deflate-raw 6', (b) => zlib.deflateRawSync(b, { level: 6 })],
    ['deflate-raw 9', (b) => zlib.deflateRawSync(b, { level: 9 })],
    [
      'brotli 4',
      (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }),
    ],
    [
      'brotli 6',
      (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6 } }),
    ],
  ];
  process.stdout.write('\ncodec            chunk ratio  chunk MB/s   block ratio  block MB/s\n');
  for (const [name, f] of codecs) {
    const time = (bs: Buffer[]) => {
      const s = performance.now();
      let raw = 0;
      let out = 0;
      for (const b of bs) {
        raw += b.length;
        out += f(b).length;
      }
      return { ratio: raw / out, rate: raw / 1e6 / ((performance.now() - s) / 1000) };
    };
    const c = time(chunks);
    const v = time(blocks);
    process.stdout.write(
      `${name.padEnd(16)} ${fmt(c.ratio, 2).padStart(11)} ${fmt(c.rate).padStart(11)} ${fmt(v.ratio, 2).padStart(13)} ${fmt(v.rate).padStart(11)}\n`,
    );
  }
}

const work = mkdtempSync(join(tmpdir(), 'lantian-bench-archive-'));
const say = (text: string) => process.stdout.write(text);
const frames = VEHICLES * TICKS;
const perRecord = (bytes: number) => fmt(bytes / (frames * RECORDS_PER_FRAME), 1);
try {
  // Baseline: the same bytes, uncompressed, one write + fsync per batch.
  const bare = openSync(join(work, 'bare.bin'), 'a');
  t = performance.now();
  let bareBytes = 0;
  for (let k = 0; k < TICKS; k++) {
    const buf = Buffer.concat(batch(k).map((f) => f.bytes));
    writeSync(bare, buf);
    fsyncSync(bare);
    bareBytes += buf.length;
  }
  closeSync(bare);
  rmSync(join(work, 'bare.bin'));
  const bareSec = (performance.now() - t) / 1000;
  say(
    `\nappend, one fsync'd call per 10-s tick (${VEHICLES} frames each), ${TICKS} calls:\n` +
      `  bare write + fsync:  ${fmt(frames / bareSec)} frames/s (${fmt(bareSec, 1)} s)\n`,
  );

  let now = DAY0;
  const archive = await openTruckArchive(join(work, 'archive'), {
    retentionDays: 30,
    now: () => now,
    maintenanceIntervalMs: 0,
  });
  t = performance.now();
  for (let k = 0; k < TICKS; k++) {
    now = DAY0 + k * 10_000 + 10_000;
    await archive.append(batch(k));
  }
  const appendSec = (performance.now() - t) / 1000;
  const open = await archive.stats();
  say(
    `  archive:             ${fmt(frames / appendSec)} frames/s = ${fmt((frames * RECORDS_PER_FRAME) / appendSec)} records/s (${fmt(appendSec, 1)} s), archive/bare time ${fmt(appendSec / bareSec, 2)}\n` +
      `stored bytes per 1-Hz record (${fmt(frames * RECORDS_PER_FRAME)} records):\n` +
      `  uncompressed frames: ${perRecord(bareBytes)} (${mb(bareBytes)})\n` +
      `  open chunks:         ${perRecord(open.bytes)} (${mb(open.bytes)}, ratio ${fmt(bareBytes / open.bytes, 1)})\n`,
  );

  const readTimes = async (label: string) => {
    const ms: number[] = [];
    let n = 0;
    for (const v of [1, Math.ceil(VEHICLES / 2), VEHICLES]) {
      const s = performance.now();
      n = (await archive.readVehicleDay(v, DAY)).length;
      ms.push(performance.now() - s);
    }
    say(`  ${label} ${ms.map((m) => fmt(m)).join(' / ')} ms (${n} frames)\n`);
  };
  say(`read one vehicle-day, three vehicles:\n`);
  await readTimes('from open chunks:   ');

  now = DAY0 + 2 * 86_400_000;
  t = performance.now();
  const slots = await archive.compact();
  const compactSec = (performance.now() - t) / 1000;
  const compacted = await archive.stats();
  await readTimes('compacted:          ');
  await archive.close();
  say(
    `compacted:             ${perRecord(compacted.bytes)} bytes per record (${mb(compacted.bytes)}, ratio ${fmt(bareBytes / compacted.bytes, 1)}); ` +
      `${slots} slots compacted in ${fmt(compactSec, 1)} s (${fmt(frames / compactSec)} frames/s)\n`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
