/**
 * The HJ 212 downlink over a real socket, answered by the simulator's logger (src/simulator/
 * command-responder.ts): get/set time and intervals, history requests, 9011/9012 handling and the
 * command log; automatic 1012 for a clock far ahead; automatic history requests for missing hours.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth/token-service.ts';
import { createUser } from '../src/auth/user-service.ts';
import { systemClock } from '../src/clock.ts';
import type { Hj212Ingest } from '../src/ingest/hj212/server.ts';
import {
  type Hj212Packet,
  type Hj212PacketInput,
  serialize,
} from '../src/protocols/hj212/index.ts';
import { LoggerCommands } from '../src/simulator/command-responder.ts';
import { Prng } from '../src/simulator/prng.ts';
import { SimConnection } from '../src/simulator/sim-connection.ts';
import { SimStats } from '../src/simulator/sim-stats.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import {
  appWithIngest,
  beijing,
  nextQn,
  PW,
  seedDevices,
  sleep,
  startTestIngest,
  WHO,
} from './ingest-support.ts';

const run = promisify(execFile);

const MN = 'SIM0000000000000000000D1';
const HOUR = 3_600_000;

/** A simulated logger on a real socket answering commands with LoggerCommands. */
class SimLogger {
  readonly conn: SimConnection;
  readonly logger: LoggerCommands;
  readonly commands: Hj212Packet[] = [];
  private n = 0;

  constructor(port: number, clockOffsetMs = 0) {
    this.logger = new LoggerCommands(
      'Asia/Shanghai',
      (cn, b, e, qn) => {
        const out: Hj212PacketInput[] = [];
        for (let t = b; t <= e; t += HOUR)
          out.push(hourly(t, { qn, value: 50 + ((t / HOUR) % 7) }));
        return out;
      },
      clockOffsetMs,
    );
    this.conn = new SimConnection({
      host: '127.0.0.1',
      port,
      splitProb: 0,
      glueProb: 0,
      splitPauseMs: 0,
      backoff: { minMs: 50, maxMs: 200 },
      crc: 'standard',
      rng: new Prng(1),
      stats: new SimStats(),
      onAck: () => undefined,
      onCommand: (p) => {
        this.commands.push(p);
        for (const a of this.logger.answer(p, Date.now())) this.send(a);
      },
    });
  }

  send(p: Hj212PacketInput): void {
    this.conn.enqueue(`k${this.n++}`, serialize(p));
  }

  async open(): Promise<void> {
    this.conn.start();
    for (let i = 0; i < 100 && !this.conn.connected; i++) await sleep(20);
  }
}

function hourly(t: number, o: { qn?: string; value: number }): Hj212PacketInput {
  return {
    qn: o.qn ?? nextQn(),
    st: '22',
    cn: '2061',
    pw: PW,
    mn: MN,
    flag: 5,
    cp: [
      ['DataTime', beijing(t)],
      ['a34004-Avg', String(o.value)],
      ['a34004-Flag', 'N'],
    ],
  };
}

async function until(check: () => Promise<boolean> | boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error('condition not met in time');
}

describe.each(dialectsUnderTest())('HJ 212 downlink on %s', (dialect) => {
  let t: TestStore;
  let ingest: Hj212Ingest;
  const loggers: SimLogger[] = [];

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedDevices(t.db, [
      {
        mn: MN,
        kind: 'outlet',
        target: 'DA700',
        password: PW,
        edition: 'auto',
        crc: 'standard',
        intervalS: 3600,
        clockSync: 'auto',
      },
    ]);
    ingest = await startTestIngest(t.db, { downlink: { backfillGapMs: 0 } });
  });
  afterAll(async () => {
    for (const l of loggers) await l.conn.close();
    await ingest?.stop();
    await t?.cleanup();
  });

  it('gets and sets time and intervals; the log records 9011 and 9012', async () => {
    const sim = new SimLogger(ingest.port, -90_000);
    loggers.push(sim);
    await sim.open();
    sim.send(hourly(Math.floor(Date.now() / HOUR) * HOUR - 10 * HOUR, { value: 40 }));
    await until(() => ingest.status().devices.list.find((d) => d.mn === MN)!.connected);

    const got = await ingest.command(MN, 'get-time', {}, 'test');
    expect(got).toMatchObject({ cn: '1011', origin: 'operator', actor: 'test' });
    // Sent at once (the logger may already have answered by the time the row is read back).
    expect(['sent', 'accepted', 'done']).toContain(got.status);
    await until(async () => (await ingest.commands(MN))[0]!.status === 'done');
    const log1 = (await ingest.commands(MN))[0]!;
    expect(JSON.parse(log1.answer!)).toMatchObject({ QnRtn: 1, ExeRtn: 1 });
    expect(JSON.parse(log1.answer!).SystemTime).toMatch(/^\d{14}$/);
    // The 1011 answer gives the exact skew: the logger runs 90 s behind.
    const skew = ingest.status().devices.list.find((d) => d.mn === MN)!.clockSkewS!;
    expect(skew).toBeGreaterThan(-95);
    expect(skew).toBeLessThan(-85);

    await ingest.command(MN, 'set-time', {}, 'test');
    await ingest.command(MN, 'set-rtd-interval', { RtdInterval: '60' }, 'test');
    await ingest.command(MN, 'get-rtd-interval', {}, 'test');
    await until(async () => (await ingest.commands(MN)).every((c) => c.status === 'done'));
    expect(Math.abs(sim.logger.clockOffsetMs)).toBeLessThan(2000);
    expect(sim.logger.rtdInterval).toBe(60);
    const log = await ingest.commands(MN);
    expect(log.map((c) => c.cn)).toEqual(['1061', '1062', '1012', '1011']);
    expect(JSON.parse(log[0]!.answer!)).toMatchObject({ RtdInterval: '60' });
    await expect(ingest.command(MN, 'set-rtd-interval', {}, 'test')).rejects.toMatchObject({
      code: 'LT_ERR_BAD_COMMAND',
    });
  });

  it('requests the missing hours after a gap, and the gap fills itself', async () => {
    const sim = loggers[0]!;
    const h0 = Math.floor(Date.now() / HOUR) * HOUR - 8 * HOUR;
    sim.send(hourly(h0, { value: 41 }));
    sim.send(hourly(h0 + 4 * HOUR, { value: 45 })); // hours h0+1 … h0+3 missing
    await until(async () => {
      const c = (await ingest.commands(MN)).find((x) => x.origin === 'backfill');
      return c?.status === 'done';
    });
    const req = (await ingest.commands(MN)).find((x) => x.origin === 'backfill')!;
    expect(req.cn).toBe('2061');
    expect(JSON.parse(req.params)).toEqual({
      BeginTime: beijing(h0 + HOUR),
      EndTime: beijing(h0 + 3 * HOUR),
    });
    expect(JSON.parse(req.answer!)).toMatchObject({ packets: 3, ExeRtn: 1 });
    await ingest.drain();
    const rows = await t.db.kysely
      .selectFrom('device_values')
      .select('data_time')
      .where('cn', '=', 2061)
      .where('data_time', '>=', h0)
      .where('data_time', '<=', h0 + 4 * HOUR)
      .orderBy('data_time')
      .execute();
    expect(rows.map((r) => Number(r.data_time))).toEqual([0, 1, 2, 3, 4].map((i) => h0 + i * HOUR));
  });

  it('sets the clock of a logger running a day ahead by itself (clock_sync auto)', async () => {
    const sim = new SimLogger(ingest.port, 25 * HOUR);
    loggers.push(sim);
    await sim.open();
    const rt = (): Hj212PacketInput => ({
      qn: nextQn(),
      st: '22',
      cn: '2011',
      pw: PW,
      mn: MN,
      flag: 5,
      cp: [
        ['DataTime', beijing(sim.logger.loggerTime(Date.now()))],
        ['a34004-Rtd', '33'],
      ],
    });
    sim.send(rt());
    await until(async () => {
      const c = (await ingest.commands(MN)).find((x) => x.origin === 'clock');
      return c?.status === 'done';
    });
    expect(Math.abs(sim.logger.clockOffsetMs)).toBeLessThan(2000);
    sim.send(rt());
    await until(
      () => Math.abs(ingest.status().devices.list.find((d) => d.mn === MN)!.clockSkewS ?? 99) < 5,
    );
    expect(ingest.status().devices.list.find((d) => d.mn === MN)!.problems).not.toContain(
      'clock_skew',
    );
  });

  it('takes commands from the API (sent at once) and from the CLI (queued, then sent)', async () => {
    const u = await createUser(t.db, systemClock, WHO, {
      username: 'cmd-admin',
      role: 'city-admin',
      password: 'Lantian-test-2024',
    });
    const token = (await createToken(t.db, systemClock, WHO, u.id, 'test', null)).token;
    const app = await appWithIngest(t.db, ingest);
    const headers = { authorization: `Bearer ${token}` };
    const posted = await app.inject({
      method: 'POST',
      url: `/api/devices/${MN}/commands`,
      headers,
      payload: { command: 'get-min-interval' },
    });
    expect(posted.statusCode).toBe(202);
    expect(posted.json()).toMatchObject({ cn: '1063' });
    expect(['sent', 'accepted', 'done']).toContain(posted.json().status);
    const bad = await app.inject({
      method: 'POST',
      url: `/api/devices/${MN}/commands`,
      headers,
      payload: { command: 'reboot' },
    });
    expect(bad.json().code).toBe('LT_ERR_BAD_COMMAND');

    const env = { ...process.env, ...t.env, LANTIAN_LOG_LEVEL: 'warn' };
    const cli = await run(
      process.execPath,
      ['bin/lantian', 'device', 'command', MN, 'set-min-interval', 'MinInterval=5'],
      { env },
    );
    expect(cli.stdout).toContain('已排队');
    await ingest.sweepCommands();
    await until(async () => (await ingest.commands(MN)).every((c) => c.status === 'done'));
    expect(loggers.some((l) => l.logger.minInterval === 5)).toBe(true);
    const listed = await app.inject({ method: 'GET', url: `/api/devices/${MN}/commands`, headers });
    expect(listed.json()[0]).toMatchObject({
      cn: '1064',
      status: 'done',
      params: { MinInterval: '5' },
    });
    expect(listed.json()[1]).toMatchObject({ cn: '1063', answer: { MinInterval: '10' } });
    await app.close();
  }, 60_000);

  it('answers a logger asking for the time (1013) with 9013 and then 1012', async () => {
    const sim = new SimLogger(ingest.port, -3 * HOUR);
    loggers.push(sim);
    await sim.open();
    sim.send({ qn: nextQn(), st: '22', cn: '1013', pw: PW, mn: MN, flag: 5, cp: [] });
    await until(() => sim.commands.some((c) => c.cn === '1012'));
    await until(() => Math.abs(sim.logger.clockOffsetMs) < 2000);
    const log = await ingest.commands(MN);
    expect(log[0]).toMatchObject({ cn: '1012', origin: 'clock' });
    // A logger repeating 1013 gets at most one 1012 a minute (the command log stays bounded).
    for (let i = 0; i < 5; i++) {
      sim.send({ qn: nextQn(), st: '22', cn: '1013', pw: PW, mn: MN, flag: 5, cp: [] });
    }
    await sleep(300);
    expect(sim.commands.filter((c) => c.cn === '1012')).toHaveLength(1);
  });
});
