/**
 * Helpers of the HJ 212 ingest tests: a store with a region, an air station and registered
 * devices; frame builders; a TCP client that collects the server's acknowledgements.
 */
import { connect, type Socket } from 'node:net';
import { upsertRegions } from '../src/air/region-repo.ts';
import { upsertStations } from '../src/air/station-repo.ts';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { systemClock } from '../src/clock.ts';
import { createDevice } from '../src/devices/device-service.ts';
import type { DeviceInput } from '../src/devices/device-rules.ts';
import {
  startHj212Ingest,
  type Hj212Ingest,
  type Hj212IngestOptions,
} from '../src/ingest/hj212/server.ts';
import {
  type CrcVariant,
  Hj212Decoder,
  type Hj212Packet,
  type Hj212PacketInput,
  serialize,
} from '../src/protocols/hj212/index.ts';
import { isLantianError } from '../src/errors.ts';
import type { Db } from '../src/store/db.ts';

export const T0 = Date.UTC(2024, 2, 1, 0, 0, 0); // 2024-03-01 08:00 Beijing time
export const STATION = '1011A';
export const MN_AIR = 'A1B2C3D4E5F6000000000001';
export const MN_CEMS = 'A1B2C3D4E5F6000000000002';
export const MN_2005 = 'LD130133000015';
export const MN_2025 = 'A1B2C3D4E5F6000000000025';
export const MN_MODBUS = 'A1B2C3D4E5F60000000000BB';
export const PW = '123456';
export const WHO = { actor: 'test', ip: null };

/** Registers the region, station and the standard set of test devices. */
export async function seedDevices(db: Db, extra: DeviceInput[] = []): Promise<void> {
  await upsertRegions(
    db,
    [{ adcode: '130400', name: '邯郸市', parentAdcode: null, level: 'city' }],
    T0,
  );
  await upsertStations(
    db,
    [
      {
        code: STATION,
        name: '环境监测站',
        regionAdcode: '130400',
        kind: '国控',
        lon: 114.5,
        lat: 36.6,
        pollutants: ['SO2', 'NO2', 'PM10', 'PM2.5', 'CO', 'O3'],
      },
    ],
    T0,
  );
  const base = { password: PW, crc: 'standard', intervalS: 3600 };
  const devices: DeviceInput[] = [
    { ...base, mn: MN_AIR, kind: 'station', target: STATION, edition: 'auto' },
    { ...base, mn: MN_CEMS, kind: 'outlet', target: 'DA001', edition: '2017', intervalS: 60 },
    { ...base, mn: MN_2005, kind: 'outlet', target: 'DA002', edition: 'auto', password: '000000' },
    { ...base, mn: MN_2025, kind: 'outlet', target: 'DA003', edition: 'auto' },
    { ...base, mn: MN_MODBUS, kind: 'outlet', target: 'DA004', edition: 'auto', crc: 'modbus' },
    ...extra,
  ];
  for (const d of devices) await createDevice(db, systemClock, d, WHO);
}

/** Starts an in-process ingest server on a random port with test-friendly settings. */
export function startTestIngest(db: Db, opts: Hj212IngestOptions = {}): Promise<Hj212Ingest> {
  return startHj212Ingest(
    { db, clock: systemClock },
    { host: '127.0.0.1', port: 0, archive: false, commitDelayMs: 2, rollupDelayMs: 50, ...opts },
  );
}

/** The application (with sign-in) over a store, serving what `ingest` knows (status, values). */
export function appWithIngest(db: Db, ingest: Hj212Ingest): Promise<FastifyInstance> {
  return buildApp({ db, clock: systemClock, logLevel: false, auth: DEFAULT_AUTH_CONFIG, ingest });
}

/** YYYYMMDDhhmmss of an instant in Beijing time (UTC+8). */
export function beijing(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().replace(/[-T:]/g, '').slice(0, 14);
}

let qn = 0;
/** A fresh 17-digit QN. */
export function nextQn(): string {
  qn++;
  return `20240301080000${String(qn % 1000).padStart(3, '0')}`;
}

/** An upload packet with Flag=5 (2017, ack requested) unless overridden. */
export function upload(
  mn: string,
  cn: string,
  dataTime: number,
  items: Record<string, Record<string, string | number>>,
  over: Partial<Hj212PacketInput> = {},
): Hj212PacketInput {
  const cp: Array<[string, string]> = [['DataTime', beijing(dataTime)]];
  for (const [code, sfx] of Object.entries(items)) {
    for (const [s, v] of Object.entries(sfx)) cp.push([`${code}-${s}`, String(v)]);
  }
  return { qn: nextQn(), st: '22', cn, pw: PW, mn, flag: 5, cp, ...over };
}

/** A frame of a packet. */
export function frame(p: Hj212PacketInput, crc: CrcVariant = 'standard'): Buffer {
  return serialize(p, { crc });
}

/** A TCP client that collects every packet the server sends back. */
export class TestClient {
  readonly received: Hj212Packet[] = [];
  private readonly decoder: Hj212Decoder;
  private waiters: Array<() => void> = [];
  closed = false;

  private constructor(
    readonly socket: Socket,
    crc: CrcVariant,
  ) {
    this.decoder = new Hj212Decoder({ crc });
    socket.on('data', (chunk: Buffer) => {
      for (const e of this.decoder.push(chunk)) if (e.ok) this.received.push(e.packet);
      for (const w of this.waiters.splice(0)) w();
    });
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.waiters.splice(0)) w();
    });
    socket.on('error', () => undefined);
  }

  /** Connects to the ingest port. */
  static open(port: number, crc: CrcVariant = 'standard'): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const s = connect({ host: '127.0.0.1', port }, () => resolve(new TestClient(s, crc)));
      s.once('error', reject);
    });
  }

  /** Writes bytes and waits until the kernel took them. */
  write(data: Buffer): Promise<void> {
    return new Promise((resolve) => this.socket.write(data, () => resolve()));
  }

  /** Waits until `n` packets came back (or the timeout passes, then returns what came). */
  async waitFor(n: number, timeoutMs = 5000): Promise<Hj212Packet[]> {
    const until = Date.now() + timeoutMs;
    while (this.received.length < n && !this.closed && Date.now() < until) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(1, until - Date.now()));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.received;
  }

  /** Closes the connection. */
  close(): void {
    this.socket.destroy();
  }
}

/** Sleeps. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The catalogue code a promise rejects with (undefined when it resolves). */
export async function errorCode(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    if (isLantianError(e)) return e.code;
    throw e;
  }
}
