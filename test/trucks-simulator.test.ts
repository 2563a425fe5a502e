/**
 * The truck simulator: its pure models (VINs with the GB 16735 check digit, cold start and SCR
 * conversion, faults, reissue of data made offline) and a short run through bin/lantian —
 * `simulate-trucks --register` writes the sheet, `trucks vehicle import` registers it, `serve`
 * listens, `simulate-trucks` drives the trucks ~20 s with a forced disconnect, and the listener's
 * counters (GET /api/trucks/status) show the frames; then the same over two `~~` platform
 * connections (`--via-platform`), counted per platform (GET /api/trucks/platforms).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Gb17691Decoder, vinProblem } from '../src/protocols/gb17691/index.ts';
import { Prng } from '../src/simulator/prng.ts';
import type { PlatformOut, TrucksStatusOut } from '../src/trucks/schema.ts';
import { asForwarded, SimTerminal } from '../src/trucks/simulator/sim-terminal.ts';
import { startTrip, stepTrip } from '../src/trucks/simulator/trip-model.ts';
import { buildTruckFleet, simulatedVin } from '../src/trucks/simulator/truck-fleet.ts';
import { runCli, startCli } from './support/cli.ts';
import { openTestStore, type TestStore } from './support/databases.ts';
import { seedTrucks } from './trucks-support.ts';

describe('truck simulator models', () => {
  it('makes VINs with a correct GB 16735 check digit', () => {
    for (const i of [0, 1, 9, 12_345, 19_999, 999_999])
      expect(vinProblem(simulatedVin(i))).toBeNull();
    expect(
      new Set(
        buildTruckFleet({
          vehicles: 500,
          seed: 1,
          layout: 'mix',
          faultyShare: 0,
          tamperShare: 0,
        }).map((t) => t.vin),
      ).size,
    ).toBe(500);
  });

  it('gives the fleet its faulty and tampered shares', () => {
    const fleet = buildTruckFleet({
      vehicles: 1000,
      seed: 3,
      layout: 'hj',
      faultyShare: 0.1,
      tamperShare: 0.03,
    });
    const count = (f: string) => fleet.filter((t) => t.fault === f).length;
    expect(count('scr-faulty')).toBe(100);
    expect(count('reagent-flat') + count('nox-invalid') + count('removal')).toBe(30);
    expect(count('removal')).toBeGreaterThan(0);
  });

  it('warms the SCR from ambient: no conversion cold, about 90 % warm, none when faulty', () => {
    const [healthy] = buildTruckFleet({
      vehicles: 1,
      seed: 5,
      layout: 'hj',
      faultyShare: 0,
      tamperShare: 0,
    });
    const spec = { ...healthy!, duty: 'highway' as const, ambientC: 5 };
    const run = (fault: typeof spec.fault) => {
      const rng = new Prng(9);
      let s = startTrip({ ...spec, fault });
      const out = [];
      for (let k = 0; k < 3600; k++) {
        const r = stepTrip({ ...spec, fault }, s, rng);
        s = r.state;
        out.push(r.readings);
      }
      return out;
    };
    const ok = run('none');
    expect(ok[0]!.scrInletTemp!).toBeLessThan(10);
    const ratio = (r: (typeof ok)[number]) => r.noxDownstream! / r.noxUpstream!;
    expect(ratio(ok[30]!)).toBeGreaterThan(0.9); // cold: no conversion
    const warm = ok.slice(-600).filter((r) => r.scrInletTemp! >= 250);
    expect(warm.length).toBeGreaterThan(300);
    const mean = warm.reduce((a, r) => a + ratio(r), 0) / warm.length;
    expect(mean).toBeGreaterThan(0.08);
    expect(mean).toBeLessThan(0.15);
    const bad = run('scr-faulty').slice(-600);
    expect(bad.every((r) => ratio(r) > 0.95)).toBe(true);
    expect(run('nox-invalid').every((r) => r.noxDownstream === null)).toBe(true);
    const flat = run('reagent-flat');
    expect(flat[flat.length - 1]!.reagent).toBe(flat[0]!.reagent);
    expect(ok[ok.length - 1]!.reagent!).toBeLessThan(ok[0]!.reagent!);
  });

  it('makes frames the codec accepts in every layout, forwarded too, with the anti-tamper alarm', () => {
    for (const layout of ['hj', 'gb1', 'gb10'] as const) {
      const fleet = buildTruckFleet({
        vehicles: 40,
        seed: 2,
        layout,
        faultyShare: 0,
        tamperShare: 1,
      });
      const spec = fleet.find((x) => x.fault === (layout === 'hj' ? 'removal' : 'nox-invalid'))!;
      const t = new SimTerminal(spec, 2);
      let now = Date.UTC(2026, 0, 1);
      const frames = [t.login(now)];
      for (let k = 0; k < 130; k++) frames.push(...t.second((now += 1000)));
      const decoder = new Gb17691Decoder({ vinCheckDigit: 'reject' });
      const events = frames.flatMap((f) =>
        decoder.push(Buffer.concat([f.bytes, asForwarded(f.bytes)])),
      );
      expect(events.filter((e) => !e.ok)).toEqual([]);
      const kinds = events.flatMap((e) => (e.ok ? [e.message.kind] : []));
      expect(kinds.filter((k) => k === 'realtime').length).toBe(26);
      expect(kinds.filter((k) => k === 'time-calibration').length).toBe(2);
      expect(kinds.filter((k) => k === 'anti-tamper').length).toBe(layout === 'hj' ? 4 : 0);
      for (const e of events)
        if (e.ok && e.message.kind === 'realtime') expect(e.message.layout).toBe(spec.layout);
    }
  });

  it('keeps the batches made offline and reissues them (0x03) after the next login', () => {
    const [spec] = buildTruckFleet({
      vehicles: 1,
      seed: 1,
      layout: 'hj',
      faultyShare: 0,
      tamperShare: 0,
    });
    const t = new SimTerminal(spec!, 1);
    let now = Date.UTC(2026, 0, 1);
    const sent: number[] = [];
    const tick = (n: number) => {
      for (let k = 0; k < n; k++) sent.push(...t.second((now += 1000)).map((f) => f.command));
    };
    expect(t.login(now).command).toBe(0x01);
    tick(20);
    t.lost();
    tick(30);
    expect(t.backlogSize).toBe(3);
    expect(sent.filter((c) => c === 0x02)).toHaveLength(2);
    t.login(now);
    tick(10);
    expect(sent.filter((c) => c === 0x03)).toHaveLength(3);
    expect(t.backlogSize).toBe(0);
  });
});

describe('simulate-trucks against serve', () => {
  let t: TestStore;
  let dir: string;
  let admin: string;
  beforeAll(async () => {
    t = await openTestStore('sqlite');
    admin = (await seedTrucks(t.db)).admin;
    dir = mkdtempSync(join(tmpdir(), 'lantian-trucks-sim-'));
  });
  afterAll(async () => {
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers the simulated trucks, drives them, reissues after a disconnect, and via platforms', async () => {
    const csv = join(dir, 'trucks.csv');
    const reg = await runCli(['simulate-trucks', '--vehicles', '8', '--register', csv], t.env);
    expect(reg.code, reg.stderr).toBe(0);
    expect(readFileSync(csv, 'utf8').trim().split('\n')).toHaveLength(9);
    const imp = await runCli(['trucks', 'vehicle', 'import', csv], t.env);
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toContain('新增 8');
    const add = await runCli(
      [
        'trucks',
        'platform',
        'add',
        '--name',
        '模拟转发平台',
        '--username',
        'simfwd',
        '--region',
        '130400',
        '--password-stdin',
      ],
      t.env,
      'sim-Fwd-2026\n',
    );
    expect(add.code, add.stderr).toBe(0);

    const env = { ...t.env, LANTIAN_LOG_LEVEL: 'warn', LANTIAN_HJ212_PORT: '0' };
    const { child, match } = await startCli(
      ['serve', '--port', '0', '--host', '127.0.0.1', '--trucks-port', '0'],
      env,
      /蓝天已启动：(\S+?)（[\s\S]*重型车终端监听端口 (\d+)/,
    );
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const api = async <T>(path: string): Promise<T> => {
      const r = await fetch(`${match[1]}${path}`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(r.status).toBe(200);
      return (await r.json()) as T;
    };
    try {
      const run = await runCli(
        [
          'simulate-trucks',
          '--vehicles',
          '8',
          '--target',
          `127.0.0.1:${match[2]}`,
          '--duration',
          '20',
        ].concat([
          '--force-disconnect',
          '4',
          '--disconnect-prob',
          '0',
          '--progress',
          '5',
          '--json',
        ]),
        t.env,
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/在线 \d+\/8 辆/);
      expect(run.stderr).toContain('模拟结束');
      const s = JSON.parse(run.stdout);
      expect(s.connectFailures).toBe(0);
      expect(s.disconnects).toBe(8);
      expect(s.reissueFrames).toBeGreaterThanOrEqual(8);
      expect(s.realtimeFrames).toBeGreaterThan(0);
      expect(s.replies).toBeGreaterThan(0);
      expect(s.p99Ms).toBeGreaterThanOrEqual(0);
      const status = await api<z.output<typeof TrucksStatusOut>>('/api/trucks/status');
      expect(status.vehicles).toBe(8);
      expect(status.online).toBe(8);
      expect(status.listener?.framesAccepted).toBeGreaterThanOrEqual(s.framesSent);
      expect(status.listener?.rejections['unknown_vin'] ?? 0).toBe(0);

      const via = await runCli(
        [
          'simulate-trucks',
          '--vehicles',
          '8',
          '--target',
          `127.0.0.1:${match[2]}`,
          '--duration',
          '12',
        ].concat([
          '--via-platform',
          '2',
          '--platform-user',
          'simfwd',
          '--disconnect-prob',
          '0',
          '--json',
        ]),
        { ...t.env, LANTIAN_SIM_PLATFORM_PASSWORD: 'sim-Fwd-2026' },
      );
      expect(via.code, via.stderr).toBe(0);
      const v = JSON.parse(via.stdout);
      expect(v.platformLogins).toBe(2);
      expect(v.replies).toBeGreaterThan(0);
      const platforms = await api<Array<z.output<typeof PlatformOut>>>('/api/trucks/platforms');
      expect(platforms).toMatchObject([
        { username: 'simfwd', enabled: true, live: { vehicles: 8 } },
      ]);
      expect(platforms[0]?.live?.frames).toBeGreaterThanOrEqual(v.framesSent);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 180_000);
});
