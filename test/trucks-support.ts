/**
 * Helpers of the heavy-truck tests: a store with the city and two counties, users of each role,
 * registered vehicles, and a TCP terminal that sends frames built by the codec's serializer and
 * collects the platform's replies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { upsertRegions } from '../src/air/region-repo.ts';
import { buildApp } from '../src/app.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createToken } from '../src/auth/token-service.ts';
import { createUser } from '../src/auth/user-service.ts';
import { systemClock } from '../src/clock.ts';
import { decodeFrame, Gb17691Framer } from '../src/protocols/gb17691/index.ts';
import type { Db } from '../src/store/db.ts';
import type { VehicleInput } from '../src/trucks/rules/vehicle-rules.ts';
import { DEFAULT_TRUCKS_CONFIG } from '../src/trucks/trucks-config.ts';
import { createVehicle } from '../src/trucks/vehicle-service.ts';
import { openTruckArchive, type TruckArchive } from '../src/trucks/archive/truck-archive.ts';

export const WHO = { actor: 'test', ip: null };

/** The HTTP app over a test store with the default auth and truck settings (no dashboard). */
export function buildTruckApp(db: Db): Promise<FastifyInstance> {
  return buildApp({
    db,
    clock: systemClock,
    logLevel: false,
    auth: DEFAULT_AUTH_CONFIG,
    trucks: DEFAULT_TRUCKS_CONFIG,
    web: false,
  });
}
export const CITY = '130400';
export const COUNTY_A = '130402';
export const COUNTY_B = '130403';
/** VINs with a correct GB 16735 check digit. */
export const VIN_HJ = 'LSVAM41Z1F2000001';
export const VIN_GB = 'LSVAM41Z3F2000002';
export const VIN_OTHER = 'LSVAM41Z5F2000003';

/** A registration with defaults. */
export function vehicle(over: Partial<VehicleInput> & { vin: string }): VehicleInput {
  return {
    plate: '冀D' + over.vin.slice(-5),
    plateColour: '黄',
    emissionStage: '国六',
    fuel: '柴油',
    county: COUNTY_A,
    owner: '邯郸物流公司',
    fleet: '钢铁运输队',
    ...over,
  };
}

/** Regions, users (admin, county A, county B) and their API tokens. */
export async function seedTrucks(
  db: Db,
): Promise<{ admin: string; countyA: string; countyB: string }> {
  await upsertRegions(
    db,
    [
      { adcode: CITY, name: '邯郸市', parentAdcode: null, level: 'city' },
      { adcode: COUNTY_A, name: '邯山区', parentAdcode: CITY, level: 'county' },
      { adcode: COUNTY_B, name: '丛台区', parentAdcode: CITY, level: 'county' },
    ],
    systemClock.now(),
  );
  const password = 'Lantian-test-2024';
  const tokenOf = async (username: string, role: 'city-admin' | 'county', region?: string) => {
    const u = await createUser(db, systemClock, WHO, {
      username,
      role,
      password,
      ...(region ? { regionAdcode: region } : {}),
    });
    return (await createToken(db, systemClock, WHO, u.id, 'test', null)).token;
  };
  return {
    admin: await tokenOf('admin', 'city-admin'),
    countyA: await tokenOf('county-a', 'county', COUNTY_A),
    countyB: await tokenOf('county-b', 'county', COUNTY_B),
  };
}

/** Registers the standard test vehicles: one HJ-mode in county A, one GB-mode in county B. */
export async function seedVehicles(db: Db): Promise<void> {
  await createVehicle(db, systemClock, vehicle({ vin: VIN_HJ, replyMode: 'hj' }), WHO);
  await createVehicle(
    db,
    systemClock,
    vehicle({ vin: VIN_GB, replyMode: 'gb', county: COUNTY_B }),
    WHO,
  );
}

/** A reply of the platform: its header, data unit and, for time calibration, the time. */
export interface Reply {
  command: number;
  vin: string;
  data: string;
  time?: string | null;
  /** Reply flag of a "~~" reply (0x01 accepted, 0x02 refused); absent in "##" replies. */
  replyFlag?: number;
}

/** A terminal over a real TCP socket: sends bytes, reads the platform's replies. */
export class Terminal {
  readonly replies: Reply[] = [];
  closed = false;
  private readonly framer = new Gb17691Framer();
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const f of this.framer.push(chunk)) {
        if (!f.ok) continue;
        const reply: Reply = { command: f.command, vin: f.vin, data: f.data.toString('hex') };
        if (f.start === '~~' && f.replyFlag !== null) reply.replyFlag = f.replyFlag;
        if (f.command === 0x05) {
          const d = decodeFrame(f, { vinCheckDigit: 'off' });
          if (d.ok && d.message.kind === 'time-calibration') reply.time = d.message.time ?? null;
        }
        this.replies.push(reply);
      }
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  /** Connects to the listener. */
  static open(port: number): Promise<Terminal> {
    return new Promise((resolve, reject) => {
      const s = connect({ host: '127.0.0.1', port }, () => resolve(new Terminal(s)));
      s.once('error', reject);
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  send(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Resolves once `n` replies arrived (or the connection closed); rejects after `ms`. */
  async waitReplies(n: number, ms = 5000): Promise<Reply[]> {
    const deadline = Date.now() + ms;
    while (this.replies.length < n && !this.closed) {
      if (Date.now() > deadline) throw new Error(`only ${this.replies.length} of ${n} replies`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
    return this.replies;
  }

  /** Resolves once the platform closed the connection; rejects after `ms`. */
  async waitClosed(ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('connection still open');
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A raw-frame archive in a temporary directory of its own. */
export async function openTestArchive(): Promise<{
  archive: TruckArchive;
  dir: string;
  cleanup(): Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-truck-archive-'));
  const archive = await openTruckArchive(dir, { retentionDays: 30 });
  return {
    archive,
    dir,
    async cleanup() {
      await archive.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Today in Beijing time ('YYYY-MM-DD'): the day test frames are collected and received on. */
export const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
