// GB 17691 / HJ 1239 parse benchmark: frames/s and records/s (1-Hz blocks) on one core for the
// codec in src/protocols/gb17691, next to a bare loop that only copies the same frames, measured
// in the same run (ratios, not absolute times, are the figures to compare across machines).
//
//   npx tsx bench/gb17691-parse.ts [--frames N] [--chunk BYTES] [--runs R] [--workload mix|hj|gb1|gb10]
//
// Workloads (what the two open terminal firmwares send, standards sheet 3 §1.5):
//   hj    HJ 1239 layout, 10 one-second data-stream blocks per frame every 10 s (FNE200 HJ mode),
//         an OBD block with 2 DTCs in every 12th frame (120 s), a supplement 0x80 in every 6th
//   gb1   GB layout "serial per block", one data-stream block per frame (FNE200 GB mode)
//   gb10  GB layout "serial per block", ten blocks under one time (XCMG GB mode)
//   mix   hj : gb1 : gb10 = 4 : 10 : 2 frames (≈ 1 : 1 : 2 in records)
// Frames are glued into one byte stream and fed in chunks (64 KB by default), as a busy TCP
// connection (or a forwarding platform) would deliver them. Layouts are detected per frame:
// the decoder is not told the layout (a fresh decoder per run learns nothing in advance).

import {
  type Block,
  type DataStreamBlock,
  encodeMessage,
  Gb17691Decoder,
  Gb17691Framer,
  type Gb17691MessageInput,
  type Layout,
  messageToJson,
  vinCheckDigit,
} from '../src/protocols/gb17691/index.ts';
import { chunksOf, medianRate, parseBenchOptions, seededRandom } from './support/parse-bench.ts';

const values = parseBenchOptions(40000);
const FRAMES = values.frames;
const CHUNK = values.chunk;
const RUNS = values.runs;

// Deterministic pseudo-random values, so every run parses the same bytes.
const rand = seededRandom(17691);
const step = (max: number, res: number) => Math.round((rand() * max) / res) * res;

const vinOf = (i: number) =>
  `LSVAM41Z1F2${String(100000 + (i % 5000))
    .slice(1)
    .padStart(6, '0')}`;
const timeOf = (s: number) => {
  const d = new Date(Date.UTC(2024, 4, 1, 0, 0, 0) + s * 1000 + 8 * 3600_000);
  return d.toISOString().slice(0, 19) + '+08:00';
};

function stream(time: string, serial: number | null): DataStreamBlock {
  return {
    type: 2,
    time,
    serial,
    speed: step(90, 1 / 256),
    pressure: 100,
    torque: step(100, 1) - 20,
    friction: 3,
    rpm: step(2200, 0.125),
    fuelFlow: step(40, 0.05),
    noxUpstream: step(800, 0.05),
    noxDownstream: step(120, 0.05),
    reagent: step(100, 0.4),
    airFlow: step(900, 0.05),
    scrInletTemp: step(400, 0.03125),
    scrOutletTemp: step(380, 0.03125),
    dpfPressure: step(20, 0.1),
    coolantTemp: 85,
    tankLevel: step(100, 0.4),
    fixValid: rand() > 0.02,
    lon: 114 + step(1, 1e-6),
    lat: 36 + step(1, 1e-6),
    mileage: step(500000, 0.1),
  };
}
const supplement = (time: string): Block => ({
  type: 0x80,
  time,
  serial: null,
  torqueMode: 9,
  pedal: step(100, 0.4),
  fuelUsed: step(100000, 0.5),
  ureaTankTemp: 25,
  ureaInjection: step(5000, 0.01),
  ureaUsed: step(90000, 1),
  dpfExhaustTemp: step(500, 0.03125),
});
const obd = (time: string, vin: string): Block => ({
  type: 1,
  time,
  serial: null,
  protocol: 2,
  mil: 1,
  diagnosticSupport: 0x0c00,
  diagnosticReadiness: 0x0400,
  vin,
  calibrationId: 'CAL0123456789ABCDE',
  cvn: '1A2B3C4D0000000000',
  iupr: Array.from({ length: 18 }, (_, k) => k * 7),
  dtcCount: 2,
  dtcs: ['0001F203', '00C2E901'],
});

function frame(layout: Layout, i: number, seconds: number): Gb17691MessageInput {
  const t0 = (i * 10) % 86_000;
  const vin = vinOf(i);
  const blocks: Block[] = [];
  for (let k = 0; k < seconds; k++) {
    const t = layout === 'hj1239' ? timeOf(t0 + k) : timeOf(t0);
    blocks.push(stream(t, layout === 'gb-serial-per-block' ? (i * 10 + k) & 0xffff : null));
  }
  if (layout === 'hj1239' && i % 6 === 0) blocks.push(supplement(timeOf(t0 + seconds - 1)));
  if (layout === 'hj1239' && i % 12 === 0) blocks.push(obd(timeOf(t0 + seconds - 1), vin));
  return {
    kind: 'realtime',
    command: 2,
    vin,
    layout,
    sendTime: timeOf(t0 + (layout === 'hj1239' ? seconds : 0)),
    serial: layout === 'gb-serial-per-block' ? null : i & 0xffff,
    blocks,
    signature: null,
  };
}

const WORKLOADS: Record<string, Array<(i: number) => Gb17691MessageInput>> = {
  hj: [(i) => frame('hj1239', i, 10)],
  gb1: [(i) => frame('gb-serial-per-block', i, 1)],
  gb10: [(i) => frame('gb-serial-per-block', i, 10)],
  mix: [
    ...Array.from({ length: 4 }, () => (i: number) => frame('hj1239', i, 10)),
    ...Array.from({ length: 10 }, () => (i: number) => frame('gb-serial-per-block', i, 1)),
    ...Array.from({ length: 2 }, () => (i: number) => frame('gb-serial-per-block', i, 10)),
  ],
};
const makers = WORKLOADS[values.workload];
if (makers === undefined) throw new Error(`--workload must be one of ${Object.keys(WORKLOADS)}`);
// Each of 5,000 vehicles keeps one terminal (one layout), as in the field.
const messages = Array.from({ length: FRAMES }, (_, i) => makers[(i % 5000) % makers.length]!(i));
const RECORDS = messages.reduce((s, m) => s + ('blocks' in m ? m.blocks.length : 0), 0);
const data = Buffer.concat(messages.map((m) => encodeMessage(m)));
const chunks = chunksOf(data, CHUNK);
const MB = data.length / 1e6;

// ---- contenders --------------------------------------------------------------------------
// The floor: copy every frame's bytes, one frame at a time, into an append buffer — what
// archiving the raw frames costs at least — with the frame boundaries known in advance.
const bounds: number[] = [0];
for (const m of messages) bounds.push(bounds[bounds.length - 1]! + encodeMessage(m).length);
const archive = Buffer.allocUnsafe(data.length);
function bareCopy(): number {
  let n = 0;
  let pos = 0;
  for (let i = 0; i < FRAMES; i++) {
    pos += data.copy(archive, pos, bounds[i]!, bounds[i + 1]!);
    n++;
  }
  return n;
}

function framerOnly(): number {
  const framer = new Gb17691Framer();
  let n = 0;
  for (const c of chunks) for (const e of framer.push(c)) if (e.ok) n++;
  return n;
}

let records = 0;
function fullParse(): number {
  const decoder = new Gb17691Decoder();
  let n = 0;
  records = 0;
  for (const c of chunks) {
    for (const e of decoder.push(c)) {
      if (!e.ok) continue;
      n++;
      if (e.message.kind === 'realtime') records += e.message.blocks.length;
    }
  }
  return n;
}

function parseToJson(): number {
  const decoder = new Gb17691Decoder();
  let n = 0;
  for (const c of chunks)
    for (const e of decoder.push(c))
      if (e.ok && JSON.stringify(messageToJson(e.message)).length > 0) n++;
  return n;
}

// ---- measurement -------------------------------------------------------------------------
function measure(name: string, fn: () => number): { name: string; fps: number } {
  return { name, fps: medianRate(name, fn, { items: FRAMES, runs: RUNS, unit: 'frames' }) };
}

const results = [
  measure('bare loop copying each frame', bareCopy),
  measure('framer + BCC only', framerOnly),
  measure('full parse (framer + layout + blocks)', fullParse),
  measure('full parse + JSON text (the CLI output)', parseToJson),
];
if (records !== RECORDS) throw new Error(`decoded ${records} records, expected ${RECORDS}`);
const bare = results[0]!.fps;
const perFrame = RECORDS / FRAMES;

console.log(
  `GB 17691 parse benchmark — ${FRAMES} frames, ${RECORDS} records, ${MB.toFixed(1)} MB, ` +
    `workload ${values.workload}, ${(data.length / FRAMES).toFixed(0)} bytes/frame, ` +
    `${CHUNK}-byte chunks, median of ${RUNS} runs, Node ${process.version}`,
);
for (const r of results) {
  const mbps = (r.fps * data.length) / FRAMES / 1e6;
  console.log(
    `  ${r.name.padEnd(42)} ${Math.round(r.fps).toLocaleString('en-US').padStart(11)} frames/s ` +
      `${Math.round(r.fps * perFrame)
        .toLocaleString('en-US')
        .padStart(11)} records/s ` +
      `${mbps.toFixed(1).padStart(8)} MB/s   ${(r.fps / bare).toFixed(3)} of bare`,
  );
}
const full = results[2]!.fps;
console.log(
  `  target: 20,000 trucks at 1 Hz ≈ 2,000 frames/s, 20,000 records/s → full parse uses ` +
    `${((20_000 / (full * perFrame)) * 100).toFixed(1)} % of one core`,
);
