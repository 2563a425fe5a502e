/**
 * The pure parts of the simulator's transport: the split/glue write plan, the OverTime/ReCount
 * schedule and reconnect back-off, the latency histogram, the fleet's MNs and registry CSVs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readStationCsv } from '../src/cli/commands/registry.ts';
import { parseTarget } from '../src/cli/commands/simulate.ts';
import { missingAckedReadings, missingAckedValues } from '../src/simulator/acked-check.ts';
import { parseDataTime } from '../src/simulator/beijing-time.ts';
import { buildFleet, mnFor } from '../src/simulator/fleet.ts';
import { LatencyHistogram } from '../src/simulator/latency-histogram.ts';
import { Prng } from '../src/simulator/prng.ts';
import { deviceCsv, stationCsv } from '../src/simulator/registry-csv.ts';
import {
  DEFAULT_RETRY,
  giveUpAfterMs,
  onTimeout,
  reconnectDelayMs,
} from '../src/simulator/retry-policy.ts';
import type { AckedRecord } from '../src/simulator/simulator.ts';
import { planWrites } from '../src/simulator/write-plan.ts';

describe('write plan', () => {
  it('gives back exactly the frames, in order, with consistent completion counts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 60 }), { maxLength: 30 }),
        fc.integer(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (arrays, seed, splitProb, glueProb) => {
          const frames = arrays.map((a) => Buffer.from(a));
          const plan = planWrites(frames, new Prng(seed), { splitProb, glueProb });
          expect(Buffer.concat(plan.map((w) => w.data))).toEqual(Buffer.concat(frames));
          let written = 0;
          let prev = 0;
          for (const w of plan) {
            written += w.data.length;
            expect(w.framesDone).toBeGreaterThanOrEqual(prev);
            // framesDone counts exactly the frames whose last byte has been written.
            let end = 0;
            let complete = 0;
            for (const f of frames) if ((end += f.length) <= written) complete++;
            expect(w.framesDone).toBe(complete);
            prev = w.framesDone;
          }
          expect(prev).toBe(frames.length);
        },
      ),
    );
  });

  it('splits and glues at the requested rates', () => {
    const frames = Array.from({ length: 10_000 }, (_, i) => Buffer.from(`##0004ABCD${i}\r\n`));
    const plan = planWrites(frames, new Prng(9), { splitProb: 0.1, glueProb: 0.2 });
    const split = plan.filter((w) => w.pauseBefore).length;
    const glued = plan.filter((w) => w.unitFrames > 1).length;
    const units = plan.filter((w) => w.unitFrames > 0).length;
    expect(split / units).toBeGreaterThan(0.07);
    expect(split / units).toBeLessThan(0.13);
    expect(glued / units).toBeGreaterThan(0.15);
    expect(glued / units).toBeLessThan(0.25);
    expect(planWrites(frames, new Prng(9), { splitProb: 0, glueProb: 0 })).toHaveLength(10_000);
  });
});

describe('retry policy (HJ 212-2017 Table 1)', () => {
  it('retransmits ReCount times, then fails', () => {
    expect(DEFAULT_RETRY).toEqual({ overTimeMs: 10_000, reCount: 3 });
    expect([1, 2, 3, 4].map((n) => onTimeout(n, DEFAULT_RETRY))).toEqual([
      'retransmit',
      'retransmit',
      'retransmit',
      'fail',
    ]);
    expect(onTimeout(1, { overTimeMs: 1, reCount: 0 })).toBe('fail');
    expect(giveUpAfterMs(DEFAULT_RETRY)).toBe(40_000);
  });

  it('backs off exponentially with jitter up to the cap', () => {
    const p = { minMs: 100, maxMs: 2000 };
    expect(reconnectDelayMs(0, p, 0.5)).toBe(100);
    expect(reconnectDelayMs(3, p, 0.5)).toBe(800);
    expect(reconnectDelayMs(30, p, 0.5)).toBe(2000);
    expect(reconnectDelayMs(0, p, 0)).toBe(75);
    expect(reconnectDelayMs(0, p, 0.999)).toBeLessThanOrEqual(125);
  });
});

describe('latency histogram', () => {
  it('gives percentiles within 2 % and merges', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) (i % 2 ? a : b).record(i / 10);
    a.merge(b);
    expect(a.count).toBe(1000);
    expect(a.percentile(0.5)).toBeGreaterThan(50 * 0.98);
    expect(a.percentile(0.5)).toBeLessThan(50 * 1.02);
    expect(a.percentile(0.99)).toBeGreaterThan(99 * 0.98);
    expect(a.percentile(0.99)).toBeLessThan(99 * 1.02);
    expect(a.percentile(1)).toBeCloseTo(100, 5);
    const copy = new LatencyHistogram(a.counts);
    expect(copy.percentile(0.9)).toBe(a.percentile(0.9));
    expect(new LatencyHistogram().percentile(0.5)).toBeNaN();
  });
});

describe('fleet and registry CSVs', () => {
  it('derives MNs from the prefix and the device number', () => {
    expect(mnFor('4C54', 0, '2017')).toBe('4C5400000000000000000001');
    expect(mnFor('LT', 41, '2005')).toBe('LT000000000042');
    expect(() => mnFor('X'.repeat(24), 0, '2017')).toThrow(
      expect.objectContaining({ code: 'LT_ERR_BAD_REQUEST' }),
    );
  });

  it('writes CSVs that `station import` reads', () => {
    const fleet = buildFleet({
      devices: 5,
      kind: 'mixed',
      edition: '2017',
      mnPrefix: 'AB',
      password: 'pw0001',
      intervalS: 30,
    });
    const dev = deviceCsv(fleet).trim().split('\n');
    expect(dev).toHaveLength(6);
    expect(dev[2]).toBe(
      'AB0000000000000000000002,outlet,SIM-AB0000000000000000000002,pw0001,2017,standard,30,模拟排口 0002',
    );
    const dir = mkdtempSync(join(tmpdir(), 'lt-simcsv-'));
    try {
      const file = join(dir, 'stations.csv');
      writeFileSync(file, stationCsv(fleet, '130400', 1));
      const stations = readStationCsv(file);
      expect(stations.map((s) => s.code)).toEqual(
        fleet.filter((d) => d.kind === 'air').map((d) => d.target),
      );
      for (const s of stations) {
        expect(s).toMatchObject({ regionAdcode: '130400', kind: '其他', role: 'assessment' });
        expect(s.pollutants).toEqual(['SO2', 'NO2', 'CO', 'O3', 'PM10', 'PM2.5']);
        expect(Math.abs(s.lon! - 114.54)).toBeLessThan(0.2);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('parses --target', () => {
    expect(parseTarget('10.0.0.5:9300')).toEqual({ host: '10.0.0.5', port: 9300 });
    expect(parseTarget('[::1]:9212')).toEqual({ host: '::1', port: 9212 });
    expect(parseTarget('9400')).toEqual({ host: '127.0.0.1', port: 9400 });
    expect(() => parseTarget('host:99999')).toThrow(
      expect.objectContaining({ code: 'LT_ERR_BAD_REQUEST' }),
    );
  });
});

describe('acked-log check', () => {
  const rec: AckedRecord = {
    mn: 'M1',
    kind: 'air',
    target: 'S1',
    qn: '20240115010000001',
    st: '22',
    cn: '2061',
    dataTime: '20240115000000',
    cp: [
      ['DataTime', '20240115000000'],
      ['a34004-Avg', '35.5'],
      ['a34004-Flag', 'N'],
      ['a21005-Avg', '1.234'],
      ['a21005-Flag', 'D'],
    ],
    attempts: 1,
    latencyMs: 1,
  };
  const t = parseDataTime('20240115000000');
  const row = (code: string, avg: number, flag: string) => ({
    mn: 'M1',
    cn: 2061,
    code,
    data_time: t,
    rtd: null,
    avg,
    zs_avg: null,
    cou: null,
    flag,
  });

  it('finds nothing missing when every value is stored', () => {
    expect(
      missingAckedValues([rec], [row('a34004', 35.5, 'N'), row('a21005', 1.234, 'D')]),
    ).toEqual([]);
    const readings = [
      { station: 'S1', pollutant: 'PM2.5', hour: t, value: 35.5 },
      { station: 'S1', pollutant: 'CO', hour: t, value: 1.234 },
    ];
    const name = (c: string) => ({ a34004: 'PM2.5', a21005: 'CO' })[c];
    expect(missingAckedReadings([rec], readings, name)).toEqual([]);
    expect(missingAckedReadings([rec], readings.slice(1), name)).toHaveLength(1);
  });

  it('reports missing rows, other values and other flags', () => {
    expect(missingAckedValues([rec], [row('a34004', 35.5, 'N')]).map((p) => p.code)).toEqual([
      'a21005',
    ]);
    expect(
      missingAckedValues([rec], [row('a34004', 35.4, 'N'), row('a21005', 1.234, 'N')]),
    ).toHaveLength(2);
  });
});
