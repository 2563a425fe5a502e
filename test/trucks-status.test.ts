/**
 * The trucks' status API end to end: terminals send frames over TCP to the listener, then the
 * API reports online and connected vehicles, last position and time, recent records (decoded
 * from the archive) with their
 * flags, and recent rejections — each county seeing only its own vehicles.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { systemClock } from '../src/clock.ts';
import { encodeMessage } from '../src/protocols/gb17691/index.ts';
import { streamBlock } from '../src/protocols/gb17691/test-frames.ts';
import { startTruckListener, type TruckListener } from '../src/trucks/listener/server.ts';
import { DEFAULT_TRUCKS_CONFIG, type TrucksConfig } from '../src/trucks/trucks-config.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import {
  openTestArchive,
  seedTrucks,
  seedVehicles,
  Terminal,
  VIN_GB,
  VIN_HJ,
  VIN_OTHER,
} from './trucks-support.ts';

const at = (k: number) => `2024-05-01T08:31:${String(k).padStart(2, '0')}+08:00`;

const config: TrucksConfig = {
  ...DEFAULT_TRUCKS_CONFIG,
  listener: { ...DEFAULT_TRUCKS_CONFIG.listener, host: '127.0.0.1', port: 0, commitDelayMs: 2 },
};

describe.each(dialectsUnderTest())('truck status API on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let listener: TruckListener;
  let tokens: Awaited<ReturnType<typeof seedTrucks>>;
  let term: Terminal;
  let store: Awaited<ReturnType<typeof openTestArchive>>;
  const get = (url: string, token: string) =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    t = await openTestStore(dialect);
    tokens = await seedTrucks(t.db);
    await seedVehicles(t.db);
    store = await openTestArchive();
    listener = await startTruckListener(
      { db: t.db, clock: systemClock, archive: store.archive },
      config,
    );
    app = await buildApp({
      db: t.db,
      clock: systemClock,
      logLevel: false,
      auth: DEFAULT_AUTH_CONFIG,
      trucks: config,
      truckLive: listener,
      truckArchive: store.archive,
      web: false,
    });
    term = await Terminal.open(listener.port);
    // The HJ-mode truck (county A) reports three seconds; the second one with a high NOx.
    const blocks = [0, 1, 2].map((k) =>
      streamBlock(at(k), null, {
        speed: 40 + k,
        lon: 114.5 + k / 1000,
        lat: 36.6,
        ...(k === 1 ? { noxUpstream: 900, noxDownstream: 850, scrInletTemp: 260 } : {}),
      }),
    );
    term.send(
      encodeMessage({
        kind: 'realtime',
        command: 0x02,
        vin: VIN_HJ,
        layout: 'hj1239',
        sendTime: at(3),
        serial: 7,
        blocks,
        signature: null,
      }),
    );
    term.send(encodeMessage({ kind: 'time-calibration', command: 0x05, vin: VIN_OTHER }));
    await term.waitReplies(1);
    await listener.drain();
  });
  afterAll(async () => {
    term?.close();
    await app?.close();
    await listener?.stop();
    await store?.cleanup();
    await t?.cleanup();
  });

  it('counts vehicles online and connected, per county', async () => {
    const city = (await get('/api/trucks/status', tokens.admin)).json();
    expect(city).toMatchObject({ vehicles: 2, online: 1, connected: 1, onlineWindowS: 300 });
    expect(city.listener).toMatchObject({ running: true, port: listener.port, connections: 1 });
    expect(city.listener.rejections).toEqual({ unknown_vin: 1 });
    const a = (await get('/api/trucks/status', tokens.countyA)).json();
    expect(a).toMatchObject({ vehicles: 1, online: 1, connected: 1, listener: null });
    const b = (await get('/api/trucks/status', tokens.countyB)).json();
    expect(b).toMatchObject({ vehicles: 1, online: 0, connected: 0, listener: null });
  });

  it('shows the last position and time in the vehicle list', async () => {
    const list = (await get('/api/trucks/vehicles', tokens.admin)).json() as Array<{
      vin: string;
      status: Record<string, unknown>;
    }>;
    const hj = list.find((v) => v.vin === VIN_HJ)!;
    expect(hj.status).toMatchObject({
      online: true,
      connected: true,
      lastRecordTime: Date.parse(at(2)),
      lastLon: 114.502,
      lastLat: 36.6,
      lastSpeed: 42,
      records: 3,
    });
    expect(list.find((v) => v.vin === VIN_GB)!.status).toMatchObject({
      online: false,
      lastFrameAt: null,
      records: 0,
    });
  });

  it('lists a vehicle’s recent records newest first, with their flags, in scope only', async () => {
    const r = await get(`/api/trucks/vehicles/${VIN_HJ}/records?limit=2`, tokens.countyA);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.records.map((x: { time: number }) => x.time)).toEqual([
      Date.parse(at(2)),
      Date.parse(at(1)),
    ]);
    expect(body.records[1]).toMatchObject({
      noxUpstream: 900,
      noxDownstream: 850,
      scrInletTemp: 260,
      reissue: false,
      ruleVersion: 'trucks-record-1',
    });
    expect(body.records[1].flags.map((f: { code: string }) => f.code)).toEqual([
      'nox_high',
      'scr_no_conversion',
    ]);
    expect(body.records[0].flags).toEqual([]);
    expect((await get(`/api/trucks/vehicles/${VIN_HJ}/records`, tokens.countyB)).statusCode).toBe(
      403,
    );
    const missing = await get('/api/trucks/vehicles/LSVAM41Z9F2000009/records', tokens.admin);
    expect(missing.statusCode).toBe(404);
  });

  it('lists recent rejections to the city office only', async () => {
    const r = (await get('/api/trucks/rejections', tokens.admin)).json();
    expect(r[0]).toMatchObject({ reason: 'unknown_vin', vin: VIN_OTHER, command: 5 });
    expect((await get('/api/trucks/rejections', tokens.countyA)).statusCode).toBe(403);
  });
});
