/**
 * HJ 212 end to end: the ingest server in-process on a SQLite store, the simulator as a fleet of
 * air stations and stack CEMS (split and glued frames, shared connections, retransmissions).
 * Every acknowledged packet's values are in device_values; air-station hourly averages (2061)
 * are also hourly readings. Devices with a wrong password or an unknown MN get no 9014.
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizePollutant } from '../src/air/pollutant-names.ts';
import { registerRegion, registerStations } from '../src/air/registry-service.ts';
import { readStationCsv } from '../src/cli/commands/registry.ts';
import { systemClock } from '../src/clock.ts';
import { parseDeviceCsv } from '../src/devices/device-csv.ts';
import { importDevices } from '../src/devices/device-service.ts';
import { startHj212Ingest, type Hj212Ingest } from '../src/ingest/hj212/server.ts';
import { missingAckedReadings, missingAckedValues } from '../src/simulator/acked-check.ts';
import { buildFleet, type FleetOptions } from '../src/simulator/fleet.ts';
import { simulatorOptions, type SimulatorOptions } from '../src/simulator/options.ts';
import { deviceCsv, stationCsv } from '../src/simulator/registry-csv.ts';
import { type AckedRecord, Simulator } from '../src/simulator/simulator.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestStore, type TestStore } from './support/databases.ts';
import { storedReadingRows, storedValueRows } from './support/stored-rows.ts';

const FLEET: FleetOptions = {
  devices: 24,
  kind: 'mixed',
  edition: '2017',
  mnPrefix: '4C54E2E',
  password: '123456',
  intervalS: 60,
};
// Simulated clock well in the past: the server refuses DataTimes more than a day ahead.
const START = Date.parse('2024-01-15T06:00:00+08:00');

async function simulate(port: number, o: Partial<SimulatorOptions>) {
  const acked: AckedRecord[] = [];
  const sim = new Simulator(
    simulatorOptions({
      ...FLEET,
      port,
      startMs: START,
      timeScale: 1e6,
      backoff: { minMs: 20, maxMs: 200 },
      ...o,
    }),
    { onAcked: (r) => acked.push(r) },
  );
  sim.start();
  const summary = await sim.done();
  return { summary, acked };
}

describe('HJ 212 ingest end to end (SQLite)', () => {
  let t: TestStore;
  let dir: string;
  let ingest: Hj212Ingest;

  beforeAll(async () => {
    t = await openTestStore('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'lt-e2e-'));
    const clock = systemClock;
    await registerRegion(t.db, clock, {
      adcode: '130400',
      name: '邯郸市',
      parentAdcode: null,
      level: 'city',
    });
    // The same CSVs a demo imports with `station import` and `device import`.
    const fleet = buildFleet(FLEET);
    const stations = join(dir, 'stations.csv');
    writeFileSync(stations, stationCsv(fleet, '130400', 1));
    await registerStations(t.db, clock, readStationCsv(stations));
    const parsed = parseDeviceCsv(deviceCsv(fleet));
    expect(parsed.problems).toEqual([]);
    const results = await importDevices(t.db, clock, parsed.rows, { actor: 'test' });
    expect(results.filter((r) => r.status !== 'created')).toEqual([]);
    ingest = await startHj212Ingest(
      { db: t.db, clock },
      {
        host: '127.0.0.1',
        port: 0,
        archive: { dir: join(dir, 'archive'), retentionDays: 1 },
        rollupDelayMs: 50,
      },
    );
  });

  afterAll(async () => {
    await ingest?.stop();
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores every acknowledged packet, values and hourly readings', async () => {
    const { summary, acked } = await simulate(ingest.port, {
      packets: 3000,
      connections: 6,
      window: 2,
      splitProb: 0.2,
      glueProb: 0.3,
      retry: { overTimeMs: 2000, reCount: 3 },
    });
    expect(summary).toMatchObject({
      sent: 3000,
      acked: 3000,
      failed: 0,
      unmatched: 0,
      badResponses: 0,
    });
    expect(summary.splits).toBeGreaterThan(0);
    expect(summary.glued).toBeGreaterThan(0);
    expect(new Set(acked.map((r) => r.cn))).toEqual(new Set(['2011', '2051', '2061']));

    const h = t.db.sqlite as BetterSqlite3.Database;
    const values = storedValueRows(h);
    expect(missingAckedValues(acked, values)).toEqual([]);
    const readings = storedReadingRows(h);
    const hourly = acked.filter((r) => r.cn === '2061' && r.kind === 'air');
    expect(hourly.length).toBeGreaterThan(0);
    expect(missingAckedReadings(acked, readings, normalizePollutant)).toEqual([]);

    const status = ingest.status();
    expect(status.totals.acks).toBeGreaterThanOrEqual(3000);
    expect(status.devices.registered).toBe(24);
  });

  it('sends no 9014 to a wrong password or an unknown MN', async () => {
    const before = ingest.status().totals.acks;
    const retry = { overTimeMs: 150, reCount: 1 };
    const wrongPw = await simulate(ingest.port, { packets: 12, password: '654321', retry });
    const unknown = await simulate(ingest.port, { packets: 12, mnPrefix: '4C54FFFF', retry });
    for (const { summary } of [wrongPw, unknown]) {
      expect(summary).toMatchObject({ sent: 12, acked: 0, failed: 12, retransmitted: 12 });
    }
    expect(ingest.status().totals.acks).toBe(before);
    const h = t.db.sqlite as BetterSqlite3.Database;
    const n = h
      .prepare(
        `select count(*) as n from device_values v join devices d on d.id = v.device_id where d.mn like '4C54FFFF%'`,
      )
      .get() as { n: number };
    expect(n.n).toBe(0);
  });
});
