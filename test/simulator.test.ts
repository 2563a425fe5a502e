/**
 * The simulator against a test peer of its own: a real TCP listener that decodes with the HJ 212
 * codec and answers 9014 as told (always, never, after some copies, with a wrong QN first, …).
 * Retransmission per OverTime/ReCount, acks matched by (MN, QN), split and glued writes, and
 * reconnects are checked from both ends of the socket.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ackFor,
  dataAck,
  Hj212Decoder,
  type Hj212Packet,
  serialize,
} from '../src/protocols/hj212/index.ts';
import { simulatorOptions, type SimulatorOptions } from '../src/simulator/options.ts';
import { type AckedRecord, Simulator } from '../src/simulator/simulator.ts';

type Answer = 'ack' | 'ignore' | 'wrong-qn-then-ack' | 'close';

/** What the peer saw. */
interface PeerLog {
  packets: Hj212Packet[];
  rejects: number;
  /** Reads that ended inside a frame (the frame was split across reads). */
  partialReads: number;
  /** Reads that completed two frames or more (frames glued in one write). */
  multiFrameReads: number;
  connections: number;
}

/** A listening test peer; `answer` decides per packet (n = how many times this QN came in). */
async function startPeer(answer: (p: Hj212Packet, n: number) => Answer = () => 'ack') {
  const log: PeerLog = {
    packets: [],
    rejects: 0,
    partialReads: 0,
    multiFrameReads: 0,
    connections: 0,
  };
  const seen = new Map<string, number>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    log.connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    const dec = new Hj212Decoder({ maxFrameLength: 9999 });
    s.on('data', (chunk) => {
      const events = dec.push(chunk);
      if (dec.bufferedBytes > 0) log.partialReads++;
      if (events.filter((e) => e.ok).length >= 2) log.multiFrameReads++;
      const out: Buffer[] = [];
      for (const e of events) {
        if (!e.ok) {
          log.rejects++;
          continue;
        }
        const p = e.packet;
        log.packets.push(p);
        const key = `${p.mn}|${p.qn ?? ''}`;
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        const a = answer(p, n);
        const ack = ackFor(p);
        if (a === 'close') {
          s.destroy();
          return;
        }
        if (!ack || a === 'ignore') continue;
        if (a === 'wrong-qn-then-ack') {
          out.push(serialize(dataAck({ ...p, qn: '20000101000000000' })));
          setTimeout(() => s.writable && s.write(serialize(ack)), 30);
          continue;
        }
        out.push(serialize(ack));
      }
      if (out.length > 0) s.write(Buffer.concat(out));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    log,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const START = Date.parse('2024-01-15T00:00:00+08:00');

function opts(port: number, o: Partial<SimulatorOptions>): SimulatorOptions {
  return simulatorOptions({
    port,
    devices: 4,
    intervalS: 60,
    timeScale: 1e6,
    startMs: START,
    splitProb: 0,
    glueProb: 0,
    retry: { overTimeMs: 2000, reCount: 3 },
    backoff: { minMs: 20, maxMs: 200 },
    ...o,
  });
}

async function run(o: SimulatorOptions): Promise<{ sim: Simulator; acked: AckedRecord[] }> {
  const acked: AckedRecord[] = [];
  const sim = new Simulator(o, { onAcked: (r) => acked.push(r) });
  sim.start();
  await sim.done();
  return { sim, acked };
}

describe('simulator against a test peer', () => {
  it('matches every 9014 to its upload by MN and QN', async () => {
    const peer = await startPeer();
    const { sim, acked } = await run(opts(peer.port, { packets: 400 }));
    await peer.close();
    const s = sim.summary();
    expect(s).toMatchObject({ sent: 400, acked: 400, retransmitted: 0, failed: 0, unmatched: 0 });
    expect(peer.log.rejects).toBe(0);
    expect(peer.log.packets).toHaveLength(400);
    // Every acked record is one distinct packet the peer received, QN for QN.
    const received = new Set(peer.log.packets.map((p) => `${p.mn}|${p.qn}`));
    expect(new Set(acked.map((r) => `${r.mn}|${r.qn}`))).toEqual(received);
    for (const p of peer.log.packets) expect(p.flag).toBe(5); // 2017 + ack (Table 3)
    expect(s.ackLatencyP50Ms).not.toBeNull();
  });

  it('ignores an ack with a foreign QN and keeps waiting for its own', async () => {
    const peer = await startPeer(() => 'wrong-qn-then-ack');
    const { sim } = await run(opts(peer.port, { packets: 40 }));
    await peer.close();
    const s = sim.summary();
    expect(s).toMatchObject({ sent: 40, acked: 40, failed: 0, retransmitted: 0 });
    expect(s.unmatched).toBe(40);
    expect(s.ackLatencyP50Ms!).toBeGreaterThanOrEqual(25);
  });

  it('retransmits after OverTime and gives up after ReCount', async () => {
    const peer = await startPeer(() => 'ignore');
    const t0 = Date.now();
    const { sim } = await run(
      opts(peer.port, { packets: 8, retry: { overTimeMs: 80, reCount: 3 } }),
    );
    const elapsed = Date.now() - t0;
    await peer.close();
    const s = sim.summary();
    expect(s).toMatchObject({ sent: 8, acked: 0, failed: 8, retransmitted: 24 });
    // Each upload went out 1 + ReCount times with the same QN, then never again.
    const copies = new Map<string, number>();
    for (const p of peer.log.packets)
      copies.set(`${p.mn}|${p.qn}`, (copies.get(`${p.mn}|${p.qn}`) ?? 0) + 1);
    expect(copies.size).toBe(8);
    for (const n of copies.values()) expect(n).toBe(4);
    // 4 devices × 2 packets in sequence, each waiting 4 × OverTime before giving up.
    expect(elapsed).toBeGreaterThanOrEqual(2 * 4 * 80 - 20);
  });

  it('is acknowledged after retransmissions when the answer comes late', async () => {
    const peer = await startPeer((_p, n) => (n < 3 ? 'ignore' : 'ack'));
    const { sim, acked } = await run(
      opts(peer.port, { packets: 12, retry: { overTimeMs: 150, reCount: 5 } }),
    );
    await peer.close();
    const s = sim.summary();
    expect(s).toMatchObject({ sent: 12, acked: 12, failed: 0 });
    // Two copies went unanswered; a late answer may let a fourth copy go out (then unmatched).
    expect(s.retransmitted).toBeGreaterThanOrEqual(24);
    for (const r of acked) expect(r.attempts).toBeGreaterThanOrEqual(3);
  });

  it('splits and glues frames, and the peer still decodes every one', async () => {
    const peer = await startPeer();
    const { sim } = await run(
      opts(peer.port, {
        devices: 12,
        connections: 2,
        window: 4,
        kind: 'mixed',
        packets: 3000,
        splitProb: 0.4,
        glueProb: 0.5,
      }),
    );
    await peer.close();
    const s = sim.summary();
    expect(s).toMatchObject({ sent: 3000, acked: 3000, failed: 0 });
    expect(peer.log.rejects).toBe(0);
    expect(new Set(peer.log.packets.map((p) => `${p.mn}|${p.qn}`)).size).toBe(3000);
    expect(s.splits).toBeGreaterThan(50);
    expect(s.glued).toBeGreaterThan(50);
    expect(peer.log.partialReads).toBeGreaterThan(0);
    expect(peer.log.multiFrameReads).toBeGreaterThan(0);
  });

  it('reconnects after the peer drops the connection and delivers everything', async () => {
    let count = 0;
    // Drop the connection on every 50th frame received (that frame is lost and retransmitted).
    const peer = await startPeer(() => (++count % 50 === 0 ? 'close' : 'ack'));
    const { sim } = await run(
      opts(peer.port, { devices: 3, packets: 300, retry: { overTimeMs: 100, reCount: 5 } }),
    );
    await peer.close();
    const s = sim.summary();
    expect(s).toMatchObject({ sent: 300, acked: 300, failed: 0 });
    expect(s.disconnects).toBeGreaterThanOrEqual(5);
    expect(s.connects).toBeGreaterThan(3);
    expect(s.retransmitted).toBeGreaterThan(0);
  });

  it('sends without waiting when acks are off (Flag without bit A)', async () => {
    const peer = await startPeer();
    const { sim } = await run(opts(peer.port, { ack: false, packets: 200, glueProb: 0.3 }));
    await new Promise((r) => setTimeout(r, 50));
    await peer.close();
    expect(sim.summary()).toMatchObject({ sent: 200, acked: 0, failed: 0 });
    expect(peer.log.packets).toHaveLength(200);
    for (const p of peer.log.packets) expect(p.flag).toBe(4);
  });

  it('understands HJ/T 212-2005 answers (QN in the CP area) and 2025 answers', async () => {
    const peer = await startPeer();
    const a = await run(opts(peer.port, { edition: '2005', packets: 20, kind: 'cems' }));
    const b = await run(opts(peer.port, { edition: '2025', packets: 20, mnPrefix: 'B2' }));
    await peer.close();
    expect(a.sim.summary()).toMatchObject({ sent: 20, acked: 20 });
    expect(b.sim.summary()).toMatchObject({ sent: 20, acked: 20 });
    const flags = new Set(peer.log.packets.map((p) => `${p.version}:${p.flag}:${p.mn.length}`));
    expect(flags).toEqual(new Set(['2005:1:14', '2025:9:24']));
  });

  it('runs for --duration of wall time and drains outstanding acks', async () => {
    const peer = await startPeer();
    const t0 = Date.now();
    const { sim } = await run(opts(peer.port, { devices: 5, timeScale: 600, durationS: 0.6 }));
    const elapsed = Date.now() - t0;
    await peer.close();
    const s = sim.summary();
    // 5 devices × one packet per 60 s simulated at ×600 = one per 0.1 s each → ~30 in 0.6 s.
    // (Loose bounds: a loaded CI machine runs timers late, never early.)
    expect(s.sent).toBeGreaterThanOrEqual(5);
    expect(s.sent).toBeLessThanOrEqual(40);
    expect(s.acked).toBe(s.sent);
    expect(elapsed).toBeGreaterThanOrEqual(550);
    expect(elapsed).toBeLessThan(5000);
  });
});

describe('lantian simulate (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lt-sim-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the registry CSVs, the acked log and a JSON summary', async () => {
    const peer = await startPeer();
    const reg = join(dir, 'devices.csv');
    const st = join(dir, 'stations.csv');
    const ackedLog = join(dir, 'acked.jsonl');
    const args = [
      'bin/lantian',
      'simulate',
      '--devices',
      '6',
      '--kind',
      'mixed',
      '--interval',
      '60',
      '--target',
      `127.0.0.1:${peer.port}`,
      '--packets',
      '60',
      '--time-scale',
      '100000',
      '--start-time',
      '2024-07-01T12:00',
      '--seed',
      '7',
      '--registry-out',
      reg,
      '--stations-out',
      st,
      '--acked-log',
      ackedLog,
      '--json',
      '--progress',
      '0',
    ];
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve) => {
      const child = spawn(process.execPath, args, { cwd: process.cwd() });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    await peer.close();
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ sent: 60, acked: 60, failed: 0, devices: 6 });
    expect(stderr).toContain('模拟结束');
    const devices = readFileSync(reg, 'utf8').trim().split('\n');
    expect(devices[0]).toBe('mn,kind,target,password,edition,crc,interval_s,name');
    expect(devices).toHaveLength(7);
    expect(devices[1]).toMatch(
      /^4C540{19}1,station,SIM-4C540{19}1,123456,2017,standard,60,模拟空气站 0001$/,
    );
    expect(devices[2]).toMatch(/^4C540{19}2,outlet,/);
    const stations = readFileSync(st, 'utf8').trim().split('\n');
    expect(stations[0]).toBe('code,name,region,kind,lon,lat,pollutants,role');
    expect(stations).toHaveLength(4);
    const lines = readFileSync(ackedLog, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AckedRecord);
    expect(lines).toHaveLength(60);
    expect(new Set(lines.map((l) => l.cn))).toEqual(new Set(['2011', '2051', '2061']));
  });

  it('refuses bad option values with the usage exit code', async () => {
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ['bin/lantian', 'simulate', '--split-prob', '2'], {
        stdio: 'ignore',
      });
      child.on('close', resolve);
    });
    expect(code).toBe(2);
  });
});
