/**
 * Load client of bench/trucks-ingest.ts, run as a child process (its own fd budget and core):
 * `--vehicles` simulated HJ-mode trucks over `--connections` TCP connections (several vehicles
 * per connection, as an enterprise platform forwards them; the listener keys every frame by its
 * own VIN). Each truck sends one 10-second real-time frame (ten 1-Hz data-stream blocks, HJ 1239
 * layout, values that drift like a driving truck) every 10 s, its phase spread over the period.
 * Latency is from writing a frame to reading its reply. Prints one JSON line on stdout at the end.
 *
 *   tsx bench/trucks-load-client.ts --port P --vehicles 20000 --connections 2000 \
 *       --warmup 10 --seconds 60
 */
import { connect, type Socket } from 'node:net';
import { parseArgs } from 'node:util';
import { Gb17691Framer } from '../src/protocols/gb17691/index.ts';
import { benchVin, frameOf } from './trucks-sim-frames.ts';

const { values: a } = parseArgs({
  options: {
    port: { type: 'string' },
    vehicles: { type: 'string', default: '20000' },
    connections: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '60' },
  },
});
const PORT = Number(a.port);
const VEHICLES = Number(a.vehicles);
const CONNECTIONS = Math.min(Number(a.connections), VEHICLES);
const WARMUP_MS = Number(a.warmup) * 1000;
const WINDOW_MS = Number(a.seconds) * 1000;
const PERIOD_MS = 10_000;

const latencies: number[] = [];
let sent = 0;
let skipped = 0;
let replied = 0;
let windowFrames = 0;
const started = Date.now();
const measureFrom = started + WARMUP_MS;
const stopAt = measureFrom + WINDOW_MS;

function openConnection(first: number, count: number): Promise<void> {
  return new Promise((resolve) => {
    const s: Socket = connect({ host: '127.0.0.1', port: PORT });
    s.setNoDelay(true);
    const framer = new Gb17691Framer();
    const sentAt = new Map<string, { at: number; measure: boolean }>();
    const vins = Array.from({ length: count }, (_, k) => benchVin(first + k));
    const serials = new Array<number>(count).fill(1);
    const timers: NodeJS.Timeout[] = [];
    s.on('connect', () => {
      vins.forEach((vin, k) => {
        const i = first + k;
        const send = () => {
          const now = Date.now();
          if (now >= stopAt) return;
          if (sentAt.has(vin)) {
            skipped++; // previous frame still unanswered: the terminal waits
            return;
          }
          const end = Math.floor(now / 1000) * 1000;
          sentAt.set(vin, { at: performance.now(), measure: now >= measureFrom });
          s.write(frameOf(i, vin, end, serials[k]!++));
          sent++;
        };
        const offset = Math.floor((i * PERIOD_MS) / VEHICLES) % PERIOD_MS;
        timers.push(
          setTimeout(() => {
            send();
            timers.push(setInterval(send, PERIOD_MS));
          }, offset),
        );
      });
      resolve();
    });
    s.on('data', (chunk: Buffer) => {
      for (const f of framer.push(chunk)) {
        if (!f.ok) continue;
        const p = sentAt.get(f.vin);
        if (!p) continue;
        sentAt.delete(f.vin);
        replied++;
        if (p.measure) {
          latencies.push(performance.now() - p.at);
          windowFrames++;
        }
      }
    });
    s.on('error', () => undefined);
    s.on('close', () => timers.forEach((t) => clearTimeout(t)));
    setTimeout(() => {
      for (const t of timers) clearTimeout(t);
      s.end();
    }, stopAt - Date.now() + 5000).unref();
  });
}

const per = Math.ceil(VEHICLES / CONNECTIONS);
const opens: Array<Promise<void>> = [];
for (let first = 0; first < VEHICLES; first += per)
  opens.push(openConnection(first, Math.min(per, VEHICLES - first)));
await Promise.all(opens);
await new Promise((r) => setTimeout(r, stopAt - Date.now() + 3000));
latencies.sort((x, y) => x - y);
const pct = (p: number) =>
  latencies.length === 0
    ? null
    : Number(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1));
process.stdout.write(
  JSON.stringify({
    sent,
    skipped,
    replied,
    windowFrames,
    windowSeconds: WINDOW_MS / 1000,
    replyP50ms: pct(0.5),
    replyP99ms: pct(0.99),
    replyMaxms: pct(1),
    client: process.cpuUsage(),
  }) + '\n',
);
process.exit(0);
