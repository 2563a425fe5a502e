/**
 * Crash test of the truck listener ("a reply means durable"): `lantian serve` runs as a child
 * process; a terminal pipelines real-time frames; the server is killed with SIGKILL once some are
 * answered. Every second of every answered frame must then be in the archive (read back by the
 * vehicle-day detail reader) and set in the minute masks. Restarted on the same store and archive,
 * the terminal reissues everything: the end state has every second exactly once (no duplicate,
 * none missing), whatever the crash left half done.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMessage } from '../src/protocols/gb17691/index.ts';
import { streamBlock } from '../src/protocols/gb17691/test-frames.ts';
import { openTruckArchive } from '../src/trucks/archive/truck-archive.ts';
import { readVehicleDetail } from '../src/trucks/detail/vehicle-detail.ts';
import { minuteOf, secondSeen } from '../src/trucks/minutes/minute-summary.ts';
import { findVehicle } from '../src/trucks/vehicle-repo.ts';
import { startCli } from './support/cli.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { seedTrucks, seedVehicles, sleep, Terminal, TODAY, VIN_HJ } from './trucks-support.ts';

const BASE = Date.parse(`${TODAY}T01:00:00+08:00`);
const FRAMES = 120;
const iso = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';

/** Frame k: seconds 10k … 10k+9 (HJ 1239 layout), live or reissued. */
const frame = (k: number, command: 0x02 | 0x03) =>
  encodeMessage({
    kind: command === 0x02 ? 'realtime' : 'reissue',
    command,
    vin: VIN_HJ,
    layout: 'hj1239',
    sendTime: iso(BASE + k * 10_000 + 10_000),
    serial: k + 1,
    blocks: Array.from({ length: 10 }, (_, i) =>
      streamBlock(iso(BASE + (k * 10 + i) * 1000), null, { speed: (k * 10 + i) % 90 }),
    ),
    signature: null,
  });

describe.each(dialectsUnderTest())('truck listener killed with SIGKILL on %s', (dialect) => {
  let t: TestStore;
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedTrucks(t.db);
    await seedVehicles(t.db);
    dir = mkdtempSync(join(tmpdir(), 'lantian-truck-crash-'));
    env = {
      ...t.env,
      LANTIAN_TRUCKS_ARCHIVE_DIR: dir,
      LANTIAN_LOG_LEVEL: 'warn',
      LANTIAN_HJ212_PORT: '0',
    };
  });
  afterAll(async () => {
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const serve = () =>
    startCli(
      ['serve', '--port', '0', '--host', '127.0.0.1', '--trucks-port', '0'],
      env,
      /重型车终端监听端口 (\d+)/,
    );

  const stored = async (seconds: number[]) => {
    const v = (await findVehicle(t.db.kysely, VIN_HJ))!;
    const archive = await openTruckArchive(dir, { retentionDays: 30 });
    try {
      const detail = await readVehicleDetail(archive, v, TODAY);
      const minutes = new Map(
        (
          await t.db.kysely
            .selectFrom('truck_minutes')
            .selectAll()
            .where('vehicle_id', '=', v.id)
            .execute()
        ).map((m) => [Number(m.minute), m]),
      );
      const inDetail = new Set(detail.map((r) => (r.record_time - BASE) / 1000));
      const inMinutes = seconds.filter((s) => {
        const at = BASE + s * 1000;
        const m = minutes.get(minuteOf(at));
        return m !== undefined && secondSeen(m, (at - minuteOf(at)) / 1000);
      });
      return { detail, inDetail, inMinutes, minutes: [...minutes.values()] };
    } finally {
      await archive.close();
    }
  };

  it('keeps every answered second, and a reissue after the restart ends with each second once', async () => {
    // Run 1: pipeline every frame, kill -9 once some are answered.
    const first = await serve();
    const exited = new Promise<void>((done) => first.child.on('exit', () => done()));
    const term = await Terminal.open(Number(first.match[1]));
    for (let k = 0; k < FRAMES; k++) term.send(frame(k, 0x02));
    const deadline = Date.now() + 30_000;
    while (term.replies.length < 20 && Date.now() < deadline) await sleep(2);
    first.child.kill('SIGKILL');
    await exited;
    const answered = term.replies.filter((r) => r.command === 2).length;
    term.close();
    expect(answered).toBeGreaterThanOrEqual(20);
    const answeredSeconds = Array.from({ length: answered * 10 }, (_, s) => s);
    const afterCrash = await stored(answeredSeconds);
    expect(answeredSeconds.filter((s) => !afterCrash.inDetail.has(s))).toEqual([]);
    expect(afterCrash.inMinutes).toEqual(answeredSeconds);

    // Run 2: the terminal reissues everything (answered or not).
    const second = await serve();
    const stopped = new Promise<number | null>((done) => second.child.on('exit', (c) => done(c)));
    const again = await Terminal.open(Number(second.match[1]));
    for (let k = 0; k < FRAMES; k++) again.send(frame(k, 0x03));
    await again.waitReplies(FRAMES, 60_000);
    again.close();
    second.child.kill('SIGINT');
    expect(await stopped).toBe(0);
    const all = Array.from({ length: FRAMES * 10 }, (_, s) => s);
    const end = await stored(all);
    expect(end.detail.map((r) => (r.record_time - BASE) / 1000)).toEqual(all);
    expect(end.inMinutes).toEqual(all);
    expect(end.minutes.reduce((n, m) => n + m.records, 0)).toBe(FRAMES * 10);
    const st = await t.db.kysely.selectFrom('truck_status').selectAll().executeTakeFirstOrThrow();
    expect(Number(st.records)).toBe(FRAMES * 10);
  }, 180_000);
});
