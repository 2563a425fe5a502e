// HJ 212 parse benchmark: packets/s on one core for the codec in src/protocols/hj212, next to a
// naive parser and JSON.parse measured in the same run (ratios, not absolute times, are the
// figures to compare across machines).
//
//   npx tsx bench/hj212-parse.ts [--frames N] [--chunk BYTES] [--runs R] [--workload mix|air-rtd]
//
// Workload `mix` (default): realistic uploads — air station real-time 2011 (7 pollutants
// Rtd/Flag, ~330 bytes), air station hourly 2061 (Avg/Min/Max/Flag), CEMS minute 2051
// (Avg/ZsAvg/Cou/Flag) — in the ratio 2:1:1; `air-rtd`: only the 2011 packets. Frames are glued
// into one byte stream and fed in chunks (64 KB by default), as a busy TCP connection would.

import {
  type CrcVariant,
  Hj212Decoder,
  Hj212Framer,
  type Hj212Packet,
  packetToJson,
  serialize,
} from '../src/protocols/hj212/index.ts';
import { chunksOf, medianRate, parseBenchOptions, seededRandom } from './support/parse-bench.ts';

const values = parseBenchOptions(50000);
const FRAMES = values.frames;
const CHUNK = values.chunk;
const RUNS = values.runs;

// Deterministic pseudo-random values, so every run parses the same bytes.
const rand = seededRandom(212);
const num = (max: number, digits: number) => (rand() * max).toFixed(digits);
const flag = () => (rand() < 0.97 ? 'N' : 'D');
const stamp = (i: number) => `2024031${i % 10}${String(i % 24).padStart(2, '0')}0000`;
const mn = (i: number) => `A1B2C3D4E5F6${String(100000000000 + (i % 500)).slice(1)}`;

const AIR = ['a21026', 'a21004', 'a21005', 'a05024', 'a34002', 'a34004', 'a01001'];
const CEMS = ['a21026', 'a21002', 'a34013'];

function airRealtime(i: number): Hj212Packet {
  const cp: Array<[string, string]> = [['DataTime', stamp(i)]];
  for (const code of AIR) cp.push([`${code}-Rtd`, num(200, 2)], [`${code}-Flag`, flag()]);
  return head(i, '22', '2011', 4, cp);
}
function airHourly(i: number): Hj212Packet {
  const cp: Array<[string, string]> = [['DataTime', stamp(i)]];
  for (const code of AIR) {
    cp.push([`${code}-Avg`, num(200, 1)], [`${code}-Min`, num(100, 1)]);
    cp.push([`${code}-Max`, num(300, 1)], [`${code}-Flag`, flag()]);
  }
  return head(i, '22', '2061', 5, cp);
}
function cemsMinute(i: number): Hj212Packet {
  const cp: Array<[string, string]> = [['DataTime', stamp(i)]];
  for (const code of CEMS) {
    cp.push([`${code}-Avg`, num(50, 2)], [`${code}-ZsAvg`, num(50, 2)]);
    cp.push([`${code}-Cou`, num(5, 3)], [`${code}-Flag`, flag()]);
  }
  cp.push(['a19001-Avg', num(21, 1)], ['a19001-Flag', 'N']);
  cp.push(['a00000-Avg', num(200, 1)], ['a00000-Cou', num(12000, 1)], ['a00000-Flag', 'N']);
  return head(i, '31', '2051', 5, cp);
}
function head(
  i: number,
  st: string,
  cn: string,
  f: number,
  cp: Array<[string, string]>,
): Hj212Packet {
  const qn = `20240310${String(i).padStart(9, '0')}`;
  return { qn, st, cn, pw: '123456', mn: mn(i), flag: f, version: '2017', cp };
}

// ---- workload ----------------------------------------------------------------------------
const WORKLOADS: Record<string, Array<(i: number) => Hj212Packet>> = {
  mix: [airRealtime, airRealtime, airHourly, cemsMinute],
  'air-rtd': [airRealtime],
};
const makers = WORKLOADS[values.workload];
if (makers === undefined) throw new Error(`--workload must be one of ${Object.keys(WORKLOADS)}`);
const packets = Array.from({ length: FRAMES }, (_, i) => makers[i % makers.length]!(i));
const stream = Buffer.concat(packets.map((p) => serialize(p)));
const chunks = chunksOf(stream, CHUNK);
const jsonLines = packets.map((p) => JSON.stringify(packetToJson(p)));
const MB = stream.length / 1e6;

// ---- contenders --------------------------------------------------------------------------
function framerOnly(): number {
  const framer = new Hj212Framer();
  let n = 0;
  for (const c of chunks) for (const e of framer.push(c)) if (e.ok) n++;
  return n;
}

function fullParse(): number {
  const decoder = new Hj212Decoder();
  let n = 0;
  for (const c of chunks) for (const e of decoder.push(c)) if (e.ok) n++;
  return n;
}

// The server's configuration: CRC variant and edition looked up per device by MN.
const devices = new Map<string, CrcVariant>(packets.map((p) => [p.mn, 'standard']));
function fullParsePerDevice(): number {
  const decoder = new Hj212Decoder({ crc: (m) => (m && devices.get(m)) || 'standard' });
  let n = 0;
  for (const c of chunks) for (const e of decoder.push(c)) if (e.ok) n++;
  return n;
}

// A parser written the obvious way: text buffer split on CRLF, a regex per frame, the bitwise
// CRC loop of the standard's Appendix A, split(';') / split('=') for fields and CP.
function naiveCrc(s: string): number {
  const bytes = Buffer.from(s, 'utf8');
  let reg = 0xffff;
  for (const b of bytes) {
    reg = (reg >>> 8) ^ b;
    for (let i = 0; i < 8; i++) {
      const lsb = reg & 1;
      reg >>>= 1;
      if (lsb) reg ^= 0xa001;
    }
  }
  return reg;
}
const NAIVE_FRAME = /^##(\d{4})(.*)([0-9A-Fa-f]{4})$/;
function naive(): number {
  let text = '';
  let n = 0;
  for (const c of chunks) {
    text += c.toString('utf8');
    const lines = text.split('\r\n');
    text = lines.pop()!;
    for (const line of lines) {
      const m = NAIVE_FRAME.exec(line);
      if (!m) continue;
      const seg = m[2]!;
      if (Buffer.byteLength(seg) !== Number(m[1])) continue;
      if (naiveCrc(seg) !== parseInt(m[3]!, 16)) continue;
      const cpAt = seg.indexOf('CP=&&');
      const fields: Record<string, string> = {};
      for (const f of seg.slice(0, cpAt).split(';')) {
        const [k, v] = f.split('=');
        if (k) fields[k] = v ?? '';
      }
      const cp = seg
        .slice(cpAt + 5, seg.lastIndexOf('&&'))
        .split(/[;,]/)
        .filter(Boolean)
        .map((kv) => kv.split('='));
      if (fields.MN && cp.length >= 0) n++;
    }
  }
  return n;
}

function jsonParse(): number {
  let n = 0;
  for (const line of jsonLines) if ((JSON.parse(line) as { ok: boolean }).ok) n++;
  return n;
}

// ---- measurement -------------------------------------------------------------------------
function measure(name: string, fn: () => number): { name: string; pps: number } {
  return { name, pps: medianRate(name, fn, { items: FRAMES, runs: RUNS, unit: 'packets' }) };
}

const results = [
  measure('framer + CRC only', framerOnly),
  measure('full parse (framer + CRC + segment + CP)', fullParse),
  measure('full parse, CRC variant looked up per MN', fullParsePerDevice),
  measure('naive baseline (split/regex/bitwise CRC)', naive),
  measure('JSON.parse of the same packets (reference)', jsonParse),
];
const full = results[1]!.pps;

console.log(
  `HJ 212 parse benchmark — ${FRAMES} frames, ${MB.toFixed(1)} MB, ` +
    `workload ${values.workload}, ${(stream.length / FRAMES).toFixed(0)} bytes/frame on average, ` +
    `${CHUNK}-byte chunks, ` +
    `median of ${RUNS} runs, Node ${process.version}`,
);
for (const r of results) {
  const mbps = (r.pps * stream.length) / FRAMES / 1e6;
  console.log(
    `  ${r.name.padEnd(44)} ${Math.round(r.pps).toLocaleString('en-US').padStart(11)} packets/s ` +
      `${mbps.toFixed(1).padStart(7)} MB/s   full parse = ${(full / r.pps).toFixed(2)}×`,
  );
}
console.log(`  target: full parse ≥ 150,000 packets/s → ${full >= 150_000 ? 'met' : 'NOT met'}`);
